package dev.deploysim.strategies.k8s;

import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.RollbackPolicy;

/**
 * What both Kubernetes Deployment strategies share: no rollback (a Deployment neither watches
 * CloudWatch alarms nor undoes a failed rollout; {@code kubectl rollout undo} is a manual step), and
 * how the scenario's keys map onto a Deployment.
 *
 * <p>Mapping: fleet.instances is the Deployment's replicas; fleet.zones are the zones pods spread
 * over; fleet.capacity is what one pod serves; fleet.hourlyPrice is the price of one pod-hour;
 * podStartTime is the new pods' start time, fleet.launchTime stays that of the pods the old
 * ReplicaSet creates to replace failed ones; fleet.minSize and maxSize are not used (maxSurge bounds
 * the pods); a pod on a failed node (an instanceFailure or a zone outage) is replaced as a
 * ReplicaSet replaces it. The load balancer in front is the Service's: its target group holds the endpoints,
 * with the readiness probe as its health check, no deregistration delay (a terminating pod leaves
 * the endpoints at once) and no fail-open (with no ready pod, requests fail);
 * loadBalancer.healthCheck.firstCheckDelay, when given, is when a new pod's first probe comes
 * (otherwise at a random point within one period, as the kubelet's probe ticker falls).
 */
abstract class KubernetesType extends AutoscaledWorkloadType {

  KubernetesType(StrategyDescription description) {
    super(description);
  }

  static final String ALARM_REFUSAL = "a Kubernetes Deployment does not watch CloudWatch alarms and never rolls "
      + "back by itself (kubectl rollout undo is a manual step); remove it";

  /**
   * Kubernetes decides: a failed rollout stays as it is (ProgressDeadlineExceeded, no rollback), and
   * no CloudWatch alarm stops it.
   */
  static final RollbackPolicy ROLLBACK = RollbackPolicy.neverReverts(
      "never rolled back: the rollout is marked failed (ProgressDeadlineExceeded) and stays where it stopped "
          + "(outcome FAILED; onFailure may only be false)",
      "a Kubernetes Deployment never rolls back a failed rollout by itself: it reports ProgressDeadlineExceeded and "
          + "stays as it is (kubectl rollout undo is a manual step); remove onFailure or set it to false")
      .withoutAlarmRollback(ALARM_REFUSAL);

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    PodRules.validate(params, scenario, problems);
  }
}
