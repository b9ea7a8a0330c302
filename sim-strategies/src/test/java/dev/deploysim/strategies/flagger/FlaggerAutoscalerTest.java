package dev.deploysim.strategies.flagger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.Simulate;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.testing.ScenarioYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * flagger.canary with a HorizontalPodAutoscaler (docs/platforms/progressive-delivery.md#flagger,
 * docs/scaling.md): the fleet's autoscaler scales the primary Deployment and sees the primary's pods
 * only; with canaryAutoscaler (default) the canary Deployment has a copy of it, and an iteration
 * halts while the canary's autoscaler adds pods (Flagger's documented halting condition "HPA scaling
 * the canary"). The autoscaler's rule: desired = ceil(pods x utilisation / target), a sync every 15 s
 * (https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/#algorithm-details).
 *
 * <p>Test system: 10 pods of 100 requests/s, 600 requests/s stepping to 1800 at 6m30s, target 60%,
 * scale-down stabilised over an hour (so only scale-ups happen); the rollout starts at 5m with
 * interval 1m, stepWeight 50, maxWeight 50. A new pod is ready 25 s after it is created. The canary's
 * 10 pods are available at 325 s; at 360 s the analysis starts at weight 50.
 */
class FlaggerAutoscalerTest {

  static ScenarioYaml system() {
    return ScenarioYaml.deploying("flagger.canary").with(Strategies.catalog())
        .setAll("fleet", "instances", 10, "zones", "[a, b, c]", "capacity", 100)
        .append("fleet.scaling", "{type: horizontal-pod-autoscaler, targetCPUUtilizationPercentage: 60, "
            + "minReplicas: 2, maxReplicas: 40, scaleDownStabilizationWindow: 1h}")
        .setAll("loadBalancer", "type", "alb", "healthCheck", "{firstCheckDelay: 5s}")
        .remove("traffic.rps")
        .set("traffic.pattern", "{steps: [{at: 0s, rps: 600}, {at: 390s, rps: 1800}]}")
        .version("v1", "{install: 0s, start: 15s}")
        .v2("{install: 0s, start: 15s}")
        .param("podStartTime", "5s")
        .param("analysis", "{interval: 1m, stepWeight: 50, maxWeight: 50, "
            + "metrics: [{name: request-success-rate, thresholdRange: {min: 99}}]}")
        .set("horizon", "30m");
  }

  /** Times of the strategy's lines that contain {@code text}. */
  static List<Double> times(RunResult r, String text) {
    return r.timeline().stream().filter(e -> e.message().contains(text)).map(e -> e.time()).toList();
  }

  @Test
  void thePrimaryAndTheCanaryScaleOnTheirOwnPodsAndTheIterationHalts() {
    // at 405 s (the first sync over the peak) each Deployment's 10 pods serve half of 1800: 90%
    // against 60%, ceil(10 x 1.5) = 15 each. Were the canary's pods counted with the primary's, the
    // primary would see 20 pods at 90%: ceil(20 x 1.5) = 30
    RunResult r = system().run();
    assertThat(times(r, "sets the primary Deployment's replicas 10 -> 15")).containsExactly(405.0);
    assertThat(times(r, "sets the canary Deployment's replicas 10 -> 15")).containsExactly(405.0);
    // the canary's 5 new pods are available at 405 + 25 = 430 s: the iteration at 420 s halts; at
    // 480 s the checks pass and weight 50 >= maxWeight 50: promotion (without the halt: at 420 s)
    assertThat(times(r, "halt advancement, the canary's HorizontalPodAutoscaler")).containsExactly(420.0);
    assertThat(times(r, "copying the canary's template to the primary")).containsExactly(480.0);
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    // at the end all 1800 requests/s are the primary's: its autoscaler stops once they are within
    // the tolerance (0.1) of the 60% target
    assertWithinTolerance(s.finalVersions().get("v2"));
  }

  @Test
  void withoutTheCanaryAutoscalerTheCanaryKeepsItsReplicas() {
    RunResult r = system().param("canaryAutoscaler", false).run();
    assertThat(times(r, "sets the primary Deployment's replicas 10 -> 15")).containsExactly(405.0);
    assertThat(times(r, "canary Deployment's replicas")).isEmpty();
    assertThat(times(r, "halt advancement")).isEmpty();
    // 420 s: the checks pass, weight 50 >= 50: promotion
    assertThat(times(r, "copying the canary's template to the primary")).containsExactly(420.0);
  }

  @Test
  void theCanaryAutoscalerNeedsTheFleetsAutoscaler() {
    List<ScenarioError> errors = system().remove("fleet.scaling").param("canaryAutoscaler", true).load().errors();
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.strategy.canaryAutoscaler");
      assertThat(e.hint()).contains("horizontal-pod-autoscaler");
    });
  }

  @Test
  void theScenarioFileHaltsAnIterationAndEndsWithThePodsThePeakNeeds() throws IOException {
    // scenarios/flagger-canary-hpa.yaml: this test system with a success-rate check at 0.1% errors
    // and the readiness probe's first check at a random point in its period: both Deployments go
    // 10 -> 15 once the peak is measured, an iteration halts, and the primary ends within the
    // autoscaler's tolerance
    RunResult r = Simulate.run(Files.readString(Path.of("..", "scenarios", "flagger-canary-hpa.yaml")));
    assertThat(times(r, "sets the primary Deployment's replicas 10 -> 15")).hasSize(1);
    assertThat(times(r, "sets the canary Deployment's replicas 10 -> 15")).hasSize(1);
    assertThat(times(r, "halt advancement, the canary's HorizontalPodAutoscaler")).hasSize(1);
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions().keySet()).containsExactly("v2");
    assertWithinTolerance(s.finalVersions().get("v2"));
  }

  /**
   * 1800 requests/s over n pods of 100 is 1800 / n % utilisation: the autoscaler leaves it within 1
   * +- 0.1 of the 60% target, so n is from ceil(1800 / (60 x 1.1)) = 28 to floor(1800 / (60 x 0.9)) = 33.
   */
  static void assertWithinTolerance(int pods) {
    assertThat(pods).isBetween((int) Math.ceil(1800 / (60 * 1.1)), (int) Math.floor(1800 / (60 * 0.9)));
  }
}
