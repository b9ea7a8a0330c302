package dev.deploysim.strategies.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.model.Instance;
import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.model.World;
import dev.deploysim.strategy.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The minimum-healthy-hosts rules (CodeDeploy user guide, deployment-configurations.md and
 * instances-health.md), on a fleet whose per-instance deployment takes 10 s and succeeds or fails as
 * the test says.
 */
class HealthGateTest {

  /** A gate over a fleet of {@code n}; instances named in {@code failing} fail their deployment. */
  static final class Harness {
    final World world;
    final Deployment d;
    final List<Instance> fleet;
    final List<Instance> order = new ArrayList<>();
    int inFlight;
    int maxInFlight;
    Task result;
    double end = Double.NaN;
    HealthGate gate;

    Harness(int n) {
      world = new World(CodeDeployScenarios.of("codedeploy.in-place", n).scenario(), false);
      d = new Deployment(world, new CodeDeployInPlace());
      fleet = world.primary().group().inService();
    }

    Harness run(MinimumHealthyHosts min, Set<String> failing, Set<Instance> unhealthy) {
      Scope s = d.scope();
      gate = new HealthGate(d, s, fleet, fleet, unhealthy, min, "v2", i -> {
        order.add(i);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        Task t = new Task(s);
        s.after(10, () -> {
          inFlight--;
          if (failing.contains(i.name())) {
            t.fail(i.name() + " failed");
          } else {
            i.setLastSuccessfulVersion("v2");
            t.succeed();
          }
        });
        return t;
      }, "deploy to");
      result = gate.run();
      result.whenDone(t -> end = world.now());
      world.sim().runUntil(10_000);
      return this;
    }

    Harness run(MinimumHealthyHosts min, Set<String> failing) {
      return run(min, failing, Set.of());
    }
  }

  static MinimumHealthyHosts config(String name) {
    return DeploymentConfigs.minimumHealthyHosts(name);
  }

  @ParameterizedTest(name = "{0} on {1} instances: {2} at a time, minimum {3}")
  @CsvSource({
      // OneAtATime keeps all but one: 1 at a time
      "CodeDeployDefault.OneAtATime, 9, 1, 8",
      "CodeDeployDefault.OneAtATime, 10, 1, 9",
      // HalfAtATime: minimum half rounded up (9 -> 5), so half rounded down at a time (9 -> 4)
      "CodeDeployDefault.HalfAtATime, 9, 4, 5",
      "CodeDeployDefault.HalfAtATime, 10, 5, 5",
      // AllAtOnce: minimum 0, everything at once
      "CodeDeployDefault.AllAtOnce, 9, 9, 0",
      "CodeDeployDefault.AllAtOnce, 10, 10, 0"})
  void predefinedConcurrency(String config, int n, int atOnce, int minimum) {
    Harness h = new Harness(n).run(config(config), Set.of());
    assertThat(h.gate.minimum()).isEqualTo(minimum);
    assertThat(h.maxInFlight).isEqualTo(atOnce);
    assertThat(h.result.succeeded()).isTrue();
    // waves of 10 s: ceil(n / atOnce)
    assertThat(h.end).isEqualTo(10.0 * Math.ceil((double) n / atOnce));
  }

  @Test
  void hostCountSixOfNineDeploysThreeAtATime() {
    // API example: HOST_COUNT 6 on 9 instances deploys up to 3 at a time
    Harness h = new Harness(9).run(MinimumHealthyHosts.hostCount(6), Set.of());
    assertThat(h.gate.minimum()).isEqualTo(6);
    assertThat(h.maxInFlight).isEqualTo(3);
    assertThat(h.result.succeeded()).isTrue();
  }

  @Test
  void fleetPercentFortyOfNineRoundsUpToFourAndDeploysFive() {
    // API example: FLEET_PERCENT 40 on 9: 3.6 rounds up to 4, so up to 5 at a time
    Harness h = new Harness(9).run(MinimumHealthyHosts.fleetPercent(40), Set.of());
    assertThat(h.gate.minimum()).isEqualTo(4);
    assertThat(h.maxInFlight).isEqualTo(5);
  }

  @Test
  void fleetPercentFourtyOfNineSucceedsWithFourSuccesses() {
    // FLEET_PERCENT 40 of 9 succeeds if 4 or more succeed: the first wave of 5 has 4 failures
    // (i-0001..i-0004 fail, i-0005 succeeds): healthy = 4 untouched + 1 = 5 >= 4 + 1, deploy on
    Harness h = new Harness(9).run(MinimumHealthyHosts.fleetPercent(40),
        Set.of("i-0001", "i-0002", "i-0003", "i-0004"));
    assertThat(h.result.succeeded()).isTrue();
    assertThat(h.gate.successes()).isEqualTo(5);
  }

  @Test
  void ninetyFivePercentOfTenFailsAtOnceWithoutDeploying() {
    // 95% of 10 = 9.5, rounded up to 10: the whole fleet, no instance may go offline
    Harness h = new Harness(10).run(MinimumHealthyHosts.fleetPercent(95), Set.of());
    assertThat(h.result.isFailed()).isTrue();
    assertThat(h.order).isEmpty();
    assertThat(h.end).isZero();
  }

