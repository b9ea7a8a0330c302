package dev.deploysim.strategies.asg;

import static org.assertj.core.api.Assertions.assertThat;

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
 * What the repository's asg-instance-refresh*.yaml scenarios claim beyond the contract every type
 * keeps (sim-cli's StrategyContractTest): 10 instances in 3 zones, 600 requests/second, ELB health
 * checks, a 60 s warmup.
 */
class RefreshScenarioFilesTest {
  static final Path DIR = Path.of("..", "scenarios");

  static RunResult run(String file) {
    try {
      return Simulate.run(Files.readString(DIR.resolve(file)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Replacing healthy instances one set at a time never fails a request, whatever the preferences. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"asg-instance-refresh.yaml", "asg-instance-refresh-checkpoints.yaml",
      "asg-instance-refresh-launch-before-terminate.yaml"})
  void aHealthyRefreshFailsNoRequest(String file) {
    Summary s = run(file).summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 10));
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void theDefaultMinimumTakesOneOfTenAtATime() {
    // 90% of 10 = 9 stay healthy; the old instance drains while its replacement launches: 11
    Summary s = run("asg-instance-refresh.yaml").summary();
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(9);
    assertThat(s.capacity().peakInstances()).isEqualTo(11);
  }

  @Test
  void theRollbackKeepsTheMinimumHealthyToo() {
    // the alarm stops the refresh while a replacement is still launching; the rollback replaces
    // that instance first, so no more than one instance is ever out
    Summary s = run("asg-instance-refresh-bad.yaml").summary();
    assertThat(s.detection().by()).isEqualTo("alarm high-5xx");
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(9);
    assertThat(s.traffic().failedRequests()).isPositive();
  }

  @Test
  void checkpointsPauseAtTwentyAndFiftyPercent() {
    RunResult r = run("asg-instance-refresh-checkpoints.yaml");
    assertThat(r.phases()).filteredOn(p -> p.kind() == Phase.Kind.WAIT).extracting(Phase::label)
        .containsExactly("checkpoint 20%: wait 10m", "checkpoint 50%: wait 10m");
    // 80% of 10: 2 at a time, but only 1 from 40% to 50%; the fleet was placed in zones a, b, c in
    // turn (i-0001 a, i-0002 b, i-0003 c, i-0004 a ...), so taking the zones in turn is id order
    assertThat(r.phases()).filteredOn(p -> p.kind() == Phase.Kind.DEPLOY).extracting(Phase::label).containsExactly(
        "set 1: replace i-0001, i-0002", "set 2: replace i-0003, i-0004", "set 3: replace i-0005",
        "set 4: replace i-0006, i-0007", "set 5: replace i-0008, i-0009", "set 6: replace i-0010");
    assertThat(r.summary().capacity().minInServiceInstances()).isEqualTo(8);
  }

  @Test
  void aLastCheckpointAtFiftyPercentSucceedsWithBothVersions() {
    // checkpoints [20, 50] on 10 instances: 50% of 10 = 5 replaced, then Successful; 10 - 5 = 5 keep v1
    Summary s = run("asg-instance-refresh-partial.yaml").summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 5, "v2", 5));
    assertThat(s.outcomeReason()).contains("Successful at its last checkpoint, 50%: 5 of 10 instances replaced",
        "v1 and v2 both remain in service");
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void protectedInstancesAreIgnoredAndTheStandbyOneTerminated() {
    // 8 instances, 2 protected (Ignore): 8 - 2 = 6 replaced with v2, 2 keep v1; the Standby
    // instance i-0009 is terminated (Terminate); no instanceWarmup: the 60 s DefaultInstanceWarmup
    RunResult r = run("asg-instance-refresh-protected.yaml");
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 2, "v2", 6));
    assertThat(s.outcomeReason()).isEqualTo("instance refresh Successful i-0001, i-0002 (scale-in protected) "
        + "ignored; v1 and v2 both remain in service");
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).contains("instance warmup 1m"));
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).isEqualTo("i-0009 terminated"));
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void aHealthEndpointSlowerThanTheTimeoutBlocksTheRefresh() {
    // v2 answers its checks in 6 s, the target group times out after 5 s: every check of the first
    // new instance fails, 2 failures make it unhealthy, the refresh is blocked and fails an hour
    // later; AutoRollback puts v1 back
    String file = "asg-instance-refresh-health-check-timeout.yaml";
    RunResult r = run(file);
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.outcomeReason()).contains("made no progress for 1h", "unhealthy");
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 4));
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).endsWith("health check timed out after 5s in blue-tg"));
    // 4 s is within the timeout: the same refresh succeeds
    try {
      String fast = Files.readString(DIR.resolve(file)).replace("healthCheckTime: 6s", "healthCheckTime: 4s");
      Summary ok = Simulate.run(fast).summary();
      assertThat(ok.outcome()).as(ok.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(ok.finalVersions()).isEqualTo(Map.of("v2", 4));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void launchBeforeTerminateKeepsEveryInstanceInService() {
    Summary s = run("asg-instance-refresh-launch-before-terminate.yaml").summary();
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(10);
    assertThat(s.capacity().minCapacityPercent()).isEqualTo(100.0);
  }
}
