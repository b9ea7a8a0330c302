package dev.deploysim.model;

import dev.deploysim.engine.Distribution;
import java.util.Arrays;

/**
 * Request latencies of a whole run, kept in bins: per version, the slowdown factors (latency over
 * the idle response time) in logarithmic bins 0.1% wide, so memory does not grow with the run's
 * length. Percentiles come from the bins' centres, within 0.05% of the exact value.
 */
public final class LatencyBins {
  /** Relative width of one bin. */
  public static final double RATIO = 1.001;
  private static final double LOG_RATIO = Math.log(RATIO);

  private final Distribution[] responseTimes;
  private final double timeout;
  private final double[][] bins;

  public LatencyBins(Distribution[] responseTimes, double timeout) {
    this.responseTimes = responseTimes.clone();
    this.timeout = timeout;
    this.bins = new double[responseTimes.length][];
    for (int v = 0; v < bins.length; v++) {
      bins[v] = new double[64];
    }
  }

  /** Adds requests served with latency {@code scale x S(version)}; scale is at least 1. */
  public void add(int version, double scale, double requests) {
    if (!(requests > 0)) {
      return;
    }
    addToBin(version, bin(scale), requests);
  }

  /** The bin of a slowdown factor. */
  static int bin(double scale) {
    return (int) Math.max(0, Math.floor(Math.log(scale) / LOG_RATIO));
  }

  /** Adds requests to a bin of a version ({@link #bin} of their slowdown). */
  void addToBin(int version, int b, double requests) {
    if (!(requests > 0)) {
      return;
    }
    double[] row = bins[version];
    if (b >= row.length) {
      row = Arrays.copyOf(row, Math.max(b + 1, 2 * row.length));
      bins[version] = row;
    }
    row[b] += requests;
  }

  /** The p-quantile of latency in seconds over everything added; NaN when nothing was. */
  public double percentile(double p) {
    LatencyMix mix = new LatencyMix(responseTimes, timeout);
    for (int v = 0; v < bins.length; v++) {
      double[] row = bins[v];
      for (int b = 0; b < row.length; b++) {
        if (row[b] > 0) {
          mix.add(v, Math.exp((b + 0.5) * LOG_RATIO), row[b]);
        }
      }
    }
    return mix.percentile(p);
  }
}
