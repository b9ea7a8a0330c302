package dev.deploysim.model;

import dev.deploysim.control.Task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deregistration delay (docs/platforms/load-balancing.md#deregistration-delay-and-draining): a
 * deregistered target that has requests in flight stays draining for the delay (300 s ALB default,
 * 20 s Elastic Beanstalk preset) and gets no new requests; without requests in flight
 * deregistration completes at once.
 */
class DrainingTest {
  private static final double EPS = 1e-9;

  private static void checkDrainsFor(double delay) {
    // 4 instances x 100 rps, 300 rps demand: 75 rps each
    World w = ModelScenarios.scenario().withInstances(4).withRps(300).withDeregistrationDelay(delay).world();
    TargetGroup tg = w.primary().targetGroup();
    Instance i = w.primary().group().inService().get(0);
    w.sim().runUntil(100);
    Task drained = tg.deregister(w.systemScope(), i);
    assertThat(tg.state(i)).isEqualTo(TargetState.DRAINING);
    assertThat(drained.isDone()).isFalse();
    w.sim().runUntil(100.5);
    // no new requests: the other 3 take 100 rps each; stopping the drained application now fails
    // nothing because it gets nothing
    i.stopApplication(w.systemScope());
    w.sim().runUntil(101);
    assertThat(w.traffic().servedRps()).isCloseTo(300, within(EPS));
    assertThat(w.traffic().failedRps()).isCloseTo(0, within(EPS));
    assertThat(w.traffic().drainingTargets()).isEqualTo(1);
    // the deregistration completes at 100 + delay
    w.sim().runUntil(100 + delay - 0.001);
    assertThat(tg.state(i)).isEqualTo(TargetState.DRAINING);
    assertThat(drained.isDone()).isFalse();
    w.sim().runUntil(100 + delay);
    assertThat(drained.succeeded()).isTrue();
    assertThat(tg.state(i)).isNull();
    assertThat(w.traffic().drainingTargets()).isZero();
  }

  @Test
  void targetWithTrafficDrainsForTheAlbDefault300Seconds() {
    checkDrainsFor(300);
  }

  @Test
  void targetWithTrafficDrainsForTheElasticBeanstalkPreset20Seconds() {
    checkDrainsFor(20);
  }

  @Test
  void targetThatNeverReceivedRequestsDeregistersAtOnce() {
    World w = ModelScenarios.scenario().withInstances(2).world();
    TargetGroup unused = w.createTargetGroup("not-on-a-listener");
    Instance i = w.primary().group().inService().get(0);
    unused.register(i);
    w.sim().runUntil(50);
    assertThat(unused.state(i)).isEqualTo(TargetState.HEALTHY);
    Task t = unused.deregister(w.systemScope(), i);
    assertThat(t.succeeded()).isTrue();
    assertThat(unused.state(i)).isNull();
  }

  @Test
  void targetWhoseTrafficStoppedEarlierHasNothingInFlightAndDeregistersAtOnce() {
    // i serves through a second target group until 20 s, when that group's weight goes to 0; at
    // 100 s it has had no requests for 80 s, so nothing is in flight: deregistration is immediate
    World w = ModelScenarios.scenario().withInstances(2).withRps(100).world();
    Instance i = w.primary().group().inService().get(0);
    TargetGroup second = w.createTargetGroup("second");
    second.register(i); // healthy at 10 s
    Map<TargetGroup, Integer> weights = new LinkedHashMap<>();
    weights.put(w.primary().targetGroup(), 1);
    weights.put(second, 1);
    w.primary().loadBalancer().setWeights(weights);
    w.sim().runUntil(20);
    weights.put(second, 0);
    w.primary().loadBalancer().setWeights(weights);
    w.sim().runUntil(100);
    Task t = second.deregister(w.systemScope(), i);
    assertThat(t.succeeded()).isTrue();
    assertThat(second.state(i)).isNull();
  }

  @Test
  void deregisteringWhileRequestsAreStillArrivingDrains() {
    // the weight goes to 0 and the target is deregistered at the same instant: the requests it was
    // receiving a moment ago are in flight, so it drains for the delay
    World w = ModelScenarios.scenario().withInstances(2).withRps(100).world();
    Instance i = w.primary().group().inService().get(0);
    TargetGroup second = w.createTargetGroup("second");
    second.register(i);
    Map<TargetGroup, Integer> weights = new LinkedHashMap<>();
    weights.put(w.primary().targetGroup(), 1);
    weights.put(second, 1);
    w.primary().loadBalancer().setWeights(weights);
    w.sim().runUntil(20);
    weights.put(second, 0);
    w.primary().loadBalancer().setWeights(weights);
    Task t = second.deregister(w.systemScope(), i);
    assertThat(second.state(i)).isEqualTo(TargetState.DRAINING);
    w.sim().runUntil(320);
    assertThat(t.succeeded()).isTrue();
  }

  @Test
  void registeringADrainingTargetAgainEndsTheDrain() {
    World w = ModelScenarios.scenario().withInstances(2).withRps(100).world();
    TargetGroup tg = w.primary().targetGroup();
    Instance i = w.primary().group().inService().get(0);
    w.sim().runUntil(10);
    Task t = tg.deregister(w.systemScope(), i);
    assertThat(tg.state(i)).isEqualTo(TargetState.DRAINING);
    tg.register(i);
    assertThat(t.isDone()).isTrue();
    assertThat(tg.state(i)).isEqualTo(TargetState.INITIAL);
    assertThat(tg.drainingTargets()).isEmpty();
  }

  @Test
  void asgTerminationWaitsForTheDrain() {
    // scale-in: the victim is deregistered and drains 300 s before it terminates (CLB/ALB: the
    // group waits for draining)
    World w = ModelScenarios.scenario().withInstances(2).withSizes(1, 2).withRps(100).world();
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(10);
    g.setDesiredCapacity(1);
    w.sim().runUntil(10.001);
    List<Instance> terminating = g.members().stream().filter(x -> x.state().isTerminating()).toList();
    assertThat(terminating).hasSize(1);
    Instance v = terminating.get(0);
    assertThat(w.primary().targetGroup().state(v)).isEqualTo(TargetState.DRAINING);
    w.sim().runUntil(309.999);
    assertThat(v.isTerminated()).isFalse();
    w.sim().runUntil(310);
    assertThat(v.isTerminated()).isTrue();
  }
}
