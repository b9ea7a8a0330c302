package dev.deploysim.strategies.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.testing.ScenarioYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HorizontalPodAutoscaler on a Deployment against its documented algorithm
 * (https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/#algorithm-details;
 * docs/platforms/kubernetes.md#horizontal-pod-autoscaler): desiredReplicas = ceil(pods x
 * utilisation / target), no change within a tolerance of 0.1, a sync every 15 s, scale-down
 * stabilised over 300 s, scale-up limited to max(4 pods, 100%) per 15 s. Test system: {@link
 * PodScenarios} (10 pods of 100 requests/s at 600 requests/s: every pod at 60% CPU), pods of the
 * fleet's ReplicaSet start 5 s after they are created (fleet.launchTime) and are ready 20 s later.
 */
class HorizontalPodAutoscalerTest {

  static ScenarioYaml withHpa(String hpa) {
    return PodScenarios.of("k8s.rolling-update").set("fleet.launchTime", "5s").set("deployment.at", "20m")
        .append("fleet.scaling", "{type: horizontal-pod-autoscaler, " + hpa + "}");
  }

  /** The autoscaler's scalings: (time, "replicas a -> b"). */
  static List<String> scalings(RunResult r, double until) {
    return r.timeline().stream().filter(e -> e.source().equals("hpa") && e.time() <= until)
        .map(HorizontalPodAutoscalerTest::scaling).toList();
  }

  private static String scaling(TimelineEvent e) {
    String m = e.message();
    return e.time() + ": " + m.substring(m.lastIndexOf("replicas "));
  }

