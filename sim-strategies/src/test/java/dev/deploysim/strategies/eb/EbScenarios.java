package dev.deploysim.strategies.eb;

import dev.deploysim.result.RunResult;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Simulate;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.format.CountOrPercent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test system of the Elastic Beanstalk tests, written as scenario YAML and loaded with the real
 * loader (so parameters are bound as a user's file binds them): 6 instances in 3
 * zones (min 6, max 12), 100 requests/second each, 400 requests/second of demand, launch 40 s,
 * install 30 s, start 10 s, an ALB with the elastic-beanstalk preset (Elastic Beanstalk's process
 * defaults: health check every 15 s, healthy threshold 3, unhealthy threshold 5, one pass when
 * registered; deregistration delay 20 s), DNS TTL 60 s with 5% stale clients for up to 15
 * minutes, deployment at 5 minutes.
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

    /** The scenario as a user would write it. */
    String yaml() {
      StringBuilder y = new StringBuilder();
      y.append("name: ").append(type.replace('.', '-')).append(bad == Bad.NONE ? "" : "-bad").append('\n');
      y.append("seed: ").append(seed).append('\n');
      y.append("fleet:\n");
      y.append("  instances: ").append(INSTANCES).append('\n');
      y.append("  maxSize: ").append(maxSize).append('\n');
      y.append("  zones: [a, b, c]\n");
      y.append("  capacity: 100\n");
      y.append("  launchTime: ").append(fmt(LAUNCH)).append('\n');
      y.append("loadBalancer:\n");
      y.append("  type: ").append(lbType == LoadBalancerSpec.Type.ALB ? "alb" : "clb").append('\n');
      y.append("  preset: elastic-beanstalk\n");
      if (lbType == LoadBalancerSpec.Type.CLB) {
        // the preset's CLB interval is 10 s; keep the test system's 15 s
        y.append("  healthCheck: {interval: ").append(fmt(HC_INTERVAL)).append("}\n");
      }
      y.append("dns: {ttl: ").append(fmt(DNS_TTL)).append(", staleClientFraction: ").append(staleFraction)
          .append(", staleClientMaxAge: ").append(fmt(STALE_MAX_AGE)).append("}\n");
      y.append("traffic: {rps: 400}\n");
      y.append("versions:\n");
      y.append("  v1: {install: ").append(fmt(INSTALL)).append(", start: ").append(fmt(START)).append("}\n");
      y.append("  v2: {install: ").append(fmt(INSTALL)).append(", start: ").append(fmt(START));
      if (bad == Bad.FAILING_HEALTH) {
        y.append(", health: failing");
      } else if (bad == Bad.ERROR_RATE) {
        y.append(", errorRate: 0.3");
      }
      y.append("}\n");
      y.append("deployment:\n");
      y.append("  at: ").append(fmt(AT)).append('\n');
      y.append("  version: v2\n");
      y.append("  strategy:\n");
      y.append("    type: ").append(type).append('\n');
      for (var e : params.entrySet()) {
        y.append("    ").append(e.getKey()).append(": ").append(value(e.getValue())).append('\n');
      }
      if (!faults.isEmpty()) {
        y.append("faults:\n");
        for (FaultSpec f : faults) {
          y.append("  - ").append(faultYaml(f)).append('\n');
        }
      }
      return y.toString();
    }

    /** Loads the scenario with the real loader; the result may hold errors. */
    LoadResult load() {
      return new ScenarioLoader(Strategies.catalog()).parse(yaml(), "test.yaml");
    }

    Scenario build() {
      return Simulate.scenario(yaml());
    }

    RunResult run() {
      return Simulate.run(yaml());
    }
  }

  static String fmt(double seconds) {
    return seconds == Math.rint(seconds) ? (long) seconds + "s" : seconds + "s";
  }

  static String value(Object v) {
    if (v instanceof CountOrPercent c) {
      return c.percent() ? "\"" + c + "\"" : c.toString();
    }
    if (v instanceof Double d) {
      return d == Double.POSITIVE_INFINITY ? "never" : fmt(d);
    }
    return String.valueOf(v);
  }

  static String faultYaml(FaultSpec f) {
    if (f instanceof FaultSpec.ZoneOutage z) {
      return "{at: " + fmt(z.at()) + ", type: zoneOutage, zone: " + z.zone() + ", duration: " + fmt(z.duration()) + "}";
    }
    if (f instanceof FaultSpec.InstanceFailure i) {
      return "{at: " + fmt(i.at()) + ", type: instanceFailure, count: " + i.count()
          + (i.version() == null ? "" : ", version: " + i.version())
          + (i.zone() == null ? "" : ", zone: " + i.zone()) + "}";
    }
    throw new IllegalArgumentException("not used by these tests: " + f);
  }

  static RunResult run(String type, Map<String, Object> params, Bad bad) {
    Builder b = of(type).bad(bad);
    params.forEach(b::param);
    return b.run();
  }
}
