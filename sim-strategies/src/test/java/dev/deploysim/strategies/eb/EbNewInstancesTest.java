package dev.deploysim.strategies.eb;

import dev.deploysim.strategies.eb.EbScenarios.Bad;
import static dev.deploysim.strategies.eb.EbScenarios.AT;
import static dev.deploysim.strategies.eb.EbScenarios.EFFECTIVE_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Immutable and TrafficSplitting: new instances in a temporary group
 * (docs/platforms/elastic-beanstalk.md#immutable, #traffic-splitting).
 *
 * <p>A new instance of the test system is InService 40 s (launch) + 30 s (install) + 10 s
 * (start) = 80 s after it is requested, registered at that moment; its first ALB check comes
 * within 15 s and one pass makes it healthy; the health agent reports every 10 s from when the
 * wait starts, so the gate takes 120 to 130 s.
 */
class EbNewInstancesTest {
  static final double NEW_INSTANCE = 40 + 30 + 10;
  static final double GATE_MIN = 120;
  static final double GATE_MAX = 130;

  @Test
  void immutableLaunchesOneInstanceFirstThenAFullSet() {
    // one instance (80 s + gate), then 5 more so the temporary group has 6 (80 s + gate), then the
    // old instances are terminated after draining 20 s: 2 x (80 + 120) + 20 = 420 s at least,
    // 2 x (80 + 130) + 20 = 440 s at most
    RunResult r = EbScenarios.of("eb.immutable").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.deployment().durationSeconds())
        .isBetween(2 * (NEW_INSTANCE + GATE_MIN) + 20, 2 * (NEW_INSTANCE + GATE_MAX) + 20);
    // capacity doubles (6 old + 6 new) and never drops
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    assertThat(s.traffic().failedRequests()).isZero();
    // the single first instance: a phase for it, then one for the rest
    assertThat(r.phases()).extracting(Phase::label)
        .contains("launch 1 instance in a temporary group", "launch 5 more instance(s) in the temporary group",
            "move new instances into blue-asg", "terminate old instances");
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message())
        .contains("i-0007 moved from blue-asg-immutable to blue-asg"));
    // while the first new instance is alone with the 6 old ones, it serves 1/7 of the requests:
    // the new version is seen by users from the start of the first gate on
    assertThat(s.traffic().requestsServedByNewVersion()).isPositive();
  }

  @Test
  void immutableRollsBackByTerminatingTheTemporaryGroup() {
    // the first new instance never passes; at the command timeout (840 s) Elastic Beanstalk
    // terminates the temporary group. The instance never received requests (it was never
    // healthy), so it needs no draining: the rollback takes no time. A rolling redeploy of the 6
    // instances in batches of 2 would take at least 3 x 180 = 540 s
    Summary s = EbScenarios.of("eb.immutable").v2(Bad.FAILING_HEALTH.v2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.rollback().triggered()).isTrue();
    assertThat(s.rollback().startSeconds()).isCloseTo(AT + EFFECTIVE_TIMEOUT, within(1e-6));
    double rollback = s.rollback().endSeconds() - s.rollback().startSeconds();
    assertThat(rollback).isLessThanOrEqualTo(EbScenarios.DEREGISTRATION_DELAY).isLessThan(540.0 / 10);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(s.capacity().peakInstances()).isEqualTo(7);
    assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.detection().by()).isEqualTo("health checks");
  }

  @Test
  void immutableWithAnErrorRateExposesOneInstanceUntilTheTimeout() {
    // v2 passes health checks but fails 30% of requests: the single first instance serves 1/7 of
    // 400 rps from the moment it is healthy until the command timeout, then the temporary group is
    // terminated (the instance drains 20 s). Failed requests: about 400 / 7 x 0.3 = 17 per second
    // for at most 840 - 80 = 760 s, so at most about 13,000; none from other instances
    Summary s = EbScenarios.of("eb.immutable").v2(Bad.ERROR_RATE.v2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    double perSecond = 400.0 / 7 * 0.3;
    assertThat((double) s.traffic().failedRequests())
        .isBetween(perSecond * (EFFECTIVE_TIMEOUT - NEW_INSTANCE - 15), perSecond * (EFFECTIVE_TIMEOUT - NEW_INSTANCE));
  }

  @Test
  void trafficSplittingEvaluatesTheShareThenMovesEverything() {
    // 6 new instances (80 s + gate 120-130 s), 10% of requests for 5 minutes, then all requests to
    // the new instances; the old ones are terminated (draining up to 20 s), the new ones register
    // with the original target group (healthy within one 15 s check), and leave the temporary
    // one (20 s): at least 80 + 120 + 300 = 500 s, at most 80 + 130 + 300 + 20 + 20 = 550 s
    RunResult r = EbScenarios.of("eb.traffic-splitting").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.deployment().durationSeconds()).isBetween(500.0, 550.0);
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(r.phases()).anySatisfy(p -> {
      assertThat(p.label()).isEqualTo("evaluate 10% for 5m");
      assertThat(p.end() - p.start()).isCloseTo(300, within(1e-6));
    });
    // during the evaluation the new version handles 10% of the requests: 400 x 0.1 x 300 s =
    // 12,000; afterwards all of them
    assertThat(s.traffic().requestsServedByNewVersion()).isGreaterThan(12_000);
  }

  @Test
  void trafficSplittingSendsTrafficBackWhenHealthDrops() {
    // v2 fails 30% of its requests (Severe). During evaluation the health agent reports every 10 s;
    // the third Severe report within a minute (30 s in) ends it: traffic returns to the old
    // instances and the temporary group is terminated (its instances drain 20 s). Users saw
    // 10% of 400 rps x 30% failures for 30 s = 360 failed requests, and nothing else.
    Summary s = EbScenarios.of("eb.traffic-splitting").v2(Bad.ERROR_RATE.v2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat((double) s.traffic().failedRequests()).isCloseTo(400 * 0.10 * 0.30 * 30, within(1.0));
    double rollback = s.rollback().endSeconds() - s.rollback().startSeconds();
    assertThat(rollback).isLessThanOrEqualTo(EbScenarios.DEREGISTRATION_DELAY);
    // detected 80 + (120..130) + 30 s after the start
    assertThat(s.detection().afterStartSeconds()).isBetween(NEW_INSTANCE + GATE_MIN + 30, NEW_INSTANCE + GATE_MAX + 30);
    assertThat(s.detection().by()).isEqualTo("health checks");
  }

  @Test
  void trafficSplittingWithInstancesThatNeverPassSendsThemNoTraffic() {
    // the new instances never become healthy: no traffic was ever shifted; at the command timeout
    // the temporary group is terminated
    Summary s = EbScenarios.of("eb.traffic-splitting").v2(Bad.FAILING_HEALTH.v2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.rollback().startSeconds()).isCloseTo(AT + EFFECTIVE_TIMEOUT, within(1e-6));
  }

  @Test
  void trafficSplittingShareFollowsNewVersionPercent() {
    // newVersionPercent 25 for the 3-minute minimum evaluation time: the new version handles
    // 25% of 400 rps x 180 s = 18,000 requests during the evaluation (then everything)
    RunResult r = EbScenarios.of("eb.traffic-splitting").param("newVersionPercent", 25)
        .param("evaluationTime", 180.0).run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    Phase eval = r.phases().stream().filter(p -> p.label().startsWith("evaluate")).findFirst().orElseThrow();
    assertThat(eval.label()).isEqualTo("evaluate 25% for 3m");
    assertThat(eval.end() - eval.start()).isCloseTo(180, within(1e-6));
    // the time series shows the share while the evaluation runs
    double[] time = r.timeSeries().series("time");
    double[] share = r.timeSeries().series("newVersionTrafficPercent");
    int inside = 0;
    for (int k = 0; k < time.length; k++) {
      if (time[k] > eval.start() + 10 && time[k] < eval.end()) {
        assertThat(share[k]).as("new version share at %s s", time[k]).isCloseTo(25, within(0.5));
        inside++;
      }
    }
    assertThat(inside).isGreaterThan(10);
  }
}
