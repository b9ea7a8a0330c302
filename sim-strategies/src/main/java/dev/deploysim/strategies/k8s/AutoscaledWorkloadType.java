package dev.deploysim.strategies.k8s;

import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.StrategyDescription;

/**
 * A strategy type that drives a Kubernetes workload whose replicas a HorizontalPodAutoscaler may set
 * (fleet.scaling: [{type: horizontal-pod-autoscaler, ...}]): a Deployment (k8s.*), an Argo Rollout
 * (its /scale subresource; Argo splits the replicas per canary step or blue-green stage) or the
 * primary Deployment of a Flagger Canary. How each type spreads the autoscaler's replicas is in
 * docs/platforms/kubernetes.md#horizontal-pod-autoscaler and
 * docs/platforms/progressive-delivery.md#horizontal-pod-autoscaler.
 */
public abstract class AutoscaledWorkloadType extends DescribedStrategyType {

  protected AutoscaledWorkloadType(StrategyDescription description) {
    super(description);
  }

  @Override
  public final boolean takesHorizontalPodAutoscaler() {
    return true;
  }
}
