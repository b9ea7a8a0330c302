package dev.deploysim.cli;

import dev.deploysim.engine.Distribution;
import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.scenario.DeploymentSpec;
import dev.deploysim.scenario.DnsSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.OutputSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.StrategySpec;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import dev.deploysim.strategies.Strategies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios built as records (independent of the YAML loader): 6 instances in 3 zones, 100 rps
 * each, 400 rps demand, ALB checks every 15 s, 20 s draining, v1 -> v2 at 5m.
 */
final class TestScenarios {
  private TestScenarios() {}

  static final Map<String, Object> ALL_AT_ONCE_PARAMS =
      Map.of("timeout", 600.0, "ignoreHealthCheck", false, "enhancedHealth", true);

  static Scenario allAtOnce(String name, boolean badVersion) {
    return scenario(name, "eb.all-at-once", ALL_AT_ONCE_PARAMS, badVersion, null);
  }

  static Scenario scenario(String name, String type, Map<String, Object> params, boolean badVersion, Double price) {
    var fleet = new FleetSpec(6, 6, 12, List.of("a", "b", "c"), 100, Distribution.constant(40),
        FleetSpec.HealthCheckType.EC2, 300, 10, List.of(), null, price, List.of());
    var lb = new LoadBalancerSpec(LoadBalancerSpec.Type.ALB,
        new LoadBalancerSpec.HealthCheckSpec(15, 5, 3, 5, 1, null), 20, 0);
    Map<String, VersionSpec> versions = new LinkedHashMap<>();
    versions.put("v1", new VersionSpec("v1", Distribution.constant(30), Distribution.constant(10),
        new VersionSpec.Healthy(), 0, 1));
    VersionSpec.Health h = badVersion ? new VersionSpec.Failing() : new VersionSpec.Healthy();
    versions.put("v2", new VersionSpec("v2", Distribution.constant(30), Distribution.constant(10), h, 0, 1));
    var dep = new DeploymentSpec(300, "v2", new StrategySpec(type,
        ExplodingStrategy.catalog().find(type).orElseThrow().description().bind(params)),
        DeploymentSpec.RollbackSpec.none());
    return new Scenario(name, "a test scenario", 1, null, fleet, lb, new DnsSpec(60, 0.05, 900),
        new TrafficSpec(new TrafficSpec.Constant(400), 5), versions, "v1", dep, List.of(), List.of(),
        new OutputSpec(5));
  }

  static RunResult run(Scenario s) {
    return ScenarioRunner.run(s, Strategies.catalog());
  }
}
