package dev.deploysim.cli.chart;

import java.util.Arrays;

/**
 * Fewer points for charts of long runs, without changing what is drawn: a 1200-pixel chart of a
 * day sampled every 5 s would otherwise put 17,280 points (and megabytes of SVG) on 1,070 pixels.
 *
 * <p>First, samples that equal both neighbours in every series are dropped: lines and steps through
 * them look the same, so piecewise-constant series (instance counts, capacity) shrink to their
 * changes at no cost. If more than {@code 2 x buckets} samples remain, the time axis is cut into
 * {@code buckets} slices and each slice keeps its first and last sample and, per series, the samples
 * with the lowest and highest value, so spikes (a short outage) stay visible.
 */
final class Decimate {
  private Decimate() {}

  /** Points per pixel column is plenty; the plot is about 1,070 pixels wide. */
  static final int BUCKETS = 1100;

  /** Indices of the samples to draw, in time order. */
  static int[] rows(double[] time, double[]... series) {
    int n = time.length;
    if (n <= 2) {
      return identity(n);
    }
    int[] kept = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || i == n - 1 || changes(series, i)) {
        kept[k++] = i;
      }
    }
    kept = Arrays.copyOf(kept, k);
    if (k <= 2 * BUCKETS) {
      return kept;
    }
    double t0 = time[0];
    double span = Math.max(time[n - 1] - t0, 1e-9);
    boolean[] keep = new boolean[n];
    int start = 0;
    while (start < k) {
      int bucket = bucket(time[kept[start]], t0, span);
      int end = start;
      while (end + 1 < k && bucket(time[kept[end + 1]], t0, span) == bucket) {
        end++;
      }
      keep[kept[start]] = true;
      keep[kept[end]] = true;
      for (double[] s : series) {
        int lo = kept[start];
        int hi = kept[start];
        for (int j = start; j <= end; j++) {
          int i = kept[j];
          if (s[i] < s[lo]) {
            lo = i;
          }
          if (s[i] > s[hi]) {
            hi = i;
          }
        }
        keep[lo] = true;
        keep[hi] = true;
      }
      start = end + 1;
    }
    int[] out = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        out[m++] = i;
      }
    }
    return Arrays.copyOf(out, m);
  }

  private static int bucket(double t, double t0, double span) {
    return (int) Math.min(BUCKETS - 1, Math.floor((t - t0) / span * BUCKETS));
  }

  private static boolean changes(double[][] series, int i) {
    for (double[] s : series) {
      if (Double.compare(s[i], s[i - 1]) != 0 || Double.compare(s[i], s[i + 1]) != 0) {
        return true;
      }
    }
    return false;
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /** The values at the kept indices. */
  static double[] pick(double[] values, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }
}
