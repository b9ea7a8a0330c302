package dev.deploysim.model;

import dev.deploysim.control.Task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Distribution;
import dev.deploysim.scenario.LifecycleHookSpec.HookResult;
import dev.deploysim.scenario.VersionSpec;
import dev.deploysim.scenario.WarmPoolSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * EC2 Auto Scaling (docs/platforms/auto-scaling.md: lifecycle hooks, health checks and replacement,
 * scale-in, standby, warm pools, scheduled actions): zone spread and the default termination
 * policy, scale-in protection, lifecycle hooks and their heartbeat timeout, load balancer
 * registration order, health-check replacement (grace period, EC2 impairment, 10% at a time), warm
 * pools, standby and scheduled actions.
 *
 * <p>Defaults of the test scenario: launch 60 s, install 30 s, start 10 s (a cold launch is
 * InService 100 s after it starts), first target check 10 s after registration, interval 30 s.
 */
class AutoScalingGroupTest {

  private static Map<String, Integer> perZone(AutoScalingGroup g) {
    Map<String, Integer> m = new HashMap<>();
    for (Instance i : g.inService()) {
      m.merge(i.zone(), 1, Integer::sum);
    }
    return m;
  }

  private static long count(AutoScalingGroup g, Predicate<Instance> p) {
    return g.members().stream().filter(p).count();
  }

  private static Instance only(AutoScalingGroup g, Predicate<Instance> p) {
    List<Instance> l = g.members().stream().filter(p).toList();
    assertThat(l).hasSize(1);
    return l.get(0);
  }

  // --- zones and scale-in --------------------------------------------------------------------

  @Test
  void launchesSpreadEvenlyOverZones() {
    World w = ModelScenarios.scenario().withInstances(3).withSizes(3, 9).withZones("a", "b", "c").world();
    AutoScalingGroup g = w.primary().group();
    assertThat(perZone(g)).containsEntry("a", 1).containsEntry("b", 1).containsEntry("c", 1);
    g.setDesiredCapacity(9);
    w.sim().runUntil(100); // cold launches: 60 + 30 + 10 s
    assertThat(g.inService()).hasSize(9);
    assertThat(perZone(g)).containsEntry("a", 3).containsEntry("b", 3).containsEntry("c", 3);
  }

  @Test
  void replacementGoesToTheZoneThatLostAnInstance() {
    World w = ModelScenarios.scenario().withInstances(6).withZones("a", "b", "c").withRps(0).world();
    AutoScalingGroup g = w.primary().group();
    Instance inB = g.inService().stream().filter(i -> i.zone().equals("b")).findFirst().orElseThrow();
    g.terminate(w.systemScope(), inB, false); // no traffic: no drain, terminated at once
    w.sim().runUntil(0.001);
    Instance launching = only(g, i -> i.state().isLaunching());
    assertThat(launching.zone()).isEqualTo("b");
  }

  @Test
  void scaleInTakesTheZoneWithMostInstancesThenTheOlderLaunchVersion() {
    // zones a, b; 4 x v1 (a, b, a, b); the launch version becomes v2 and a fifth instance goes to
    // a (tie, first zone): a = {v1, v1, v2}, b = {v1, v1}
    World w = ModelScenarios.scenario().withInstances(4).withSizes(1, 5).withZones("a", "b").withRps(0).world();
    AutoScalingGroup g = w.primary().group();
    g.setLaunchVersion("v2");
    g.setDesiredCapacity(5);
    w.sim().runUntil(200);
    assertThat(g.inService()).hasSize(5);
    Instance fifth = only(g, i -> "v2".equals(i.version()));
    assertThat(fifth.zone()).isEqualTo("a");
    // scale in by one: zone a has the most (3); within it the older launch version (v1) goes
    List<Instance> before = g.inService();
    g.setDesiredCapacity(4);
    w.sim().runUntil(201);
    List<Instance> gone = before.stream().filter(Instance::isTerminated).toList();
    assertThat(gone).hasSize(1);
    Instance victim = gone.get(0);
    assertThat(victim.zone()).isEqualTo("a");
    assertThat(victim.version()).isEqualTo("v1");
    w.sim().runUntil(300);
    // then a = {v1, v2}, b = {v1, v1}: zones tie, the v2 instance is never chosen before a v1
    for (int n = 3; n >= 2; n--) {
      g.setDesiredCapacity(n);
      w.sim().runUntil(w.now() + 50);
      assertThat(fifth.state()).isEqualTo(LifecycleState.IN_SERVICE);
    }
    assertThat(g.inService()).hasSize(2);
    assertThat(perZone(g).values()).containsOnly(1);
  }

