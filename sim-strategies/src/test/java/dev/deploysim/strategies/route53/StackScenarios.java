package dev.deploysim.strategies.route53;

import dev.deploysim.result.RunResult;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Simulate;
import dev.deploysim.strategies.Strategies;
import java.util.ArrayList;
import java.util.List;

/**
 * The test system of the two-stack strategies (route53.weighted, alb.weighted-target-groups),
 * written as scenario YAML: 6 instances in 3 zones (max 12), 100 requests/second each, 400
 * requests/second of demand; launch 40 s, install 30 s, start 10 s; an ALB checking every 15 s
 * (healthy threshold 3, unhealthy 2) whose first check of a new target comes 10 s after it
 * registers; deregistration delay 20 s; DNS TTL 60 s with 5% of clients keeping answers for up to
 * 15 minutes; deployment at 300 s.
 *
 * <p>So the new stack's instances are InService at 300 + 40 + 30 + 10 = 380 s and healthy at 390 s,
 * when the first step starts; with the default steps (10% for 10 minutes, 50% for 10 minutes,
 * 100%) the steps start at 390, 990 and 1590 s.
 */
public final class StackScenarios {
  public static final double AT = 300;
  /** The first step: launch 40 + install 30 + start 10 + first check 10 s after the deployment starts. */
  public static final double FIRST_STEP = AT + 40 + 30 + 10 + 10;
  public static final double RPS = 400;
  public static final double TTL = 60;
  public static final double STALE_FRACTION = 0.05;
  public static final double STALE_MAX_AGE = 900;

  private final String type;
  private final List<String> params = new ArrayList<>();
  private final List<String> alarms = new ArrayList<>();
  private String v2 = "{install: 30s, start: 10s}";
  private String lbType = "alb";
  private double ttl = TTL;
  private String rollback;
  private Boolean onFailure;

  private StackScenarios(String type) {
    this.type = type;
  }

  public static StackScenarios of(String type) {
    return new StackScenarios(type);
  }

  /** A strategy parameter, written as YAML after "key: ". */
  public StackScenarios param(String key, String yamlValue) {
    params.add(key + ": " + yamlValue);
    return this;
  }

  /** The deployed version, as a YAML mapping. */
  public StackScenarios version(String yamlMapping) {
    this.v2 = yamlMapping;
    return this;
  }

  public StackScenarios clb() {
    this.lbType = "clb";
    return this;
  }

  public StackScenarios ttl(double seconds) {
    this.ttl = seconds;
    return this;
  }

  /** An alarm (a YAML flow mapping) that the deployment rolls back on. */
  public StackScenarios rollbackAlarm(String name, String yamlMapping) {
    alarms.add("  - {name: " + name + ", " + yamlMapping + "}");
    rollback = (rollback == null ? "" : rollback + ", ") + name;
    return this;
  }

  /** deployment.rollback.onFailure. */
  public StackScenarios rollbackOnFailure(boolean value) {
    this.onFailure = value;
    return this;
  }

  public String yaml() {
    StringBuilder y = new StringBuilder();
    y.append("name: ").append(type.replace('.', '-')).append("-test\n");
    y.append("fleet: {instances: 6, maxSize: 12, zones: [a, b, c], capacity: 100, launchTime: 40s}\n");
    y.append("loadBalancer:\n  type: ").append(lbType).append('\n');
    y.append("  healthCheck: {interval: 15s, healthyThreshold: 3, firstCheckDelay: 10s}\n");
    y.append("  deregistrationDelay: 20s\n");
    y.append("dns: {ttl: ").append((long) ttl).append("s, staleClientFraction: ").append(STALE_FRACTION)
        .append(", staleClientMaxAge: 15m}\n");
    y.append("traffic: {rps: 400}\n");
    y.append("versions:\n  v1: {install: 30s, start: 10s}\n  v2: ").append(v2).append('\n');
    if (!alarms.isEmpty()) {
      y.append("alarms:\n");
      alarms.forEach(a -> y.append(a).append('\n'));
    }
    y.append("deployment:\n  at: 5m\n  version: v2\n  strategy:\n    type: ").append(type).append('\n');
    params.forEach(p -> y.append("    ").append(p).append('\n'));
    if (rollback != null || onFailure != null) {
      y.append("  rollback: {").append(rollback != null ? "onAlarms: [" + rollback + "]" : "")
          .append(rollback != null && onFailure != null ? ", " : "")
          .append(onFailure != null ? "onFailure: " + onFailure : "").append("}\n");
    }
    return y.toString();
  }

  public LoadResult load() {
    return new ScenarioLoader(Strategies.catalog()).parse(yaml(), "test.yaml");
  }

  public RunResult run() {
    return Simulate.run(yaml());
  }

  /** The value of a time-series column in the row sampled at {@code time}. */
  public static double at(RunResult r, String column, double time) {
    int c = r.timeSeries().column(column);
    for (int k = 0; k < r.timeSeries().size(); k++) {
      double[] row = r.timeSeries().row(k);
      if (Math.abs(row[0] - time) < 1e-6) {
        return row[c];
      }
    }
    throw new AssertionError("no sample at " + time);
  }
}
