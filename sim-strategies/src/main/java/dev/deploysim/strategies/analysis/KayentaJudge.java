package dev.deploysim.strategies.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kayenta's judge (NetflixACAJudge-v1.0) as far as the simulator's metrics need it: each metric's
 * canary series is compared with the control's by a {@link MannWhitney} test and classified Pass,
 * High, Low or Nodata; the canary's score is 100 x Pass / (Pass + High + Low + Nodata of metrics
 * that must have data), 0 when a critical metric did not pass or when half the metrics or more had
 * no data; the score passes at {@code pass}, is marginal at {@code marginal}, else fails.
 *
 * <p>Classification of a metric: no data in either series: Nodata. Identical data, or every value
 * the same: Pass. Otherwise, with the shift estimate e and its confidence interval [lo, hi] at the
 * configured confidence, and the critical band +-tolerance x |e|: High when the metric may not
 * increase, lo is above the band and the ratio of the means is at least allowedIncrease; Low
 * symmetrically (hi below the band, ratio at most allowedDecrease); else Pass. A control mean of 0
 * under a positive canary mean is an unbounded ratio. One group holds every metric (Kayenta's
 * metric groups and their weights are not modelled).
 */
public final class KayentaJudge {
  private KayentaJudge() {}

  /** A metric's classification. */
  public enum Classification {
    PASS,
    HIGH,
    LOW,
    NODATA,
    NODATA_FAIL
  }

  /** A metric's verdict, with the statistics behind it. */
  public record MetricVerdict(KayentaSpec.JudgedMetric metric, Classification classification, double estimate,
      double lower, double upper, double meanRatio) {}

  /** The outcome of one judgement. */
  public enum Outcome {
    PASS,
    MARGINAL,
    FAIL
  }

  public record Verdict(double score, Outcome outcome, List<MetricVerdict> metrics, String reason) {}

  /**
   * Judges the canary.
   *
   * @param canary per metric of the spec, in order, the canary's data points
   * @param control per metric, the control's data points
   */
  public static Verdict judge(KayentaSpec spec, List<double[]> canary, List<double[]> control) {
    List<MetricVerdict> verdicts = new ArrayList<>();
    int pass = 0;
    int bad = 0;
    int nodata = 0;
    String criticalFailed = null;
    for (int i = 0; i < spec.metrics().size(); i++) {
      KayentaSpec.JudgedMetric m = spec.metrics().get(i);
      MetricVerdict v = classify(m, canary.get(i), control.get(i), spec.confidence(), spec.tolerance());
      verdicts.add(v);
      switch (v.classification()) {
        case PASS -> pass++;
        case HIGH, LOW, NODATA_FAIL -> bad++;
        case NODATA -> nodata++;
        default -> throw new IllegalStateException();
      }
      if (m.critical() && v.classification() != Classification.PASS && criticalFailed == null) {
        criticalFailed = m.metric().keyword();
      }
    }
    double score;
    String reason;
    if (criticalFailed != null) {
      score = 0;
      reason = "critical metric " + criticalFailed + " did not pass";
    } else if (2 * nodata >= spec.metrics().size()) {
      score = 0;
      reason = nodata + " of " + spec.metrics().size() + " metrics had no data";
    } else {
      score = pass + bad == 0 ? 100 : 100.0 * pass / (pass + bad);
      reason = pass + " of " + (pass + bad) + " metrics passed";
    }
    Outcome outcome = score >= spec.pass() ? Outcome.PASS : score >= spec.marginal() ? Outcome.MARGINAL : Outcome.FAIL;
    return new Verdict(score, outcome, verdicts, reason);
  }

  static MetricVerdict classify(KayentaSpec.JudgedMetric m, double[] canary, double[] control, double confidence,
      double tolerance) {
    if (canary.length == 0 || control.length == 0) {
      return new MetricVerdict(m, m.mustHaveData() ? Classification.NODATA_FAIL : Classification.NODATA, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN);
    }
    double ratio = meanRatio(canary, control);
    double[] a = canary.clone();
    double[] b = control.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    if (Arrays.equals(a, b) || a[0] == a[a.length - 1] && b[0] == b[b.length - 1] && a[0] == b[0]) {
      return new MetricVerdict(m, Classification.PASS, 0, 0, 0, ratio);
    }
    MannWhitney.Result r = MannWhitney.test(canary, control, confidence);
    double band = tolerance * Math.abs(r.estimate());
    boolean mayNotIncrease = m.direction() != KayentaSpec.Direction.DECREASE;
    boolean mayNotDecrease = m.direction() != KayentaSpec.Direction.INCREASE;
    Classification c = Classification.PASS;
    if (mayNotIncrease && r.lower() > band && ratio >= m.allowedIncrease()) {
      c = Classification.HIGH;
    } else if (mayNotDecrease && r.upper() < -band && ratio <= m.allowedDecrease()) {
      c = Classification.LOW;
    }
    return new MetricVerdict(m, c, r.estimate(), r.lower(), r.upper(), ratio);
  }

  /** mean(canary) / mean(control); +infinity when only the control's mean is 0, 1 when both are. */
  static double meanRatio(double[] canary, double[] control) {
    double mc = mean(canary);
    double mb = mean(control);
    if (mb == 0) {
      return mc == 0 ? 1 : mc > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return mc / mb;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
