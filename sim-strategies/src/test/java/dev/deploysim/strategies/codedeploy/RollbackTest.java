package dev.deploysim.strategies.codedeploy;

import dev.deploysim.testing.ScenarioYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Distribution;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.strategy.StrategyType;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rollback rules shared by every CodeDeploy type (AutoRollbackConfiguration). */
class RollbackTest {

  /** Each type with a hook event it runs, and whether it needs a fleet. */
  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of("in-place", new CodeDeployInPlace(), Map.of(), "AfterInstall", true),
        Arguments.of("blue-green", new CodeDeployBlueGreen(), Map.of(), "AfterInstall", true),
        Arguments.of("lambda", new CodeDeployTrafficShift(), Map.of("platform", "lambda"), "BeforeAllowTraffic", false),
        Arguments.of("ecs", new CodeDeployTrafficShift(), Map.of("platform", "ecs"), "AfterInstall", true));
  }

  static ScenarioYaml fixture(StrategyType type, boolean fleet) {
    ScenarioYaml f = CodeDeployScenarios.of(type);
    return fleet ? f : f.remove("fleet");
  }

  static Map<String, Object> failingHook(Map<String, Object> base, String event) {
    Map<String, Object> p = new HashMap<>(base);
    p.put("hooks", Map.of(event, Map.of("duration", Distribution.constant(5), "fails", 1.0)));
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void aFailedDeploymentRollsBackByDefault(String name, StrategyType type, Map<String, Object> params, String event,
      boolean fleet) {
    RunResult r = fixture(type, fleet).params(failingHook(params, event)).run();
    assertThat(r.summary().detection().by()).isEqualTo("hook " + event + " failed");
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.summary().rollback().triggered()).isTrue();
    if (fleet) {
      assertThat(r.summary().finalVersions()).containsOnlyKeys("v1");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void withoutRollbackOnFailureItEndsFailed(String name, StrategyType type, Map<String, Object> params, String event,
      boolean fleet) {
    ScenarioYaml f = fixture(type, fleet);
    f.onFailure(false);
    RunResult r = f.params(failingHook(params, event)).run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.summary().rollback().triggered()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void anAlarmAlreadyInAlarmStopsTheDeploymentAtOnceAndRollsBack(String name, StrategyType type,
      Map<String, Object> params, String event, boolean fleet) {
    ScenarioYaml f = fixture(type, fleet);
    f.set("deployment.at", "120s");
    // breaches from the first datapoint (60 s): in ALARM when the deployment starts
    f.rollbackAlarm("always",
        "metric: errorRate, threshold: -1, period: 60s, evaluationPeriods: 1, datapointsToAlarm: 1");
    RunResult r = f.params(params).run();
    assertThat(r.summary().detection().atSeconds()).isEqualTo(120.0);
    assertThat(r.summary().detection().by()).isEqualTo("alarm always");
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // the reason says what the alarm saw (the first 60 s datapoint, an error rate of 0 or more, is above -1)
    // and when (at the end of that first period, 60 s), not only its name (issue 17 item 14)
    assertThat(r.summary().outcomeReason()).isEqualTo("alarm always went to ALARM at 1m: 1 of the last 1 datapoints"
        + " of errorRate (Average over 1m) breach GreaterThanThreshold -1, before the deployment started");
    // nothing was changed, so there is nothing to undo
    assertThat(r.summary().deployment().durationSeconds()).isZero();
    assertThat(r.summary().traffic().requestsServedByNewVersion()).isZero();
    if (fleet) {
      assertThat(r.summary().finalVersions()).containsOnlyKeys("v1");
    }
  }
}
