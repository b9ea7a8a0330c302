package dev.deploysim.strategies;

import dev.deploysim.result.RunResult;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The test system of the progressive-delivery tests, as scenario YAML: 10 replicas (pods) in 3
 * zones serving 100 requests/s each, 600 requests/s of demand, deployment at 300 s. A new pod's
 * container runs 5 s after it is created (podStartTime), the application starts in 15 s and the
 * first readiness probe comes 5 s later (firstCheckDelay): a new pod is ready, and available, 25 s
 * after it is created. Old pods stop within their 30 s grace period (podStopTime default).
 */
public final class PodSystem {
  public static final double AT = 300;
  public static final double POD_READY = 25;
  public static final double RPS = 600;

  private final String type;
  private final List<String> strategy = new ArrayList<>();
  private String v1 = "{install: 0s, start: 15s}";
  private String v2 = "{install: 0s, start: 15s}";
  private int replicas = 10;
  private double rps = RPS;
  private String loadBalancer = "{type: alb, healthCheck: {firstCheckDelay: 5s}}";
  private String name;
  private Long seed;
  private String horizon;

  private PodSystem(String type) {
    this.type = type;
    this.name = type.replace('.', '-') + "-test";
  }

  public static PodSystem of(String type) {
    return new PodSystem(type);
  }

  /** Lines of the strategy block, written as they sit under {@code strategy:} (2 spaces indent added). */
  public PodSystem strategy(String... lines) {
    strategy.addAll(List.of(lines));
    return this;
  }

  /** The new version's error rate (it passes its readiness probe). */
  public PodSystem v2ErrorRate(double rate) {
    v2 = "{install: 0s, start: 15s, errorRate: " + rate + "}";
    return this;
  }

  /** The old version's error rate (the baseline's). */
  public PodSystem v1ErrorRate(double rate) {
    v1 = "{install: 0s, start: 15s, errorRate: " + rate + "}";
    return this;
  }

  /** The versions as YAML mappings, e.g. {@code "{install: 0s, start: 15s, responseTime: 100ms}"}. */
  public PodSystem versions(String v1Spec, String v2Spec) {
    v1 = v1Spec;
    v2 = v2Spec;
    return this;
  }

  /** The new version's pods never pass their readiness probe. */
  public PodSystem v2NeverReady() {
    v2 = "{install: 0s, start: 15s, health: failing}";
    return this;
  }

  public PodSystem replicas(int n) {
    replicas = n;
    return this;
  }

  public PodSystem rps(double r) {
    rps = r;
    return this;
  }

  public PodSystem seed(long s) {
    seed = s;
    return this;
  }

  /** Ends the run at this time of the scenario (e.g. "1h"). */
  public PodSystem horizon(String duration) {
    horizon = duration;
    return this;
  }

  public PodSystem loadBalancer(String yamlMapping) {
    loadBalancer = yamlMapping;
    return this;
  }

  public String yaml() {
    StringBuilder y = new StringBuilder();
    y.append("name: ").append(name).append('\n');
    if (seed != null) {
      y.append("seed: ").append(seed).append('\n');
    }
    if (horizon != null) {
      y.append("horizon: ").append(horizon).append('\n');
    }
    y.append("fleet: {instances: ").append(replicas).append(", zones: [a, b, c], capacity: 100}\n");
    y.append("loadBalancer: ").append(loadBalancer).append('\n');
    y.append("traffic: {rps: ").append(rps).append("}\n");
    y.append("versions:\n  v1: ").append(v1).append("\n  v2: ").append(v2).append('\n');
    y.append("deployment:\n  at: 5m\n  version: v2\n  strategy:\n    type: ").append(type).append('\n');
    y.append("    podStartTime: 5s\n");
    for (String l : strategy) {
      y.append("    ").append(l).append('\n');
    }
    return y.toString();
  }

  public LoadResult load() {
    return new ScenarioLoader(Strategies.catalog()).parse(yaml(), "test.yaml");
  }

  public Scenario scenario() {
    return Simulate.scenario(yaml());
  }

  public RunResult run() {
    return Simulate.run(yaml());
  }
}
