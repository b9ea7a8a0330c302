package dev.deploysim.strategies.eb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.Simulate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the repository's eb-*.yaml scenarios claim beyond the contract every type keeps (sim-cli's
 * StrategyContractTest: they load, run, conserve requests, and end as the policy says). They use
 * the elastic-beanstalk load balancer preset (ALB: checks every 15 s, one pass for a new target,
 * 20 s deregistration delay), 6 instances, 400 requests/second, install 30 s, start 10 s.
 */
class EbScenarioFilesTest {
  static final Path DIR = Path.of("..", "scenarios");
  static Summary run(String file) {
    try {
      return Simulate.run(Files.readString(DIR.resolve(file))).summary();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void immutableDoublesCapacityWithoutFailures() {
    Summary s = run("eb-immutable.yaml");
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(6);
    assertThat(s.traffic().failedRequests()).isZero();
    // two launch steps (launch + install 30 s + start 10 s, then 12 reports x 10 s) and a 20 s
    // drain: at least 2 x (30 + 10 + 120) + 20 = 340 s even with instant launches
    assertThat(s.deployment().durationSeconds()).isGreaterThan(340);
  }

  @Test
  void allAtOnceFailsTheRequestsOfTheRestart() {
    // 400 rps x (install 30 s + start 10 s) = 16,000
    Summary s = run("eb-all-at-once.yaml");
    assertThat(s.traffic().failedRequests()).isEqualTo(16_000);
    assertThat(s.capacity().minInServiceInstances()).isZero();
  }

  @Test
  void rollingBadLeavesMixedVersionsAndABatchOut() {
    Summary s = run("eb-rolling-bad.yaml");
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 4, "v2", 2));
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(4);
    // the command timeout: 600 s + 240 s
    assertThat(s.deployment().durationSeconds()).isCloseTo(840, within(1e-6));
  }

  @Test
  void additionalBatchKeepsSixInService() {
    assertThat(run("eb-rolling-additional-batch.yaml").capacity().minInServiceInstances()).isEqualTo(6);
    Summary bad = run("eb-rolling-additional-batch-bad.yaml");
    assertThat(bad.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(bad.traffic().failedRequests()).isZero();
  }

  @Test
  void trafficSplittingBadFailsOnlyTheCanaryShareBriefly() {
    // 400 rps x 10% x 30% errors x 30 s (three reports 10 s apart) = 360
    Summary s = run("eb-traffic-splitting-bad.yaml");
    assertThat((double) s.traffic().failedRequests()).isCloseTo(360, within(1.0));
  }

  @Test
  void blueGreenStaleClientsFailOnlyWhenTheOldEnvironmentGoesEarly() {
    assertThat(run("eb-blue-green.yaml").traffic().failedRequests()).isZero();
    // integral from 5 to 15 minutes after the swap of 400 x 5% x (1 - s/900) = 4,000 (a few more
    // from the model's 1 s steps)
    Summary early = run("eb-blue-green-terminate-early.yaml");
    assertThat(early.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(early.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat((double) early.traffic().failedRequests()).isCloseTo(4000, within(40.0));
    Summary bad = run("eb-blue-green-bad.yaml");
    assertThat(bad.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(bad.traffic().failedRequests()).isZero();
  }
}
