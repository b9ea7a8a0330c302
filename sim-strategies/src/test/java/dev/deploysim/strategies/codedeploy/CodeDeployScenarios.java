package dev.deploysim.strategies.codedeploy;

import dev.deploysim.engine.Distribution;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyType;
import dev.deploysim.testing.ScenarioYaml;
import java.util.Map;

/**
 * The test system of the CodeDeploy tests, with deterministic timings so expected times can be
 * written down from the rules: 9 instances in 3 zones (max twice as many), 100 requests/second
 * each, 400 requests/second of demand; launch 40 s, install 30 s, start 10 s; an ALB checking every
 * 10 s (healthy 3, unhealthy 2, one pass for a new target) whose first check of a new target comes
 * 10 s after it registers; deregistration delay 20 s; deployment at 60 s. Besides v1 and v2 there
 * are two versions to deploy instead: {@code bad} never passes a health check, {@code errors} fails
 * half of its requests.
 */
final class CodeDeployScenarios {
  private CodeDeployScenarios() {}

  /** The test system deploying v2 with {@code type} to 9 instances. */
  static ScenarioYaml of(StrategyType type) {
    return of(type, 9);
  }

  /** The test system deploying v2 with {@code type} to {@code instances} instances. */
  static ScenarioYaml of(StrategyType type, int instances) {
    return of(type.description().name(), instances);
  }

  /** The test system deploying v2 with {@code type} to {@code instances} instances. */
  static ScenarioYaml of(String type, int instances) {
    return ScenarioYaml.deploying(type).with(Strategies.catalog())
        .setAll("fleet", "instances", instances, "maxSize", 2 * instances, "zones", "[a, b, c]", "capacity", 100,
            "launchTime", "40s")
        .setAll("loadBalancer", "type", "alb",
            "healthCheck", "{interval: 10s, healthyThreshold: 3, unhealthyThreshold: 2, firstCheckDelay: 10s}",
            "deregistrationDelay", "20s")
        .setAll("dns", "ttl", "60s", "staleClientFraction", 0)
        .set("traffic.rps", 400)
        .version("v1", "{install: 30s, start: 10s}")
        .v2("{install: 30s, start: 10s}")
        .version("bad", "{install: 30s, start: 10s, health: failing}")
        .version("errors", "{install: 30s, start: 10s, errorRate: 0.5}")
        .set("deployment.at", "60s");
  }

  /** A serverless deployment (Lambda): no fleet. */
  static ScenarioYaml lambda(StrategyType type) {
    return of(type).remove("fleet");
  }

  /** A script that runs {@code seconds} and succeeds, as a hook's mapping. */
  static Map<String, Object> script(double seconds) {
    return Map.of("duration", Distribution.constant(seconds));
  }
}