  @ParameterizedTest(name = "target {0}%, maxReplicas {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      // 60 / 50 = 1.2, beyond 1 +- 0.1: ceil(10 x 1.2) = 12
      "50 | 30 | 15.0: replicas 10 -> 12",
      // 60 / 40 = 1.5: ceil(10 x 1.5) = 15
      "40 | 30 | 15.0: replicas 10 -> 15",
      // 60 / 20 = 3: 30, but one period adds at most max(10 + 4, 10 x 2) = 20
      "20 | 30 | 15.0: replicas 10 -> 20",
      // 15 bounded by maxReplicas 13
      "40 | 13 | 15.0: replicas 10 -> 13"})
  void theFirstSyncScalesToCeilOfPodsTimesRatio(int target, int max, String expected) {
    RunResult r = withHpa("targetCPUUtilizationPercentage: " + target + ", maxReplicas: " + max).run();
    assertThat(scalings(r, 15)).containsExactly(expected);
  }

  @Test
  void withinTheToleranceNothingChanges() {
    // 60 / 55 = 1.09: within 1 +- 0.1, for the whole hour before the deployment
    RunResult r = withHpa("targetCPUUtilizationPercentage: 55, maxReplicas: 30").run();
    assertThat(scalings(r, 20 * 60)).isEmpty();
    // with tolerance 0.05 it is beyond: ceil(10 x 60/55) = ceil(10.9) = 11
    RunResult tight = withHpa("targetCPUUtilizationPercentage: 55, maxReplicas: 30, tolerance: 0.05").run();
    assertThat(scalings(tight, 15)).containsExactly("15.0: replicas 10 -> 11");
  }

  @ParameterizedTest(name = "window {0}: scale-down at {1} s")
  @CsvSource({
      // 200 requests/s: 20% per pod, 20 / 50 = 0.4: ceil(10 x 0.4) = 4 at every sync; the 10 replicas
      // found at the start stay in the 300 s window until the sync at 300 s (15 s x 20)
      "300s, 300.0",
      // a 60 s window: the sync at 60 s
      "60s, 60.0"})
  void scaleDownWaitsForTheStabilisationWindow(String window, String at) {
    RunResult r = withHpa("targetCPUUtilizationPercentage: 50, maxReplicas: 30, minReplicas: 2, "
        + "scaleDownStabilizationWindow: " + window).set("traffic.rps", 200).run();
    // then 200 / 4 = 50 requests/s per pod: 50%, on target
    assertThat(scalings(r, 20 * 60)).containsExactly(at + ": replicas 10 -> 4");
  }

  @Test
  void minReplicasBoundsAScaleDown() {
    RunResult r = withHpa("targetCPUUtilizationPercentage: 50, maxReplicas: 30, minReplicas: 6, "
        + "scaleDownStabilizationWindow: 60s").set("traffic.rps", 200).run();
    assertThat(scalings(r, 20 * 60)).containsExactly("60.0: replicas 10 -> 6");
  }

  @Test
  void theScaleUpLimitCountsWhatThePolicyPeriodAlreadyAdded() {
    // syncs every 5 s, target 20%: 60 / 20 = 3 asks for 30. At 5 s: at most max(10 + 4, 2 x 10) = 20.
    // At 10 s and 15 s the 10 added at 5 s are within the 15 s policy period: the period started at
    // 10 replicas, so 20 is still the limit. At 20 s the period starts at 20: up to 40. The 10 new pods
    // are not ready yet (created at 5 s, ready at 30 s): set aside, then counted at 0% for a scale-up:
    // 600 / (20 x 20) = 1.5, ceil(20 x 1.5) = 30
    RunResult r = withHpa("targetCPUUtilizationPercentage: 20, maxReplicas: 50, syncPeriod: 5s").run();
    assertThat(scalings(r, 20)).containsExactly("5.0: replicas 10 -> 20", "20.0: replicas 20 -> 30");
  }

  @Test
  void proportionalScalingAsTheDeploymentDocumentationExample() {
    // 10 replicas, maxSurge 3, maxUnavailable 2: mid-rollout the old ReplicaSet has 8, the new 5; the
    // autoscaler asks for 15: 15 + 3 - 13 = 5 more, 8 x 5 / 13 = 3.08 -> 3 to the old, 5 x 5 / 13 =
    // 1.92 -> 2 to the new
    assertThat(DeploymentController.proportional(new int[] {8, 5}, 5)).containsExactly(11, 7);
    // removing 4: 8 x -4 / 13 = -2.46 -> -2, 5 x -4 / 13 = -1.54 -> -2
    assertThat(DeploymentController.proportional(new int[] {8, 5}, -4)).containsExactly(6, 3);
    // 5 x 3 / 10 = 1.5 -> 2 to the first, then only 1 is left for the second
    assertThat(DeploymentController.proportional(new int[] {5, 5}, 3)).containsExactly(7, 6);
  }

  @Test
  void aRolloutDuringAScaleOutEndsWithTheAutoscalersReplicasAllNew() {
    // demand steps from 500 to 900 requests/s as the rollout starts (5m); 900 requests/s at 60% of
    // 100 per pod need 900 / 60 = 15 pods: the rollout scales the new ReplicaSet to what the
    // autoscaler sets and ends with all 15 on v2
    RunResult r = PodScenarios.of("k8s.rolling-update").set("fleet.launchTime", "5s")
        .remove("traffic.rps").set("traffic.pattern", "{steps: [{at: 0s, rps: 500}, {at: 5m, rps: 900}]}")
        .append("fleet.scaling", "{type: horizontal-pod-autoscaler, targetCPUUtilizationPercentage: 60, "
            + "maxReplicas: 30}")
        .run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.summary().finalVersions()).isEqualTo(Map.of("v2", 15));
    assertThat(scalings(r, 1e9)).isNotEmpty();
  }

  @Test
  void onlyKubernetesDeploymentsTakeAnAutoscaler() {
    List<ScenarioError> eb = ScenarioYaml.deploying("eb.rolling")
        .with(dev.deploysim.strategies.Strategies.catalog())
        .append("fleet.scaling", "{type: horizontal-pod-autoscaler, targetCPUUtilizationPercentage: 60, "
            + "maxReplicas: 9}").load().errors();
    assertThat(eb).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("fleet.scaling[0].type");
      assertThat(e.hint()).contains("k8s.rolling-update");
    });
    List<ScenarioError> pods = PodScenarios.of("k8s.recreate")
        .append("fleet.scaling", "{type: target-tracking, metric: cpu, target: 50}").load().errors();
    assertThat(pods).singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("fleet.scaling[0].type"));
    assertThat(withHpa("targetCPUUtilizationPercentage: 60, maxReplicas: 4, minReplicas: 5").load().errors())
        .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("fleet.scaling[0].minReplicas"));
    assertThat(withHpa("maxReplicas: 4").load().errors())
        .singleElement().satisfies(e -> {
          assertThat(e.path()).isEqualTo("fleet.scaling[0]");
          assertThat(e.message()).contains("targetCPUUtilizationPercentage");
        });
  }
}