  @Test
  void minimumsFromTheTenInstanceExample() {
    // "min 9 gives 1 at a time; min 8 gives 2 at a time; min 0 gives all"
    assertThat(new Harness(10).run(MinimumHealthyHosts.hostCount(9), Set.of()).maxInFlight).isEqualTo(1);
    assertThat(new Harness(10).run(MinimumHealthyHosts.hostCount(8), Set.of()).maxInFlight).isEqualTo(2);
    assertThat(new Harness(10).run(MinimumHealthyHosts.hostCount(0), Set.of()).maxInFlight).isEqualTo(10);
  }

  @Test
  void halfAtATimeOfNineSucceedsWithFiveSuccesses() {
    // waves: i-0001..4 succeed; i-0005..8 run, i-0006..8 fail -> healthy 9 - 3 = 6 >= 5 + 1, so
    // i-0009 may go; it fails too: 5 healthy at the end = the minimum: succeeded (5 of 9)
    Harness h = new Harness(9).run(config(DeploymentConfigs.HALF_AT_A_TIME),
        Set.of("i-0006", "i-0007", "i-0008", "i-0009"));
    assertThat(h.result.succeeded()).isTrue();
    assertThat(h.gate.successes()).isEqualTo(5);
  }

  @Test
  void halfAtATimeOfNineFailsWithFourSuccesses() {
    // i-0005..8 all fail: healthy 5 = minimum, i-0009 cannot go offline: stopped with 4 successes
    Harness h = new Harness(9).run(config(DeploymentConfigs.HALF_AT_A_TIME),
        Set.of("i-0005", "i-0006", "i-0007", "i-0008"));
    assertThat(h.result.isFailed()).isTrue();
    assertThat(h.gate.successes()).isEqualTo(4);
    assertThat(h.order).hasSize(8);
  }

  @Test
  void oneAtATimeSucceedsWhenOnlyTheLastInstanceFails() {
    Harness h = new Harness(9).run(config(DeploymentConfigs.ONE_AT_A_TIME), Set.of("i-0009"));
    assertThat(h.result.succeeded()).isTrue();
    assertThat(h.gate.successes()).isEqualTo(8);
  }

  @Test
  void oneAtATimeStopsAtTheFirstFailureBeforeTheLast() {
    Harness h = new Harness(9).run(config(DeploymentConfigs.ONE_AT_A_TIME), Set.of("i-0003"));
    assertThat(h.result.isFailed()).isTrue();
    // i-0001, i-0002 succeeded, i-0003 failed, nothing after it was touched
    assertThat(h.order).extracting(Instance::name).containsExactly("i-0001", "i-0002", "i-0003");
    assertThat(h.end).isEqualTo(30.0);
  }

  @Test
  void oneAtATimeOnASingleInstanceMustSucceed() {
    assertThat(new Harness(1).run(config(DeploymentConfigs.ONE_AT_A_TIME), Set.of("i-0001")).result.isFailed())
        .isTrue();
    assertThat(new Harness(1).run(config(DeploymentConfigs.ONE_AT_A_TIME), Set.of()).result.succeeded()).isTrue();
  }

  @Test
  void allAtOnceSucceedsWithOneSuccessAndFailsOnlyWhenAllFail() {
    Set<String> eight = Set.of("i-0001", "i-0002", "i-0003", "i-0004", "i-0005", "i-0006", "i-0007", "i-0008");
    assertThat(new Harness(9).run(config(DeploymentConfigs.ALL_AT_ONCE), eight).result.succeeded()).isTrue();
    Set<String> all = new java.util.HashSet<>(eight);
    all.add("i-0009");
    assertThat(new Harness(9).run(config(DeploymentConfigs.ALL_AT_ONCE), all).result.isFailed()).isTrue();
  }

  @Test
  void unhealthyInstancesGoFirstThenUnknownThenOldThenCurrentRevision() {
    Harness h = new Harness(5);
    Instance unhealthy = h.fleet.get(3);
    Instance unknown = h.fleet.get(4);
    unknown.setLastSuccessfulVersion(null);
    Instance current = h.fleet.get(0);
    current.setLastSuccessfulVersion("v2");
    h.run(config(DeploymentConfigs.ONE_AT_A_TIME), Set.of(), Set.of(unhealthy));
    assertThat(h.order.get(0)).isSameAs(unhealthy);
    assertThat(h.order.get(1)).isSameAs(unknown);
    assertThat(h.order.get(h.order.size() - 1)).isSameAs(current);
    assertThat(h.result.succeeded()).isTrue();
  }

  @Test
  void unhealthyInstancesDoNotCountAgainstTheMinimum() {
    // OneAtATime on 5 with one unhealthy instance: minimum 4; the unhealthy one may go while the
    // 4 healthy stay, and then each healthy one in turn (healthy 5 - 1 = 4 >= 4)
    Harness h = new Harness(5);
    h.run(config(DeploymentConfigs.ONE_AT_A_TIME), Set.of(), Set.of(h.fleet.get(2)));
    assertThat(h.result.succeeded()).isTrue();
    assertThat(h.maxInFlight).isEqualTo(1);
  }
}
