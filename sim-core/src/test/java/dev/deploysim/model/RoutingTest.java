package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.scenario.VersionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Load balancer routing (docs/platforms/load-balancing.md: routing within a target group,
 * fail-open, slow start, weighted target groups): healthy targets only, fail-open when none is
 * healthy, weighted target groups (0-999), slow start (linear ramp, not for the only healthy
 * target), per-instance capacity, error rates, deleted load balancers.
 */
class RoutingTest {
  private static final double EPS = 1e-9;

  private static void assertConserved(Traffic t) {
    assertThat(t.servedRps() + t.failedRps()).isCloseTo(t.demandRps(), within(1e-9 * Math.max(1, t.demandRps())));
  }

  @Test
  void healthyFleetServesEverythingSplitEvenly() {
    // 4 instances x 100 rps capacity, 400 rps demand: all served
    World w = ModelScenarios.scenario().withInstances(4).withRps(400).world();
    w.sim().runUntil(60);
    Traffic t = w.traffic();
    assertThat(t.servedRps()).isCloseTo(400, within(EPS));
    assertThat(t.failedRps()).isCloseTo(0, within(EPS));
    assertThat(t.healthyInstances()).isEqualTo(4);
    assertThat(t.inServiceInstances()).isEqualTo(4);
    assertThat(t.servingCapacityRps()).isCloseTo(400, within(EPS));
    assertConserved(t);
  }

  @Test
  void failsOpenToAllRegisteredTargetsWhenNoneIsHealthy() {
    // v1 fails every health check but its application runs and answers requests
    World w = ModelScenarios.scenario().withInstances(4).withRps(300)
        .withVersion(ModelScenarios.version("v1", 30, 10, new VersionSpec.Failing(), 0, 1)).world();
    TargetGroup tg = w.primary().targetGroup();
    // every target fails two checks within 2 x 30 s: all unhealthy by 60 s
    w.sim().runUntil(61);
    assertThat(tg.healthyCount()).isZero();
    assertThat(tg.unhealthyCount()).isEqualTo(4);
    // fail-open: the load balancer routes to all four; each gets 75 rps < 100 capacity
    assertThat(w.traffic().servedRps()).isCloseTo(300, within(EPS));
    assertThat(w.traffic().failedRps()).isCloseTo(0, within(EPS));
    // an instance whose application is down fails its quarter: 300 / 4 = 75 rps
    Instance down = w.primary().group().inService().get(0);
    down.stopApplication(w.systemScope());
    w.sim().runUntil(62);
    assertThat(w.traffic().servedRps()).isCloseTo(225, within(EPS));
    assertThat(w.traffic().failedRps()).isCloseTo(75, within(EPS));
    assertThat(w.traffic().downtimeSeconds()).isZero();
    assertConserved(w.traffic());
  }

  @Test
  void unhealthyTargetsGetNothingWhileAnotherIsHealthy() {
    World w = ModelScenarios.scenario().withInstances(4).withRps(300).world();
    w.sim().runUntil(10);
    List<Instance> in = w.primary().group().inService();
    in.get(0).stopApplication(w.systemScope());
    // before it is detected the stopped instance fails its quarter
    w.sim().runUntil(11);
    assertThat(w.traffic().failedRps()).isCloseTo(75, within(EPS));
    // after two failed checks (at most 60 s) it gets no requests: 3 x 100 rps serve all 300
    w.sim().runUntil(80);
    assertThat(w.primary().targetGroup().state(in.get(0))).isEqualTo(TargetState.UNHEALTHY);
    assertThat(w.traffic().servedRps()).isCloseTo(300, within(EPS));
    assertThat(w.traffic().failedRps()).isCloseTo(0, within(EPS));
  }

  @Test
  void instanceServesAtMostItsCapacityAndTheExcessFails() {
    // 4 x 100 rps x capacity factor 0.5 = 200 rps; demand 300 -> 100 rps fail
    World w = ModelScenarios.scenario().withInstances(4).withRps(300)
        .withVersion(ModelScenarios.version("v1", 30, 10, new VersionSpec.Healthy(), 0, 0.5)).world();
    w.sim().runUntil(1);
    assertThat(w.traffic().servedRps()).isCloseTo(200, within(EPS));
    assertThat(w.traffic().failedRps()).isCloseTo(100, within(EPS));
    assertThat(w.traffic().servingCapacityRps()).isCloseTo(200, within(EPS));
    assertConserved(w.traffic());
  }

