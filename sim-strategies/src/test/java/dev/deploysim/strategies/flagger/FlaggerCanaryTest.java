package dev.deploysim.strategies.flagger;

import static dev.deploysim.strategies.PodSystem.AT;
import static dev.deploysim.strategies.PodSystem.POD_READY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.PodSystem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * flagger.canary against Flagger's scheduler (docs/platforms/progressive-delivery.md#flagger):
 * one action every interval; weights advance after passing checks; failed checks add up to the
 * threshold; promotion rolls the primary out. Test system: {@link PodSystem} (interval 1m here;
 * the canary's 10 pods are available at 325 s).
 */
class FlaggerCanaryTest {
  static final String[] SUCCESS_RATE = {"    metrics:", "      - {name: request-success-rate, thresholdRange: {min: 99}}"};

  static PodSystem flagger(String... analysis) {
    return PodSystem.of("flagger.canary").strategy("analysis:", "    interval: 1m").strategy(analysis)
        .strategy(SUCCESS_RATE);
  }

  @Test
  void weightsOvershootMaxWeightThenThePrimaryRollsOut() {
    // 360 s: canary ready, analysis starts, weight 20; 420 s: checks pass, 40; 480 s: 40 < 50, 60;
    // 540 s: 60 >= 50, promotion: the primary's rolling update (25%/25% of 10: 3 surge, 2
    // unavailable) takes two waves of 25 s: done at 590 s; 600 s: all traffic to the primary;
    // 660 s: canary scaled to zero, succeeded
    Summary s = flagger("    stepWeight: 20", "    maxWeight: 50", "    threshold: 5").run().summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().endSeconds()).isEqualTo(660);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 10));
    // the canary Deployment has all replicas from the start: up to 10 extra pods
    assertThat(s.capacity().peakInstances()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void stepWeightsFollowTheList() {
    // 360 s: 1; 420 s: 2; 480 s: 10; 540 s: 80; 600 s: 80 >= 80, promotion; primary done at 650 s;
    // 660 s: traffic to the primary; 720 s: succeeded
    Summary s = PodSystem.of("flagger.canary").strategy("analysis:", "    interval: 1m",
        "    stepWeights: [1, 2, 10, 80]").strategy(SUCCESS_RATE).run().summary();
    assertThat(s.deployment().endSeconds()).isEqualTo(720);
  }

  @Test
  void failedChecksAddUpToTheThreshold() {
    // weight 20 at 360 s; failed checks at 420 s (1) and 480 s (2); at 540 s the count is at the
    // threshold: rollback, all traffic to the primary. The canary served 20% of 600 requests/s for
    // 180 s.
    Summary s = flagger("    stepWeight: 20", "    threshold: 2").v2ErrorRate(0.5).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().atSeconds()).isEqualTo(540);
    assertThat(s.rollback().endSeconds()).isEqualTo(540);
    assertThat(s.traffic().requestsServedByNewVersion()).isEqualTo(120 * 180);
    // Flagger's words, then what the last check saw: the canary's 20% of 600 requests/s over the 60 s
    // interval is 7,200 requests, about half of them failing (error rate 0.5)
    assertThat(s.outcomeReason())
        .startsWith("failed checks threshold reached 2 (analysis.threshold 2); the last failed check: "
            + "request-success-rate ")
        .contains("of 7200 requests failed; min 99)")
        .endsWith("; Flagger routes all traffic back to the primary");
  }

  @Test
  void aCanaryThatNeverGetsReadyIsRolledBackAtTheProgressDeadline() {
    Summary s = flagger("    stepWeight: 20").v2NeverReady().run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.rollback().startSeconds()).isEqualTo(AT + 600);
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
  }

  @Test
  void requestDurationChecksThe99thPercentileInMilliseconds() {
    // with responseTime the model has latency: v2 answers in 400 ms, far below saturation; the
    // check's maximum is 300 ms: every check fails, threshold 1 rolls back at the iteration after
    // the first failed check (weight 20 at 360 s, failed check at 420 s, rollback at 480 s)
    Summary slow = PodSystem.of("flagger.canary").versions("{install: 0s, start: 15s, responseTime: 100ms}",
        "{install: 0s, start: 15s, responseTime: 400ms}").strategy("analysis:", "    interval: 1m",
        "    stepWeight: 20", "    metrics:", "      - {name: request-duration, thresholdRange: {max: 300}}")
        .run().summary();
    assertThat(slow.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(slow.rollback().startSeconds()).isEqualTo(480);
  }

  @Test
  void blueGreenIterationsNeedTestTraffic() {
    // iterations 3: 360 s starts (iteration 1), 420 s and 480 s pass (2, 3), 540 s passes: all
    // traffic to the canary, promotion; primary done 590 s; 600 s traffic to the primary; 660 s done
    Summary s = PodSystem.of("flagger.canary").strategy("loadTestRps: 10", "analysis:", "    interval: 1m",
        "    iterations: 3").strategy(SUCCESS_RATE).run().summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().endSeconds()).isEqualTo(660);
    // without a load tester the canary gets no request before the promotion: "no values found" is a
    // failed check, threshold 1: rolled back at the next iteration (480 s)
    Summary blind = PodSystem.of("flagger.canary").strategy("analysis:", "    interval: 1m", "    iterations: 3")
        .strategy(SUCCESS_RATE).run().summary();
    assertThat(blind.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(blind.rollback().startSeconds()).isEqualTo(480);
    assertThat(POD_READY).isLessThan(60);
  }
}