  @Test
  void scaleInTakesAnOldVersionBeforeALaunchOfTheCurrentOne() {
    // one zone: 2 x v1 InService; the launch version becomes v2 and a third instance starts
    // launching; scaling back in at 10 s takes a v1 instance (older launch version), not the v2
    // launch that has not installed its version yet
    World w = ModelScenarios.scenario().withInstances(2).withSizes(1, 3).withRps(0).world();
    AutoScalingGroup g = w.primary().group();
    g.setLaunchVersion("v2");
    g.setDesiredCapacity(3);
    w.sim().runUntil(10);
    Instance launching = only(g, i -> i.state().isLaunching());
    List<Instance> old = g.inService();
    g.setDesiredCapacity(2);
    w.sim().runUntil(10.001);
    assertThat(launching.state().isLaunching()).isTrue();
    assertThat(old.stream().filter(Instance::isTerminated).count()).isEqualTo(1);
    w.sim().runUntil(200);
    assertThat(launching.state()).isEqualTo(LifecycleState.IN_SERVICE);
    assertThat(launching.version()).isEqualTo("v2");
  }

  @Test
  void withinAZoneAndAVersionScaleInTakesTheInstanceClosestToItsNextBillingHour() {
    // the default termination policy's third step: one zone, one version; 2 instances launched at
    // 0 s, a third at 1000 s. At 3500 s the first two are 3600 - 3500 = 100 s from their next
    // billing hour, the third 3600 - (3500 - 1000) = 1100 s: scale-in takes one of the first two,
    // then the other (100 s < 1100 s), never the third
    World w = ModelScenarios.scenario().withInstances(2).withSizes(1, 3).withRps(0).withHorizon(5000).world();
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(1000);
    g.setDesiredCapacity(3);
    w.sim().runUntil(1000.001);
    Instance third = only(g, i -> i.state().isLaunching());
    assertThat(third.launchedAt()).isEqualTo(1000.0);
    w.sim().runUntil(3500);
    assertThat(TerminationPolicy.untilNextBillingHour(third, 3500)).isEqualTo(1100.0);
    g.setDesiredCapacity(2);
    w.sim().runUntil(3550);
    g.setDesiredCapacity(1);
    w.sim().runUntil(3600);
    assertThat(g.inService()).containsExactly(third);
  }

  @Test
  void protectedInstancesAreNotScaledIn() {
    World w = ModelScenarios.scenario().withInstances(4).withSizes(0, 4).withRps(0).world();
    AutoScalingGroup g = w.primary().group();
    List<Instance> in = g.inService();
    for (int k = 0; k < 3; k++) {
      in.get(k).setProtectedFromScaleIn(true);
    }
    g.setDesiredCapacity(1);
    w.sim().runUntil(100);
    // only the unprotected one goes; desired is 1 but the 3 protected instances stay
    assertThat(in.get(3).isTerminated()).isTrue();
    assertThat(g.inService()).containsExactlyInAnyOrder(in.get(0), in.get(1), in.get(2));
    assertThat(g.desired()).isEqualTo(1);
    assertThat(count(g, i -> i.state().isLaunching())).isZero();
  }

  // --- lifecycle hooks ------------------------------------------------------------------------

