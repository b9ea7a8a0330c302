package dev.deploysim.strategies.asg;

import dev.deploysim.result.RunResult;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Simulate;
import dev.deploysim.strategies.Strategies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test system of the instance refresh tests, written as scenario YAML: instances spread over
 * zones a and b, 100 requests/second each, demand 50 per instance, every time constant: launch
 * 40 s, install 30 s, start 10 s, an ALB that checks every 10 s with the first check 10 s after
 * registration (one pass makes a new target healthy; 2 failures unhealthy), deregistration delay
 * 20 s, grace period 300 s; the refresh starts at 60 s.
 *
 * <p>One replacement therefore takes: launch 40 + install 30 + start 10 = InService 80 s after the
 * launch request, healthy in the load balancer at 90 s, ready after its warmup at 80 s + warmup.
 */
final class RefreshScenario {
  static final double AT = 60;
  static final double IN_SERVICE = 40 + 30 + 10;
  static final double FIRST_CHECK = 10;
  static final double DRAIN = 20;

  private int instances = 10;
  private int maxSize = -1;
  private String healthCheckType = "EC2";
  private String v2 = "{install: 30s, start: 10s}";
  private final Map<String, String> params = new LinkedHashMap<>();
  private final List<String> onAlarms = new ArrayList<>();
  private String alarms = "";
  private String faults = "";

  static RefreshScenario of(int instances) {
    RefreshScenario s = new RefreshScenario();
    s.instances = instances;
    return s;
  }

  RefreshScenario param(String key, Object yamlValue) {
    params.put(key, String.valueOf(yamlValue));
    return this;
  }

  RefreshScenario maxSize(int m) {
    maxSize = m;
    return this;
  }

  RefreshScenario elbHealthChecks() {
    healthCheckType = "ELB";
    return this;
  }

  /** The deployed version's YAML mapping, e.g. "{install: 30s, start: 10s, health: failing}". */
  RefreshScenario v2(String yaml) {
    v2 = yaml;
    return this;
  }

  /** An error-rate alarm (5% over one 60 s period) that the refresh watches. */
  RefreshScenario errorRateAlarm() {
    alarms = "alarms:\n  - {name: high-5xx, metric: errorRate, threshold: 0.05, period: 60s, evaluationPeriods: 1}\n";
    onAlarms.add("high-5xx");
    return this;
  }

  RefreshScenario faults(String yamlList) {
    faults = "faults:\n" + yamlList;
    return this;
  }

  String yaml() {
    StringBuilder y = new StringBuilder();
    y.append("name: refresh-test\n");
    y.append("fleet:\n");
    y.append("  instances: ").append(instances).append('\n');
    if (maxSize > 0) {
      y.append("  maxSize: ").append(maxSize).append('\n');
    }
    y.append("  zones: [a, b]\n");
    y.append("  launchTime: 40s\n");
    y.append("  healthCheckType: ").append(healthCheckType).append('\n');
    y.append("  healthCheckGracePeriod: 300s\n");
    y.append("loadBalancer:\n");
    y.append("  healthCheck: {interval: 10s, healthyThreshold: 3, unhealthyThreshold: 2, firstCheckDelay: 10s}\n");
    y.append("  deregistrationDelay: 20s\n");
    y.append("traffic: {rps: ").append(50 * instances).append("}\n");
    y.append("versions:\n");
    y.append("  v1: {install: 30s, start: 10s}\n");
    y.append("  v2: ").append(v2).append('\n');
    y.append("deployment:\n");
    y.append("  at: 60s\n");
    y.append("  version: v2\n");
    y.append("  strategy:\n");
    y.append("    type: asg.instance-refresh\n");
    params.forEach((k, v) -> y.append("    ").append(k).append(": ").append(v).append('\n'));
    if (!onAlarms.isEmpty()) {
      y.append("  rollback:\n    onAlarms: [").append(String.join(", ", onAlarms)).append("]\n");
    }
    y.append(alarms);
    y.append(faults);
    return y.toString();
  }

  LoadResult load() {
    return new ScenarioLoader(Strategies.catalog()).parse(yaml(), "test.yaml");
  }

  RunResult run() {
    return Simulate.run(yaml());
  }
}
