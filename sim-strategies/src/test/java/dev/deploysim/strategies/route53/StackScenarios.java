package dev.deploysim.strategies.route53;

import dev.deploysim.testing.ScenarioYaml;
import dev.deploysim.result.RunResult;
import dev.deploysim.strategies.Strategies;

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

  private StackScenarios() {}

  /** The test system deploying v2 with {@code type}. */
  public static ScenarioYaml of(String type) {
    return ScenarioYaml.deploying(type).with(Strategies.catalog())
        .setAll("fleet", "instances", 6, "maxSize", 12, "zones", "[a, b, c]", "capacity", 100, "launchTime", "40s")
        .setAll("loadBalancer", "type", "alb", "healthCheck",
        "{interval: 15s, healthyThreshold: 3, firstCheckDelay: 10s}",
            "deregistrationDelay", "20s")
        .setAll("dns", "ttl", ScenarioYaml.seconds(TTL), "staleClientFraction", STALE_FRACTION,
        "staleClientMaxAge", "15m")
        .set("traffic.rps", 400)
        .version("v1", "{install: 30s, start: 10s}")
        .v2("{install: 30s, start: 10s}");
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
