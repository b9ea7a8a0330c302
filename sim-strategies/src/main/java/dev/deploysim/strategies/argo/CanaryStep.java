package dev.deploysim.strategies.argo;

import dev.deploysim.engine.Durations;
import dev.deploysim.strategies.analysis.MetricSpec;
import java.util.List;

/** One step of an Argo Rollouts canary (spec.strategy.canary.steps[]). */
public sealed interface CanaryStep {

  /** For logs and phase labels. */
  String describe();

  /** {@code setWeight: N}: the canary's share of the traffic, in percent. */
  record SetWeight(int weight) implements CanaryStep {
    @Override
    public String describe() {
      return "setWeight " + weight;
    }
  }

  /** {@code pause: {duration: D}}, or {@code pause: {}} (duration null): wait for a promotion. */
  record Pause(Double duration) implements CanaryStep {
    @Override
    public String describe() {
      return duration == null ? "pause until promoted" : "pause " + Durations.format(duration);
    }
  }

  /**
   * {@code setCanaryScale}: the canary's pods apart from its weight (traffic routing only): an
   * explicit count, a percentage of the replicas (rounded up), or back to matching the weight.
   */
  record SetCanaryScale(Integer replicas, Integer weight, boolean matchTrafficWeight) implements CanaryStep {
    /** The canary's pods, or null to match the traffic weight. */
    public Integer pods(int specReplicas) {
      if (matchTrafficWeight) {
        return null;
      }
      if (replicas != null) {
        return replicas;
      }
      return weight == null ? null : CanaryReplicas.podsFor(weight, specReplicas);
    }

    @Override
    public String describe() {
      return "setCanaryScale " + (matchTrafficWeight ? "matchTrafficWeight"
          : replicas != null ? replicas + " replicas" : weight + "%");
    }
  }

  /** {@code analysis: {metrics: [...]}}: an inline analysis the rollout waits for. */
  record Analysis(List<MetricSpec> metrics) implements CanaryStep {
    public Analysis {
      metrics = List.copyOf(metrics);
    }

    @Override
    public String describe() {
      return "analysis";
    }
  }
}
