package dev.deploysim.engine;

import java.util.Arrays;

/**
 * Independent observations (one per replication, say): count, mean, variance, extremes, percentiles
 * and a confidence interval for the mean. Keeps every value, so percentiles are exact.
 */
public final class Tally {
  private double[] values = new double[16];
  private int n;
  private double mean;
  private double m2;
  private boolean sorted = true;

  public void add(double x) {
    if (Double.isNaN(x)) {
      throw new IllegalArgumentException("NaN observation");
    }
    if (n == values.length) {
      values = Arrays.copyOf(values, n * 2);
    }
    if (n > 0 && x < values[n - 1]) {
      sorted = false;
    }
    values[n++] = x;
    // Welford
    double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }

  public int count() {
    return n;
  }

  public double mean() {
    return n == 0 ? Double.NaN : mean;
  }

  /** Sample variance (n - 1 in the denominator). */
  public double variance() {
    return n < 2 ? 0 : m2 / (n - 1);
  }

  public double stdDev() {
    return Math.sqrt(variance());
  }

  public double min() {
    return percentile(0);
  }

  public double max() {
    return percentile(100);
  }

  /**
   * Percentile p in [0, 100] by linear interpolation between closest ranks (the "R-7" / Excel
   * PERCENTILE.INC definition).
   */
  public double percentile(double p) {
    if (n == 0) {
      return Double.NaN;
    }
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100]: " + p);
    }
    if (!sorted) {
      Arrays.sort(values, 0, n);
      sorted = true;
    }
    double h = (n - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    return values[lo] + (h - lo) * (values[hi] - values[lo]);
  }

  /** Half-width of the 95% confidence interval of the mean (Student t); 0 with fewer than 2 values. */
  public double ci95HalfWidth() {
    if (n < 2) {
      return 0;
    }
    return SpecialFunctions.t975(n - 1) * stdDev() / Math.sqrt(n);
  }

  public ConfidenceInterval ci95() {
    double h = ci95HalfWidth();
    return new ConfidenceInterval(mean(), mean() - h, mean() + h, 0.95);
  }

  /** A confidence interval for a mean. */
  public record ConfidenceInterval(double mean, double low, double high, double level) {
    public double halfWidth() {
      return (high - low) / 2;
    }

    public boolean contains(double x) {
      return x >= low && x <= high;
    }
  }
}
