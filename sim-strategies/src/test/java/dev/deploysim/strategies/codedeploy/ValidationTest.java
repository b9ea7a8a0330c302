package dev.deploysim.strategies.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Strategies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Domain rules of the CodeDeploy strategy parameters, through the real scenario loader. */
class ValidationTest {

  static List<String> errors(String strategy) {
    return errors(strategy, "");
  }

  static List<String> errors(String strategy, String rollback) {
    String yaml = """
        name: v
        fleet: {instances: 9, maxSize: 18}
        traffic: {rps: 100}
        versions: {v1: {}, v2: {}}
        deployment:
          version: v2
          strategy:
        """ + strategy.indent(4) + rollback;
    LoadResult r = new ScenarioLoader(Strategies.catalog()).parse(yaml, "x.yaml");
    return r.errors().stream().map(ScenarioError::format).toList();
  }

  @Test
  void theScenarioFilesExampleLoads() {
    assertThat(errors("type: codedeploy.in-place\nconfig: CodeDeployDefault.HalfAtATime")).isEmpty();
    assertThat(errors("type: codedeploy.in-place\nminimumHealthyHosts: {type: HOST_COUNT, value: 6}")).isEmpty();
    assertThat(errors("type: codedeploy.in-place\nhooks: {ValidateService: {duration: 2h}, BeforeInstall: {duration:"
        + " {uniform: [10s, 20s]}, fails: 0.1, timeout: 10m}}")).isEmpty();
    assertThat(errors("type: codedeploy.blue-green\nrerouteAfter: 10m\nterminateOriginalAfter: 5m")).isEmpty();
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: ecs\nlinear: {percent: 20, interval: 2m}")).isEmpty();
  }

  @Test
  void configNameTyposGetASuggestion() {
    assertThat(errors("type: codedeploy.in-place\nconfig: CodeDeployDefault.HalfAtTime"))
        .singleElement().asString().contains("deployment.strategy.config").contains("CodeDeployDefault.HalfAtATime");
  }

  @Test
  void configAndMinimumHealthyHostsAreExclusive() {
    assertThat(errors("type: codedeploy.in-place\nconfig: CodeDeployDefault.AllAtOnce\n"
        + "minimumHealthyHosts: {type: HOST_COUNT, value: 3}"))
        .singleElement().asString().contains("deployment.strategy.minimumHealthyHosts").contains("not both");
  }

  @Test
  void fleetPercentIsBelowOneHundred() {
    assertThat(errors("type: codedeploy.in-place\nminimumHealthyHosts: {type: FLEET_PERCENT, value: 100}"))
        .singleElement().asString().contains("minimumHealthyHosts.value").contains("below 100");
    // 99% is allowed (it fails at run time when it rounds to the whole fleet, as on AWS)
    assertThat(errors("type: codedeploy.in-place\nminimumHealthyHosts: {type: FLEET_PERCENT, value: 99}")).isEmpty();
  }

  @Test
  void hostCountLargerThanTheFleetIsAnError() {
    assertThat(errors("type: codedeploy.in-place\nminimumHealthyHosts: {type: HOST_COUNT, value: 12}"))
        .singleElement().asString().contains("HOST_COUNT 12 is more than the 9 instances");
    assertThat(errors("type: codedeploy.in-place\nminimumHealthyHosts: {type: HOST_COUNT, value: 9}")).isEmpty();
  }

  @Test
  void hookNamesMustBeLifecycleEvents() {
    assertThat(errors("type: codedeploy.in-place\nhooks: {ValidateServices: {duration: 5s}}"))
        .singleElement().asString().contains("hooks.ValidateServices").contains("ValidateService");
    assertThat(errors("type: codedeploy.in-place\nhooks: {Install: {duration: 5s}}")).hasSize(1);
  }