  @Test
  void launchHookHoldsPendingWaitUntilCompletedAndRegistersBeforeInService() {
    World w = ModelScenarios.scenario().withInstances(1).withSizes(1, 2)
        .withHook(ModelScenarios.launchHook(3600, HookResult.ABANDON, 100.0, HookResult.CONTINUE)).world();
    AutoScalingGroup g = w.primary().group();
    TargetGroup tg = w.primary().targetGroup();
    List<Boolean> registeredAtInService = new ArrayList<>();
    w.addListener(new WorldListener() {
      @Override
      public void instanceInService(AutoScalingGroup group, Instance instance) {
        registeredAtInService.add(tg.isRegistered(instance));
      }
    });
    g.setDesiredCapacity(2);
    // booted at 60 s -> Pending:Wait; the hook's owner completes it 100 s later (160 s); the
    // application is ready at 60 + 30 + 10 = 100 s, so the hook is what holds the instance
    w.sim().runUntil(59);
    Instance n = only(g, i -> i.state().isLaunching());
    assertThat(n.state()).isEqualTo(LifecycleState.PENDING);
    w.sim().runUntil(60);
    assertThat(n.state()).isEqualTo(LifecycleState.PENDING_WAIT);
    w.sim().runUntil(159.999);
    assertThat(n.state()).isEqualTo(LifecycleState.PENDING_WAIT);
    assertThat(tg.isRegistered(n)).isFalse();
    w.sim().runUntil(160);
    assertThat(n.state()).isEqualTo(LifecycleState.IN_SERVICE);
    assertThat(registeredAtInService).containsExactly(true);
  }

  @Test
  void launchHookTimeoutWithDefaultAbandonTerminatesAndReplaces() {
    // nobody completes the hook: heartbeat timeout 3600 s (the default), result ABANDON
    World w = ModelScenarios.scenario().withInstances(1).withSizes(1, 2)
        .withHook(ModelScenarios.launchHook(3600, HookResult.ABANDON, null, HookResult.CONTINUE)).world();
    AutoScalingGroup g = w.primary().group();
    g.setDesiredCapacity(2);
    w.sim().runUntil(60);
    Instance n = only(g, i -> i.state().isLaunching());
    // Pending:Wait from 60 s until 60 + 3600 = 3660 s
    w.sim().runUntil(3659.999);
    assertThat(n.state()).isEqualTo(LifecycleState.PENDING_WAIT);
    w.sim().runUntil(3660);
    assertThat(n.isTerminated()).isTrue();
    // and a replacement launches at once
    w.sim().runUntil(3660.001);
    Instance r = only(g, i -> i.state().isLaunching());
    assertThat(r).isNotSameAs(n);
    assertThat(r.launchedAt()).isEqualTo(3660);
  }

  @Test
  void launchHookTimeoutWithDefaultContinueGoesInService() {
    World w = ModelScenarios.scenario().withInstances(1).withSizes(1, 2)
        .withHook(ModelScenarios.launchHook(300, HookResult.CONTINUE, null, HookResult.CONTINUE)).world();
    AutoScalingGroup g = w.primary().group();
    g.setDesiredCapacity(2);
    w.sim().runUntil(60);
    Instance n = only(g, i -> i.state().isLaunching());
    // heartbeat timeout 300 s from 60 s: CONTINUE at 360 s
    w.sim().runUntil(359.999);
    assertThat(n.state()).isEqualTo(LifecycleState.PENDING_WAIT);
    w.sim().runUntil(360);
    assertThat(n.state()).isEqualTo(LifecycleState.IN_SERVICE);
  }

  @Test
  void launchHookCompletedWithAbandonTerminatesAndReplaces() {
    World w = ModelScenarios.scenario().withInstances(1).withSizes(1, 2)
        .withHook(ModelScenarios.launchHook(3600, HookResult.CONTINUE, 40.0, HookResult.ABANDON)).world();
    AutoScalingGroup g = w.primary().group();
    g.setDesiredCapacity(2);
    w.sim().runUntil(60);
    Instance n = only(g, i -> i.state().isLaunching());
    // booted at 60 s, the owner answers ABANDON at 100 s (the app is also ready at 100 s)
    w.sim().runUntil(100);
    assertThat(n.isTerminated()).isTrue();
    w.sim().runUntil(100.001);
    assertThat(count(g, i -> i.state().isLaunching())).isEqualTo(1);
  }

