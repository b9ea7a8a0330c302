package dev.deploysim.load;

import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import dev.deploysim.scenario.WarmPoolSpec;
import static dev.deploysim.load.ScenarioLoaderTest.LOADER;
import static dev.deploysim.load.ScenarioLoaderTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.StrategyParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Value syntaxes (durations, distributions, counts, percentages) and the defaults of the format. */
class ScenarioValuesTest {

  /** A valid scenario with {@code extra} appended at the top level and strategy parameters added. */
  static String scenario(String strategyParams, String extra) {
    return "name: values\n"
        + "fleet: {instances: 6, zones: [a, b, c]}\n"
        + "traffic: {rps: 100}\n"
        + "versions: {v1: {}, v2: {}}\n"
        + "deployment:\n"
        + "  version: v2\n"
        + "  strategy: {type: fake.rolling" + (strategyParams.isEmpty() ? "" : ", " + strategyParams) + "}\n"
        + extra;
  }

  static StrategyParams params(String strategyParams) {
    return ok(scenario(strategyParams, "")).deployment().strategy().params();
  }

  @ParameterizedTest(name = "at: {0} -> {1} s")
  @CsvSource({
      "250ms, 0.25",
      "30s, 30",
      "5m, 300",
      "1h30m, 5400",
      "PT5M, 300",
      "PT1H2M3S, 3723",
      "90, 90",
      "1.5, 1.5",
      "'\"45\"', 45",
  })
  void durations(String text, double seconds) {
    Scenario s = ok(scenario("", "").replace("  version: v2", "  at: " + text + "\n  version: v2"));
    assertThat(s.deployment().at()).isEqualTo(seconds);
  }

