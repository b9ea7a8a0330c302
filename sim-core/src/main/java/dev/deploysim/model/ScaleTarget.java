package dev.deploysim.model;

import java.util.List;

/**
 * What an {@link Autoscaler} scales: a Kubernetes Deployment (its {@code /scale} subresource). Its
 * replicas are spec.replicas; its pods are those its selector matches and that are not being
 * deleted.
 */
public interface ScaleTarget {
  /** The group named in scaling activities (the ReplicaSet most of the pods belong to). */
  AutoScalingGroup group();

  /** spec.replicas. */
  int replicas();

  /** Sets spec.replicas; the workload's controller then creates or deletes pods. */
  void scale(int replicas, String cause);

  /** The pods: created and not being deleted, of every ReplicaSet. */
  List<Instance> pods();

  /** Whether a pod is ready (its readiness probe passes). */
  boolean isReady(Instance pod);
}
