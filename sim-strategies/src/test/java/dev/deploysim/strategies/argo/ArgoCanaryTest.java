package dev.deploysim.strategies.argo;

import static dev.deploysim.strategies.PodSystem.AT;
import static dev.deploysim.strategies.PodSystem.POD_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimeSeries;
import dev.deploysim.strategies.PodSystem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * argo.canary against Argo Rollouts' rules (docs/platforms/progressive-delivery.md): a step waits
 * until both ReplicaSets have their pods available; pauses wait; the canary is promoted after the
 * last step; a Failed analysis aborts and sends the traffic back. Test system: {@link PodSystem}
 * (a new pod is available 25 s after it is created; 10 replicas; maxSurge 25% = 3 pods, maxUnavailable
 * 25% = 2 pods).
 */
class ArgoCanaryTest {
  static final String[] TWO_STEPS = {"steps:", "  - setWeight: 20", "  - pause: {duration: 2m}",
      "  - setWeight: 50", "  - pause: {duration: 2m}"};

  @Test
  void replicaWeightsDurationFromTheSteps() {
    // setWeight 20 -> 2 canary + 8 stable (exact): 2 canary pods and 2 stable pods deleted at 300 s
    // (within 13 pods, 8 available); the canary pods are available at +25 s.
    // pause 2m. setWeight 50 -> 5 + 5: 3 canary pods (13 pods), 2 stable deleted (8 available); at
    // +25 s the 3 are available and the 6th stable pod goes. pause 2m.
    // promotion -> 10 + 0: 3 canary pods, 2 stable deleted, then 2 more canary pods (13 pods, 8
    // available); at +25 s the last 3 stable pods go.
    // 25 + 120 + 25 + 120 + 25 = 315 s
    Summary s = PodSystem.of("argo.canary").strategy(TWO_STEPS).run().summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().durationSeconds()).isEqualTo(3 * POD_READY + 2 * 120);
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(8);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 10));
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void replicaWeightsShareTheTrafficByReadyPods() {
    // at setWeight 20 the Service spreads requests over 2 canary + 8 stable ready pods: 20%;
    // at 5% Argo picks 1 canary of 11 pods (surge): 9.09%, not 5%
    RunResult r = PodSystem.of("argo.canary").strategy("steps:", "  - setWeight: 20", "  - pause: {duration: 2m}",
        "  - setWeight: 5", "  - pause: {duration: 2m}").run();
    TimeSeries ts = r.timeSeries();
    assertThat(share(ts, AT + POD_READY + 60)).isCloseTo(20, within(1e-6));
    // setWeight 5 at 445 s: canary 2 -> 1 at once, stable 8 -> 10 (two pods created, available at 470 s)
    assertThat(share(ts, AT + POD_READY + 120 + POD_READY + 60)).isCloseTo(100.0 / 11, within(1e-6));
  }

  @Test
  void aTrafficRouterSetsExactWeightsOnceTheCanaryIsAvailable() {
    // trafficRouting alb: setWeight 20 needs ceil(20 x 10 / 100) = 2 canary pods, the stable keeps
    // 10; the weight moves at +25 s. setWeight 50: 5 pods, +25 s. Promotion: 10 pods, +25 s, weight
    // 100, then scaleDownDelaySeconds (30) before the stable's pods go: 25 + 120 + 25 + 120 + 25 + 30
    RunResult r = PodSystem.of("argo.canary").strategy(TWO_STEPS).strategy("trafficRouting: alb").run();
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().durationSeconds()).isEqualTo(3 * POD_READY + 2 * 120 + 30);
    // the stable never shrinks: no capacity lost
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(10);
    assertThat(share(r.timeSeries(), AT + POD_READY + 60)).isCloseTo(20, within(1e-6));
    assertThat(share(r.timeSeries(), AT + POD_READY + 120 + POD_READY + 60)).isCloseTo(50, within(1e-6));
  }

  @Test
  void aFailedInlineAnalysisAbortsAndTheStableComesBack() {
    // v2 fails half its requests. setWeight 20 is reached at 325 s; the analysis measures after
    // initialDelay 1m (385 s) the last minute: 120 requests/s x 60 s = 7200, about 3600 failed:
    // errorRate 0.5 is not < 0.05, failureLimit 0: Failed, abort at 385 s. Without a router the
    // ReplicaSets go back within maxSurge/maxUnavailable: 2 stable pods created (10 + 2 = 12 <= 13)
    // and, 10 available > 8, both canary pods deleted at once; the stable pods are available at
    // 410 s: the rollback took 25 s.
    Summary s = PodSystem.of("argo.canary").v2ErrorRate(0.5).strategy("steps:", "  - setWeight: 20",
        "  - analysis:", "      metrics:", "        - name: errors", "          initialDelay: 1m",
        "          successCondition: \"errorRate < 0.05\"").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.outcomeReason()).startsWith("analysis step 2 Failed: metric errors Failed");
    assertThat(s.detection().afterStartSeconds()).isEqualTo(POD_READY + 60);
    assertThat(s.rollback().startSeconds()).isEqualTo(AT + POD_READY + 60);
    assertThat(s.rollback().endSeconds()).isEqualTo(AT + POD_READY + 60 + POD_READY);
    // the canary served 20% of 600 requests/s from 325 s to 385 s
    assertThat(s.traffic().requestsServedByNewVersion()).isEqualTo(120 * 60);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 10));
  }

  @Test
  void withMaxUnavailableZeroTheStableComesBackFirst() {
    // the same abort with maxUnavailable 0: no available pod may go before the 2 new stable pods
    // are available (410 s), so the canary keeps its share until then
    Summary s = PodSystem.of("argo.canary").v2ErrorRate(0.5).strategy("maxUnavailable: 0", "steps:",
        "  - setWeight: 20", "  - analysis:", "      metrics:", "        - name: errors", "          initialDelay: 1m",
        "          successCondition: \"errorRate < 0.05\"").run().summary();
    // maxUnavailable 0: setWeight 20 first adds 2 canary pods (12 pods) and deletes 2 stable pods only
    // once they are available (325 s): same timing up to the abort at 385 s
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.rollback().startSeconds()).isEqualTo(AT + POD_READY + 60);
    assertThat(s.rollback().endSeconds()).isEqualTo(AT + POD_READY + 60 + POD_READY);
    assertThat(s.traffic().requestsServedByNewVersion()).isEqualTo(120 * (60 + 25));
  }

  @Test
  void withARouterTheTrafficGoesBackAtOnceAndThePodsAfterTheDelay() {
    // router: weight 0 at the abort (385 s); the canary's 2 pods go after abortScaleDownDelaySeconds 30
    Summary s = PodSystem.of("argo.canary").v2ErrorRate(0.5).strategy("trafficRouting: alb", "steps:",
        "  - setWeight: 20", "  - analysis:", "      metrics:", "        - name: errors", "          initialDelay: 1m",
        "          successCondition: \"errorRate < 0.05\"").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.rollback().startSeconds()).isEqualTo(AT + POD_READY + 60);
    assertThat(s.rollback().endSeconds()).isEqualTo(AT + POD_READY + 60 + 30);
    assertThat(s.traffic().requestsServedByNewVersion()).isEqualTo(120 * 60);
  }

  @Test
  void aPauseWithoutDurationWaitsForThePromotion() {
    // setWeight 20 reached at 325 s (2 canary + 8 stable); pause {} until promoteAt 20m (1200 s).
    // Promotion to 10 + 0 from 2 + 8: 3 canary pods (13), 2 stable deleted (8 available), 2 more
    // canary pods (13); at +25 s 13 available: 5 stable deleted, 3 more canary pods; at +50 s the
    // last stable pod goes: complete at 1200 + 2 x 25 s
    Summary s = PodSystem.of("argo.canary").strategy("promoteAt: 20m", "steps:", "  - setWeight: 20",
        "  - pause: {}").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().endSeconds()).isEqualTo(1200 + 2 * POD_READY);
    // never promoted: still paused at the horizon
    Summary never = PodSystem.of("argo.canary").horizon("1h").strategy("steps:", "  - setWeight: 20",
        "  - pause: {}").run().summary();
    assertThat(never.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(never.outcomeReason()).isEqualTo("still running when the simulation ended");
  }

  @Test
  void aBackgroundAnalysisAbortsWhicheverStepIsRunning() {
    // background: every 1m from the start (300 s), window 1m, failureLimit 1. The canary has traffic
    // from 325 s; measurements at 360 s (35 s of canary traffic, 4200 requests) and 420 s both see
    // errorRate 0.5: Failed at the second failed measurement, 420 s, during the 10m pause
    Summary s = PodSystem.of("argo.canary").v2ErrorRate(0.5).strategy("steps:", "  - setWeight: 20",
        "  - pause: {duration: 10m}", "analysis:", "  metrics:", "    - name: errors", "      interval: 1m",
        "      failureLimit: 1", "      successCondition: \"errorRate < 0.05\"").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().atSeconds()).isEqualTo(420);
    assertThat(s.outcomeReason()).contains("background Failed");
  }

  @Test
  void aVersionThatNeverGetsReadyStallsUntilTheProgressDeadline() {
    // the canary's 2 pods never become ready: the step never completes; no progress after the 2
    // stable pods were deleted at 300 s: Degraded at 300 + 600 s, FAILED (no progressDeadlineAbort)
    Summary s = PodSystem.of("argo.canary").v2NeverReady().strategy(TWO_STEPS).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.deployment().endSeconds()).isEqualTo(AT + 600);
    assertThat(s.rollback().triggered()).isFalse();
    // with progressDeadlineAbort the same moment aborts: the canary's unready pods go, 2 stable pods
    // come back, available 25 s later
    Summary abort = PodSystem.of("argo.canary").v2NeverReady().strategy(TWO_STEPS)
        .strategy("progressDeadlineAbort: true").run().summary();
    assertThat(abort.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(abort.rollback().endSeconds()).isEqualTo(AT + 600 + POD_READY);
  }

  @Test
  void aSlowVersionFailsALatencyCondition() {
    // with responseTime the model has latency: v2 answers in 400 ms, v1 in 100 ms (each pod far
    // below saturation: 60 requests/s of 100). The canary's 99th percentile is above 0.3 s: Failed at
    // the first measurement, abort; a v2 as fast as v1 passes the same analysis
    String[] analysis = {"steps:", "  - setWeight: 20", "  - analysis:", "      metrics:", "        - name: p99",
        "          initialDelay: 1m", "          successCondition: \"latencyP99 < 0.3\""};
    Summary slow = PodSystem.of("argo.canary").versions("{install: 0s, start: 15s, responseTime: 100ms}",
        "{install: 0s, start: 15s, responseTime: 400ms}").strategy(analysis).run().summary();
    assertThat(slow.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(slow.outcomeReason()).contains("metric p99 Failed");
    Summary fast = PodSystem.of("argo.canary").versions("{install: 0s, start: 15s, responseTime: 100ms}",
        "{install: 0s, start: 15s, responseTime: 100ms}").strategy(analysis).run().summary();
    assertThat(fast.outcome()).as(fast.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void setCanaryScaleCanPutMostRequestsOnFewPods() {
    // Argo's imbalance warning: setCanaryScale {replicas: 1} then setWeight 90 sends 90% of 600
    // requests/s to one pod of 100 requests/s: 440 fail every second. The pod is available at 325 s,
    // the weight moves then; after the 1m pause the promotion scales the canary to 10 pods, available
    // at 410 s, when the weight goes to 100: 85 s of 440 failures a second
    Summary s = PodSystem.of("argo.canary").strategy("trafficRouting: alb", "steps:",
        "  - setCanaryScale: {replicas: 1}", "  - setWeight: 90", "  - pause: {duration: 1m}").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.traffic().failedRequests()).isEqualTo(440 * 85);
  }

  @Test
  void dynamicStableScaleShrinksTheStableOnceTheWeightMoved() {
    // setWeight 50 with a router: 5 canary pods (available at 325 s), weight 50, then the stable
    // may shrink to ceil(50 x 10 / 100) = 5 pods
    RunResult r = PodSystem.of("argo.canary").strategy("trafficRouting: alb", "dynamicStableScale: true", "steps:",
        "  - setWeight: 50", "  - pause: {duration: 2m}").run();
    TimeSeries ts = r.timeSeries();
    double t = AT + POD_READY + 60;
    for (int i = 0; i < ts.size(); i++) {
      if (ts.value(i, "time") == t) {
        assertThat(ts.value(i, "inService_v1")).isEqualTo(5);
        assertThat(ts.value(i, "inService_v2")).isEqualTo(5);
      }
    }
    assertThat(share(ts, t)).isCloseTo(50, within(1e-6));
  }

  @Test
  void aKayentaJudgeComparesTheCanaryWithABaseline() {
    // 20% of 600 requests/s on the canary for 10 minutes, judged in ten one-minute points against a
    // baseline of the same size at the old version's rate (1%): a canary failing 5% is far above it
    // in every point (7200 requests a point: 5% +- 0.26% against 1% +- 0.12%): errorRate High, a
    // critical metric, score 0: Failed, abort. A canary failing 1% is within noise of its baseline.
    String[] judged = {"trafficRouting: alb", "steps:", "  - setWeight: 20", "  - pause: {duration: 10m}",
        "  - analysis:", "      metrics:", "        - name: judge", "          window: 10m", "          kayenta:",
        "            metrics: [{metric: errorRate, direction: increase, critical: true}]",
        "            threshold: {pass: 90, marginal: 75}"};
    Summary bad = PodSystem.of("argo.canary").v1ErrorRate(0.01).v2ErrorRate(0.05).strategy(judged).run().summary();
    assertThat(bad.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(bad.outcomeReason()).contains("metric judge Failed");
    Summary good = PodSystem.of("argo.canary").v1ErrorRate(0.01).v2ErrorRate(0.01).strategy(judged).run().summary();
    assertThat(good.outcome()).as(good.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
  }

  /** The new version's share of the requests in the sample at time t (t a multiple of 5 s). */
  static double share(TimeSeries ts, double t) {
    for (int i = 0; i < ts.size(); i++) {
      if (Math.abs(ts.value(i, "time") - t) < 1e-9) {
        return ts.value(i, "newVersionTrafficPercent");
      }
    }
    throw new AssertionError("no sample at " + t);
  }
}
