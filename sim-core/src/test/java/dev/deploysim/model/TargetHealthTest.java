package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Distribution;
import dev.deploysim.scenario.LoadBalancerSpec.HealthCheckSpec;
import dev.deploysim.scenario.VersionSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Target health checks against the ELB documentation
 * (docs/platforms/load-balancing.md#health-check-settings, #a-newly-registered-target,
 * #healthy-and-unhealthy): ALB defaults interval 30 s, healthy threshold 5, unhealthy threshold 2,
 * one passing check for a newly registered target; CLB healthy threshold 10.
 */
class TargetHealthTest {

  /** Runs the world up to {@code t} (events at exactly {@code t} included). */
  private static void runTo(World w, double t) {
    w.sim().runUntil(t);
  }

  @Test
  void newTargetIsHealthyAfterOnePassingCheck() {
    World w = ModelScenarios.scenario().withInstances(2).world();
    TargetGroup tg = w.createTargetGroup("t");
    Instance i = w.primary().group().inService().get(0);
    tg.register(i);
    // registered at 0, first check fixed at +10 s: ALB needs ONE pass -> healthy at 10 s
    assertThat(tg.state(i)).isEqualTo(TargetState.INITIAL);
    runTo(w, 9.999);
    assertThat(tg.state(i)).isEqualTo(TargetState.INITIAL);
    runTo(w, 10);
    assertThat(tg.state(i)).isEqualTo(TargetState.HEALTHY);
  }

  @Test
  void healthyTargetIsOutAfterTwoFailuresAndBackAfterFivePasses() {
    World w = ModelScenarios.scenario().withInstances(2).world();
    TargetGroup tg = w.createTargetGroup("t");
    Instance i = w.primary().group().inService().get(0);
    tg.register(i);
    // checks at 10, 40, 70, 100, 130, ... (first at +10 s, then every 30 s)
    runTo(w, 55);
    assertThat(tg.state(i)).isEqualTo(TargetState.HEALTHY);
    i.stopApplication(w.systemScope()); // the instance starts failing at 55 s
    // failed checks at 70 (1) and 100 (2): unhealthy threshold 2 -> unhealthy at 100 s,
    // 45 s after the failure began: within (1 x 30 s, 2 x 30 s]
    runTo(w, 99.999);
    assertThat(tg.state(i)).isEqualTo(TargetState.HEALTHY);
    runTo(w, 100);
    assertThat(tg.state(i)).isEqualTo(TargetState.UNHEALTHY);
    double out = 100 - 55;
    assertThat(out).isGreaterThan(30).isLessThanOrEqualTo(60);

    // recovery: the application restarts at 130 s and runs from 140 s (v1 start 10 s); the check
    // at 130 fails (starting); passes at 160, 190, 220, 250, 280: healthy threshold 5 -> 280 s
    runTo(w, 130);
    i.startApplication(w.systemScope());
    runTo(w, 279.999);
    assertThat(tg.state(i)).isEqualTo(TargetState.UNHEALTHY);
    runTo(w, 280);
    assertThat(tg.state(i)).isEqualTo(TargetState.HEALTHY);
    // 4 intervals after the first passing check: (5 - 1) x 30 s = 120 s after 160 s
    assertThat(280 - 160.0).isEqualTo(4 * 30.0);
  }

  /** v1 whose health endpoint takes {@code seconds} to answer. */
  private static World answeringIn(double seconds) {
    return ModelScenarios.scenario().withInstances(2)
        .withVersion(new dev.deploysim.scenario.VersionSpec("v1", dev.deploysim.engine.Distribution.constant(30),
            dev.deploysim.engine.Distribution.constant(10), new dev.deploysim.scenario.VersionSpec.Healthy(), 0, 1,
            null, null, dev.deploysim.engine.Distribution.constant(seconds)))
        .world();
  }

  @ParameterizedTest(name = "answer in {0} s, timeout 5 s")
  @CsvSource({
      // faster than the 5 s timeout: the check sent at 10 s passes when its answer arrives, at 14 s
      "4, HEALTHY, 14",
      // exactly the timeout is not slower than it: passes at 10 + 5 = 15 s
      "5, HEALTHY, 15",
      // slower than the timeout: checks sent at 10 and 40 s fail when they time out, at 15 and 45 s;
      // two failures (UnhealthyThresholdCount 2) make the new target unhealthy at 45 s
      "6, UNHEALTHY, 45"})
  void aCheckAnsweredAfterTheTimeoutFails(double answer, TargetState state, double at) {
    World w = answeringIn(answer);
    TargetGroup tg = w.createTargetGroup("t");
    Instance i = w.primary().group().inService().get(0);
    tg.register(i);
    runTo(w, at - 0.001);
    assertThat(tg.state(i)).isEqualTo(TargetState.INITIAL);
    runTo(w, at);
    assertThat(tg.state(i)).isEqualTo(state);
    if (state == TargetState.UNHEALTHY) {
      // and it stays so: every check times out
      runTo(w, 1000);
      assertThat(tg.state(i)).isEqualTo(TargetState.UNHEALTHY);
      assertThat(w.timeline()).anySatisfy(e -> assertThat(e.message()).isEqualTo(i.name()
          + " health check timed out after 5s in t"));
    }
  }

  @Test
  void failuresMustBeConsecutive() {
    World w = ModelScenarios.scenario().withInstances(2).world();
    TargetGroup tg = w.createTargetGroup("t");
    Instance i = w.primary().group().inService().get(0);
    tg.register(i); // checks at 10, 40, 70, 100, 130
    runTo(w, 35);
    i.stopApplication(w.systemScope()); // check at 40 fails (1)
    runTo(w, 41);
    i.startApplication(w.systemScope()); // running at 51: check at 70 passes, the count resets
    runTo(w, 75);
    i.stopApplication(w.systemScope()); // check at 100 fails (1 consecutive only)
    runTo(w, 100);
    assertThat(tg.state(i)).isEqualTo(TargetState.HEALTHY);
    runTo(w, 130); // second consecutive failure
    assertThat(tg.state(i)).isEqualTo(TargetState.UNHEALTHY);
  }

  @Test
  void newTargetThatFailsBecomesUnhealthyAndThenNeedsTheHealthyThreshold() {
    World w = ModelScenarios.scenario().withInstances(2).world();
    TargetGroup tg = w.createTargetGroup("t");
    Instance i = w.primary().group().inService().get(0);
    i.stopApplication(w.systemScope());
    tg.register(i);
    // failed checks at 10 and 40: unhealthy threshold 2 -> unhealthy at 40
    runTo(w, 39.999);
    assertThat(tg.state(i)).isEqualTo(TargetState.INITIAL);
    runTo(w, 40);
    assertThat(tg.state(i)).isEqualTo(TargetState.UNHEALTHY);
    // started at 45, running at 55: passes at 70, 100, 130, 160, 190 -> healthy at 190 (5 passes,
    // the unhealthy -> healthy rule, not the one-pass rule for new targets)
    runTo(w, 45);
    i.startApplication(w.systemScope());
    runTo(w, 189.999);
    assertThat(tg.state(i)).isEqualTo(TargetState.UNHEALTHY);
    runTo(w, 190);
    assertThat(tg.state(i)).isEqualTo(TargetState.HEALTHY);
  }

  @Test
  void classicLoadBalancerNeedsTheHealthyThresholdFromInitial() {
    World w = ModelScenarios.scenario().withInstances(2).withClb().world();
    TargetGroup tg = w.createTargetGroup("t");
    Instance i = w.primary().group().inService().get(0);
    tg.register(i);
    // CLB healthy threshold 10 (the model's assumption for a new target): passes at
    // 10, 40, ..., 10 + 9 x 30 = 280 -> healthy at 280 s
    runTo(w, 279.999);
    assertThat(tg.state(i)).isEqualTo(TargetState.INITIAL);
    runTo(w, 280);
    assertThat(tg.state(i)).isEqualTo(TargetState.HEALTHY);
  }

  @Test
  void detectionDelayIsWithinOneToTwoIntervalsWhateverTheCheckPhase() {
    // the initial fleet's checks have random phases; whatever the phase, the second failed check
    // comes more than 1 x 30 s and at most 2 x 30 s after the failure starts
    for (long seed = 1; seed <= 5; seed++) {
      World w = ModelScenarios.scenario().withSeed(seed).withInstances(8).world();
      TargetGroup tg = w.primary().targetGroup();
      List<Double> outAt = new ArrayList<>();
      w.addListener(new WorldListener() {
        @Override
        public void targetHealthChanged(TargetGroup g, Instance instance, TargetState state) {
          if (state == TargetState.UNHEALTHY) {
            outAt.add(w.now());
          }
        }
      });
      runTo(w, 1000);
      for (Instance i : w.primary().group().inService()) {
        i.stopApplication(w.systemScope());
      }
      runTo(w, 1200);
      assertThat(outAt).hasSize(8);
      assertThat(outAt).allSatisfy(t -> assertThat(t - 1000).isGreaterThan(30).isLessThanOrEqualTo(60));
      assertThat(tg.unhealthyCount()).isEqualTo(8);
    }
  }

  /**
   * A healthy target's checks sleep while its instance keeps passing them (TargetGroup#maySleep):
   * the transitions must be exactly those of checks that run as events. The reference world runs
   * a version that fails only after 10^9 s, so it passes every check too but its checks never
   * sleep; both worlds draw the same check phases (same seed, uniform phase: no firstCheckDelay).
   */
  @Test
  void sleepingChecksChangeNothing() {
    List<String> sleeping = new ArrayList<>();
    List<String> awake = new ArrayList<>();
    long sleepingEvents = healthStory(new VersionSpec.Healthy(), sleeping);
    long awakeEvents = healthStory(new VersionSpec.FailingAfter(1e9), awake);
    assertThat(sleeping).isEqualTo(awake);
    // each of the 3 rounds takes 5 targets out and back (10 transitions); the impaired instance is
    // replaced (EC2 status checks) and its replacement turns healthy (1); the last stops take 3
    // out: 34 transitions
    assertThat(sleeping).hasSize(34);
    // 20 targets checked every 10 s (then 15 s) for 4,000 s: about 6,000 checks as events; asleep
    // only the checks around the changes run
    assertThat(awakeEvents).isGreaterThan(6_000);
    assertThat(sleepingEvents).isLessThan(awakeEvents / 4);
  }

  /** Stops, restarts, impairs and re-times the checks of a 20-instance fleet; returns the events fired. */
  private static long healthStory(VersionSpec.Health health, List<String> transitions) {
    World w = ModelScenarios.scenario().withSeed(3).withInstances(20)
        .withHealthCheck(10, 5, 3, 2, 1, null)
        .withVersion(new VersionSpec("v1", Distribution.constant(30), Distribution.constant(10), health, 0, 1))
        .world();
    TargetGroup tg = w.primary().targetGroup();
    w.addListener(new WorldListener() {
      @Override
      public void targetHealthChanged(TargetGroup g, Instance instance, TargetState state) {
        transitions.add(w.now() + " " + instance.name() + " " + state);
      }
    });
    // an ELB-checked group's CPU, read the fast way (every InService instance, from arrays) and
    // through a predicate that accepts every instance: the same readings to the last bit
    CpuMeter fast = new CpuMeter(w, w.primary().group());
    CpuMeter counted = new CpuMeter(w, w.primary().group());
    List<Instance> fleet = w.primary().group().inService();
    for (double at : new double[] {1000.3, 1900.7, 2700.1}) {
      runTo(w, at);
      assertCountsAgree(tg);
      assertThat(Double.doubleToLongBits(fast.read())).isEqualTo(Double.doubleToLongBits(counted.read(i -> true)));
      for (Instance i : fleet.subList(0, 5)) {
        i.stopApplication(w.systemScope());
      }
      runTo(w, at + 95);
      for (Instance i : fleet.subList(0, 5)) {
        i.startApplication(w.systemScope());
      }
    }
    runTo(w, 3100);
    fleet.get(7).setImpaired(true);
    runTo(w, 3150);
    assertCountsAgree(tg);
    runTo(w, 3200);
    fleet.get(7).setImpaired(false);
    runTo(w, 3333.3);
    // ModifyTargetGroup: the new interval applies from each target's next check
    tg.setHealthCheck(new HealthCheckSpec(15, 5, 3, 2, 1, null));
    runTo(w, 3500);
    for (Instance i : fleet.subList(10, 13)) {
      i.stopApplication(w.systemScope());
    }
    runTo(w, 3521);
    assertCountsAgree(tg);
    runTo(w, 4000);
    assertCountsAgree(tg);
    return w.sim().eventsFired();
  }

  /** The counts the group keeps as targets change state are those of its targets now. */
  private static void assertCountsAgree(TargetGroup tg) {
    int healthy = 0;
    int unhealthy = 0;
    for (TargetGroup.Target t : tg.targets()) {
      if (t.state() == TargetState.HEALTHY) {
        healthy++;
      } else if (t.state() == TargetState.UNHEALTHY) {
        unhealthy++;
      }
    }
    assertThat(tg.healthyCount()).isEqualTo(healthy);
    assertThat(tg.unhealthyCount()).isEqualTo(unhealthy);
  }
}
