package dev.deploysim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Independent observations (one per replication, say): count, mean, variance, extremes, percentiles
 * and a confidence interval for the mean.
 *
 * <p>Mean and variance are streamed (Welford's update), so they depend on the order values are
 * added: callers that need the same bytes whatever the thread count add values in a fixed order.
 * Percentiles are exact: every value is kept, 8 bytes each, in fixed-size chunks of primitive
 * doubles (no boxing, and growing never copies what is already stored). A percentile query sorts a
 * copy once and keeps it until the next value arrives, so querying several percentiles costs one
 * sort; {@link #BYTES_PER_VALUE} (a value and its share of that sorted copy) is what a caller can
 * budget per value.
 */
public final class Tally {
  /** Memory a value may take at most: its slot, and its slot in the sorted copy made by a query. */
  public static final int BYTES_PER_VALUE = 2 * Double.BYTES;

  private static final int CHUNK = 8192;

  private final List<double[]> chunks = new ArrayList<>();
  private int n;
  private double mean;
  private double m2;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private double[] sorted;

  public void add(double x) {
    if (Double.isNaN(x)) {
      throw new IllegalArgumentException("NaN observation");
    }
    if (n == Integer.MAX_VALUE - 1) {
      throw new IllegalStateException("a tally holds at most " + (Integer.MAX_VALUE - 1) + " values");
    }
    int slot = n % CHUNK;
    if (slot == 0) {
      chunks.add(new double[CHUNK]);
    }
    chunks.get(chunks.size() - 1)[slot] = x;
    n++;
    sorted = null;
    if (n == 1 || x < min) {
      min = x;
    }
    if (n == 1 || x > max) {
      max = x;
    }
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
    return min;
  }

  public double max() {
    return max;
  }

  /** Value {@code i} in the order added (0-based). */
  public double value(int i) {
    if (i < 0 || i >= n) {
      throw new IndexOutOfBoundsException(i);
    }
    return chunks.get(i / CHUNK)[i % CHUNK];
  }

  /**
   * Percentile p in [0, 100] by linear interpolation between closest ranks (the "R-7" / Excel
   * PERCENTILE.INC definition). Exact: computed from every value.
   */
  public double percentile(double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100]: " + p);
    }
    if (n == 0) {
      return Double.NaN;
    }
    double[] v = sorted();
    double h = (n - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    return v[lo] + (h - lo) * (v[hi] - v[lo]);
  }

  /** Drops the sorted copy a percentile query made (it is made again when needed). */
  public void trim() {
    sorted = null;
  }

  private double[] sorted() {
    if (sorted == null) {
      double[] all = new double[n];
      for (int c = 0, done = 0; done < n; c++) {
        int len = Math.min(CHUNK, n - done);
        System.arraycopy(chunks.get(c), 0, all, done, len);
        done += len;
      }
      Arrays.sort(all);
      sorted = all;
    }
    return sorted;
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
