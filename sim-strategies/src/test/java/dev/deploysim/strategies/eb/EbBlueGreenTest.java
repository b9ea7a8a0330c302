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
 * Blue/green with a URL swap (docs/platforms/elastic-beanstalk.md#blue-green-with-a-url-swap and
 * docs/platforms/route53.md#stale-clients). DNS of the test system: TTL 60 s; 5% of clients keep an
 * answer for up to 15 minutes. After the swap the share of stale clients still holding the old
 * answer falls linearly: 5% x (1 - s / 900) at s seconds after the swap.
 */
class EbBlueGreenTest {
  static final double STALE_SHARE = 0.05;

  static Summary run(double terminateOldAfter) {
    return EbScenarios.of("eb.blue-green").param("terminateOldAfter", terminateOldAfter).run().summary();
  }

  @Test
  void terminatingTheOldEnvironmentTooEarlyFailsStaleClients() {
    // terminated 5 minutes after the swap: stale clients still sending to the old environment then
    // fail until their answers expire. Failed = integral over s from 300 to 900 of
    // 400 rps x 0.05 x (1 - s/900) ds = 20 x [(900 - 450) - (300 - 50)] = 20 x 200 = 4,000
    // (the model steps shares once per second, so a few more)
    Summary early = run(300);
    assertThat(early.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat((double) early.traffic().failedRequests()).isCloseTo(4000, within(40.0));
    assertThat(early.traffic().availabilityPercent()).isLessThan(100);
  }

  @Test
  void waitingForStaleAnswersToExpireFailsNothing() {
    // terminated after staleClientMaxAge (15 minutes): no client holds the old answer any more
    Summary late = run(EbScenarios.STALE_MAX_AGE);
    assertThat(late.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(late.traffic().failedRequests()).isZero();
    Summary defaults = EbScenarios.of("eb.blue-green").run().summary();
    assertThat(defaults.traffic().failedRequests()).isZero();
  }

  @Test
  void theSwapKeepsFullCapacityAndCostsASecondEnvironment() {
    // green: 6 instances InService after 80 s, health gate 120-130 s; swap; 15 minutes; the old
    // load balancer is deleted and the old group drains and terminates (no requests are in flight
    // by then, so at once): 200 + 900 to 210 + 900 + 20 s
    RunResult r = EbScenarios.of("eb.blue-green").param("terminateOldAfter", 900.0).run();
    Summary s = r.summary();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    assertThat(s.deployment().durationSeconds()).isBetween(200.0 + 900, 210.0 + 900 + 20);
    // two environments for the whole wait: at least 6 extra instances x (900 s) = 1.5 instance-hours
    assertThat(s.cost().extraInstanceHours()).isGreaterThanOrEqualTo(6 * 900 / 3600.0);
    // both versions serve while clients move: at least until the stale clients follow (15 min)
    assertThat(s.mixedVersionSeconds()).isGreaterThanOrEqualTo(EbScenarios.STALE_MAX_AGE - 5);
    assertThat(r.phases()).extracting(Phase::label)
        .contains("create the new environment", "swap URLs", "terminate old environment");
  }

  @Test
  void aNewEnvironmentThatNeverGetsHealthyIsDroppedBeforeTheSwap() {
    // the URLs are never swapped: users only reach the old environment, nothing to undo; the new
    // environment is terminated at the command timeout and the deployment FAILED without rollback
    Summary s = EbScenarios.of("eb.blue-green").v2(Bad.FAILING_HEALTH.v2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
    assertThat(s.detection().atSeconds()).isCloseTo(AT + EFFECTIVE_TIMEOUT, within(1e-6));
  }

  @Test
  void neverTerminatingKeepsTheOldEnvironment() {
    // terminateOldAfter: never: the deployment ends one TTL after the swap, the old environment runs on
    RunResult r = EbScenarios.of("eb.blue-green").param("terminateOldAfter", "never").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().durationSeconds()).isBetween(200.0 + 60, 210.0 + 60);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6, "v2", 6));
  }
}
