package dev.deploysim.strategies.eb;

import dev.deploysim.engine.Distribution;
import dev.deploysim.result.RunResult;
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
import dev.deploysim.strategies.Simulate;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.ParamSpec;
import dev.deploysim.strategy.StrategyParams;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test system of the Elastic Beanstalk tests, built as scenario records: 6 instances in 3
 * zones (min 6, max 12), 100 requests/second each, 400 requests/second of demand, launch 40 s,
 * install 30 s, start 10 s, an ALB with Elastic Beanstalk's process defaults (health check every
 * 15 s, healthy threshold 3, unhealthy threshold 5, one pass when registered; deregistration delay
 * 20 s), DNS TTL 60 s with 5% stale clients for up to 15 minutes, deployment at 5 minutes.
 */
final class EbScenarios {
  static final int INSTANCES = 6;
  static final int MAX_SIZE = 12;
  static final double LAUNCH = 40;
  static final double INSTALL = 30;
  static final double START = 10;
  static final double DEREGISTRATION_DELAY = 20;
  static final double HC_INTERVAL = 15;
  static final double AT = 300;
  static final double DNS_TTL = 60;
  static final double STALE_MAX_AGE = 900;
  /** Enhanced health: 12 OK reports, 10 s apart. */
  static final double HEALTH_GATE = 12 * 10;
  /** Command timeout default 600 s plus Elastic Beanstalk's 240 s. */
  static final double EFFECTIVE_TIMEOUT = 600 + 240;

  private EbScenarios() {}

  /** How the deployed version misbehaves. */
  enum Bad {
    NONE,
    /** never passes a health check */
    FAILING_HEALTH,
    /** passes health checks, fails 30% of its requests */
    ERROR_RATE
  }

  static Builder of(String type) {
    return new Builder(type);
  }

  static final class Builder {
    private final String type;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private Bad bad = Bad.NONE;
    private LoadBalancerSpec.Type lbType = LoadBalancerSpec.Type.ALB;
    private long seed = 1;
    private int maxSize = MAX_SIZE;
    private double staleFraction = 0.05;
    private final List<FaultSpec> faults = new ArrayList<>();

    Builder(String type) {
      this.type = type;
    }

    Builder param(String key, Object value) {
      params.put(key, value);
      return this;
    }

    Builder bad(Bad b) {
      this.bad = b;
      return this;
    }

    Builder lb(LoadBalancerSpec.Type t) {
      this.lbType = t;
      return this;
    }

    Builder seed(long s) {
      this.seed = s;
      return this;
    }

    Builder maxSize(int m) {
      this.maxSize = m;
      return this;
    }

    Builder staleFraction(double f) {
      this.staleFraction = f;
      return this;
    }

    Builder fault(FaultSpec f) {
      faults.add(f);
      return this;
    }

    Scenario build() {
      var fleet = new FleetSpec(INSTANCES, INSTANCES, maxSize, List.of("a", "b", "c"), 100,
          Distribution.constant(LAUNCH), FleetSpec.HealthCheckType.EC2, 300, 10, List.of(), null, null, List.of());
      var lb = new LoadBalancerSpec(lbType,
          new LoadBalancerSpec.HealthCheckSpec(HC_INTERVAL, 5, 3, 5, 1, null), DEREGISTRATION_DELAY, 0);
      Map<String, VersionSpec> versions = new LinkedHashMap<>();
      versions.put("v1", new VersionSpec("v1", Distribution.constant(INSTALL), Distribution.constant(START),
          new VersionSpec.Healthy(), 0, 1));
      VersionSpec.Health h = bad == Bad.FAILING_HEALTH ? new VersionSpec.Failing() : new VersionSpec.Healthy();
      double errorRate = bad == Bad.ERROR_RATE ? 0.3 : 0;
      versions.put("v2", new VersionSpec("v2", Distribution.constant(INSTALL), Distribution.constant(START), h,
          errorRate, 1));
      var dep = new DeploymentSpec(AT, "v2", new StrategySpec(type, bind(type, params)),
          DeploymentSpec.RollbackSpec.none());
      return new Scenario(type + (bad == Bad.NONE ? "" : "-bad"), "", seed, null, fleet, lb,
          new DnsSpec(DNS_TTL, staleFraction, STALE_MAX_AGE), new TrafficSpec(new TrafficSpec.Constant(400), 5),
          versions, "v1", dep, List.of(), faults, new OutputSpec(5));
    }

    RunResult run() {
      return Simulate.run(build());
    }
  }

  /** Parameters with the type's defaults applied, as the scenario loader binds them. */
  static StrategyParams bind(String type, Map<String, Object> given) {
    StrategyType t = Strategies.catalog().find(type).orElseThrow();
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParamSpec p : t.params()) {
      if (p.defaultValue() != null) {
        values.put(p.name(), p.defaultValue());
      }
    }
    for (var e : given.entrySet()) {
      if (t.params().stream().noneMatch(p -> p.name().equals(e.getKey()))) {
        throw new IllegalArgumentException(type + " has no parameter " + e.getKey());
      }
      values.put(e.getKey(), e.getValue());
    }
    return new StrategyParams(values, given.keySet());
  }

  static RunResult run(String type, Map<String, Object> params, Bad bad) {
    Builder b = of(type).bad(bad);
    params.forEach(b::param);
    return b.run();
  }
}
