package dev.deploysim.strategies.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.Simulate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the repository's cloudformation-*.yaml scenarios claim beyond the contract every type keeps
 * (sim-cli's StrategyContractTest): 6 instances in 3 zones, deployment at 5 minutes.
 */
class StackScenarioFilesTest {
  static final Path DIR = Path.of("..", "scenarios");

  static RunResult run(String file) {
    try {
      return Simulate.run(Files.readString(DIR.resolve(file)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * No request fails in any of them: the load balancer stops sending requests to an instance before
   * it is replaced, and a bad version is caught by its missing signals before it gets a request.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cloudformation-rolling-update.yaml", "cloudformation-rolling-update-bad.yaml",
      "cloudformation-rolling-update-min-in-service.yaml", "cloudformation-replacing-update.yaml",
      "cloudformation-replacing-update-bad.yaml"})
  void noRequestFails(String file) {
    Summary s = run(file).summary();
    assertThat(s.traffic().failedRequests()).isZero();
    if (file.endsWith("-bad.yaml")) {
      assertThat(s.traffic().requestsServedByNewVersion()).isZero();
    } else {
      assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    }
  }

  @Test
  void previousPolicyRollsBackOneInstanceAtATime() {
    // the update's batches are of MaxBatchSize 3; the previous policy's of 1: the 3 broken
    // instances go back to v1 in three rollback batches
    RunResult r = run("cloudformation-rolling-update-previous-policy-bad.yaml");
    assertThat(r.phases().stream().filter(p -> p.kind() == Phase.Kind.DEPLOY).count()).isEqualTo(1);
    assertThat(r.phases().stream().filter(p -> p.kind() == Phase.Kind.ROLLBACK).map(Phase::label))
        .containsExactly("rollback batch 1 of 3: replace i-0007", "rollback batch 2 of 3: replace i-0008",
            "rollback batch 3 of 3: replace i-0009");
  }

  @Test
  void zeroSignalsKeepFourInServiceInTheGroup() {
    RunResult r = run("cloudformation-rolling-update-zero-signals.yaml");
    assertThat(MinInstancesInServiceTest.fewestInServiceDuringUpdate(r)).isEqualTo(4);
    assertThat(r.timeline()).filteredOn(e -> e.message().contains("waiting until 4 instance(s) besides")).hasSize(2);
  }

  @Test
  void rollingUpdateKeepsFourInService() {
    Summary s = run("cloudformation-rolling-update.yaml").summary();
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(4);
    // 2 old draining + 2 new launching
    assertThat(s.capacity().peakInstances()).isEqualTo(8);
  }

  @Test
  void rollingUpdateBadFailsAtPauseTime() {
    // deployment at 300 s, PauseTime PT10M: no signal from batch 1 by 900 s
    Summary s = run("cloudformation-rolling-update-bad.yaml").summary();
    assertThat(s.detection().by()).isEqualTo("resource signals");
    assertThat(s.detection().atSeconds()).isCloseTo(300 + 600, within(1e-6));
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(4);
  }

  @Test
  void minInstancesInServiceFiveOfSixReplacesOneAtATime() {
    RunResult r = run("cloudformation-rolling-update-min-in-service.yaml");
    assertThat(r.phases()).filteredOn(p -> p.kind() == Phase.Kind.DEPLOY).hasSize(6);
    assertThat(r.summary().capacity().minInServiceInstances()).isEqualTo(5);
  }

  @Test
  void replacingUpdateDoublesAndNeverDrops() {
    Summary s = run("cloudformation-replacing-update.yaml").summary();
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(6);
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    Summary bad = run("cloudformation-replacing-update-bad.yaml").summary();
    // the creation policy's Timeout PT15M
    assertThat(bad.deployment().durationSeconds()).isCloseTo(900, within(1e-6));
    assertThat(bad.capacity().minInServiceInstances()).isEqualTo(6);
  }
}
