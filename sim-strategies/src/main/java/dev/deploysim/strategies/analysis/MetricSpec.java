package dev.deploysim.strategies.analysis;

import dev.deploysim.format.Keywords;
import dev.deploysim.engine.Durations;

/**
 * One metric of an analysis, with Argo Rollouts' fields and defaults (AnalysisTemplate
 * spec.metrics[]; docs/platforms/progressive-delivery.md lists each with its source).
 *
 * @param name the metric's name
 * @param interval seconds between measurements; null: a single measurement
 * @param count measurements to take; null: one without an interval, else until the run is
 *     terminated (a background analysis ends with the rollout)
 * @param initialDelay seconds before the first measurement
 * @param window the span of requests each measurement covers, like the range of a PromQL rate()
 * @param success condition of a successful measurement, or null
 * @param failure condition of a failed measurement, or null
 * @param failureLimit failed measurements allowed (the metric fails at one more); -1: no limit
 * @param inconclusiveLimit inconclusive measurements allowed
 * @param consecutiveErrorLimit measurement errors in a row allowed
 * @param dryRun measured and logged, but the result does not count for the run
 * @param of whose requests the metric measures: the canary's (the new version) or the stable's
 * @param kayenta a Kayenta judgement instead of conditions, or null
 */
public record MetricSpec(String name, Double interval, Integer count, double initialDelay, double window,
    Condition success, Condition failure, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit,
    boolean dryRun, Of of, KayentaSpec kayenta) {

  /** Argo's default consecutiveErrorLimit. */
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
  /** The window of a measurement without an interval: a one-minute query (an assumption). */
  public static final double DEFAULT_SINGLE_WINDOW = 60;

  /** Whose requests a metric measures. */
  public enum Of {
    CANARY,
    STABLE;

    public String keyword() {
      return Keywords.camelCase(this);
    }
  }

  /** Argo's effective count: count; 1 without an interval; null (no end) with an interval alone. */
  public Integer effectiveCount() {
    if (count != null) {
      return count;
    }
    return interval == null ? 1 : null;
  }

  /** For logs: "error-rate: errorRate < 0.01 every 1m x 5 (failureLimit 0)". */
  public String describe() {
    StringBuilder b = new StringBuilder(name).append(": ");
    if (kayenta != null) {
      b.append("Kayenta judge (").append(kayenta.describe()).append(")");
    } else {
      if (success != null) {
        b.append("success when ").append(success);
      }
      if (failure != null) {
        b.append(success != null ? ", " : "").append("failure when ").append(failure);
      }
    }
    b.append(" over ").append(Durations.format(window)).append(" of the ").append(of.keyword()).append("'s requests");
    Integer c = effectiveCount();
    if (interval != null) {
      b.append(", every ").append(Durations.format(interval));
    }
    b.append(c == null ? ", until the rollout ends" : ", " + c + " measurement" + (c == 1 ? "" : "s"));
    if (initialDelay > 0) {
      b.append(" after ").append(Durations.format(initialDelay));
    }
    b.append("; failureLimit ").append(failureLimit);
    if (inconclusiveLimit > 0) {
      b.append(", inconclusiveLimit ").append(inconclusiveLimit);
    }
    if (dryRun) {
      b.append(" (dry run)");
    }
    return b.toString();
  }
}
