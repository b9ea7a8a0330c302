package dev.deploysim.model;

import dev.deploysim.engine.Distribution;
import java.util.Arrays;

/**
 * A request-weighted mixture of latency distributions: each component is the requests one instance
 * served over a stretch of time, whose latency is {@code scale x S} with S the version's response
 * time on an idle instance, cut at the load balancer's idle timeout (longer requests timed out and
 * are not in the mixture). Percentiles of the mixture are what a load balancer's
 * {@code TargetResponseTime} percentiles would show.
 *
 * <p>Adding a component is O(1) (a component equal to the last one is merged into it). A
 * percentile costs O(n log n) when every response time is a fixed duration (a weighted sort), and
 * O(60 n) distribution evaluations otherwise (bisection of the mixture's distribution function
 * over [0, idle timeout]).
 */
public final class LatencyMix {
  private final Distribution[] responseTimes;
  private final boolean allConstant;
  private final double timeout;
  private int n;
  private int[] version = new int[16];
  private double[] scale = new double[16];
  private double[] weight = new double[16];
  private double total;
  // scratch for percentiles
  private double[] values = new double[16];
  private double[] weights = new double[16];
  private double[] cut = new double[16];

  /**
   * @param responseTimes each version's response time on an idle instance, by version index
   * @param timeout the idle timeout: no served request took longer
   */
  public LatencyMix(Distribution[] responseTimes, double timeout) {
    this.responseTimes = responseTimes.clone();
    boolean constant = true;
    for (Distribution d : responseTimes) {
      constant &= d instanceof Distribution.Constant;
    }
    this.allConstant = constant;
    this.timeout = timeout;
  }

  /** Adds {@code requests} served with latency {@code scale x S(version)}. */
  public void add(int versionIndex, double s, double requests) {
    if (!(requests > 0)) {
      return;
    }
    total += requests;
    if (n > 0 && version[n - 1] == versionIndex && scale[n - 1] == s) {
      weight[n - 1] += requests;
      return;
    }
    if (n == version.length) {
      int m = 2 * n;
      version = Arrays.copyOf(version, m);
      scale = Arrays.copyOf(scale, m);
      weight = Arrays.copyOf(weight, m);
    }
    version[n] = versionIndex;
    scale[n] = s;
    weight[n] = requests;
    n++;
  }

  /** An empty mixture over the same versions and timeout. */
  public LatencyMix emptyCopy() {
    return new LatencyMix(responseTimes, timeout);
  }

  /** Adds the components of another mixture (same versions) that belong to one version. */
  public void addVersion(LatencyMix other, int versionIndex) {
    for (int j = 0; j < other.n; j++) {
      if (other.version[j] == versionIndex) {
        add(versionIndex, other.scale[j], other.weight[j]);
      }
    }
  }

  /** Adds every component of another mixture (same versions). */
  public void addAll(LatencyMix other) {
    for (int j = 0; j < other.n; j++) {
      add(other.version[j], other.scale[j], other.weight[j]);
    }
  }

  public void clear() {
    n = 0;
    total = 0;
  }

  /** Requests in the mixture. */
  public double requests() {
    return total;
  }

  public int components() {
    return n;
  }

  /**
   * The p-quantile (0 &lt; p &lt; 1) of request latency in seconds: the least t with at least a
   * share p of the requests answered within t. NaN when the mixture holds no request.
   */
  public double percentile(double p) {
    if (!(total > 0)) {
      return Double.NaN;
    }
    return allConstant ? weightedPoints(p) : bisection(p);
  }

  private double weightedPoints(double p) {
    ensureScratch();
    for (int j = 0; j < n; j++) {
      values[j] = ((Distribution.Constant) responseTimes[version[j]]).value() * scale[j];
      weights[j] = weight[j];
    }
    sort(values, weights, 0, n - 1);
    double target = p * total;
    double acc = 0;
    for (int j = 0; j < n; j++) {
      acc += weights[j];
      if (acc >= target * (1 - 1e-12)) {
        return values[j];
      }
    }
    return values[n - 1];
  }

  private double bisection(double p) {
    ensureScratch();
    for (int j = 0; j < n; j++) {
      // the share of this component's requests that was answered within the timeout: the rest timed out
      cut[j] = responseTimes[version[j]].cdf(timeout / scale[j]);
    }
    double lo = 0;
    double hi = timeout;
    for (int it = 0; it < 60; it++) {
      double mid = (lo + hi) / 2;
      if (cdf(mid) >= p) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private double cdf(double t) {
    double acc = 0;
    for (int j = 0; j < n; j++) {
      if (cut[j] > 0) {
        acc += weight[j] * Math.min(1, responseTimes[version[j]].cdf(t / scale[j]) / cut[j]);
      }
    }
    return acc / total;
  }

  private void ensureScratch() {
    if (values.length < n) {
      values = new double[version.length];
      weights = new double[version.length];
      cut = new double[version.length];
    }
  }

  /** Sorts values ascending, carrying weights along (quicksort, median of three, insertion below 12). */
  private static void sort(double[] v, double[] w, int lo, int hi) {
    while (hi - lo > 11) {
      int mid = (lo + hi) >>> 1;
      if (v[mid] < v[lo]) {
        swap(v, w, mid, lo);
      }
      if (v[hi] < v[lo]) {
        swap(v, w, hi, lo);
      }
      if (v[hi] < v[mid]) {
        swap(v, w, hi, mid);
      }
      double pivot = v[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (v[i] < pivot) {
          i++;
        }
        while (v[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(v, w, i, j);
          i++;
          j--;
        }
      }
      if (j - lo < hi - i) {
        sort(v, w, lo, j);
        lo = i;
      } else {
        sort(v, w, i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      double x = v[i];
      double y = w[i];
      int k = i - 1;
      while (k >= lo && v[k] > x) {
        v[k + 1] = v[k];
        w[k + 1] = w[k];
        k--;
      }
      v[k + 1] = x;
      w[k + 1] = y;
    }
  }

  private static void swap(double[] v, double[] w, int a, int b) {
    double t = v[a];
    v[a] = v[b];
    v[b] = t;
    t = w[a];
    w[a] = w[b];
    w[b] = t;
  }
}
