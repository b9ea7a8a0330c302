package dev.deploysim.strategies.analysis;

import dev.deploysim.format.Keywords;
import dev.deploysim.engine.Durations;
import java.util.List;

/**
 * A Kayenta canary configuration as the simulator judges it: the metrics compared (each with its
 * direction, criticality and effect-size limits), the sampling step, the control group, the
 * classifier's confidence and tolerance, and the pass and marginal score thresholds.
 *
 * @param step seconds per data point: a window of w seconds gives w / step points per group
 * @param control what the canary is compared with
 * @param confidence the Mann-Whitney confidence level (Kayenta's judge passes 0.98)
 * @param tolerance the critical band, a share of the shift estimate (Kayenta's judge: 0.25)
 * @param pass scores at or above it pass
 * @param marginal scores at or above it (below pass) are marginal: Argo counts them inconclusive
 */
public record KayentaSpec(List<JudgedMetric> metrics, double step, Control control, double confidence,
    double tolerance, double pass, double marginal) {

  public static final double DEFAULT_CONFIDENCE = 0.98;
  public static final double DEFAULT_TOLERANCE = 0.25;
  public static final double DEFAULT_STEP = 60;

  public KayentaSpec {
    metrics = List.copyOf(metrics);
  }

  /** The canary's comparison group. */
  public enum Control {
    /**
     * A baseline of the old version as large as the canary (what Argo's experiment step creates for
     * Kayenta): each data point has the canary's request count at the stable pods' true error rate.
     * Its pods are not simulated (no cost, no share of the traffic).
     */
    BASELINE,
    /** The stable pods themselves, with all their requests. */
    STABLE;

    public String keyword() {
      return Keywords.camelCase(this);
    }
  }

  /** Which way a metric may not move. */
  public enum Direction {
    INCREASE,
    DECREASE,
    EITHER;

    public String keyword() {
      return Keywords.camelCase(this);
    }
  }

  /**
   * One judged metric (Kayenta canary-config defaults: direction either, not critical, data not
   * required, allowed increase and decrease 1.0 as a ratio of means).
   */
  public record JudgedMetric(MetricKind metric, Direction direction, boolean critical, boolean mustHaveData,
      double allowedIncrease, double allowedDecrease) {}

  public String describe() {
    return metrics.size() + " metric" + (metrics.size() == 1 ? "" : "s") + " every " + Durations.format(step)
        + " against the " + control.keyword() + ", pass " + fmt(pass) + ", marginal " + fmt(marginal);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
