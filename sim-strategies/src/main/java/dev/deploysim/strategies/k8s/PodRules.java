package dev.deploysim.strategies.k8s;

import dev.deploysim.engine.Durations;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.ScalingPolicySpec;
import dev.deploysim.scenario.Scenario;

/**
 * What a scenario may not ask of pods, for every strategy type built on the pod model (Kubernetes
 * Deployments, Argo Rollouts, Flagger): no Auto Scaling lifecycle hooks, warm pool, ELB health-check
 * replacement, scheduled actions or slow start, a progress deadline longer than minReadySeconds, and a
 * restart back-off whose maximum is not below its first delay.
 */
public final class PodRules {
  private PodRules() {}

  public static void validate(StrategyParams params, Scenario scenario, Problems problems) {
    FleetSpec f = scenario.fleet();
    if (f == null) {
      return;
    }
    if (!f.lifecycleHooks().isEmpty()) {
      problems.add("fleet.lifecycleHooks", "pods have no Auto Scaling lifecycle hooks",
          "remove them; a pod's slow shutdown is deployment.strategy.podStopTime");
    }
    if (f.warmPool() != null) {
      problems.add("fleet.warmPool", "pods have no warm pool", "remove it");
    }
    if (f.healthCheckType() == FleetSpec.HealthCheckType.ELB) {
      problems.add("fleet.healthCheckType", "Kubernetes does not replace a pod whose readiness probe fails (it only "
          + "stops sending it requests; a failing liveness probe restarts its container)",
          "remove it, and give deployment.strategy.livenessProbe for restarts; pods on a failed node are replaced "
              + "as with EC2");
    }
    if (!f.scheduledActions().isEmpty()) {
      problems.add("fleet.scheduledActions", "Auto Scaling scheduled actions do not resize a Deployment",
          "remove them");
    }
    for (int i = 0; i < f.scaling().size(); i++) {
      if (!(f.scaling().get(i) instanceof ScalingPolicySpec.HorizontalPodAutoscaler)) {
        problems.add("fleet.scaling[" + i + "].type", "Auto Scaling policies do not resize a Deployment: its pods are "
            + "scaled by a HorizontalPodAutoscaler", "type: horizontal-pod-autoscaler, with "
            + "targetCPUUtilizationPercentage and maxReplicas");
      }
    }
    if (scenario.loadBalancer() != null && scenario.loadBalancer().slowStart() > 0) {
      problems.add("loadBalancer.slowStart", "a Service sends a ready pod its full share at once: it has no slow "
          + "start", "remove slowStart");
    }
    StrategyParams backOff = params.object("crashLoopBackOff");
    if (backOff.duration("maxDelay") < backOff.duration("initialDelay")) {
      problems.add(KubernetesParams.PATH + "crashLoopBackOff.maxDelay", "must be at least initialDelay ("
          + Durations.format(backOff.duration("initialDelay")) + "): the delay doubles up to it");
    }
    if (params.integer("progressDeadlineSeconds") <= params.integer("minReadySeconds")) {
      problems.add(KubernetesParams.PATH + "progressDeadlineSeconds",
          "must be greater than minReadySeconds (" + params.integer("minReadySeconds") + "), as Kubernetes requires");
    }
  }
}
