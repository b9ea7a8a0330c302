package dev.deploysim.strategies.route53;

import static dev.deploysim.strategies.route53.StackScenarios.AT;
import static dev.deploysim.strategies.route53.StackScenarios.FIRST_STEP;
import static dev.deploysim.strategies.route53.StackScenarios.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * route53.weighted against Route 53's weighted records (docs/platforms/route53.md#weighted-records:
 * share = weight / sum of weights) and the model's client caches: 95% of clients re-resolve every
 * TTL (60 s), 5% keep an answer for up to 15 minutes, and at any moment the age of a client's
 * answer is uniform over its caching period. So s seconds after a change, ordinary clients still on
 * the old answer are a share 1 - s/60 of them, and stale clients hold answers from each earlier
 * record set in proportion to how much of the last 900 s it was in place.
 *
 * <p>While clients move, the routing is recomputed every second (Traffic.TRANSITION_STEP), so a
 * 5-second row of timeseries.csv averages the shares at its five whole seconds: the row at t shows
 * the share at t - 3 s. Default steps: 10% at 390 s, 50% at 990 s, 100% at 1590 s.
 */
class Route53WeightedTest {
  static final double T1 = FIRST_STEP;
  static final double T2 = T1 + 600;
  static final double T3 = T2 + 600;

