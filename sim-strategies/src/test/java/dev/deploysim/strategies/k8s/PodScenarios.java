package dev.deploysim.strategies.k8s;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.World;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.RunResult;
import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Simulate;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;

/**
 * The test system of the Kubernetes tests, written as scenario YAML: a Deployment of 10 replicas
 * (fleet.instances) in 3 zones, 100 requests/second per pod, 600 requests/second of demand; a pod's
 * container runs 5 s after it is created (podStartTime), the application then starts in 15 s
 * (install 0 s), and its first readiness probe comes 5 s after that (firstCheckDelay), so a new pod
 * is ready 25 s after it is created; terminationGracePeriodSeconds 30 (the default), used in full
 * by a stopping pod (podStopTime default); deployment at 300 s.
 */
final class PodScenarios {
  static final double AT = 300;
  /** Pod creation to ready: container 5 s + application start 15 s + first probe 5 s later. */
  static final double POD_READY = 5 + 15 + 5;
  static final double GRACE = 30;
  static final double RPS = 600;

  private final String type;
  private final List<String> params = new ArrayList<>();
  private final List<String> fleet = new ArrayList<>();
  private final List<String> extra = new ArrayList<>();
  private int replicas = 10;
  private String v2 = "{install: 0s, start: 15s}";
  private String loadBalancer = "{type: alb, healthCheck: {firstCheckDelay: 5s}}";

  private PodScenarios(String type) {
    this.type = type;
    params.add("podStartTime: 5s");
  }

  static PodScenarios of(String type) {
    return new PodScenarios(type);
  }

  PodScenarios replicas(int n) {
    this.replicas = n;
    return this;
  }

  /** A strategy parameter, as YAML after "key: ". */
  PodScenarios param(String key, String yamlValue) {
    params.add(key + ": " + yamlValue);
    return this;
  }

  /** Another fleet key, as YAML after "key: ". */
  PodScenarios fleet(String key, String yamlValue) {
    fleet.add(key + ": " + yamlValue);
    return this;
  }

  PodScenarios loadBalancer(String yamlMapping) {
    this.loadBalancer = yamlMapping;
    return this;
  }

  /** Top-level YAML added at the end (alarms, a deployment.rollback is written by the caller). */
  PodScenarios yamlLines(String... lines) {
    extra.addAll(List.of(lines));
    return this;
  }

  /** The new version never passes its readiness probe. */
  PodScenarios neverReady() {
    v2 = "{install: 0s, start: 15s, health: failing}";
    return this;
  }

  String yaml() {
    StringBuilder y = new StringBuilder();
    y.append("name: ").append(type.replace('.', '-')).append("-test\n");
    y.append("fleet: {instances: ").append(replicas).append(", zones: [a, b, c], capacity: 100");
    fleet.forEach(f -> y.append(", ").append(f));
    y.append("}\n");
    y.append("loadBalancer: ").append(loadBalancer).append('\n');
    y.append("traffic: {rps: 600}\n");
    y.append("versions:\n  v1: {install: 0s, start: 15s}\n  v2: ").append(v2).append('\n');
    y.append("deployment:\n  at: 5m\n  version: v2\n  strategy:\n    type: ").append(type).append('\n');
    params.forEach(p -> y.append("    ").append(p).append('\n'));
    extra.forEach(l -> y.append(l).append('\n'));
    return y.toString();
  }

  LoadResult load() {
    return new ScenarioLoader(Strategies.catalog()).parse(yaml(), "test.yaml");
  }

  RunResult run() {
    return Simulate.run(yaml());
  }

  /** Pod counts seen after every change of the world while the deployment ran. */
  record Extremes(int maxActive, int minReady, int maxBilled, Deployment deployment) {}

  /**
   * Runs the scenario as the runner does, watching after every change: active pods (created and
   * not terminating, what Kubernetes counts against maxSurge) and ready pods (endpoints of the
   * Service).
   */
  Extremes watch() {
    Scenario s = Simulate.scenario(yaml());
    StrategyType t = Strategies.catalog().find(type).orElseThrow();
    World world = new World(s, false);
    Deployment d = new Deployment(world, t);
    var strategy = t.create(s.deployment().strategy().params());
    TargetGroup endpoints = world.primary().targetGroup();
    int[] ext = {0, Integer.MAX_VALUE, 0};
    world.traffic().addUpdateListener(() -> {
      if (Double.isNaN(d.startTime()) || d.isFinished()) {
        return;
      }
      int active = 0;
      int billed = 0;
      for (AutoScalingGroup g : world.groups()) {
        for (Instance i : g.members()) {
          if (i.state().countsTowardDesired()) {
            active++;
          }
          if (i.state().isBilled()) {
            billed++;
          }
        }
      }
      ext[0] = Math.max(ext[0], active);
      ext[1] = Math.min(ext[1], endpoints.healthyCount());
      ext[2] = Math.max(ext[2], billed);
    });
    world.sim().at(s.deployment().at(), () -> {
      d.begin();
      strategy.start(d);
    });
    world.sim().runUntil(s.deployment().at() + 3600);
    return new Extremes(ext[0], ext[1], ext[2], d);
  }
}