  @Test
  void badVersionFailsItsErrorRateOfWhatItServes() {
    // error rate 0.3 of 400 rps served -> 120 rps fail, 280 succeed
    World w = ModelScenarios.scenario().withInstances(4).withRps(400)
        .withVersion(ModelScenarios.version("v1", 30, 10, new VersionSpec.Healthy(), 0.3, 1)).world();
    w.sim().runUntil(1);
    assertThat(w.traffic().servedRps()).isCloseTo(280, within(EPS));
    assertThat(w.traffic().failedRps()).isCloseTo(120, within(EPS));
    assertThat(w.traffic().errorRps("v1")).isCloseTo(120, within(EPS));
    // with overload too: demand 500 > 400 capacity: 400 x 0.7 = 280 served, 220 failed
    World w2 = ModelScenarios.scenario().withInstances(4).withRps(500)
        .withVersion(ModelScenarios.version("v1", 30, 10, new VersionSpec.Healthy(), 0.3, 1)).world();
    w2.sim().runUntil(1);
    assertThat(w2.traffic().servedRps()).isCloseTo(280, within(EPS));
    assertThat(w2.traffic().failedRps()).isCloseTo(220, within(EPS));
    assertConserved(w2.traffic());
  }

  @Test
  void capacityIsPerInstanceEvenWhenItIsRegisteredInTwoTargetGroups() {
    // one instance (100 rps) behind two target groups of the same listener, 200 rps demand:
    // it can still serve only 100 rps, the other 100 fail
    World w = ModelScenarios.scenario().withInstances(1).withRps(200).world();
    Instance i = w.primary().group().inService().get(0);
    TargetGroup second = w.createTargetGroup("second");
    second.register(i); // healthy at 10 s
    Map<TargetGroup, Integer> weights = new LinkedHashMap<>();
    weights.put(w.primary().targetGroup(), 1);
    weights.put(second, 1);
    w.primary().loadBalancer().setWeights(weights);
    w.sim().runUntil(20);
    assertThat(second.state(i)).isEqualTo(TargetState.HEALTHY);
    assertThat(w.traffic().servedRps()).isCloseTo(100, within(EPS));
    assertThat(w.traffic().failedRps()).isCloseTo(100, within(EPS));
    assertConserved(w.traffic());
  }

  @Test
  void weightedTargetGroupsSplitTrafficProportionally() {
    // blue: 4 x v1; green: a second group of 2 x v2 (launch 60 s + install 30 s + start 10 s =
    // InService and registered at 100 s, healthy after one check at 110 s)
    World w = ModelScenarios.scenario().withInstances(4).withRps(200).world();
    Environment blue = w.primary();
    TargetGroup green = w.createTargetGroup("green-tg");
    AutoScalingGroup g = w.createGroup("green-asg", blue.group().settings().withSizes(2, 2, 2), "v2", List.of(green));
    w.sim().runUntil(109.999);
    assertThat(green.healthyCount()).isZero();
    w.sim().runUntil(110);
    assertThat(green.healthyCount()).isEqualTo(2);
    assertThat(g.inService()).hasSize(2);

    Map<TargetGroup, Integer> weights = new LinkedHashMap<>();
    weights.put(blue.targetGroup(), 1);
    weights.put(green, 3);
    blue.loadBalancer().setWeights(weights);
    w.sim().runUntil(111);
    // weights 1 : 3 -> 200 x 1/4 = 50 rps to v1, 200 x 3/4 = 150 rps to v2
    assertThat(w.traffic().handledRps("v1")).isCloseTo(50, within(EPS));
    assertThat(w.traffic().handledRps("v2")).isCloseTo(150, within(EPS));

    // weight 0 takes a group out; 999 is the largest weight
    weights.put(blue.targetGroup(), 0);
    weights.put(green, 999);
    blue.loadBalancer().setWeights(weights);
    w.sim().runUntil(112);
    assertThat(w.traffic().handledRps("v1")).isCloseTo(0, within(EPS));
    assertThat(w.traffic().handledRps("v2")).isCloseTo(200, within(EPS));
    assertConserved(w.traffic());
  }

