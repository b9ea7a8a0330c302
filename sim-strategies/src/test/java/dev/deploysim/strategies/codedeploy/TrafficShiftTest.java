package dev.deploysim.strategies.codedeploy;

import dev.deploysim.testing.ScenarioYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficShiftTest {
  static final CodeDeployTrafficShift TYPE = new CodeDeployTrafficShift();
  static final double RPS = 400;
  /** The run goes on for 600 s after the deployment ends (no horizon given). */
  static final double COOL_DOWN = Scenario.COOL_DOWN_SECONDS;

  static ScenarioYaml lambda() {
    return CodeDeployScenarios.lambda(TYPE);
  }

  /**
   * Every predefined configuration (deployment-configurations.md): canary = first increment, then
   * the remaining 90% after the interval; linear = 10% per interval until all traffic has moved.
   *
   * @param span seconds from the first shift to the last
   * @param shifts number of weight changes
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // canary: 10%, wait, 100%
      "CodeDeployDefault.LambdaCanary10Percent5Minutes, lambda, 300, 2",
      "CodeDeployDefault.LambdaCanary10Percent10Minutes, lambda, 600, 2",
      "CodeDeployDefault.LambdaCanary10Percent15Minutes, lambda, 900, 2",
      "CodeDeployDefault.LambdaCanary10Percent30Minutes, lambda, 1800, 2",
      // linear: 10%, 20%, ..., 100%: 10 shifts with 9 waits between them
      "CodeDeployDefault.LambdaLinear10PercentEvery1Minute, lambda, 540, 10",
      "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes, lambda, 1080, 10",
      "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes, lambda, 1620, 10",
      "CodeDeployDefault.LambdaLinear10PercentEvery10Minutes, lambda, 5400, 10",
      "CodeDeployDefault.LambdaAllAtOnce, lambda, 0, 1",
      "CodeDeployDefault.ECSLinear10PercentEvery1Minutes, ecs, 540, 10",
      "CodeDeployDefault.ECSLinear10PercentEvery3Minutes, ecs, 1620, 10",
      "CodeDeployDefault.ECSCanary10Percent5Minutes, ecs, 300, 2",
      "CodeDeployDefault.ECSCanary10Percent15Minutes, ecs, 900, 2",
      "CodeDeployDefault.ECSAllAtOnce, ecs, 0, 1"})
  void predefinedConfigsShiftOnTheirSchedule(String config, String platform, double span, int shifts) {
    boolean isLambda = platform.equals("lambda");
    ScenarioYaml f = isLambda ? lambda() : CodeDeployScenarios.of(TYPE);
    RunResult r = f.copy().params(Map.of("platform", platform, "config", config)).run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.phases()).filteredOn(p -> p.kind() == Phase.Kind.SHIFT).hasSize(shifts);
    // the first shift moves 10% (all of it for AllAtOnce)
    String first = r.phases().stream().filter(p -> p.kind() == Phase.Kind.SHIFT).findFirst().orElseThrow().label();
    assertThat(first).startsWith(shifts == 1 ? "all traffic" : config.contains("Canary") ? "canary 10%" : "linear 10%");
    if (isLambda) {
      assertThat(r.summary().deployment().durationSeconds()).isEqualTo(span);
      // requests on v2: 10% x 400 rps over each canary minute (or 10%, 20%, ... over each linear
      // interval), then everything until the run ends 600 s later
      double interval = shifts == 1 ? 0 : span / (shifts - 1);
      double shifted = 0;
      for (int k = 1; k < shifts; k++) {
        double share = config.contains("Canary") ? 0.10 : 0.10 * k;
        shifted += share * RPS * interval;
      }
      assertThat((double) r.summary().traffic().requestsServedByNewVersion()).isCloseTo(shifted + RPS * COOL_DOWN,
          org.assertj.core.data.Offset.offset(1.0));
    } else {
      // Install: tasks start 30 s + install 30 s + start 10 s, first check 10 s later: 80 s;
      // the shifts; one hour before the original task set goes (it has had no requests since
      // the full shift, so its targets deregister at once)
      assertThat(r.summary().deployment().durationSeconds()).isEqualTo(80 + span + 3600);
      assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v2", 9));
    }
  }

  @Test
  void linearEveryMinuteReachesAllTrafficAfterNineMinutes() {
    RunResult r = lambda().params(Map.of("platform", "lambda",
        "config", "CodeDeployDefault.LambdaLinear10PercentEvery1Minute")).run();
    Phase last = r.phases().stream().filter(p -> p.label().equals("linear 100%")).findFirst().orElseThrow();
    // 9 waits of one minute between the ten increments
    assertThat(last.start() - r.summary().deployment().startSeconds()).isGreaterThanOrEqualTo(9 * 60.0);
  }

  @Test
  void canaryHoldsTenPercentForItsIntervalThenShiftsTheRest() {
    RunResult r = lambda().params(Map.of("platform", "lambda",
        "config", "CodeDeployDefault.LambdaCanary10Percent5Minutes")).run();
    Phase canary = r.phases().get(0);
    assertThat(canary.label()).isEqualTo("canary 10% for 5m");
    assertThat(canary.end() - canary.start()).isEqualTo(300.0);
    assertThat(r.phases().get(1).label()).isEqualTo("all traffic to v2");
    // during the canary the new version takes 10% of the requests
    int col = r.timeSeries().column("newVersionTrafficPercent");
    for (int k = 0; k < r.timeSeries().size(); k++) {
      double[] row = r.timeSeries().row(k);
      if (row[0] > canary.start() + 5 && row[0] <= canary.end()) {
        assertThat(row[col]).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-6));
      }
    }
  }

  @Test
  void customCanaryAndLinear() {
    RunResult canary = lambda().params(Map.of("platform", "lambda",
        "canary", Map.of("percent", 25, "interval", 120.0))).run();
    assertThat(canary.phases().get(0).label()).isEqualTo("canary 25% for 2m");
    assertThat(canary.summary().deployment().durationSeconds()).isEqualTo(120.0);
    // linear 30%: 30, 60, 90, 100 -> three waits
    RunResult linear = lambda().params(Map.of("platform", "lambda",
        "linear", Map.of("percent", 30, "interval", 60.0))).run();
    assertThat(linear.phases()).extracting(Phase::label)
        .containsExactly("linear 30%", "linear 60%", "linear 90%", "linear 100%");
    assertThat(linear.summary().deployment().durationSeconds()).isEqualTo(180.0);
  }

  @Test
  void anAlarmCatchesABadCanaryBeforeTheFullShift() {
    ScenarioYaml f = lambda();
    f.set("deployment.version", "errors"); // fails half of its requests
    f.rollbackAlarm("canary-errors",
        "metric: newVersionErrorRate, threshold: 0.1, period: 60s, evaluationPeriods: 1, datapointsToAlarm: 1");
    RunResult r = f.copy().params(Map.of("platform", "lambda",
        "config", "CodeDeployDefault.LambdaCanary10Percent30Minutes")).run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.summary().detection().by()).isEqualTo("alarm canary-errors");
    // the canary starts at 60 s; the alarm's period [60 s, 120 s) has a 50% error rate: ALARM at 120 s
    assertThat(r.summary().detection().atSeconds()).isEqualTo(120.0);
    // all traffic goes back at once: 10% of 400 rps for 60 s reached the bad version ...
    assertThat(r.summary().traffic().requestsServedByNewVersion()).isEqualTo(2400);
    // ... where a full shift would have sent it 10% for 30 min and then everything
    assertThat(r.summary().traffic().requestsServedByNewVersion()).isLessThan((long) (0.1 * RPS * 1800));
    assertThat(r.summary().rollback().endSeconds()).isEqualTo(120.0);
    assertThat(r.phases()).anyMatch(p -> p.kind() == Phase.Kind.ROLLBACK);
  }

  @Test
  void aValidationHookThatNeverReportsFailsTheDeploymentAfterAnHour() {
    RunResult r = lambda().params(Map.of("platform", "lambda",
        "config", "CodeDeployDefault.LambdaCanary10Percent5Minutes",
        "hooks", Map.of("BeforeAllowTraffic", CodeDeployScenarios.script(100 * 3600)))).run();
    assertThat(r.summary().detection().by()).isEqualTo("hook BeforeAllowTraffic timed out");
    assertThat(r.summary().detection().afterStartSeconds()).isEqualTo(3600.0);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.summary().traffic().requestsServedByNewVersion()).isZero();
  }

  @Test
  void ecsCanaryWithAnAlarmMovesTrafficBackAndRemovesTheReplacementTasks() {
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    f.set("deployment.version", "errors");
    f.rollbackAlarm("high-errors",
        "metric: errorRate, threshold: 0.02, period: 60s, evaluationPeriods: 1, datapointsToAlarm: 1");
    RunResult r = f.copy().params(Map.of("platform", "ecs", "config", "CodeDeployDefault.ECSCanary10Percent15Minutes"))
        .run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // install 80 s (from 60 s): the canary takes 10% from 140 s and fails half of it, 5% of all
    // requests; over the period [120 s, 180 s) that is 5% x 40/60 = 3.3% > 2%: ALARM at 180 s
    assertThat(r.summary().detection().atSeconds()).isEqualTo(180.0);
    // replacement tasks drain (20 s) and go
    assertThat(r.summary().rollback().endSeconds() - r.summary().rollback().startSeconds()).isEqualTo(20.0);
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v1", 9));
    // the original task set kept serving: no capacity lost
    assertThat(r.summary().capacity().minInServiceInstances()).isEqualTo(9);
  }

  @Test
  void ecsReplacementTasksThatNeverBecomeHealthyFailInstall() {
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    f.set("deployment.version", "bad");
    RunResult r = f.copy().params(Map.of("platform", "ecs")).run();
    assertThat(r.summary().detection().by()).isEqualTo("replacement task set health checks");
    // tasks in service after 70 s, then an hour of failing checks
    assertThat(r.summary().detection().afterStartSeconds()).isEqualTo(70 + 3600.0);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.summary().traffic().requestsServedByNewVersion()).isZero();
  }
  @Test
  void withAnAlarmPollIntervalTheAlarmIsSeenAtTheNextPoll() {
    ScenarioYaml f = lambda();
    f.set("deployment.version", "errors");
    f.rollbackAlarm("canary-errors",
        "metric: newVersionErrorRate, threshold: 0.1, period: 60s, evaluationPeriods: 1, datapointsToAlarm: 1");
    RunResult r = f.copy().params(Map.of("platform", "lambda",
        "config", "CodeDeployDefault.LambdaCanary10Percent30Minutes", "alarmPollInterval", 300.0)).run();
    // the alarm goes to ALARM at 120 s; CodeDeploy looks at 60 s (start), 360 s, ...
    assertThat(r.summary().detection().atSeconds()).isEqualTo(360.0);
    // 10% of 400 rps for the 300 s until the poll
    assertThat(r.summary().traffic().requestsServedByNewVersion()).isEqualTo(12000);
  }

  @Test
  void ecsHooksRunInTheirDocumentedOrder() {
    Map<String, Object> hooks = new java.util.LinkedHashMap<>();
    for (String e : java.util.List.of("AfterAllowTraffic", "BeforeAllowTraffic", "AfterAllowTestTraffic",
        "AfterInstall", "BeforeInstall")) {
      hooks.put(e, CodeDeployScenarios.script(10));
    }
    RunResult r = CodeDeployScenarios.of(TYPE)
        .params(Map.of("platform", "ecs", "hooks", hooks, "terminateOriginalAfter", 0.0)).run();
    assertThat(r.phases()).extracting(Phase::label).containsExactly("BeforeInstall hook",
        "install the replacement task set (9 tasks)", "AfterInstall hook", "AfterAllowTestTraffic hook",
        "BeforeAllowTraffic hook", "all traffic to v2", "AfterAllowTraffic hook",
        "remove the original task set");
    // five hooks of 10 s around an 80 s install
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(5 * 10 + 80.0);
  }
}
