package dev.deploysim.cli.check;

/**
 * The Wilson score interval for a proportion: k successes in n trials, at a normal quantile z.
 * Unlike the normal approximation p +/- z sqrt(p(1-p)/n) it stays within [0, 1] and does not
 * collapse to a point when every trial succeeds (k = n), which is the common case for a budget.
 *
 * <pre>
 *   centre = (p + z^2 / 2n) / (1 + z^2 / n)
 *   half   = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2)
 * </pre>
 *
 * E. B. Wilson, "Probable inference, the law of succession, and statistical inference", Journal
 * of the American Statistical Association 22 (158), 209-212 (1927);
 * https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval
 */
public record Wilson(double low, double high) {
  /** The two-sided 95% normal quantile. */
  public static final double Z95 = 1.959963984540054;

  public static Wilson interval(long k, long n, double z) {
    if (n <= 0 || k < 0 || k > n) {
      throw new IllegalArgumentException("need 0 <= k <= n and n > 0, got k " + k + ", n " + n);
    }
    double p = (double) k / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new Wilson(Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /** The 95% interval. */
  public static Wilson interval95(long k, long n) {
    return interval(k, n, Z95);
  }
}
