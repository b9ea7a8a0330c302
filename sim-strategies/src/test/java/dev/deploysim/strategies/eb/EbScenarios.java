package dev.deploysim.strategies.eb;

import dev.deploysim.strategies.Strategies;
import dev.deploysim.testing.ScenarioYaml;

/**
 * The test system of the Elastic Beanstalk tests: 6 instances in 3 zones (min 6, max 12), 100
 * requests/second each, 400 requests/second of demand, launch 40 s, install 30 s, start 10 s, an
 * ALB with the elastic-beanstalk preset (Elastic Beanstalk's process defaults: health check every
 * 15 s, healthy threshold 3, unhealthy threshold 5, one pass when registered; deregistration delay
 * 20 s), DNS TTL 60 s with 5% stale clients for up to 15 minutes, deployment at 5 minutes.
 */
final class EbScenarios {
  static final int INSTANCES = 6;
  static final double DEREGISTRATION_DELAY = 20;
  static final double AT = 300;
  static final double STALE_MAX_AGE = 900;
  /** Enhanced health: 12 OK reports, 10 s apart. */
  static final double HEALTH_GATE = 12 * 10;
  /** Command timeout default 600 s plus Elastic Beanstalk's 240 s. */
  static final double EFFECTIVE_TIMEOUT = 600 + 240;

  private EbScenarios() {}

  /** The deployed version v2, well or misbehaving. */
  enum Bad {
    NONE("{install: 30s, start: 10s}"),
    /** never passes a health check */
    FAILING_HEALTH("{install: 30s, start: 10s, health: failing}"),
    /** passes health checks, fails 30% of its requests */
    ERROR_RATE("{install: 30s, start: 10s, errorRate: 0.3}");

    final String v2;

    Bad(String v2) {
      this.v2 = v2;
    }
  }

  /** The test system deploying v2 with {@code type}. */
  static ScenarioYaml of(String type) {
    return ScenarioYaml.deploying(type).with(Strategies.catalog())
        .setAll("fleet", "instances", INSTANCES, "maxSize", 12, "zones", "[a, b, c]", "capacity", 100,
            "launchTime", "40s")
        .setAll("loadBalancer", "type", "alb", "preset", "elastic-beanstalk")
        .setAll("dns", "ttl", "60s", "staleClientFraction", 0.05, "staleClientMaxAge", "900s")
        .version("v1", "{install: 30s, start: 10s}")
        .v2(Bad.NONE.v2);
  }

  /** The same deploying a bad v2. */
  static ScenarioYaml of(String type, Bad bad) {
    return of(type).v2(bad.v2);
  }
}
