package dev.deploysim.cli;

import dev.deploysim.testing.ScenarioYaml;

/**
 * The test system of the command-line tests: 6 instances in 3 zones (max 12), 100 requests/second
 * each, 400 requests/second of demand, launch 40 s, install 30 s, start 10 s, ALB checks every 15 s
 * (healthy 3, unhealthy 5), 20 s draining, DNS TTL 60 s with 5% stale clients, v1 -> v2 at 5m with
 * the type's default parameters.
 */
final class TestScenarios {
  private TestScenarios() {}

  /**
   * The test system named {@code name} deploying v2 with {@code type} (any type of {@link
   * ExplodingStrategy#catalog}); with {@code badVersion} v2 never passes a health check;
   * {@code price} per instance-hour, or null.
   */
  static ScenarioYaml of(String name, String type, boolean badVersion, Double price) {
    ScenarioYaml s = ScenarioYaml.deploying(type).with(ExplodingStrategy.catalog())
        .set("name", name)
        .set("description", "a test scenario")
        .setAll("fleet", "instances", 6, "maxSize", 12, "zones", "[a, b, c]", "capacity", 100, "launchTime", "40s")
        .setAll("loadBalancer", "type", "alb", "healthCheck",
        "{interval: 15s, healthyThreshold: 3, unhealthyThreshold: 5}",
            "deregistrationDelay", "20s")
        .setAll("dns", "ttl", "60s", "staleClientFraction", 0.05, "staleClientMaxAge", "900s")
        .version("v1", "{install: 30s, start: 10s}")
        .v2(badVersion ? "{install: 30s, start: 10s, health: failing}" : "{install: 30s, start: 10s}");
    return price == null ? s : s.set("fleet.hourlyPrice", price);
  }

  /** The test system deploying with eb.all-at-once. */
  static ScenarioYaml allAtOnce(String name, boolean badVersion) {
    return of(name, "eb.all-at-once", badVersion, null);
  }
}
