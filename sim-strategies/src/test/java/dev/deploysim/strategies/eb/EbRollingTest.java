package dev.deploysim.strategies.eb;

import dev.deploysim.testing.ScenarioYaml;
import dev.deploysim.strategies.eb.EbScenarios.Bad;
import static dev.deploysim.strategies.eb.EbScenarios.AT;
import static dev.deploysim.strategies.eb.EbScenarios.EFFECTIVE_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.format.CountOrPercent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rolling and RollingWithAdditionalBatch against the documented rules
 * (docs/platforms/elastic-beanstalk.md#rolling, #rolling-with-an-additional-batch,
 * #the-health-gate).
 *
 * <p>One batch of the test system (EbScenarios): detach and drain 20 s, install 30 s, start 10 s,
 * reattach; the first ALB check comes within one 15 s interval and one pass makes a new target
 * healthy; the health agent reports every 10 s from the reattach, so the first OK report is the
 * one at 10 s or at 20 s, and the 12th OK report comes 110 s later. A batch therefore takes
 * between 20 + 40 + 120 = 180 s and 20 + 40 + 130 = 190 s.
 */
class EbRollingTest {
  static final double BATCH_MIN = 20 + 30 + 10 + 120;
  static final double BATCH_MAX = BATCH_MIN + 10;

  static RunResult rolling(Object batchSize, Bad bad) {
    return EbScenarios.of("eb.rolling").param("batchSize", batchSize).v2(bad.v2).run();
  }

  @ParameterizedTest(name = "batchSize {0}: {1} batches of {2}")
  @CsvSource({
      // 6 instances: count 2 -> 3 batches; 30% of 6 = 1.8, rounded up to 2 -> 3 batches;
      // 10% = 0.6 -> at least 1 -> 6 batches; 50% = 3 -> 2 batches; 100% -> 1 batch
      "2, 3, 2",
      "30%, 3, 2",
      "10%, 6, 1",
      "50%, 2, 3",
      "100%, 1, 6"})
  void batchesFollowTheBatchSize(String size, int batches, int perBatch) {
    RunResult r = rolling(parse(size), Bad.NONE);
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    // each batch is out of service while it is deployed: capacity drops by one batch, no more
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(6 - perBatch);
    assertThat(s.capacity().peakInstances()).isEqualTo(6);
    assertThat(s.deployment().durationSeconds()).isBetween(batches * BATCH_MIN, batches * BATCH_MAX);
    long deployPhases = r.phases().stream().filter(p -> p.kind() == Phase.Kind.DEPLOY).count();
    assertThat(deployPhases).isEqualTo(batches);
    assertThat(r.phases()).anySatisfy(p -> assertThat(p.label()).isEqualTo("batch " + batches + " of " + batches
        + ": wait for health"));
  }

  @Test
  void theDefaultBatchSizeDeploysEverythingInOneBatch() {
    // SURPRISE (docs/platforms/elastic-beanstalk.md#rolling): BatchSize defaults to 100%, so a
    // rolling deployment with no batch size detaches all 6 instances at once: nothing serves for
    // 20 s drain + 40 s deploy + the first health check, and requests fail
    RunResult r = EbScenarios.of("eb.rolling").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.capacity().minInServiceInstances()).isZero();
    assertThat(s.deployment().durationSeconds()).isBetween(BATCH_MIN, BATCH_MAX);
    // while every target is deregistered the requests fail: from the end of draining (20 s) until
    // the first target is healthy again (>= 40 s later): at least 40 s x 400 rps
    assertThat(s.traffic().failedRequests()).isGreaterThanOrEqualTo(40 * 400);
  }

  @Test
  void aBadBatchStopsTheDeploymentWithoutRollback() {
    // batch 1 (2 instances) never becomes healthy; Elastic Beanstalk fails the deployment at the
    // command timeout, 600 + 240 = 840 s after the batch started, and rolls nothing back: the
    // failed batch keeps v2, the two pending batches keep v1
    Summary s = rolling(CountOrPercent.count(2), Bad.FAILING_HEALTH).summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 4, "v2", 2));
    assertThat(s.deployment().durationSeconds()).isCloseTo(EFFECTIVE_TIMEOUT, within(1e-6));
    assertThat(s.detection().by()).isEqualTo("health checks");
    assertThat(s.detection().atSeconds()).isCloseTo(AT + EFFECTIVE_TIMEOUT, within(1e-6));
  }

  @Test
  void aLaterBadBatchLeavesFinishedBatchesOnTheNewVersion() {
    // Batches take the zones in turn: batch 1 = i-0001 (a), i-0002 (b); batch 2 = i-0003 (c),
    // i-0004 (a); batch 3 = i-0005 (b), i-0006 (c). Batch 2 starts 180-190 s after the deployment
    // and is reattached 60 s later, so at 300 + 300 = 600 s it is in its health wait. Then i-0003
    // fails its EC2 status checks; the group replaces it, and the batch can no longer pass: the
    // deployment fails at once. Batch 1 keeps v2, i-0004 has v2, batch 3 keeps v1, and the
    // replacement of i-0003 gets v1, the version of the last successful deployment.
    RunResult r = EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.count(2))
        .fault("{at: " + ScenarioYaml.seconds(AT + 300) + ", type: instanceFailure, count: 1, version: v2, zone: c}")
        .run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 3, "v2", 3));
    assertThat(s.deployment().durationSeconds()).isLessThan(300 + 60);
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).contains("batch 1 of 3: healthy"));
    assertThat(r.timeline()).noneSatisfy(e -> assertThat(e.message()).contains("batch 3 of 3"));
  }

  @Test
  void ignoreHealthCheckCarriesOnAfterEachTimeout() {
    // IgnoreHealthCheck: every batch waits for the full command timeout (840 s) and the next one
    // starts anyway: 3 x 840 = 2520 s, and the deployment completes with v2 everywhere
    Summary s = EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.count(2))
        .param("ignoreHealthCheck", true).v2(Bad.FAILING_HEALTH.v2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.deployment().durationSeconds()).isCloseTo(3 * EFFECTIVE_TIMEOUT, within(1e-6));
  }

  @Test
  void theCommandTimeoutParameterMovesTheFailure() {
    // timeout 300 s: 300 + 240 = 540 s after the batch started
    Summary s = EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.count(2)).param("timeout", 300.0)
        .v2(Bad.FAILING_HEALTH.v2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.deployment().durationSeconds()).isCloseTo(300 + 240, within(1e-6));
  }

  @Test
  void enhancedHealthCatchesAnErrorRateThatBasicHealthMisses() {
    // v2 answers its health check but fails 30% of its requests. Enhanced health sees the failures
    // (Severe) and the batch never counts as healthy; basic health only asks the load balancer
    Summary enhanced = rolling(CountOrPercent.count(2), Bad.ERROR_RATE).summary();
    assertThat(enhanced.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(enhanced.finalVersions()).isEqualTo(Map.of("v1", 4, "v2", 2));
    Summary basic = EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.count(2))
        .param("enhancedHealth", false).v2(Bad.ERROR_RATE.v2).run().summary();
    assertThat(basic.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(basic.finalVersions()).isEqualTo(Map.of("v2", 6));
    // a threshold of Severe accepts even a 30% failure rate
    Summary lenient = EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.count(2))
        .param("healthCheckSuccessThreshold", "Severe").v2(Bad.ERROR_RATE.v2).run().summary();
    assertThat(lenient.outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void afterAFailureReplacementsGetTheLastSuccessfulVersion() {
    // the deployment fails at 300 + 840 = 1140 s; at 1200 s one v2 instance fails its EC2 status
    // checks and the group replaces it: with v1, the version of the last successful deployment
    Summary s = EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.count(2)).v2(Bad.FAILING_HEALTH.v2)
        .fault("{at: 1200s, type: instanceFailure, count: 1, version: v2}").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 5, "v2", 1));
  }

  // --- RollingWithAdditionalBatch -----------------------------------------------------------

  @Test
  void additionalBatchKeepsFullCapacity() {
    // extra batch: launch 40 s + install 30 s + start 10 s = 80 s to InService, then the health
    // gate (120-130 s); then 3 batches of the existing instances (180-190 s each); then the 2 extra
    // instances are scaled in (drain 20 s): 80 + 120 + 3 x 180 + 20 = 760 s at least,
    // 80 + 130 + 3 x 190 + 20 = 800 s at most
    RunResult r = EbScenarios.of("eb.rolling-additional-batch").param("batchSize", CountOrPercent.count(2)).run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    assertThat(s.capacity().peakInstances()).isEqualTo(6 + 2);
    assertThat(s.deployment().durationSeconds()).isBetween(760.0, 800.0);
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void additionalBatchRaisesTheMaximumSizeWhenThereIsNoRoom() {
    // maxSize 6 = the fleet: the group must grow to 8 for the extra batch; Elastic Beanstalk
    // raises the maximum for the deployment and the run says so
    RunResult r = EbScenarios.of("eb.rolling-additional-batch").param("batchSize", CountOrPercent.count(2))
        .set("fleet.maxSize", 6).run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.summary().capacity().peakInstances()).isEqualTo(8);
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).contains("maximum size 6 -> 8"));
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).contains("maximum size restored to 6"));
  }

  @Test
  void aFailedAdditionalBatchLeavesTheEnvironmentAsItWas() {
    // "Minimal if first batch fails": the extra instances fail the gate at the command timeout
    // (840 s after the start), are removed, and no existing instance was touched
    Summary s = EbScenarios.of("eb.rolling-additional-batch").param("batchSize", CountOrPercent.count(2))
        .v2(Bad.FAILING_HEALTH.v2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.detection().atSeconds()).isCloseTo(AT + EFFECTIVE_TIMEOUT, within(1e-6));
  }

  static CountOrPercent parse(String s) {
    return s.endsWith("%") ? CountOrPercent.percent(Double.parseDouble(s.substring(0, s.length() - 1)))
        : CountOrPercent.count(Integer.parseInt(s));
  }
}