  @Test
  void terminateHookRunsAfterDeregistrationAndDrainingAndHoldsTerminatingWait() {
    // scale-in at 10 s: deregistered, drains 300 s (until 310 s), then Terminating:Wait until the
    // hook is completed 50 s later (360 s), then Terminated
    World w = ModelScenarios.scenario().withInstances(2).withSizes(1, 2).withRps(100)
        .withHook(ModelScenarios.terminateHook(3600, 50.0)).world();
    AutoScalingGroup g = w.primary().group();
    TargetGroup tg = w.primary().targetGroup();
    w.sim().runUntil(10);
    g.setDesiredCapacity(1);
    w.sim().runUntil(10.001);
    Instance v = only(g, i -> i.state().isTerminating());
    assertThat(v.state()).isEqualTo(LifecycleState.TERMINATING);
    assertThat(tg.state(v)).isEqualTo(TargetState.DRAINING);
    w.sim().runUntil(309.999);
    assertThat(v.state()).isEqualTo(LifecycleState.TERMINATING);
    w.sim().runUntil(310);
    assertThat(tg.state(v)).isNull();
    assertThat(v.state()).isEqualTo(LifecycleState.TERMINATING_WAIT);
    w.sim().runUntil(359.999);
    assertThat(v.state()).isEqualTo(LifecycleState.TERMINATING_WAIT);
    w.sim().runUntil(360);
    assertThat(v.isTerminated()).isTrue();
  }

  @Test
  void terminateHookNobodyCompletesWaitsForTheHeartbeatTimeout() {
    World w = ModelScenarios.scenario().withInstances(2).withSizes(1, 2).withRps(0)
        .withHook(ModelScenarios.terminateHook(3600, null)).world();
    AutoScalingGroup g = w.primary().group();
    g.setDesiredCapacity(1);
    w.sim().runUntil(0.001);
    // no traffic: deregistered at once; Terminating:Wait for the 3600 s heartbeat timeout
    Instance v = only(g, i -> i.state().isTerminating());
    assertThat(v.state()).isEqualTo(LifecycleState.TERMINATING_WAIT);
    w.sim().runUntil(3599.999);
    assertThat(v.state()).isEqualTo(LifecycleState.TERMINATING_WAIT);
    w.sim().runUntil(3600);
    assertThat(v.isTerminated()).isTrue();
  }

  // --- health checks and replacement ----------------------------------------------------------

