package dev.deploysim.strategies.k8s;

import dev.deploysim.testing.ScenarioYaml;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.World;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyType;

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
  /** A new version whose pods never pass their readiness probe. */
  static final String NEVER_READY = "{install: 0s, start: 15s, health: failing}";

  private PodScenarios() {}

  /** The test system deploying v2 with {@code type}. */
  static ScenarioYaml of(String type) {
    return ScenarioYaml.deploying(type).with(Strategies.catalog())
        .setAll("fleet", "instances", 10, "zones", "[a, b, c]", "capacity", 100)
        .setAll("loadBalancer", "type", "alb", "healthCheck", "{firstCheckDelay: 5s}")
        .set("traffic.rps", 600)
        .version("v1", "{install: 0s, start: 15s}")
        .v2("{install: 0s, start: 15s}")
        .param("podStartTime", "5s");
  }

  /** Pod counts seen after every change of the world while the deployment ran. */
  record Extremes(int maxActive, int minReady, int maxBilled, Deployment deployment) {}

  /**
   * Runs the scenario as the runner does, watching after every change: active pods (created and
   * not terminating, what Kubernetes counts against maxSurge) and ready pods (endpoints of the
   * Service).
   */
  static Extremes watch(ScenarioYaml scenario) {
    Scenario s = scenario.scenario();
    StrategyType t = Strategies.catalog().find(s.deployment().strategy().type()).orElseThrow();
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
