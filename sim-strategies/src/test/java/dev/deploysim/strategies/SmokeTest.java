package dev.deploysim.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Distribution;
import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.scenario.*;
import dev.deploysim.strategy.StrategyParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmokeTest {
  static Scenario scenario(String type, Map<String, Object> params, String badness) {
    var fleet = new FleetSpec(6, 6, 12, List.of("a", "b", "c"), 100, Distribution.constant(40),
        FleetSpec.HealthCheckType.EC2, 300, 10, List.of(), null, null, List.of());
    var lb = new LoadBalancerSpec(LoadBalancerSpec.Type.ALB,
        new LoadBalancerSpec.HealthCheckSpec(15, 5, 3, 5, 1, null), 20, 0);
    Map<String, VersionSpec> versions = new LinkedHashMap<>();
    versions.put("v1", new VersionSpec("v1", Distribution.constant(30), Distribution.constant(10), new VersionSpec.Healthy(), 0, 1));
    VersionSpec.Health h = badness.equals("failing") ? new VersionSpec.Failing() : new VersionSpec.Healthy();
    versions.put("v2", new VersionSpec("v2", Distribution.constant(30), Distribution.constant(10), h, 0, 1));
    var dep = new DeploymentSpec(300, "v2", new StrategySpec(type, new StrategyParams(params, Set.of())),
        DeploymentSpec.RollbackSpec.none());
    return new Scenario("smoke", "", 1, null, fleet, lb, new DnsSpec(60, 0.05, 900),
        new TrafficSpec(new TrafficSpec.Constant(400), 5), versions, "v1", dep, List.of(), List.of(),
        new OutputSpec(5));
  }

  @Test
  void allAtOnce() {
    RunResult r = ScenarioRunner.run(scenario("eb.all-at-once",
        Map.of("timeout", 600.0, "ignoreHealthCheck", false, "enhancedHealth", true), "ok"), Strategies.catalog());
    r.timeline().forEach(e -> System.out.println(dev.deploysim.engine.Durations.clock(e.time()) + " " + e.source() + " " + e.message()));
    System.out.println(r.summary());
    assertThat(r.summary().outcome()).isNotNull();
  }

  @Test
  void allAtOnceBad() {
    RunResult r = ScenarioRunner.run(scenario("eb.all-at-once",
        Map.of("timeout", 600.0, "ignoreHealthCheck", false, "enhancedHealth", true), "failing"), Strategies.catalog());
    System.out.println(r.summary());
  }
}
