package dev.deploysim.model;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.scenario.VersionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control-plane calls strategies build on: install (stop, install, start), waits for health
 * and for InService with their timeouts and failures, scopes that abandon work, moving instances
 * between groups, deleting a group, and the Lambda alias.
 */
class ControlPlaneTest {

  @Test
  void installStopsInstallsAndStartsTakingTheVersionTimes() {
    // v2: install 30 s + start 10 s; the instance fails its share while it restarts, and the
    // target is unhealthy after two failed checks unless it is back first
    World w = ModelScenarios.scenario().withInstances(2).withRps(200).world();
    Instance i = w.primary().group().inService().get(0);
    w.sim().runUntil(100);
    Task t = i.install(w.systemScope(), "v2");
    assertThat(i.app()).isEqualTo(AppState.INSTALLING);
    w.sim().runUntil(100.001);
    assertThat(w.traffic().failedRps()).isCloseTo(100, within(1e-9));
    w.sim().runUntil(129.999);
    assertThat(i.app()).isEqualTo(AppState.INSTALLING);
    w.sim().runUntil(130);
    assertThat(i.app()).isEqualTo(AppState.STARTING);
    w.sim().runUntil(140);
    assertThat(i.app()).isEqualTo(AppState.RUNNING);
    assertThat(i.version()).isEqualTo("v2");
    assertThat(t.succeeded()).isTrue();
  }

  @Test
  void awaitHealthySucceedsWhenAllAreHealthyAndFailsOnTimeoutOrTermination() {
    World w = ModelScenarios.scenario().withInstances(3).withSizes(0, 3).withRps(0).world();
    TargetGroup tg = w.createTargetGroup("t");
    List<Instance> in = w.primary().group().inService();
    tg.register(in.get(0));
    tg.register(in.get(1));
    Task ok = tg.awaitHealthy(w.systemScope(), in.subList(0, 2), 60); // healthy at 10 s
    Task late = tg.awaitHealthy(w.systemScope(), in.subList(0, 2), 5);
    w.sim().runUntil(10);
    assertThat(late.isFailed()).isTrue();
    assertThat(late.failure()).contains("timed out after 5s");
    assertThat(ok.succeeded()).isTrue();
    tg.register(in.get(2));
    in.get(2).stopApplication(w.systemScope());
    Task gone = tg.awaitHealthy(w.systemScope(), List.of(in.get(2)), Double.POSITIVE_INFINITY);
    w.primary().group().terminate(w.systemScope(), in.get(2), true);
    w.sim().runUntil(11);
    assertThat(gone.isFailed()).isTrue();
    assertThat(gone.failure()).contains("terminated");
  }

  @Test
  void awaitInServiceCountsInstancesInTheGroup() {
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 4).world();
    AutoScalingGroup g = w.primary().group();
    Task t = g.awaitInService(w.systemScope(), 4, 1000);
    g.setDesiredCapacity(4);
    w.sim().runUntil(99.999);
    assertThat(t.isDone()).isFalse();
    w.sim().runUntil(100); // launch 60 + install 30 + start 10
    assertThat(t.succeeded()).isTrue();
  }

  @Test
  void aCancelledScopeRunsNoMoreContinuations() {
    World w = ModelScenarios.scenario().withInstances(2).world();
    Scope s = new Scope("deployment", w.sim());
    boolean[] ran = {false};
    s.sleep(50).thenRun(() -> ran[0] = true);
    w.sim().runUntil(20);
    s.cancel();
    w.sim().runUntil(100);
    assertThat(ran[0]).isFalse();
  }

  @Test
  void movingAnInstanceCarriesDesiredCapacityAndRegistersItWithTheOtherGroupsTargets() {
    World w = ModelScenarios.scenario().withInstances(3).withSizes(1, 3).withRps(0).world();
    TargetGroup tg2 = w.createTargetGroup("tg2");
    AutoScalingGroup g1 = w.primary().group();
    AutoScalingGroup g2 = w.createGroup("g2", g1.settings().withSizes(0, 1, 0), "v1", List.of(tg2));
    Instance i = g1.inService().get(0);
    g1.moveTo(i, g2);
    w.sim().runUntil(1);
    assertThat(g1.desired()).isEqualTo(2);
    assertThat(g2.desired()).isEqualTo(1);
    assertThat(g2.inService()).containsExactly(i);
    assertThat(i.group()).isSameAs(g2);
    assertThat(tg2.isRegistered(i)).isTrue();
    // nothing is launched or terminated by the move
    assertThat(g1.members()).hasSize(2);
    assertThat(g1.members().stream().filter(x -> x.state().isLaunching())).isEmpty();
  }

  @Test
  void deletingAGroupDrainsAndTerminatesEveryInstance() {
    World w = ModelScenarios.scenario().withInstances(2).withRps(100).world();
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(10);
    Task t = g.delete(w.systemScope());
    w.sim().runUntil(309.999); // draining 300 s
    assertThat(t.isDone()).isFalse();
    w.sim().runUntil(310);
    assertThat(t.succeeded()).isTrue();
    assertThat(w.groups()).doesNotContain(g);
    assertThat(w.traffic().failedRps()).isCloseTo(100, within(1e-9));
  }

  @Test
  void lambdaAliasSplitsByFractionAndAFailingVersionFailsItsShare() {
    // v2 passes for 60 s after it first gets traffic, then fails everything it receives
    World w = new World(ModelScenarios.scenario().withRps(100)
        .withVersion(ModelScenarios.version("v2", 0, 0, new VersionSpec.FailingAfter(60), 0.1, 1)).build(), true);
    LambdaAlias alias = w.lambdaAlias();
    w.sim().runUntil(10);
    alias.shift("v1", "v2", 0.1);
    w.sim().runUntil(11);
    // 10 rps to v2, 10% of them fail
    assertThat(w.traffic().handledRps("v2")).isCloseTo(10, within(1e-9));
    assertThat(w.traffic().failedRps()).isCloseTo(1, within(1e-9));
    // 60 s after its first request (10 + 60 = 70 s) v2 fails all of its 10 rps
    w.sim().runUntil(69.999);
    assertThat(w.traffic().failedRps()).isCloseTo(1, within(1e-9));
    w.sim().runUntil(70);
    assertThat(w.traffic().failedRps()).isCloseTo(10, within(1e-9));
    w.traffic().advance();
    // failed requests: 1 rps from 10 to 70 s, then 10 rps: 60 + 0 = 60 at 70 s
    assertThat(w.traffic().failedTotal()).isCloseTo(60, within(1e-6));
  }
}
