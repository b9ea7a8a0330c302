package dev.deploysim.strategies.analysis;

import dev.deploysim.engine.SpecialFunctions;
import java.util.Arrays;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) of two samples, with the Hodges-Lehmann estimate of
 * the shift between them and its distribution-free confidence interval, the statistics Kayenta's
 * judge bases a metric's classification on.
 *
 * <p>U counts the pairs (x, y) with x > y, ties counting one half. The shift estimate is the median
 * of the m n differences x - y; the confidence interval at level c runs from the k-th smallest to
 * the k-th largest difference, k = floor(m n / 2 - z (1 + c) / 2 sigma_U) with sigma_U the standard
 * deviation of U under no shift, corrected for ties (the normal approximation, as Kayenta's judge
 * uses; Hollander and Wolfe, Nonparametric Statistical Methods, section 4.3). When k < 1 the
 * interval is unbounded: the samples are too small for that confidence.
 */
public final class MannWhitney {
  private MannWhitney() {}

  /**
   * @param u the U statistic of x over y
   * @param estimate the Hodges-Lehmann estimate of the shift of x from y
   * @param lower lower bound of the shift's confidence interval (may be -infinity)
   * @param upper upper bound (may be +infinity)
   */
  public record Result(double u, double estimate, double lower, double upper) {}

  /** Tests x (the canary) against y (the control) at confidence level {@code confidence}. */
  public static Result test(double[] x, double[] y, double confidence) {
    int m = x.length;
    int n = y.length;
    if (m == 0 || n == 0) {
      throw new IllegalArgumentException("both samples need values");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    double[] d = new double[m * n];
    double u = 0;
    int k = 0;
    for (double xi : x) {
      for (double yj : y) {
        d[k++] = xi - yj;
        u += xi > yj ? 1 : xi == yj ? 0.5 : 0;
      }
    }
    Arrays.sort(d);
    double estimate = median(d);
    double sigma = Math.sqrt(varianceOfU(x, y));
    double z = SpecialFunctions.normalQuantile((1 + confidence) / 2);
    long c = (long) Math.floor(m * (double) n / 2 - z * sigma);
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    if (c >= 1) {
      lower = d[(int) c - 1];
      upper = d[d.length - (int) c];
    }
    return new Result(u, estimate, lower, upper);
  }

  /** Var(U) with no shift: m n / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1))) over tie groups t. */
  static double varianceOfU(double[] x, double[] y) {
    int m = x.length;
    int n = y.length;
    int total = m + n;
    double[] all = new double[total];
    System.arraycopy(x, 0, all, 0, m);
    System.arraycopy(y, 0, all, m, n);
    Arrays.sort(all);
    double ties = 0;
    int i = 0;
    while (i < total) {
      int j = i;
      while (j + 1 < total && all[j + 1] == all[i]) {
        j++;
      }
      double t = j - i + 1;
      ties += t * t * t - t;
      i = j + 1;
    }
    double correction = total > 1 ? ties / ((double) total * (total - 1)) : 0;
    return m * (double) n / 12 * ((total + 1) - correction);
  }

  private static double median(double[] sorted) {
    int len = sorted.length;
    return len % 2 == 1 ? sorted[len / 2] : (sorted[len / 2 - 1] + sorted[len / 2]) / 2;
  }
}
