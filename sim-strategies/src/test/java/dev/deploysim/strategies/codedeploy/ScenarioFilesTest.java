package dev.deploysim.strategies.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Strategies;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the repository's codedeploy-*.yaml scenarios claim beyond the contract every type keeps
 * (sim-cli's StrategyContractTest).
 */
class ScenarioFilesTest {
  static final Path DIR = Path.of("..", "scenarios");

  static RunResult run(String file) {
    LoadResult r = new ScenarioLoader(Strategies.catalog()).load(DIR.resolve(file));
    assertThat(r.errors()).extracting(ScenarioError::format).isEmpty();
    return ScenarioRunner.run(r.scenario(), Strategies.catalog());
  }

  /** The configurations beside each type's healthy file deploy to the end. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"codedeploy-in-place-one-at-a-time.yaml", "codedeploy-in-place-half-at-a-time.yaml",
      "codedeploy-in-place-all-at-once.yaml", "codedeploy-in-place-custom-min-healthy.yaml",
      "codedeploy-in-place-outdated-instances.yaml", "codedeploy-lambda-canary.yaml", "codedeploy-lambda-linear.yaml",
      "codedeploy-ecs-canary.yaml", "codedeploy-ecs-linear.yaml"})
  void everyConfigurationSucceeds(String file) {
    Summary s = run(file).summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void halfAtATimeOnNineKeepsFiveInService() {
    assertThat(run("codedeploy-in-place-half-at-a-time.yaml").summary().capacity().minInServiceInstances())
        .isEqualTo(5);
  }

  @Test
  void customFortyPercentOfNineKeepsFourInService() {
    assertThat(run("codedeploy-in-place-custom-min-healthy.yaml").summary().capacity().minInServiceInstances())
        .isEqualTo(4);
  }

  @Test
  void theBadLambdaCanaryIsCaughtByTheAlarmDuringTheCanary() {
    Summary s = run("codedeploy-lambda-canary-bad.yaml").summary();
    assertThat(s.detection().by()).isEqualTo("alarm canary-errors");
    assertThat(s.rollback().triggered()).isTrue();
    // caught within the 10-minute canary ...
    assertThat(s.detection().afterStartSeconds()).isLessThan(600);
    // ... so only the canary's 10% of 200 rps reached v2, for less than the canary's 10 minutes,
    // against 10% for 10 min and then all traffic with a full shift
    assertThat(s.traffic().requestsServedByNewVersion()).isLessThan((long) (0.1 * 200 * 600));
  }

  @Test
  void theHangingScriptFailsAtItsOneHourTimeout() {
    Summary s = run("codedeploy-in-place-hook-timeout.yaml").summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().by()).isEqualTo("hook ValidateService timed out");
    // first instance: drain 60 s + BeforeInstall 15 s + install 30 s + start 10 s + ValidateService 3600 s
    assertThat(s.detection().afterStartSeconds()).isEqualTo(60 + 15 + 30 + 10 + 3600.0);
  }

  @Test
  void instancesLaunchedDuringTheDeploymentKeepTheOldRevisionWithIgnore() {
    Summary s = run("codedeploy-in-place-outdated-instances.yaml").summary();
    // scaled out from 6 to 8 during the deployment: the two new instances launched with v1
    assertThat(s.finalVersions()).containsEntry("v1", 2).containsEntry("v2", 6);
  }
}
