package dev.deploysim.strategies.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimeSeries;
import dev.deploysim.strategies.Simulate;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.testing.ScenarioYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A HorizontalPodAutoscaler on an Argo Rollout: it writes spec.replicas through the Rollout's /scale
 * subresource and the strategy splits them
 * (https://argo-rollouts.readthedocs.io/en/stable/features/hpa-support/; docs/scaling.md). The
 * autoscaler's rule is Kubernetes' (desired = ceil(pods x utilisation / target), a sync every 15 s,
 * docs/platforms/kubernetes.md#horizontal-pod-autoscaler); the split is Argo's replica arithmetic
 * (docs/platforms/progressive-delivery.md).
 *
 * <p>Test system: 10 pods of 100 requests/s, 600 requests/s (60%, on the 60% target) until demand
 * steps to {@code peak} at 6m; the rollout starts at 5m. A new pod's container runs 5 s after it is
 * created, the application starts in 15 s and its first probe passes 5 s later: ready 25 s after it
 * is created. The autoscaler syncs at 15 s, 30 s, ...: the sync at 360 s still measures 345-360 s
 * at 600 requests/s, the one at 375 s the first 15 s of the peak.
 */
class ArgoAutoscalerTest {
  static final double AT = 300;
  static final double POD_READY = 25;
  /** The first sync that measures the peak. */
  static final double PEAK_SYNC = 375;
  static final double TARGET = 60;

  static ScenarioYaml system(String type, int peak) {
    return ScenarioYaml.deploying(type).with(Strategies.catalog())
        .setAll("fleet", "instances", 10, "zones", "[a, b, c]", "capacity", 100)
        .append("fleet.scaling", "{type: horizontal-pod-autoscaler, targetCPUUtilizationPercentage: 60, "
            + "minReplicas: 10, maxReplicas: 30}")
        .setAll("loadBalancer", "type", "alb", "healthCheck", "{firstCheckDelay: 5s}")
        .remove("traffic.rps")
        .set("traffic.pattern", "{steps: [{at: 0s, rps: 600}, {at: 6m, rps: " + peak + "}]}")
        .version("v1", "{install: 0s, start: 15s}")
        .v2("{install: 0s, start: 15s}")
        .param("podStartTime", "5s")
        .set("horizon", "20m");
  }

  /** The autoscaler's changes: "time: replicas a -> b". */
  static List<String> scalings(RunResult r) {
    return r.timeline().stream().filter(e -> e.source().equals("hpa")).map(e -> {
      String m = e.message();
      return e.time() + ": " + m.substring(m.lastIndexOf("replicas "));
    }).toList();
  }

  static double at(RunResult r, double t, String column) {
    TimeSeries ts = r.timeSeries();
    for (int i = 0; i < ts.size(); i++) {
      if (Math.abs(ts.value(i, "time") - t) < 1e-9) {
        return ts.value(i, column);
      }
    }
    throw new AssertionError("no sample at " + t);
  }

  /** ceil(pods x (served / pods / 100 per pod) / target) = ceil(served / 100 / target): the pods cancel out. */
  static int recommendation(double rps) {
    return (int) Math.ceil(rps / 100 * 100 / TARGET - 1e-9);
  }

  @Test
  void withARouterTheCanaryIsCeilOfWeightTimesTheNewReplicasAndTheStableHasThemAll() {
    // setWeight 20: ceil(20 x 10 / 100) = 2 canary pods beside the 10 stable, ready at 325 s (weight
    // 20). At 375 s the 12 ready pods serve 900 requests/s: 75% against 60%, ceil(12 x 1.25) = 15
    // (within max(10 + 4, 2 x 10) = 20). Argo: canary ceil(20 x 15 / 100) = 3, stable 15
    RunResult r = system("argo.canary", 900).param("trafficRouting", "alb")
        .param("steps", "[{setWeight: 20}, {pause: {duration: 5m}}]").run();
    assertThat(recommendation(900)).isEqualTo(15);
    assertThat(scalings(r)).containsExactly(PEAK_SYNC + ": replicas 10 -> 15");
    double settled = PEAK_SYNC + POD_READY + 50;
    assertThat(at(r, settled, "inService_v2")).isEqualTo(Math.ceil(20 * 15 / 100.0));
    assertThat(at(r, settled, "inService_v1")).isEqualTo(15);
    assertThat(at(r, settled, "newVersionTrafficPercent")).isEqualTo(20);
    // the pause ends at 325 + 300 s; the canary grows to 15 (ready +25 s), weight 100, the stable
    // goes scaleDownDelaySeconds (30) later: 25 + 300 + 25 + 30
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().durationSeconds()).isEqualTo(POD_READY + 300 + POD_READY + 30);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 15));
  }

  @Test
  void aSetCanaryScaleWeightIsAShareOfTheCurrentReplicas() {
    // setCanaryScale weight 50: ceil(50 x 10 / 100) = 5 canary pods (ready at 325 s), then setWeight
    // 20 sends them 20%. At 375 s the 15 ready pods serve 1200 requests/s: 80% against 60%,
    // ceil(15 x 1.333) = 20 (the limit max(10 + 4, 2 x 10) = 20). The canary's scale follows: ceil(50 x
    // 20 / 100) = 10 pods, the stable 20
    RunResult r = system("argo.canary", 1200).param("trafficRouting", "alb")
        .param("steps", "[{setCanaryScale: {weight: 50}}, {setWeight: 20}, {pause: {duration: 5m}}]").run();
    assertThat(scalings(r)).containsExactly(PEAK_SYNC + ": replicas 10 -> 20");
    double settled = PEAK_SYNC + POD_READY + 50;
    assertThat(at(r, settled, "inService_v2")).isEqualTo(Math.ceil(50 * 20 / 100.0));
    assertThat(at(r, settled, "inService_v1")).isEqualTo(20);
    assertThat(at(r, settled, "newVersionTrafficPercent")).isEqualTo(20);
  }

  @Test
  void withDynamicStableScaleTheStableIsItsShareOfTheNewReplicas() {
    // dynamicStableScale: at weight 20 the stable has ceil(80 x 10 / 100) = 8 pods once the weight is
    // on the listener, beside 2 canary pods. At 375 s 10 pods serve 900 requests/s: 90%, ceil(10 x
    // 1.5) = 15: canary ceil(20 x 15 / 100) = 3, stable ceil(80 x 15 / 100) = 12
    RunResult r = system("argo.canary", 900).param("trafficRouting", "alb").param("dynamicStableScale", true)
        .param("steps", "[{setWeight: 20}, {pause: {duration: 5m}}]").run();
    assertThat(scalings(r)).containsExactly(PEAK_SYNC + ": replicas 10 -> 15");
    double settled = PEAK_SYNC + POD_READY + 50;
    assertThat(at(r, settled, "inService_v2")).isEqualTo(Math.ceil(20 * 15 / 100.0));
    assertThat(at(r, settled, "inService_v1")).isEqualTo(Math.ceil(80 * 15 / 100.0));
  }

  @Test
  void withoutARouterTheNewReplicasAreSplitByApproximateWeights() {
    // setWeight 20 of 10: 2 canary + 8 stable (the weight exactly). At 375 s the 10 ready pods serve
    // 900 requests/s: 90%, ceil(10 x 1.5) = 15. approximateWeightedCanaryStableReplicaCounts on 15
    // (maxSurge 25% = ceil(3.75) = 4 > 0, so totals 15 and 16): 15 x 0.2 = 3 -> 3 of 15 is 20%
    // exactly; 16 x 0.2 = 3.2 -> 3 of 16 is 18.75%, 4 of 16 is 25%: 3 canary, 12 stable. The 5 new
    // pods fit within 15 + 4
    RunResult r = system("argo.canary", 900).param("steps", "[{setWeight: 20}, {pause: {duration: 5m}}]").run();
    assertThat(scalings(r)).containsExactly(PEAK_SYNC + ": replicas 10 -> 15");
    assertThat(CanaryReplicas.basic(15, 20, true)).isEqualTo(new CanaryReplicas.Counts(3, 12));
    double settled = PEAK_SYNC + POD_READY + 50;
    assertThat(at(r, settled, "inService_v2")).isEqualTo(3);
    assertThat(at(r, settled, "inService_v1")).isEqualTo(12);
    // one Service over both ReplicaSets: the canary's share is its share of the ready pods
    assertThat(at(r, settled, "newVersionTrafficPercent")).isEqualTo(100.0 * 3 / 15);
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 15));
  }

  @Test
  void blueGreenScalesTheActiveReplicaSetAndKeepsThePreviewAtPreviewReplicaCount() {
    // previewReplicaCount 2: 2 new pods, ready at 325 s, then a 300 s pause (autoPromotionSeconds).
    // The autoscaler sees every pod of the Rollout, the idle preview too: at 375 s 12 ready pods
    // serve 900 requests/s, 75% against 60%, ceil(12 x 1.25) = 15. The active ReplicaSet gets the 15
    // replicas; the preview stays at min(15, 2) = 2
    RunResult r = system("argo.blue-green", 900).param("previewReplicaCount", 2)
        .param("autoPromotionSeconds", 300).run();
    assertThat(scalings(r)).containsExactly(PEAK_SYNC + ": replicas 10 -> 15");
    double settled = PEAK_SYNC + POD_READY + 50;
    // the preview's pods are in no target group that serves: billed instances of v2
    assertThat(at(r, settled, "inService_v1")).isEqualTo(15);
    assertThat(at(r, settled, "instances_v2")).isEqualTo(2);
    assertThat(at(r, settled, "newVersionTrafficPercent")).isZero();
    // promotion at 325 + 300 s: the new ReplicaSet to 15 (ready +25 s), the switch, the old pods
    // scaleDownDelaySeconds (30) later
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().durationSeconds()).isEqualTo(POD_READY + 300 + POD_READY + 30);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 15));
  }

  @Test
  void thePreviewsIdlePodsCountInTheAverage() {
    // at 900 requests/s the 10 active pods are at 90%, but the autoscaler averages over the 15 pods
    // of the Rollout: 900 / 15 = 60%, on target: no change until the promotion. Once the 10 new
    // pods serve alone (the old ones gone 30 s after the switch) 900 over 10 is 90%: ceil(10 x 1.5) = 15
    RunResult r = system("argo.blue-green", 900).param("previewReplicaCount", 5)
        .param("autoPromotionSeconds", 300).run();
    List<String> sc = scalings(r);
    assertThat(sc).hasSize(1);
    assertThat(sc.get(0)).endsWith("replicas 10 -> 15");
    double promoted = AT + POD_READY + 300 + POD_READY;
    assertThat(r.timeline().stream().filter(e -> e.source().equals("hpa")).findFirst().orElseThrow().time())
        .isGreaterThan(promoted);
    assertThat(r.summary().finalVersions()).isEqualTo(Map.of("v2", 15));
  }

  @Test
  void afterTheRolloutTheServingReplicaSetGetsTheReplicas() {
    // demand steps to 900 at 15m, long after the rollout: 10 pods at 90%, ceil(10 x 1.5) = 15. After
    // a promotion the new ReplicaSet serves and gets them; after an abort (v2 fails half its
    // requests: the analysis at 385 s aborts, traffic back at once with the router) the stable does
    String steps = "[{setWeight: 20}, {analysis: {metrics: [{name: errors, initialDelay: 1m, "
        + "successCondition: \"errorRate < 0.05\"}]}}]";
    ScenarioYaml late = system("argo.canary", 900).param("trafficRouting", "alb").param("steps", steps)
        .set("traffic.pattern", "{steps: [{at: 0s, rps: 600}, {at: 15m, rps: 900}]}");
    RunResult promoted = late.copy().run();
    assertThat(promoted.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(scalings(promoted)).containsExactly((15 * 60 + 15.0) + ": replicas 10 -> 15");
    assertThat(promoted.summary().finalVersions()).isEqualTo(Map.of("v2", 15));
    RunResult aborted = late.v2("{install: 0s, start: 15s, errorRate: 0.5}").run();
    assertThat(aborted.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(scalings(aborted)).containsExactly((15 * 60 + 15.0) + ": replicas 10 -> 15");
    assertThat(aborted.summary().finalVersions()).isEqualTo(Map.of("v1", 15));
  }

  @Test
  void theScenarioFileSplitsEachStepOverTheNewReplicas() throws IOException {
    // scenarios/argo-canary-hpa.yaml: the same system with a router and setWeight 20, then 50; the
    // readiness probe's first check at a random point in its period. 12 pods at 900 requests/s:
    // ceil(12 x 75 / 60) = 15; setWeight 20 -> ceil(20 x 15 / 100) = 3 canary pods, setWeight 50 ->
    // ceil(50 x 15 / 100) = 8, the promotion 15; the stable keeps 15 until the end
    RunResult r = Simulate.run(Files.readString(Path.of("..", "scenarios", "argo-canary-hpa.yaml")));
    List<String> sc = scalings(r);
    assertThat(sc).singleElement().satisfies(x -> assertThat(x).endsWith("replicas 10 -> 15"));
    List<String> canary = r.timeline().stream().map(e -> e.message())
        .filter(m -> m.startsWith("scale up ReplicaSet rs-v2 to ")).toList();
    assertThat(canary).containsExactly("scale up ReplicaSet rs-v2 to 2 (canary pods for the step)",
        "scale up ReplicaSet rs-v2 to " + (int) Math.ceil(20 * 15 / 100.0) + " (canary pods for the step)",
        "scale up ReplicaSet rs-v2 to " + (int) Math.ceil(50 * 15 / 100.0) + " (canary pods for the step)",
        "scale up ReplicaSet rs-v2 to 15 (canary pods for the step)");
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 15));
  }
}