  @Test
  void neverIsInfinityWhereAllowed() {
    assertThat(params("pauseTime: never").duration("pauseTime")).isEqualTo(Double.POSITIVE_INFINITY);
    LoadResult r = LOADER.parse(scenario("timeout: never", ""), "t.yaml");
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("got \"never\""));
  }

  @Test
  void distributions() {
    assertThat(params("warmup: 20s").distribution("warmup")).isEqualTo(Distribution.constant(20));
    assertThat(params("warmup: {uniform: [20s, 40s]}").distribution("warmup"))
        .isEqualTo(new Distribution.Uniform(20, 40));
    assertThat(params("warmup: {exponential: {mean: 30s}}").distribution("warmup"))
        .isEqualTo(new Distribution.Exponential(30));
    assertThat(params("warmup: {normal: {mean: 1m, sd: 10s}}").distribution("warmup"))
        .isEqualTo(new Distribution.Normal(60, 10));
    assertThat(params("warmup: {lognormal: {median: 45s, p95: 90s}}").distribution("warmup"))
        .isEqualTo(new Distribution.LogNormal(45, 90));
    assertThat(params("warmup: {triangular: [20s, 30s, 60s]}").distribution("warmup"))
        .isEqualTo(new Distribution.Triangular(20, 30, 60));
    // a distribution's describe() is scenario syntax: it reads back to the same distribution
    Distribution d = new Distribution.LogNormal(40, 90);
    assertThat(params("warmup: " + d.describe()).distribution("warmup")).isEqualTo(d);
  }

  @Test
  void countsAndPercentages() {
    assertThat(params("batchSize: 2").countOrPercent("batchSize")).isEqualTo(CountOrPercent.count(2));
    assertThat(params("batchSize: \"30%\"").countOrPercent("batchSize")).isEqualTo(CountOrPercent.percent(30));
    assertThat(params("batchSize: 12.5%").countOrPercent("batchSize")).isEqualTo(CountOrPercent.percent(12.5));
    // the parameter's default applies when the key is absent, and is not explicit
    StrategyParams p = params("");
    assertThat(p.countOrPercent("batchSize")).isEqualTo(CountOrPercent.percent(30));
    assertThat(p.isExplicit("batchSize")).isFalse();
    assertThat(p.get("grace")).isEqualTo(30.0); // default 30 (an Integer) bound as the Double a duration is
  }

  @Test
  void nestedParametersBindToParamsListsAndOrderedMaps() {
    StrategyParams p = params("steps: [{weight: 10, hold: 5m}, {weight: 100, hold: 0}], "
        + "hooks: {ValidateService: 2m, BeforeInstall: 10s}, minimumHealthyHosts: {type: HOST_COUNT, value: 2}");
    List<Object> steps = p.list("steps");
    assertThat(steps).hasSize(2);
    assertThat(((StrategyParams) steps.get(0)).integer("weight")).isEqualTo(10);
    assertThat(((StrategyParams) steps.get(0)).duration("hold")).isEqualTo(300.0);
    Map<String, Object> hooks = p.map("hooks");
    assertThat(hooks.keySet()).containsExactly("ValidateService", "BeforeInstall"); // file order
    assertThat(hooks.get("ValidateService")).isEqualTo(Distribution.constant(120));
    assertThat(p.object("minimumHealthyHosts").string("type")).isEqualTo("HOST_COUNT");
    assertThat(p.object("minimumHealthyHosts").integer("value")).isEqualTo(2);
    assertThat(p.has("label")).isFalse(); // optional without default
  }

  @Test
  void numbersInYamlForms() {
    assertThat(params("weight: 0x10").integer("weight")).isEqualTo(16);
    assertThat(params("weight: 2.0").integer("weight")).isEqualTo(2); // integral
    assertThat(params("fraction: 1e-1").number("fraction")).isEqualTo(0.1);
    assertThat(params("ignoreHealthCheck: True").bool("ignoreHealthCheck")).isTrue();
  }

  @Test
  void loadBalancerDefaultsFollowTypeAndPreset() {
    // ALB as AWS creates it: interval 30 s, timeout 5 s, healthy 5, unhealthy 2; a newly
    // registered target needs one passing check; deregistration delay 300 s
    assertThat(ok(scenario("", "loadBalancer: {type: alb}\n")).loadBalancer()).isEqualTo(new LoadBalancerSpec(
        LoadBalancerSpec.Type.ALB, new LoadBalancerSpec.HealthCheckSpec(30, 5, 5, 2, 1, null), 300, 0));
    // Elastic Beanstalk's ALB process defaults: interval 15 s, timeout 5 s, healthy 3, unhealthy 5,
    // deregistration delay 20 s
    assertThat(ok(scenario("", "loadBalancer: {preset: elastic-beanstalk}\n")).loadBalancer())
        .isEqualTo(new LoadBalancerSpec(LoadBalancerSpec.Type.ALB,
            new LoadBalancerSpec.HealthCheckSpec(15, 5, 3, 5, 1, null), 20, 0));
    // CLB as AWS creates it: interval 30 s, timeout 5 s, healthy 10, unhealthy 2; a new instance
    // needs healthyThreshold passes (our assumption); connection draining 300 s
    assertThat(ok(scenario("", "loadBalancer: {type: clb}\n")).loadBalancer()).isEqualTo(new LoadBalancerSpec(
        LoadBalancerSpec.Type.CLB, new LoadBalancerSpec.HealthCheckSpec(30, 5, 10, 2, 10, null), 300, 0));
    // Elastic Beanstalk's CLB (aws:elb:healthcheck): interval 10 s, timeout 5 s, healthy 3,
    // unhealthy 5; draining 20 s
    assertThat(ok(scenario("", "loadBalancer: {type: clb, preset: elastic-beanstalk}\n")).loadBalancer())
        .isEqualTo(new LoadBalancerSpec(LoadBalancerSpec.Type.CLB,
            new LoadBalancerSpec.HealthCheckSpec(10, 5, 3, 5, 3, null), 20, 0));
    // keys given override the preset, the rest keep it
    assertThat(ok(scenario("", "loadBalancer: {preset: elastic-beanstalk, deregistrationDelay: 45s, "
        + "healthCheck: {healthyThreshold: 2, firstCheckDelay: 1s}}\n")).loadBalancer())
        .isEqualTo(new LoadBalancerSpec(LoadBalancerSpec.Type.ALB,
            new LoadBalancerSpec.HealthCheckSpec(15, 5, 2, 5, 1, Distribution.constant(1)), 45, 0));
  }

  @Test
  void fleetDefaultsAndLists() {
    Scenario s = ok(scenario("", "")
        .replace("fleet: {instances: 6, zones: [a, b, c]}", """
            fleet:
              instances: 6
              maxSize: 9
              warmPool: {state: Running}
              scheduledActions:
                - {at: 30m, desired: 4}
                - {at: 10m, maxSize: 12, desired: 9}
              lifecycleHooks:
                - {transition: launching}
                - {transition: launching, name: second, completesAfter: {uniform: [10s, 20s]}, result: ABANDON}
            """));
    FleetSpec f = s.fleet();
    assertThat(f.minSize()).isEqualTo(6);
    assertThat(f.maxSize()).isEqualTo(9);
    assertThat(f.capacity()).isEqualTo(100);
    assertThat(f.launchTime()).isEqualTo(new Distribution.LogNormal(40, 90));
    assertThat(f.healthCheckType()).isEqualTo(FleetSpec.HealthCheckType.EC2);
    assertThat(f.healthCheckGracePeriod()).isEqualTo(300);
    assertThat(f.healthCheckInterval()).isEqualTo(10);
    assertThat(f.hourlyPrice()).isNull();
    // a Running pool starts instances at once; minSize 0, no cap, no reuse by default
    assertThat(f.warmPool()).isEqualTo(new WarmPoolSpec(0, null, WarmPoolSpec.PoolState.RUNNING,
        Distribution.constant(0), false));
    // scheduled actions in time order
    assertThat(f.scheduledActions()).containsExactly(
        new FleetSpec.ScheduledAction(600, null, 12, 9), new FleetSpec.ScheduledAction(1800, null, null, 4));
    assertThat(f.lifecycleHooks()).containsExactly(
        new LifecycleHookSpec("launching-hook-1", LifecycleHookSpec.Transition.LAUNCHING, 3600,
            LifecycleHookSpec.HookResult.ABANDON, null, LifecycleHookSpec.HookResult.CONTINUE),
        new LifecycleHookSpec("second", LifecycleHookSpec.Transition.LAUNCHING, 3600,
            LifecycleHookSpec.HookResult.ABANDON, new Distribution.Uniform(10, 20),
            LifecycleHookSpec.HookResult.ABANDON));
    assertThat(ok(scenario("", "").replace("zones: [a, b, c]", "warmPool: {}")).fleet().warmPool().startTime())
        .isEqualTo(Distribution.constant(15)); // Stopped: 15 s (an assumption)
  }

  @Test
  void trafficPatterns() {
    assertThat(ok(scenario("", "").replace("traffic: {rps: 100}", "traffic: {pattern: {constant: 50}}"))
        .traffic()).isEqualTo(new TrafficSpec(new TrafficSpec.Constant(50), 5));
    assertThat(ok(scenario("", "").replace("traffic: {rps: 100}",
        "traffic: {pattern: {steps: [{at: 0, rps: 10}, {at: 10m, rps: 30}]}, resolution: 1s}")).traffic())
        .isEqualTo(new TrafficSpec(new TrafficSpec.Steps(List.of(new TrafficSpec.Step(0, 10),
            new TrafficSpec.Step(600, 30))), 1));
    // diurnal: period 24 h and a peak at 14:00 unless given
    assertThat(ok(scenario("", "").replace("traffic: {rps: 100}",
        "traffic: {pattern: {diurnal: {mean: 400, amplitude: 200}}}")).traffic().pattern())
        .isEqualTo(new TrafficSpec.Diurnal(400, 200, 86400, 50400));
  }

  @Test
  void versionsKeepFileOrderAndHealthForms() {
    Scenario s = ok(scenario("", "initialVersion: c\n").replace("versions: {v1: {}, v2: {}}", """
        versions:
          c: {health: {failingAfter: 10m}}
          v2: {health: failing, install: {uniform: [20s, 40s]}, errorRate: 0.25, capacityFactor: 0.5}
          a: {health: healthy}
        """));
    assertThat(s.versions().keySet()).containsExactly("c", "v2", "a");
    assertThat(s.initialVersion()).isEqualTo("c");
    assertThat(s.version("c").health()).isEqualTo(new VersionSpec.FailingAfter(600));
    assertThat(s.version("v2")).isEqualTo(new VersionSpec("v2", new Distribution.Uniform(20, 40),
        Distribution.constant(10), new VersionSpec.Failing(), 0.25, 0.5));
    assertThat(s.version("a").install()).isEqualTo(Distribution.constant(30));
  }

  @Test
  void alarmDefaults() {
    Scenario s = ok(scenario("", """
        alarms:
          - {name: e, metric: errorRate, threshold: 0.1}
          - {name: f, metric: failedRequests, threshold: 10, evaluationPeriods: 3}
          - {name: h, metric: healthyHosts, threshold: 2, comparison: LessThanThreshold}
          - {name: u, metric: unhealthyHosts, threshold: 0, statistic: Average, treatMissingData: breaching}
        """));
    assertThat(s.alarms()).containsExactly(
        new AlarmSpec("e", AlarmSpec.Metric.ERROR_RATE, AlarmSpec.Statistic.AVERAGE, 0.1,
            AlarmSpec.Comparison.GREATER_THAN_THRESHOLD, 60, 1, 1, AlarmSpec.MissingData.MISSING),
        new AlarmSpec("f", AlarmSpec.Metric.FAILED_REQUESTS, AlarmSpec.Statistic.SUM, 10,
            AlarmSpec.Comparison.GREATER_THAN_THRESHOLD, 60, 3, 3, AlarmSpec.MissingData.MISSING),
        new AlarmSpec("h", AlarmSpec.Metric.HEALTHY_HOSTS, AlarmSpec.Statistic.MINIMUM, 2,
            AlarmSpec.Comparison.LESS_THAN_THRESHOLD, 60, 1, 1, AlarmSpec.MissingData.MISSING),
        new AlarmSpec("u", AlarmSpec.Metric.UNHEALTHY_HOSTS, AlarmSpec.Statistic.AVERAGE, 0,
            AlarmSpec.Comparison.GREATER_THAN_THRESHOLD, 60, 1, 1, AlarmSpec.MissingData.BREACHING));
  }

  @Test
  void faultsOfEveryType() {
    Scenario s = ok(scenario("", """
        faults:
          - {at: 12m, type: zoneOutage, zone: b, duration: 10m}
          - {at: 8m, type: instanceFailure}
          - {at: 9m, type: instanceFailure, count: 2, version: v2, zone: c}
          - {at: 6m, type: launchFailures, probability: 0.3, duration: 5m}
          - {at: 7m, type: slowBoots, factor: 2.5, duration: 1h}
          - {at: 10m, type: agentFailure}
          - {at: 11m, type: agentFailure, count: 0, duration: 30m}
        """));
    assertThat(s.faults()).containsExactly(
        new FaultSpec.ZoneOutage(720, "b", 600),
        new FaultSpec.InstanceFailure(480, 1, null, null),
        new FaultSpec.InstanceFailure(540, 2, "v2", "c"),
        new FaultSpec.LaunchFailures(360, 0.3, 300),
        new FaultSpec.SlowBoots(420, 2.5, 3600),
        new FaultSpec.AgentFailure(600, 1, null, null, 0),
        new FaultSpec.AgentFailure(660, 0, null, null, 1800));
  }

  @Test
  void serverlessStrategyNeedsNoFleet() {
    Scenario s = ok("""
        name: lambda
        traffic: {rps: 50}
        versions: {v1: {}, v2: {}}
        deployment: {version: v2, strategy: {type: fake.serverless, percent: 10}}
        """);
    assertThat(s.fleet()).isNull();
    assertThat(s.deployment().strategy().params().number("percent")).isEqualTo(10.0);
  }

  @Test
  void mergeKeysAndScalarAliasesWork() {
    Scenario s = ok(scenario("", "").replace("versions: {v1: {}, v2: {}}", """
        versions:
          v1: &base {install: 45s, start: 5s}
          v2: {<<: *base, errorRate: 0.1}
        """));
    assertThat(s.version("v2").install()).isEqualTo(Distribution.constant(45));
    assertThat(s.version("v2").errorRate()).isEqualTo(0.1);
  }

  @Test
  void seedsBeyondIntRange() {
    assertThat(ok(scenario("", "seed: 9007199254740993\n")).seed()).isEqualTo(9007199254740993L);
    assertThat(ok(scenario("", "seed: 0\n")).seed()).isZero();
  }

  @Test
  void byteOrderMarkAndCommentsAreFine() {
    assertThat(ok("\uFEFF# a comment\n" + scenario("", "# trailing comment\n")).name()).isEqualTo("values");
  }

  @Test
  void expansionBeyondTheVisitLimitFailsFast() {
    LoadResult r = LOADER.parse(scenario("", ""), "t.yaml", 5);
    assertThat(r.ok()).isFalse();
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("too large"));
  }

  @Test
  void tooLargeFileIsRefusedBeforeParsing() {
    String big = scenario("", "description: \"" + "x".repeat(YamlReader.MAX_CODE_POINTS) + "\"\n");
    LoadResult r = LOADER.parse(big, "big.yaml");
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("too large"));
  }

  @Test
  void problemsAreInFileOrderAndFormatted() {
    LoadResult r = LOADER.parse(scenario("batchSize: thirty", "").replace("instances: 6", "instanses: 6"),
        "scenarios/x.yaml");
    assertThat(r.errors()).extracting(ScenarioError::format).containsExactly(
        "scenarios/x.yaml:2:9: fleet.instanses: unknown key (did you mean 'instances'?)",
        "scenarios/x.yaml:7:34: deployment.strategy.batchSize: expected a count like 2 or a percentage like "
            + "\"30%\", got \"thirty\"");
  }

  /** A scenario whose fleet has {@code fleetExtra} and one target-tracking policy without a warm-up. */
  private static String withPolicy(String fleetExtra) {
    return scenario("", "").replace("fleet: {instances: 6, zones: [a, b, c]}",
        "fleet: {instances: 6, zones: [a, b, c]" + fleetExtra
            + ", maxSize: 12, scaling: [{type: target-tracking, metric: cpu, target: 50}]}");
  }

  @Test
  void aPolicysWarmupDefaultsToTheDefaultInstanceWarmupElseTheDefaultCooldown() {
    // EstimatedInstanceWarmup defaults to DefaultInstanceWarmup, and without one to DefaultCooldown
    // (https://docs.aws.amazon.com/autoscaling/ec2/userguide/consolidated-view-of-warm-up-and-cooldown-settings.html)
    var withDefault = (dev.deploysim.scenario.ScalingPolicySpec.TargetTracking)
        ok(withPolicy(", defaultInstanceWarmup: 90s")).fleet().scaling().get(0);
    assertThat(withDefault.instanceWarmup()).isEqualTo(90.0);
    var without = (dev.deploysim.scenario.ScalingPolicySpec.TargetTracking) ok(withPolicy("")).fleet().scaling().get(0);
    assertThat(without.instanceWarmup()).isEqualTo(300.0);
    var cooldown = (dev.deploysim.scenario.ScalingPolicySpec.TargetTracking)
        ok(withPolicy(", defaultCooldown: 120s")).fleet().scaling().get(0);
    assertThat(cooldown.instanceWarmup()).isEqualTo(120.0);
    assertThat(ok(withPolicy("")).fleet().defaultInstanceWarmup()).isNull();
  }

  @Test
  void moreProtectedInstancesThanTheFleetIsAnError() {
    LoadResult r = LOADER.parse(scenario("", "").replace("fleet: {instances: 6,", "fleet: {instances: 6, protectedFromScaleIn: 7,"),
        "t.yaml");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("fleet.protectedFromScaleIn");
      assertThat(e.message()).contains("protectedFromScaleIn 7 is more than the fleet's 6 instances");
    });
  }

  @Test
  void standbyInstancesThatReturnMustFitTheMaximumSize() {
    // ExitStandby raises the desired capacity by one per instance: 6 + 2 = 8 > maxSize 6
    LoadResult r = LOADER.parse(scenario("", "").replace("fleet: {instances: 6,",
        "fleet: {instances: 6, standby: {count: 2, until: 10m},"), "t.yaml");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("fleet.standby");
      assertThat(e.hint()).contains("raise maxSize to at least 8");
    });
    var ok = ok(scenario("", "").replace("fleet: {instances: 6,", "fleet: {instances: 6, maxSize: 8, "
        + "standby: {count: 2, until: 10m}, protectedFromScaleIn: {count: 3, until: 5m},"));
    assertThat(ok.fleet().standby()).isEqualTo(2);
    assertThat(ok.fleet().standbyUntil()).isEqualTo(600.0);
    assertThat(ok.fleet().protectedFromScaleIn()).isEqualTo(3);
    assertThat(ok.fleet().protectedUntil()).isEqualTo(300.0);
  }
}
