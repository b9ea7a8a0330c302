package dev.deploysim.strategies.argo;

import static dev.deploysim.strategies.PodSystem.AT;
import static dev.deploysim.strategies.PodSystem.POD_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.PodSystem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * argo.blue-green against Argo Rollouts' blue-green sequence (docs/platforms/
 * progressive-delivery.md#blue-green): preview pods, prePromotionAnalysis, pause, switch,
 * postPromotionAnalysis, scale-down after scaleDownDelaySeconds. Test system: {@link PodSystem}.
 */
class ArgoBlueGreenTest {

  @Test
  void switchesWhenThePreviewIsReadyAndScalesTheOldPodsDownAfterTheDelay() {
    // 10 preview pods at 300 s, available at 325 s; no analysis, autoPromotionEnabled: the active
    // Service switches at 325 s; the old pods go 30 s later (scaleDownDelaySeconds default)
    Summary s = PodSystem.of("argo.blue-green").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().durationSeconds()).isEqualTo(POD_READY + 30);
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(10);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 10));
    assertThat(s.mixedVersionSeconds()).isZero();
  }

  @Test
  void theScaleDownDelayCostsReplicasTimesTheDelayInPodHours() {
    // the old ReplicaSet's 10 pods are billed for the delay: 600 s instead of 30 s costs
    // 10 x (600 - 30) / 3600 = 1.5833 pod-hours more
    Summary fast = PodSystem.of("argo.blue-green").run().summary();
    Summary slow = PodSystem.of("argo.blue-green").strategy("scaleDownDelaySeconds: 600").run().summary();
    assertThat(slow.deployment().durationSeconds() - fast.deployment().durationSeconds()).isEqualTo(570);
    assertThat(slow.cost().extraInstanceHours() - fast.cost().extraInstanceHours())
        .isCloseTo(10 * 570 / 3600.0, within(1e-9));
  }

  @Test
  void aSmallPreviewIsScaledUpBeforeTheSwitch() {
    // previewReplicaCount 3: ready at 325 s; then 7 more pods, available at 350 s: switch; +30 s
    Summary s = PodSystem.of("argo.blue-green").strategy("previewReplicaCount: 3").run().summary();
    assertThat(s.deployment().durationSeconds()).isEqualTo(2 * POD_READY + 30);
  }

  @Test
  void withoutAutoPromotionItWaitsForThePromotion() {
    Summary s = PodSystem.of("argo.blue-green").strategy("autoPromotionEnabled: false", "promoteAt: 10m").run()
        .summary();
    assertThat(s.deployment().endSeconds()).isEqualTo(600 + 30);
    Summary timed = PodSystem.of("argo.blue-green").strategy("autoPromotionSeconds: 120").run().summary();
    assertThat(timed.deployment().endSeconds()).isEqualTo(AT + POD_READY + 120 + 30);
  }

  @Test
  void aFailedPostPromotionAnalysisSwitchesBack() {
    // switch at 325 s; the analysis measures at 385 s the last minute: 600 requests/s x 60 s, half
    // failed: Failed; the active Service goes back to the old pods (still there: without an explicit
    // scaleDownDelaySeconds they wait for the analysis); the new pods go 30 s later
    Summary s = PodSystem.of("argo.blue-green").v2ErrorRate(0.5).strategy("postPromotionAnalysis:",
        "  metrics:", "    - name: errors", "      initialDelay: 1m", "      successCondition: \"errorRate < 0.05\"")
        .run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().atSeconds()).isEqualTo(AT + POD_READY + 60);
    assertThat(s.rollback().endSeconds()).isEqualTo(AT + POD_READY + 60 + 30);
    assertThat(s.traffic().requestsServedByNewVersion()).isEqualTo(600 * 60);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 10));
  }

  @Test
  void aPrePromotionAnalysisNeedsRequestsToSeeAnything() {
    // The preview gets no production requests. With previewRps 10 the smoke tests' 600 requests
    // in the minute to 385 s are half failures: Failed, abort, the preview goes at 415 s and no
    // user request ever reached the new version.
    String[] pre = {"prePromotionAnalysis:", "  metrics:", "    - name: errors", "      initialDelay: 1m",
        "      successCondition: \"errorRate < 0.05\""};
    Summary tested = PodSystem.of("argo.blue-green").v2ErrorRate(0.5).strategy(pre).strategy("previewRps: 10").run()
        .summary();
    assertThat(tested.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(tested.rollback().endSeconds()).isEqualTo(AT + POD_READY + 60 + 30);
    assertThat(tested.traffic().requestsServedByNewVersion()).isZero();
    // Without them the query finds no request: an Error measurement; with count 1 the count is
    // reached and one error is within consecutiveErrorLimit 4, so Argo calls the metric Successful,
    // and the bad version is promoted
    Summary blind = PodSystem.of("argo.blue-green").v2ErrorRate(0.5).strategy(pre).run().summary();
    assertThat(blind.outcome()).isEqualTo(Outcome.SUCCEEDED);
  }
}
