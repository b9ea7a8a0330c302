package dev.deploysim.strategies.codedeploy;

import dev.deploysim.engine.Distribution;
import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.DeploymentSpec;
import dev.deploysim.scenario.DnsSpec;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.OutputSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.StrategySpec;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test scenarios built as records (independent of the YAML loader), with deterministic timings:
 * constant launch, install and start times and a fixed delay from registration to a target's first
 * health check, so expected times can be written down from the rules.
 */
final class Fixture {
  int instances = 9;
  int maxSize = -1;
  double capacity = 100;
  double launch = 40;
  FleetSpec.HealthCheckType healthCheckType = FleetSpec.HealthCheckType.EC2;
  double hcInterval = 10;
  int healthyThreshold = 3;
  int unhealthyThreshold = 2;
  /** seconds from registration to a target's first health check */
  Double firstCheck = 10.0;
  double deregistrationDelay = 20;
  LoadBalancerSpec.Type lbType = LoadBalancerSpec.Type.ALB;
  double rps = 400;
  double at = 60;
  Double horizon = null;
  String version = "v2";
  final Map<String, VersionSpec> versions = new LinkedHashMap<>();
  Boolean rollbackOnFailure = null;
  final List<String> onAlarms = new ArrayList<>();
  final List<AlarmSpec> alarms = new ArrayList<>();
  final List<FaultSpec> faults = new ArrayList<>();
  final List<FleetSpec.ScheduledAction> scheduled = new ArrayList<>();
  boolean fleet = true;

  Fixture() {
    version("v1", 30, 10, new VersionSpec.Healthy(), 0);
    version("v2", 30, 10, new VersionSpec.Healthy(), 0);
    version("bad", 30, 10, new VersionSpec.Failing(), 0);
    version("errors", 30, 10, new VersionSpec.Healthy(), 0.5);
  }

  Fixture version(String id, double install, double start, VersionSpec.Health health, double errorRate) {
    versions.put(id, new VersionSpec(id, Distribution.constant(install), Distribution.constant(start), health,
        errorRate, 1));
    return this;
  }

  Fixture alarm(String name, AlarmSpec.Metric metric, double threshold, double period, int evaluationPeriods,
      int datapointsToAlarm) {
    alarms.add(new AlarmSpec(name, metric, AlarmSpec.Statistic.AVERAGE, threshold,
        AlarmSpec.Comparison.GREATER_THAN_THRESHOLD, period, evaluationPeriods, datapointsToAlarm,
        AlarmSpec.MissingData.MISSING));
    return this;
  }

  Scenario scenario(StrategyType type, Map<String, Object> given) {
    FleetSpec f = new FleetSpec(instances, instances, maxSize < 0 ? instances * 2 : maxSize, List.of("a", "b", "c"),
        capacity, Distribution.constant(launch), healthCheckType, 300, 10, List.of(), null, null, scheduled);
    var hc = new LoadBalancerSpec.HealthCheckSpec(hcInterval, 5, healthyThreshold, unhealthyThreshold, 1,
        firstCheck == null ? null : Distribution.constant(firstCheck));
    var lb = new LoadBalancerSpec(lbType, hc, deregistrationDelay, 0);
    var dep = new DeploymentSpec(at, version,
        new StrategySpec(type.description().name(), type.description().bind(given)),
        new DeploymentSpec.RollbackSpec(rollbackOnFailure, onAlarms));
    return new Scenario("test", "", 1, horizon, fleet ? f : null, lb, new DnsSpec(60, 0, 900),
        new TrafficSpec(new TrafficSpec.Constant(rps), 5), versions, "v1", dep, alarms, faults, new OutputSpec(5));
  }

  RunResult run(StrategyType type, Map<String, Object> given) {
    return ScenarioRunner.run(scenario(type, given), type);
  }

  static Map<String, Object> script(double seconds) {
    return Map.of("duration", Distribution.constant(seconds));
  }
}
