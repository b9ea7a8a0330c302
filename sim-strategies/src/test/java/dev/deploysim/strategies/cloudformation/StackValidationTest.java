package dev.deploysim.strategies.cloudformation;

import dev.deploysim.testing.ScenarioYaml;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Strategies;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ranges and cross-parameter rules of the CloudFormation types, through the real loader. */
class StackValidationTest {
  static final String ROLLING = "cloudformation.rolling-update";
  static final String REPLACING = "cloudformation.replacing-update";

  static List<ScenarioError> errors(ScenarioYaml s) {
    return s.load().errors();
  }

  @Test
  void theDocumentedExamplesAreValid() {
    assertThat(errors(StackScenario.of(ROLLING, 6))).isEmpty();
    assertThat(errors(StackScenario.of(ROLLING, 3).set("fleet.maxSize", 4).param("minInstancesInService", 1)
        .param("maxBatchSize", 2).param("pauseTime", "PT1M").param("waitOnResourceSignals", true))).isEmpty();
    assertThat(errors(StackScenario.of(ROLLING, 6).param("waitOnResourceSignals", true)
        .param("minSuccessfulInstancesPercent", 50).param("pauseTime", "PT15M")
        .param("suspendProcesses",
            "[HealthCheck, ReplaceUnhealthy, AZRebalance, AlarmNotification, ScheduledActions]")))
        .isEmpty();
    assertThat(errors(StackScenario.of(REPLACING, 3).param("count", 3).param("timeout", "PT15M"))).isEmpty();
  }