  @Test
  void aHookIsARunTimeOrAScriptMapping() {
    assertThat(errors("type: codedeploy.in-place\nhooks: {BeforeInstall: 30s, ValidateService: {uniform: [10s, 20s]},"
        + " AfterInstall: {duration: never, fails: true, timeout: 10m}, ApplicationStart: {fails: 0.2}}")).isEmpty();
    assertThat(errors("type: codedeploy.blue-green\nhooks: {ValidateService: 20s, BeforeInstall: {fails: false}}"))
        .isEmpty();
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: lambda\nhooks: {BeforeAllowTraffic: 20s,"
        + " AfterAllowTraffic: {duration: never}}")).isEmpty();
  }

  @Test
  void aHookInNoFormListsTheForms() {
    assertThat(errors("type: codedeploy.in-place\nhooks: {ValidateService: soon}")).containsExactly(
        "x.yaml:9:13: deployment.strategy.hooks.ValidateService: expected a duration like 30s, a distribution like"
            + " {uniform: [10s, 20s]} or a mapping with duration, fails, timeout, got \"soon\"");
    assertThat(errors("type: codedeploy.in-place\nhooks: {ValidateService: {fails: 10%}}")).containsExactly(
        "x.yaml:9:31: deployment.strategy.hooks.ValidateService.fails: expected true, false or a number from 0 to 1,"
            + " got \"10%\"");
    assertThat(errors("type: codedeploy.in-place\nhooks: {ValidateService: {duration: forever}}")).containsExactly(
        "x.yaml:9:31: deployment.strategy.hooks.ValidateService.duration: expected a duration like 30s, a"
            + " distribution like {uniform: [10s, 20s]} or never, got \"forever\"");
  }

  @Test
  void hookTimeoutIsAtMostAnHour() {
    assertThat(errors("type: codedeploy.in-place\nhooks: {ValidateService: {duration: 5s, timeout: 2h}}"))
        .singleElement().asString().contains("hooks.ValidateService.timeout");
  }

  @Test
  void aLambdaConfigOnEcsSuggestsTheEcsOne() {
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: ecs\n"
        + "config: CodeDeployDefault.LambdaCanary10Percent5Minutes"))
        .singleElement().asString().contains("platform ecs").contains("CodeDeployDefault.ECSCanary10Percent5Minutes");
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: lambda\n"
        + "config: CodeDeployDefault.ECSLinear10PercentEvery1Minutes"))
        .singleElement().asString().contains("CodeDeployDefault.LambdaLinear10PercentEvery1Minute");
  }

  @Test
  void ecsOnlyHooksAreRejectedForLambda() {
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: lambda\nhooks: {BeforeInstall: {duration: 5s}}"))
        .singleElement().asString().contains("hooks.BeforeInstall").contains("BeforeAllowTraffic, AfterAllowTraffic");
  }

  @Test
  void customShiftsAreWholeMinutesAndExclusive() {
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: lambda\ncanary: {percent: 10, interval: 90s}"))
        .singleElement().asString().contains("canary.interval").contains("whole minutes");
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: lambda\ncanary: {percent: 100, interval: 5m}"))
        .singleElement().asString().contains("canary.percent");
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: lambda\nconfig: CodeDeployDefault.LambdaAllAtOnce\n"
        + "linear: {percent: 10, interval: 1m}")).hasSize(1);
  }

  @Test
  void lambdaShiftsSpanAtMost2880Minutes() {
    // 1% every hour: 100 increments, 99 waits of 60 min = 5940 min > 2880
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: lambda\nlinear: {percent: 1, interval: 1h}"))
        .singleElement().asString().contains("2880 minutes");
    // 10% every 5 h: 9 waits of 300 min = 2700 min
    assertThat(errors("type: codedeploy.traffic-shift\nplatform: lambda\nlinear: {percent: 10, interval: 5h}"))
        .isEmpty();
  }

  @Test
  void codeDeployRollsBackOnAlarms() {
    String withAlarm = """
        name: v
        fleet: {instances: 9}
        traffic: {rps: 100}
        versions: {v1: {}, v2: {}}
        alarms:
          - {name: high-5xx, metric: errorRate, threshold: 0.05}
        deployment:
          version: v2
          strategy: {type: codedeploy.in-place}
          rollback: {onAlarms: [high-5xx]}
        """;
    assertThat(new ScenarioLoader(Strategies.catalog()).parse(withAlarm, "x.yaml").errors()).isEmpty();
  }

  @Test
  void lambdaNeedsNoFleetButEcsDoes() {
    String lambda = """
        name: v
        traffic: {rps: 100}
        versions: {v1: {}, v2: {}}
        deployment:
          version: v2
          strategy: {type: codedeploy.traffic-shift, platform: lambda}
        """;
    assertThat(new ScenarioLoader(Strategies.catalog()).parse(lambda, "x.yaml").errors()).isEmpty();
    String ecs = lambda.replace("platform: lambda", "platform: ecs");
    assertThat(new ScenarioLoader(Strategies.catalog()).parse(ecs, "x.yaml").errors()).isNotEmpty();
  }
}
