package dev.deploysim.model;

/**
 * Something that sets a workload's replicas from its metrics (a Kubernetes HorizontalPodAutoscaler).
 * It starts on the fleet's group (a Deployment with one ReplicaSet); a strategy that drives the
 * Deployment hands it the Deployment as its target ({@link #retarget}), so that the rollout scales
 * its ReplicaSets against the autoscaler's replicas.
 */
public interface Autoscaler {
  void retarget(ScaleTarget target);
}