  @Test
  void minInstancesInServiceMustBeBelowMaxSize() {
    // fleet maxSize defaults to instances (6)
    assertThat(errors(StackScenario.of(ROLLING, 6).param("minInstancesInService", 6))).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.strategy.minInstancesInService");
      assertThat(e.message())
          .isEqualTo("MinInstancesInService must be less than the group's MaxSize (fleet.maxSize 6), got 6");
    });
    assertThat(errors(StackScenario.of(ROLLING, 6).set("fleet.maxSize", 7).param("minInstancesInService", 6)))
        .isEmpty();
  }

  @Test
  void minSuccessfulInstancesPercentAndSignalNeedSignals() {
    assertThat(errors(StackScenario.of(ROLLING, 6).param("minSuccessfulInstancesPercent", 50))).singleElement()
        .satisfies(e -> {
          assertThat(e.path()).isEqualTo("deployment.strategy.minSuccessfulInstancesPercent");
          assertThat(e.message()).contains("needs waitOnResourceSignals: true");
        });
    assertThat(errors(StackScenario.of(ROLLING, 6).param("signal", "appStarted"))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.signal"));
    assertThat(errors(StackScenario.of(ROLLING, 6).param("minSuccessfulInstancesPercent", 101)
        .param("waitOnResourceSignals", true))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.minSuccessfulInstancesPercent"));
  }

  @Test
  void previousPolicyFollowsTheSameRules() {
    assertThat(errors(StackScenario.of(ROLLING, 6).param("maxBatchSize", 6)
        .param("previousPolicy", "{maxBatchSize: 1, waitOnResourceSignals: true, minSuccessfulInstancesPercent: 50}")))
        .isEmpty();
    // its own keys, checked against its own signal setting and the group's MaxSize (6)
    assertThat(errors(StackScenario.of(ROLLING, 6).param("waitOnResourceSignals", true)
        .param("previousPolicy", "{minSuccessfulInstancesPercent: 50, minInstancesInService: 6}")))
        .extracting(ScenarioError::path).containsExactlyInAnyOrder(
            "deployment.strategy.previousPolicy.minSuccessfulInstancesPercent",
            "deployment.strategy.previousPolicy.minInstancesInService");
    assertThat(errors(StackScenario.of(ROLLING, 6).param("previousPolicy", "{suspendProcesses: [Launch]}")))
        .singleElement().satisfies(e -> assertThat(e.path())
            .isEqualTo("deployment.strategy.previousPolicy.suspendProcesses[0]"));
    // signal is the instances' own: not a key of the previous policy
    assertThat(errors(StackScenario.of(ROLLING, 6).param("previousPolicy", "{signal: appStarted}")))
        .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.previousPolicy.signal"));
    // the previous policy's signals make signal meaningful (for the rollback)
    assertThat(errors(StackScenario.of(ROLLING, 6).param("signal", "appStarted")
        .param("previousPolicy", "{waitOnResourceSignals: true}"))).isEmpty();
  }

  @Test
  void pauseTimeIsAtMostOneHour() {
    assertThat(errors(StackScenario.of(ROLLING, 6).param("pauseTime", "PT1H"))).isEmpty();
    assertThat(errors(StackScenario.of(ROLLING, 6).param("pauseTime", "PT1H1S"))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.pauseTime"));
  }

  @Test
  void maxBatchSizeIsAtMostOneHundred() {
    // the UpdatePolicy reference: MaxBatchSize "maximum value is 100"; the same bound in previousPolicy
    assertThat(errors(StackScenario.of(ROLLING, 6).param("maxBatchSize", 100))).isEmpty();
    assertThat(errors(StackScenario.of(ROLLING, 6).param("maxBatchSize", 101))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.maxBatchSize"));
    assertThat(errors(StackScenario.of(ROLLING, 6).param("previousPolicy", "{maxBatchSize: 101}"))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.previousPolicy.maxBatchSize"));
  }

  @Test
  void suspendingLaunchIsRefused() {
    assertThat(errors(StackScenario.of(ROLLING, 6).param("suspendProcesses", "[HealthCheck, Launch]")))
        .singleElement().satisfies(e -> {
          assertThat(e.path()).isEqualTo("deployment.strategy.suspendProcesses[1]");
          assertThat(e.message()).contains("cannot launch the new instances");
        });
    assertThat(errors(StackScenario.of(ROLLING, 6).param("suspendProcesses", "[HealthCheck, HealthCheck]")))
        .singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("process HealthCheck is listed twice"));
    assertThat(errors(StackScenario.of(ROLLING, 6).param("suspendProcesses", "[Healthcheck]"))).isNotEmpty();
  }

  @Test
  void theCreationPolicyCountCannotExceedTheGroup() {
    assertThat(errors(StackScenario.of(REPLACING, 6).param("count", 7))).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.strategy.count");
      assertThat(e.message()).contains("could never be met");
    });
    assertThat(errors(StackScenario.of(REPLACING, 6).param("timeout", "13h"))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.timeout"));
  }

  @ParameterizedTest
  @ValueSource(strings = {ROLLING, REPLACING})
  void rollbackTriggersAndDisableRollbackAreAccepted(String type) {
    assertThat(errors(StackScenario.of(type, 6).errorRateAlarm())).isEmpty();
    assertThat(errors(StackScenario.of(type, 6).onFailure(false))).isEmpty();
    StrategyDescription t = Strategies.catalog().find(type).orElseThrow().description();
    assertThat(t.rollback().rollsBackOnAlarms()).isTrue();
    assertThat(t.rollback().rollbackByDefault()).isTrue();
    assertThat(t.rollback().handling()).isEqualTo(RollbackPolicy.FailureHandling.CONFIGURABLE);
    // onFailure: true says what the stack does anyway
    String yaml = StackScenario.of(type, 6).yaml() + "  rollback: {onFailure: true}\n";
    assertThat(new ScenarioLoader(Strategies.catalog()).parse(yaml, "x.yaml").errors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {ROLLING, REPLACING})
  void aStackTakesAtMostFiveRollbackTriggers(String type) {
    StringBuilder alarms = new StringBuilder("alarms:\n");
    StringBuilder names = new StringBuilder();
    for (int k = 1; k <= 6; k++) {
      alarms.append("  - {name: a").append(k).append(", metric: errorRate, threshold: 0.05, period: 60s}\n");
      names.append(k == 1 ? "" : ", ").append("a").append(k);
    }
    String yaml = StackScenario.of(type, 6).yaml() + "  rollback: {onAlarms: [" + names + "]}\n" + alarms;
    List<ScenarioError> e = new ScenarioLoader(Strategies.catalog()).parse(yaml, "x.yaml").errors();
    assertThat(e).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("deployment.rollback.onAlarms");
      assertThat(x.message()).isEqualTo("a stack takes at most 5 rollback triggers, got 6");
    });
  }
}