  @Test
  void elbHealthCheckReplacesOnlyAfterTheGracePeriod() {
    // a new v2 instance that fails every check: InService (and registered) at 100 s; failed checks
    // at 110 and 140 s -> unhealthy at 140 s; ELB health counts only from 100 + 300 = 400 s (the
    // group checks every 10 s, at 400 s too) -> marked Unhealthy and replaced at 400 s
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 3).withElbHealthChecks(300)
        .withVersion(ModelScenarios.version("v2", 30, 10, new VersionSpec.Failing(), 0, 1)).world();
    AutoScalingGroup g = w.primary().group();
    g.setLaunchVersion("v2");
    g.setDesiredCapacity(3);
    w.sim().runUntil(140);
    Instance bad = only(g, i -> "v2".equals(i.version()));
    assertThat(w.primary().targetGroup().state(bad)).isEqualTo(TargetState.UNHEALTHY);
    w.sim().runUntil(399.999);
    assertThat(bad.isMarkedUnhealthy()).isFalse();
    assertThat(bad.state()).isEqualTo(LifecycleState.IN_SERVICE);
    w.sim().runUntil(400);
    assertThat(bad.isMarkedUnhealthy()).isTrue();
    // it got no requests (two healthy targets), so no draining: terminated, then a launch
    assertThat(bad.isTerminated()).isTrue();
    w.sim().runUntil(400.001);
    assertThat(count(g, i -> i.state().isLaunching())).isEqualTo(1);
  }

  @Test
  void ec2HealthCheckTypeIgnoresTheLoadBalancer() {
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 3)
        .withVersion(ModelScenarios.version("v2", 30, 10, new VersionSpec.Failing(), 0, 1)).world();
    AutoScalingGroup g = w.primary().group();
    g.setLaunchVersion("v2");
    g.setDesiredCapacity(3);
    w.sim().runUntil(1000);
    Instance bad = only(g, i -> "v2".equals(i.version()));
    assertThat(w.primary().targetGroup().state(bad)).isEqualTo(TargetState.UNHEALTHY);
    assertThat(bad.isMarkedUnhealthy()).isFalse();
    assertThat(bad.state()).isEqualTo(LifecycleState.IN_SERVICE);
  }

  @Test
  void impairedInstanceIsReplacedAtOnceEvenInTheGracePeriod() {
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 3).withElbHealthChecks(300).world();
    AutoScalingGroup g = w.primary().group();
    g.setDesiredCapacity(3);
    w.sim().runUntil(100);
    Instance n = only(g, i -> i.inServiceSince() == 100);
    w.sim().runUntil(105);
    n.setImpaired(true); // EC2 status checks fail 5 s after InService, well inside the grace period
    // the group checks every 10 s: at 110 s it marks and replaces it; an impaired instance has no
    // requests it could finish, so no draining
    w.sim().runUntil(109.999);
    assertThat(n.isMarkedUnhealthy()).isFalse();
    w.sim().runUntil(110);
    assertThat(n.isMarkedUnhealthy()).isTrue();
    assertThat(n.isTerminated()).isTrue();
    w.sim().runUntil(110.001);
    assertThat(count(g, i -> i.state().isLaunching())).isEqualTo(1);
  }

  @Test
  void unhealthyInstancesAreReplacedTenPercentOfDesiredAtATime() {
    // 20 instances all failing ELB checks (v1 fails its health check, fail-open keeps serving);
    // the launch version is a healthy v2. After the grace period (300 s after InService at 0)
    // the group replaces at most 10% of 20 = 2 at a time: an instance counts as in flight from
    // the start of its termination until its replacement is InService and has passed its first
    // health check
    World w = ModelScenarios.scenario().withInstances(20).withSizes(20, 20).withElbHealthChecks(300).withRps(1000)
        .withVersion(ModelScenarios.version("v1", 30, 10, new VersionSpec.Failing(), 0, 1)).world();
    AutoScalingGroup g = w.primary().group();
    TargetGroup tg = w.primary().targetGroup();
    g.setLaunchVersion("v2");
    int[] maxInFlight = {0};
    int[] maxOccupied = {0};
    w.traffic().addUpdateListener(() -> {
      int inFlight = 0;
      for (Instance i : g.members()) {
        boolean replacing = i.isMarkedUnhealthy() && i.state().isTerminating();
        boolean launching = i.state().isLaunching()
            || i.state() == LifecycleState.IN_SERVICE && tg.state(i) == TargetState.INITIAL;
        if (replacing || launching) {
          inFlight++;
        }
      }
      maxInFlight[0] = Math.max(maxInFlight[0], inFlight);
      maxOccupied[0] = Math.max(maxOccupied[0], g.members().size());
    });
    w.sim().runUntil(299);
    assertThat(count(g, Instance::isMarkedUnhealthy)).isZero();
    w.sim().runUntil(300);
    assertThat(count(g, i -> i.state().isTerminating())).isEqualTo(2);
    w.sim().runUntil(20_000);
    assertThat(maxInFlight[0]).isEqualTo(2);
    // terminate first, then launch: never more than 20 instances in the group
    assertThat(maxOccupied[0]).isLessThanOrEqualTo(20);
    assertThat(g.inService()).hasSize(20).allSatisfy(i -> assertThat(i.version()).isEqualTo("v2"));
  }

  /** Times of timeline messages of the group that contain {@code text}. */
  private static List<Double> times(World w, String text) {
    List<Double> out = new ArrayList<>();
    for (var e : w.timeline()) {
      if (e.message().contains(text)) {
        out.add(e.time());
      }
    }
    return out;
  }

  @Test
  void unhealthyReplacementWaitsForTheDefaultInstanceWarmup() {
    // 10 instances failing ELB checks, 10% of 10 = 1 replaced at a time. AWS waits for the new
    // instance to pass an initial health check and, with a default instance warmup, to finish it
    // (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html).
    // The first replacement is InService at s1. Without a default warmup the next one starts after
    // its first check (10 s after registration, at s1 + 10) at the next group check (every 10 s):
    // before s1 + 10 + 10 + 10. With a 120 s warmup, at the first group check at or after s1 + 120.
    for (Double warmup : new Double[] {null, 120.0}) {
      ModelScenarios m = ModelScenarios.scenario().withInstances(10).withSizes(10, 10).withElbHealthChecks(300)
          .withRps(500).withDeregistrationDelay(20)
          .withVersion(ModelScenarios.version("v1", 30, 10, new VersionSpec.Failing(), 0, 1));
      if (warmup != null) {
        m.withDefaultInstanceWarmup(warmup);
      }
      World w = m.world();
      w.primary().group().setLaunchVersion("v2");
      w.sim().runUntil(3000);
      List<Double> replacements = times(w, "(replacing unhealthy instance)");
      assertThat(replacements).hasSizeGreaterThanOrEqualTo(2);
      double t1 = replacements.get(0);
      double s1 = times(w, " InService").stream().filter(t -> t > t1).findFirst().orElseThrow();
      double t2 = replacements.get(1);
      if (warmup == null) {
        assertThat(t2).isLessThan(s1 + 30);
      } else {
        assertThat(t2).isGreaterThanOrEqualTo(s1 + 120).isLessThan(s1 + 120 + 10);
      }
    }
  }

  @Test
  void instancesWarmingUpAreLeftOutOfTheGroupsAggregatedMetrics() {
    // "a new instance is not counted toward the aggregated EC2 instance metrics" until its default
    // instance warmup ends (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html):
    // the only instance of a group is replaced; its successor, InService at s, is left out of the
    // group's CPU average (no instance counted: no datapoint) until s + 120
    World w = ModelScenarios.scenario().withInstances(1).withSizes(1, 1).withDefaultInstanceWarmup(120).world();
    AutoScalingGroup g = w.primary().group();
    g.terminate(w.systemScope(), g.inService().get(0), false);
    // the replacement launches at once: InService after 60 + 30 + 10 = 100 s
    w.sim().runUntil(150);
    Instance next = g.inService().get(0);
    double s = next.inServiceSince();
    assertThat(s).isPositive();
    w.sim().runUntil(s + 60);
    CpuMeter meter = new CpuMeter(w, g);
    w.sim().runUntil(s + 119);
    assertThat(meter.read()).isNaN();
    w.sim().runUntil(s + 180);
    assertThat(meter.read()).isNotNaN();
    // without a default instance warmup it counts as soon as it is InService
    World plain = ModelScenarios.scenario().withInstances(1).withSizes(1, 1).world();
    AutoScalingGroup pg = plain.primary().group();
    pg.terminate(plain.systemScope(), pg.inService().get(0), false);
    plain.sim().runUntil(150);
    double ps = pg.inService().get(0).inServiceSince();
    plain.sim().runUntil(ps + 60);
    CpuMeter pm = new CpuMeter(plain, pg);
    plain.sim().runUntil(ps + 119);
    assertThat(pm.read()).isNotNaN();
  }

  // --- warm pool ------------------------------------------------------------------------------

  private static WarmPoolSpec stoppedPool(double startTime) {
    return new WarmPoolSpec(0, null, WarmPoolSpec.PoolState.STOPPED, Distribution.constant(startTime), false);
  }

  @Test
  void warmPoolIsSizedMaxMinusDesiredAndStartsFasterThanAColdLaunch() {
    // desired 2, max 4: pool of 4 - 2 = 2 Stopped instances with the app installed
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 4).withWarmPool(stoppedPool(15)).world();
    AutoScalingGroup g = w.primary().group();
    assertThat(g.warmPool()).hasSize(2).allSatisfy(i -> assertThat(i.state()).isEqualTo(LifecycleState.WARMED_STOPPED));
    g.setDesiredCapacity(3);
    // warm start: pool start 15 s + application start 10 s = InService at 25 s (a cold launch
    // would take 60 + 30 + 10 = 100 s)
    w.sim().runUntil(24.999);
    assertThat(g.inService()).hasSize(2);
    w.sim().runUntil(25);
    assertThat(g.inService()).hasSize(3);
    // the pool target is now 4 - 3 = 1: no refill needed
    w.sim().runUntil(200);
    assertThat(g.warmPool()).hasSize(1);
  }

  @Test
  void warmPoolIsRefilledAfterUse() {
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 4).withRps(0).withWarmPool(stoppedPool(15)).world();
    AutoScalingGroup g = w.primary().group();
    Instance victim = g.inService().get(0);
    g.terminate(w.systemScope(), victim, false); // replaced: desired stays 2
    w.sim().runUntil(25);
    // the replacement came from the pool (15 + 10 s), the pool (target 4 - 2 = 2) is refilled by
    // a cold launch into it: boot 60 s + install 30 s + start 10 s, then stopped at 100 s
    assertThat(g.inService()).hasSize(2);
    assertThat(g.warmPool()).hasSize(2);
    assertThat(count(g, i -> i.state() == LifecycleState.WARMED_STOPPED)).isEqualTo(1);
    w.sim().runUntil(100);
    assertThat(g.warmPool()).allSatisfy(i -> assertThat(i.state()).isEqualTo(LifecycleState.WARMED_STOPPED));
    assertThat(g.warmPool()).allSatisfy(i -> assertThat(i.canServe()).isFalse());
  }

  @Test
  void warmStartDoesNotUseAPoolInstanceInAZoneThatIsDown() {
    // zones a, b; 2 in service (a, b) and a pool of 2 (a, b); zone a fails at 5 s. At 10 s the
    // group replaces its impaired instance in a and scales out to 3: the pool instance in b starts
    // (InService at 10 + 15 + 10 = 35 s), the one in a cannot start, so the third is a cold launch
    // in b
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 4).withZones("a", "b").withRps(0)
        .withWarmPool(stoppedPool(15)).withFault(new dev.deploysim.scenario.FaultSpec.ZoneOutage(5, "a", 3600)).world();
    AutoScalingGroup g = w.primary().group();
    assertThat(g.warmPool()).extracting(Instance::zone).containsExactlyInAnyOrder("a", "b");
    w.sim().runUntil(10);
    g.setDesiredCapacity(3);
    w.sim().runUntil(35);
    assertThat(g.inService()).hasSize(2).allSatisfy(i -> assertThat(i.zone()).isEqualTo("b"));
    assertThat(g.members().stream().filter(i -> i.zone().equals("a")))
        .allSatisfy(i -> assertThat(i.state().isWarmPool()).isTrue());
    assertThat(g.members().stream().filter(i -> i.state().isLaunching()))
        .singleElement().satisfies(i -> assertThat(i.zone()).isEqualTo("b"));
  }

  @Test
  void anInstanceReturningToThePoolWaitsForTheTerminateHookAtWarmedPendingWait() {
    // ReuseOnScaleIn (docs/platforms/auto-scaling.md#warm-pools): returning to the pool passes
    // Warmed:Pending:Wait for the terminating hook. Desired 2, max 2 (no pool instances at the
    // start: 2 - 2 = 0); scale-in to 1 at 10 s: deregistered, drains 300 s (until 310 s), then
    // Warmed:Pending:Wait until the hook is completed 50 s later (360 s), then Warmed:Stopped
    WarmPoolSpec reuse = new WarmPoolSpec(0, null, WarmPoolSpec.PoolState.STOPPED, Distribution.constant(15), true);
    World w = ModelScenarios.scenario().withInstances(2).withSizes(1, 2).withRps(100).withWarmPool(reuse)
        .withHook(ModelScenarios.terminateHook(3600, 50.0)).world();
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(10);
    g.setDesiredCapacity(1);
    w.sim().runUntil(10.001);
    Instance v = only(g, i -> i.state().isWarmPool());
    w.sim().runUntil(309.999);
    assertThat(v.state()).isEqualTo(LifecycleState.WARMED_PENDING);
    w.sim().runUntil(310);
    assertThat(v.state()).isEqualTo(LifecycleState.WARMED_PENDING_WAIT);
    w.sim().runUntil(359.999);
    assertThat(v.state()).isEqualTo(LifecycleState.WARMED_PENDING_WAIT);
    w.sim().runUntil(360);
    assertThat(v.state()).isEqualTo(LifecycleState.WARMED_STOPPED);
    assertThat(v.isTerminated()).isFalse();
  }

  @Test
  void maxGroupPreparedCapacitySizesThePool() {
    // desired 6, max 10, MaxGroupPreparedCapacity 8 -> pool 8 - 6 = 2 (the documented example)
    WarmPoolSpec wp = new WarmPoolSpec(0, 8, WarmPoolSpec.PoolState.STOPPED, Distribution.constant(15), false);
    World w = ModelScenarios.scenario().withInstances(6).withSizes(6, 10).withWarmPool(wp).world();
    assertThat(w.primary().group().warmPool()).hasSize(2);
    World w2 = ModelScenarios.scenario().withInstances(6).withSizes(6, 10).withWarmPool(stoppedPool(15)).world();
    assertThat(w2.primary().group().warmPool()).hasSize(4);
  }

  // --- standby and scheduled actions ----------------------------------------------------------

  @Test
  void standbyDeregistersAndDecrementsDesired() {
    World w = ModelScenarios.scenario().withInstances(4).withSizes(2, 4).withRps(200).world();
    AutoScalingGroup g = w.primary().group();
    TargetGroup tg = w.primary().targetGroup();
    w.sim().runUntil(10);
    Instance i = g.inService().get(0);
    Task t = g.enterStandby(w.systemScope(), i);
    assertThat(i.state()).isEqualTo(LifecycleState.STANDBY);
    assertThat(g.desired()).isEqualTo(3);
    assertThat(tg.state(i)).isEqualTo(TargetState.DRAINING); // draining 300 s by default
    w.sim().runUntil(310);
    assertThat(t.succeeded()).isTrue();
    assertThat(tg.state(i)).isNull();
    // no replacement is launched and no health check touches it
    i.setImpaired(true);
    w.sim().runUntil(400);
    assertThat(count(g, x -> x.state().isLaunching())).isZero();
    assertThat(i.state()).isEqualTo(LifecycleState.STANDBY);
    i.setImpaired(false);
    g.exitStandby(w.systemScope(), i);
    assertThat(g.desired()).isEqualTo(4);
    assertThat(i.state()).isEqualTo(LifecycleState.IN_SERVICE);
    assertThat(tg.state(i)).isEqualTo(TargetState.INITIAL);
  }

  @Test
  void scheduledActionsChangeCapacityAtTheirTime() {
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 2).withRps(0)
        .withScheduledAction(100, null, 6, 6).withScheduledAction(500, 1, null, 1).world();
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(99.999);
    assertThat(g.desired()).isEqualTo(2);
    w.sim().runUntil(100);
    assertThat(g.desired()).isEqualTo(6);
    assertThat(g.maxSize()).isEqualTo(6);
    w.sim().runUntil(200); // launched at 100 s, InService 100 s later
    assertThat(g.inService()).hasSize(6);
    w.sim().runUntil(500);
    assertThat(g.desired()).isEqualTo(1);
    assertThat(g.minSize()).isEqualTo(1);
    w.sim().runUntil(501);
    assertThat(g.inService()).hasSize(1);
  }
}