  @Test
  void weightsOutsideTheDocumentedRangeAreRefused() {
    World w = ModelScenarios.scenario().world();
    LoadBalancer lb = w.primary().loadBalancer();
    TargetGroup tg = w.primary().targetGroup();
    assertThatThrownBy(() -> lb.setWeights(Map.of(tg, 1000))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> lb.setWeights(Map.of(tg, -1))).isInstanceOf(IllegalArgumentException.class);
    Map<TargetGroup, Integer> six = new LinkedHashMap<>();
    for (int k = 0; k < 6; k++) {
      six.put(w.createTargetGroup("tg" + k), 1);
    }
    // at most 5 target groups per forward action
    assertThatThrownBy(() -> lb.setWeights(six)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void slowStartRampsANewTargetLinearly() {
    // slow start 60 s; 2 healthy v1 targets out of slow start; a third instance with v2 joins:
    // launched at 0, InService and registered at 60 + 30 + 10 = 100 s, healthy at 110 s
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 3).withRps(300).withSlowStart(60).world();
    AutoScalingGroup g = w.primary().group();
    g.setLaunchVersion("v2");
    g.setDesiredCapacity(3);
    w.sim().runUntil(110);
    assertThat(w.primary().targetGroup().healthyCount()).isEqualTo(3);
    // share of the new target at t: f = (t - 110) / 60, share = f / (2 + f)
    for (double t : new double[] {110, 125, 140, 155}) {
      w.sim().runUntil(t);
      double f = (t - 110) / 60;
      double expected = 300 * f / (2 + f);
      assertThat(w.traffic().handledRps("v2")).as("v2 share at %s s", t).isCloseTo(expected, within(1e-6));
    }
    // after 60 s the ramp is over: an equal third
    w.sim().runUntil(175);
    assertThat(w.traffic().handledRps("v2")).isCloseTo(100, within(1e-6));
    assertConserved(w.traffic());
  }

  @Test
  void theOnlyHealthyTargetDoesNotEnterSlowStart() {
    World w = ModelScenarios.scenario().withInstances(2).withSlowStart(60).world();
    TargetGroup tg = w.createTargetGroup("t");
    List<Instance> in = w.primary().group().inService();
    tg.register(in.get(0)); // healthy at 10 s, no other healthy target: no slow start
    w.sim().runUntil(20);
    TargetGroup.Target first = tg.targets().iterator().next();
    assertThat(first.state()).isEqualTo(TargetState.HEALTHY);
    assertThat(first.slowStartFactor(w.now())).isEqualTo(1.0);
    // a second target registered at 20 s is healthy at 30 s and ramps: factor (t - 30) / 60
    tg.register(in.get(1));
    w.sim().runUntil(60);
    TargetGroup.Target second = null;
    for (TargetGroup.Target t : tg.targets()) {
      if (t.instance() == in.get(1)) {
        second = t;
      }
    }
    assertThat(second.state()).isEqualTo(TargetState.HEALTHY);
    assertThat(second.slowStartFactor(60)).isCloseTo(0.5, within(EPS));
  }

  @Test
  void downtimeAccruesOnlyWhileNothingIsServed() {
    // 2 instances; at 100 s both applications stop (restart takes v1's 10 s start time but we
    // start them again only at 130 s): from 100 to 140 s nothing is served -> 40 s of downtime;
    // while one of two serves, requests fail but it is not downtime
    World w = ModelScenarios.scenario().withInstances(2).withRps(100).world();
    List<Instance> in = w.primary().group().inService();
    w.sim().runUntil(100);
    in.forEach(i -> i.stopApplication(w.systemScope()));
    w.sim().runUntil(130);
    in.forEach(i -> i.startApplication(w.systemScope()));
    w.sim().runUntil(200);
    in.get(0).stopApplication(w.systemScope());
    w.sim().runUntil(210);
    w.traffic().advance();
    assertThat(w.traffic().downtimeSeconds()).isCloseTo(40, within(1e-9));
    assertThat(w.traffic().offeredTotal()).isCloseTo(210 * 100, within(1e-6));
    assertThat(w.traffic().servedTotal() + w.traffic().failedTotal()).isCloseTo(210 * 100, within(1e-6));
  }

  @Test
  void requestsToADeletedLoadBalancerFail() {
    World w = ModelScenarios.scenario().withInstances(2).withRps(100).world();
    w.sim().runUntil(100);
    w.primary().loadBalancer().delete();
    w.sim().runUntil(101);
    assertThat(w.traffic().failedRps()).isCloseTo(100, within(EPS));
    assertThat(w.traffic().servedRps()).isCloseTo(0, within(EPS));
    w.sim().runUntil(110);
    w.traffic().advance(); // totals are integrated up to the last change; bring them to now
    // deleted at 100 s: 10 s x 100 rps sent to the deleted load balancer by clients that still resolve to it
    assertThat(w.traffic().staleDnsFailedTotal()).isCloseTo(1000, within(1e-6));
    assertThat(w.traffic().downtimeSeconds()).isCloseTo(10, within(1e-9));
  }
}
