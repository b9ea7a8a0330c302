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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The repository's codedeploy-*.yaml scenarios load, run, and show what their description says. */
class ScenarioFilesTest {
  static final Path DIR = Path.of("..", "scenarios");

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.getFileName().toString().startsWith("codedeploy-")).sorted().toList().stream();
    }
  }

  static RunResult run(String file) {
    LoadResult r = new ScenarioLoader(Strategies.catalog()).load(DIR.resolve(file));
    assertThat(r.errors()).extracting(ScenarioError::format).isEmpty();
    return ScenarioRunner.run(r.scenario(), Strategies.catalog());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void loadsAndRuns(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("# yaml-language-server: $schema=../scenario.schema.json");
    assertThat(lines).anyMatch(l -> l.startsWith("description: "));
    RunResult r = run(file.getFileName().toString());
    Outcome expected = file.toString().endsWith("-bad.yaml") || file.toString().contains("hook-timeout")
        ? Outcome.ROLLED_BACK : Outcome.SUCCEEDED;
    assertThat(r.summary().outcome()).as(r.summary().outcomeReason()).isEqualTo(expected);
  }

  @Test
  void thereIsOneScenarioPerConfigFamily() throws IOException {
    List<String> names = files().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    assertThat(names).contains("codedeploy-in-place-one-at-a-time.yaml", "codedeploy-in-place-one-at-a-time-bad.yaml",
        "codedeploy-in-place-half-at-a-time.yaml", "codedeploy-in-place-all-at-once.yaml",
        "codedeploy-in-place-custom-min-healthy.yaml", "codedeploy-blue-green.yaml", "codedeploy-blue-green-bad.yaml",
        "codedeploy-lambda-canary.yaml", "codedeploy-lambda-canary-bad.yaml", "codedeploy-lambda-linear.yaml",
        "codedeploy-ecs-canary.yaml", "codedeploy-ecs-canary-bad.yaml", "codedeploy-ecs-linear.yaml",
        "codedeploy-in-place-hook-timeout.yaml");
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
