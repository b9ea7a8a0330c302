package dev.deploysim.model;

import dev.deploysim.control.Task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Distribution;
import dev.deploysim.scenario.LoadBalancerSpec.HealthCheckSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The target-group options that let a target group stand for a Kubernetes Service's endpoints with
 * a readiness probe (docs/platforms/kubernetes.md#readiness-and-the-service): checks skipped before
 * initialDelaySeconds after the container started, no fail-open (a pod that is not ready is not an
 * endpoint), settings changed in place; and the group's PutLifecycleHook that holds a terminating
 * pod for its shutdown.
 */
class ReadinessProbeTest {

  /**
   * A group launching one instance at 0: boot 60 s (bootedAt 60), install 30 s, start 10 s, so it
   * registers at 100 s; the first check comes 10 s after registration, then every 30 s: 110, 140,
   * 170 ... With an initial delay d, the checks before 60 + d are skipped.
   */
  @ParameterizedTest(name = "initial delay {0}s -> ready at {1}s")
  @CsvSource({
      "0, 110",    // no delay: the first check at 110 passes (one pass for a new target)
      "50, 110",   // 60 + 50 = 110: the check at 110 is not early
      "70, 140",   // 60 + 70 = 130: the check at 110 is skipped, 140 is the first
      "100, 170"}) // 60 + 100 = 160: 110 and 140 skipped
  void checksBeforeTheInitialDelayAreSkipped(double delay, double readyAt) {
    World w = ModelScenarios.scenario().withInstances(2).withLaunchTime(60).world();
    TargetGroup tg = w.createTargetGroup("endpoints");
    tg.setInitialDelay(delay);
    AutoScalingGroup g = w.createGroup("rs", w.primary().group().settings().withSizes(0, 1, 1), "v2", List.of(tg));
    w.sim().runUntil(100);
    Instance pod = g.instances().get(0);
    assertThat(pod.bootedAt()).isEqualTo(60.0);
    assertThat(tg.state(pod)).isEqualTo(TargetState.INITIAL);
    w.sim().runUntil(readyAt - 0.001);
    assertThat(tg.state(pod)).isEqualTo(TargetState.INITIAL);
    w.sim().runUntil(readyAt);
    assertThat(tg.state(pod)).isEqualTo(TargetState.HEALTHY);
  }

  @Test
  void theFleetAtTheStartHasNoBootTime() {
    World w = ModelScenarios.scenario().world();
    assertThat(w.primary().group().inService().get(0).bootedAt()).isNaN();
  }

  @Test
  void aTargetGroupThatDoesNotFailOpenFailsRequestsWhileNoTargetIsHealthy() {
    // 4 running instances registered with a new target group at 0: initial until the first check
    // at 10 s. An ELB target group fails open and sends them requests meanwhile; endpoints of a
    // Service do not, so all 400 requests/s fail until 10 s.
    for (boolean open : new boolean[] {true, false}) {
      World w = ModelScenarios.scenario().world();
      TargetGroup tg = w.createTargetGroup("endpoints");
      tg.setFailOpen(open);
      assertThat(tg.failsOpen()).isEqualTo(open);
      w.primary().group().inService().forEach(tg::register);
      w.primary().loadBalancer().forward(tg);
      w.sim().runUntil(5);
      w.traffic().advance();
      assertThat(w.traffic().failedRps()).isEqualTo(open ? 0.0 : 400.0);
      w.sim().runUntil(10);
      w.traffic().advance();
      assertThat(w.traffic().failedRps()).isZero();
      assertThat(w.traffic().servedRps()).isEqualTo(400.0);
    }
  }

  @Test
  void newHealthCheckSettingsApplyFromTheNextCheck() {
    // a readiness probe: every 10 s, 3 failures to become not ready; the target's next check was
    // scheduled with the old 30 s interval (checks at 10, 40, ...)
    World w = ModelScenarios.scenario().withInstances(2).world();
    TargetGroup tg = w.createTargetGroup("endpoints");
    Instance i = w.primary().group().inService().get(0);
    tg.register(i);
    tg.setHealthCheck(new HealthCheckSpec(10, 1, 1, 3, 1, null));
    w.sim().runUntil(10);
    assertThat(tg.state(i)).isEqualTo(TargetState.HEALTHY);
    i.stopApplication(w.systemScope());
    // failures at 20, 30, 40: not ready at 40 (the old settings would say 2 x 30 s: at 70)
    w.sim().runUntil(39.999);
    assertThat(tg.state(i)).isEqualTo(TargetState.HEALTHY);
    w.sim().runUntil(40);
    assertThat(tg.state(i)).isEqualTo(TargetState.UNHEALTHY);
  }

  @Test
  void anAddedTerminateHookHoldsTheInstanceBeforeItTerminates() {
    World w = ModelScenarios.scenario().world();
    AutoScalingGroup g = w.primary().group();
    w.primary().targetGroup().setDeregistrationDelay(0);
    g.putLifecycleHook(new LifecycleHookSpec("shutdown", LifecycleHookSpec.Transition.TERMINATING, 30,
        LifecycleHookSpec.HookResult.CONTINUE, Distribution.constant(20), LifecycleHookSpec.HookResult.CONTINUE));
    assertThat(g.settings().hooks()).extracting(LifecycleHookSpec::name).containsExactly("shutdown");
    w.sim().runUntil(100);
    Instance i = g.inService().get(0);
    Task t = g.terminate(w.systemScope(), i, true);
    // deregistered at once (no delay), then Terminating:Wait for the hook's 20 s
    w.sim().runUntil(100);
    assertThat(w.primary().targetGroup().state(i)).isNull();
    assertThat(i.state()).isEqualTo(LifecycleState.TERMINATING_WAIT);
    w.sim().runUntil(119.999);
    assertThat(t.isDone()).isFalse();
    w.sim().runUntil(120);
    assertThat(i.isTerminated()).isTrue();
    assertThat(t.succeeded()).isTrue();
    assertThat(g.desired()).isEqualTo(3);
  }
}
