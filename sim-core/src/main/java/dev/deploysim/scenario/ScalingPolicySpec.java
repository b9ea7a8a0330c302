package dev.deploysim.scenario;

import java.util.List;

/**
 * A dynamic scaling policy of the fleet's Auto Scaling group (docs/scaling.md).
 */
public sealed interface ScalingPolicySpec
    permits ScalingPolicySpec.TargetTracking, ScalingPolicySpec.Step, ScalingPolicySpec.Simple,
        ScalingPolicySpec.HorizontalPodAutoscaler {

  /** How an adjustment changes the desired capacity. */
  enum AdjustmentType {
    CHANGE_IN_CAPACITY("ChangeInCapacity"),
    EXACT_CAPACITY("ExactCapacity"),
    PERCENT_CHANGE_IN_CAPACITY("PercentChangeInCapacity");

    private final String key;

    AdjustmentType(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** Metrics a target-tracking policy can track. */
  enum TrackedMetric {
    /** ASGAverageCPUUtilization, percent. */
    CPU("cpu"),
    /** ALBRequestCountPerTarget, requests per target per minute. */
    REQUEST_COUNT_PER_TARGET("requestCountPerTarget");

    private final String key;

    TrackedMetric(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /**
   * Target tracking: keeps a metric at a target with two alarms of its own.
   *
   * @param instanceWarmup seconds a new instance is warming up (no metrics, counts toward desired)
   * @param scaleOutDatapoints consecutive one-minute datapoints above the target before scaling out
   *     (AWS does not publish its alarms' settings; 3 as observed)
   * @param scaleInDatapoints the same below the target before scaling in (15 as observed)
   */
  record TargetTracking(TrackedMetric metric, double target, double instanceWarmup, boolean disableScaleIn,
      int scaleOutDatapoints, int scaleInDatapoints) implements ScalingPolicySpec {}

  /**
   * One step of a step policy: bounds relative to the alarm threshold (lower inclusive, upper
   * exclusive above the threshold); null for an open end.
   */
  record StepAdjustment(Double lower, Double upper, int adjustment) {}

  /** Step scaling on one of the scenario's alarms. */
  record Step(String alarm, AdjustmentType adjustmentType, List<StepAdjustment> steps, double instanceWarmup,
      Integer minAdjustmentMagnitude) implements ScalingPolicySpec {
    public Step {
      steps = List.copyOf(steps);
    }
  }

  /** Simple scaling on one of the scenario's alarms, then a cooldown. */
  record Simple(String alarm, AdjustmentType adjustmentType, int adjustment, double cooldown,
      Integer minAdjustmentMagnitude) implements ScalingPolicySpec {}

  /**
   * A Kubernetes HorizontalPodAutoscaler on the Deployment (docs/platforms/kubernetes.md#horizontal-pod-autoscaler):
   * every {@code syncPeriod} it sets the Deployment's replicas to ceil(pods x utilisation / target),
   * unless within {@code tolerance} of 1, stabilised and rate-limited as its default behavior is.
   *
   * @param targetCpu target average CPU utilisation, percent of the pods' CPU request
   * @param scaleUpWindow stabilisation window of scale-ups, seconds (default 0)
   * @param scaleDownWindow stabilisation window of scale-downs, seconds (default 300)
   * @param scaleUpPods scale-up policy: at most this many pods more per {@code policyPeriod} (default 4)
   * @param scaleUpPercent scale-up policy: at most this percentage more per period (default 100); the
   *     larger of the two applies (selectPolicy Max)
   * @param scaleDownPercent scale-down policy: at most this percentage fewer per period (default 100)
   * @param policyPeriod periodSeconds of those policies (default 15)
   */
  record HorizontalPodAutoscaler(double targetCpu, int minReplicas, int maxReplicas, double tolerance,
      double syncPeriod, double scaleUpWindow, double scaleDownWindow, int scaleUpPods, double scaleUpPercent,
      double scaleDownPercent, double policyPeriod) implements ScalingPolicySpec {}
}