  @Test
  void atTheFiftyPercentStepOrdinaryClientsFollowWithinOneTtlAndStaleOnesLag() {
    RunResult r = StackScenarios.of("route53.weighted").run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.phases()).filteredOn(p -> p.kind() == Phase.Kind.SHIFT).extracting(Phase::start)
        .containsExactly(T1, T2, T3);
    // row at T2 + 120 s: the share at s = 117 s after the 50% step, more than one TTL:
    //   ordinary clients (95%): all on the new answer: 50%
    //   stale clients (5%), answers from the last 900 s: 600 s of the 10% records, 117 s of the
    //   50% records, the rest (183 s) from before the first step (0%)
    double s = 117;
    double expected = 0.95 * 0.50 + 0.05 * (600 / 900.0 * 0.10 + s / 900 * 0.50);
    assertThat(expected).isCloseTo(0.48158, within(1e-5));
    assertThat(at(r, "newVersionTrafficPercent", T2 + 120)).isCloseTo(100 * expected, within(1e-3));
    // within the first TTL the ordinary clients are still moving: 27 s after the first step,
    // 27/60 of them have the 10% answer (and 27/900 of the stale ones)
    double early = 0.95 * 0.10 * 27 / 60 + 0.05 * 0.10 * 27 / 900;
    assertThat(at(r, "newVersionTrafficPercent", T1 + 30)).isCloseTo(100 * early, within(1e-3));
  }

  @Test
  void staleClientsKeepReachingTheOldStackLongAfterItsWeightWentToZero() {
    RunResult r = StackScenarios.of("route53.weighted").run();
    Summary sum = r.summary();
    // 597 s after the last step, the stale clients' window still holds 900 - 597 = 303 s of the
    // 50/50 records: the old stack gets 5% x 50% x 303/900 = 0.84% of the requests
    double blue = 0.05 * 0.50 * (900 - 597) / 900.0;
    assertThat(at(r, "newVersionTrafficPercent", T3 + 600)).isCloseTo(100 * (1 - blue), within(1e-3));
    // the old stack is deleted when the last stale answer expires: dns.staleClientMaxAge (15 min)
    // after the last step, the default terminateOldAfter; nobody is left to fail
    assertThat(sum.traffic().failedRequests()).isZero();
    assertThat(sum.deployment().endSeconds()).isEqualTo(T3 + 900);
    assertThat(sum.deployment().durationSeconds()).isEqualTo(T3 + 900 - AT);
    assertThat(sum.finalVersions()).isEqualTo(Map.of("v2", 6));
    // two full stacks from the first launch to the end; both versions serve from the first step
    // until the old stack goes
    assertThat(sum.capacity().peakInstances()).isEqualTo(12);
    assertThat(sum.capacity().minInServiceInstances()).isEqualTo(6);
    assertThat(sum.mixedVersionSeconds()).isCloseTo(T3 + 900 - T1, within(1.0));
  }

  @Test
  void deletingTheOldStackBeforeStaleAnswersExpireFailsTheirRequests() {
    // terminateOldAfter 5m: from 300 s to 900 s after the last step the stale clients still send
    // 5% x 50% x (900 - s)/900 of the requests to the deleted load balancer. Summed over the
    // one-second routing steps: 400 x 0.025 / 900 x (600 + 599 + ... + 1) = 2,003
    Summary s = StackScenarios.of("route53.weighted").param("terminateOldAfter", "5m").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    double expected = 400 * 0.025 / 900 * (600 * 601 / 2.0);
    assertThat((double) s.traffic().failedRequests()).isCloseTo(expected, within(2.0));
    assertThat(s.deployment().durationSeconds()).isEqualTo(T3 + 300 - AT);
  }

  @Test
  void aRollbackLastsAsLongAsTheCachesHoldTheNewStack() {
    // TTL 300 s (Route 53's suggestion for a live domain). v2 fails its health checks from 760 s
    // after it started (started at 380 s): from 1140 s. Checks every 15 s from 390 s: failures at
    // 1140 and 1155 -> unhealthy (threshold 2) at R = 1155 s, 165 s into the 50% step. The weights
    // go back to 100/0 at once; the rollback ends when the new stack gets under 1% of the requests.
    RunResult r = StackScenarios.of("route53.weighted").set("dns.ttl", "300s").v2("{install: 30s, start: 10s, "
        + "health: {failingAfter: 760s}}").run();
    Summary s = r.summary();
    double rollbackStart = 1155;
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().by()).isEqualTo("health checks");
    assertThat(s.rollback().startSeconds()).isEqualTo(rollbackStart);
    // s seconds after R (135 < s <= 300): ordinary clients (95%, answers from the last 300 s)
    // still on the 50% records: (300 - s)/300 of them; stale clients (5%, the last 900 s): 165 s of
    // 50% records and 735 - s seconds of 10% ones. Green share
    //   f(s) = 0.95 x 0.5 x (300 - s)/300 + 0.05 x (0.5 x 165 + 0.1 x (735 - s))/900
    // f(s) < 1% from s = 298.1 s: the first one-second routing update after it ends the rollback
    double threshold = (0.95 * 0.5 + 0.05 * (0.5 * 165 + 0.1 * 735) / 900 - 0.01)
        / (0.95 * 0.5 / 300 + 0.05 * 0.1 / 900);
    assertThat(threshold).isCloseTo(298.11, within(0.01));
    double took = s.rollback().endSeconds() - s.rollback().startSeconds();
    assertThat(took).isGreaterThan(threshold).isLessThanOrEqualTo(threshold + 1);
    // the weights themselves went back at once
    assertThat(r.timeline()).anyMatch(e -> e.time() == rollbackStart
        && e.message().equals("weighted records: blue-lb=100, green-lb=0 (TTL 5m)"));
    // requests still reach the new stack for minutes after the rollback started
    assertThat(at(r, "newVersionTrafficPercent", rollbackStart + 150)).isGreaterThan(10);
  }

  @Test
  void withoutRollbackOnFailureTheWeightsStayWhereTheyWere() {
    Summary s = StackScenarios.of("route53.weighted").onFailure(false)
        .v2("{install: 30s, start: 10s, health: {failingAfter: 760s}}").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    // both stacks still serve at the end: the new one keeps its 50%
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6, "v2", 6));
  }

  @Test
  void anAlarmRollsBack() {
    // v2 fails 5% of its requests; the alarm wants more than 2% errors in 2 of 2 minutes. At 10%
    // the errors are 0.5% of all requests; from the 50% step (990 s) ordinary clients move within
    // 60 s: the minute [1020, 1080) has 0.95 x 50% x 5% + stale = 2.4% errors, so does
    // [1080, 1140): ALARM at 1140 s
    Summary s = StackScenarios.of("route53.weighted").v2("{install: 30s, start: 10s, errorRate: 0.05}")
        .rollbackAlarm("high-5xx", "metric: errorRate, threshold: 0.02, period: 60s, evaluationPeriods: 2, "
            + "datapointsToAlarm: 2").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().by()).isEqualTo("alarm high-5xx");
    assertThat(s.detection().atSeconds()).isEqualTo(1140.0);
    // TTL 60 s: ordinary clients leave within a minute; the stale ones hold at most
    // 0.05 x (150 x 0.5 + 600 x 0.1)/900 = 0.75% for the new stack, under 1%: about one TTL
    assertThat(s.rollback().endSeconds() - s.rollback().startSeconds()).isBetween(55.0, 61.0);
  }
}
