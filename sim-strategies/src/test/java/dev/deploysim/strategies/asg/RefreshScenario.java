package dev.deploysim.strategies.asg;

import dev.deploysim.testing.ScenarioYaml;
import dev.deploysim.strategies.Strategies;

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

  private RefreshScenario() {}

  /** The test system of {@code instances} instances. */
  static ScenarioYaml of(int instances) {
    return ScenarioYaml.deploying("asg.instance-refresh").with(Strategies.catalog())
        .setAll("fleet", "instances", instances, "zones", "[a, b]", "launchTime", "40s", "healthCheckType", "EC2",
            "healthCheckGracePeriod", "300s")
        .setAll("loadBalancer", "healthCheck",
            "{interval: 10s, healthyThreshold: 3, unhealthyThreshold: 2, firstCheckDelay: 10s}",
            "deregistrationDelay", "20s")
        .set("traffic.rps", 50 * instances)
        .version("v1", "{install: 30s, start: 10s}")
        .v2("{install: 30s, start: 10s}")
        .set("deployment.at", "60s");
  }
}
