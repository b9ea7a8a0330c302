package dev.deploysim.model;

/**
 * Something that sets a workload's replicas from its metrics (a Kubernetes HorizontalPodAutoscaler).
 * It starts on the fleet's group (a Deployment with one ReplicaSet); a strategy that drives the
 * Deployment hands it the Deployment as its target ({@link #retarget}), so that the rollout scales
 * its ReplicaSets against the autoscaler's replicas.
 */
public interface Autoscaler {
  void retarget(ScaleTarget target);

  /**
   * Another autoscaler with the same settings on {@code target}, synced with this one (the
   * controller syncs every autoscaler on one ticker) from its next sync on.
   */
  Autoscaler copyOn(ScaleTarget target);

  /** Stops syncing for good (its target is gone, or scaled to zero by its owner). */
  void stop();
}
