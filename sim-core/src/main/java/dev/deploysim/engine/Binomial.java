package dev.deploysim.engine;

/**
 * The binomial distribution B(n, p): how many of {@code n} independent trials fail when each fails
 * with probability {@code p}. Exact probabilities ({@link #pmf}, {@link #cdf}, computed in log
 * space so that n in the millions does not overflow) and a sampler.
 *
 * <p>The sampler is exact in distribution: inversion by summing geometric waiting times while n·p
 * is small (fewer than 10 expected failures), else Hörmann's transformed rejection with squeeze,
 * BTRS (W. Hörmann, "The generation of binomial random variates", Journal of Statistical
 * Computation and Simulation 46, 1993), whose acceptance test uses the exact log-factorials through
 * the Stirling series. Both use p at most 1/2 and mirror the count for larger p. The number of
 * uniforms drawn depends only on the stream, n and p, so a seeded stream gives the same counts on
 * every run.
 */
public final class Binomial {
  private Binomial() {}

  /** A draw of B(n, p) from {@code random}. */
  public static long sample(RandomStream random, long n, double p) {
    check(n, p);
    if (n == 0 || p == 0) {
      return 0;
    }
    if (p == 1) {
      return n;
    }
    if (p > 0.5) {
      return n - sample(random, n, 1 - p);
    }
    if (n * p < 10) {
      return inversion(random, n, p);
    }
    return btrs(random, n, p);
  }

  /** Counts geometric waiting times until they pass n: the number that fit is B(n, p). */
  private static long inversion(RandomStream random, long n, double p) {
    double logQ = Math.log1p(-p);
    long sum = 0;
    long k = 0;
    while (true) {
      // trials up to and including the next failure, geometric on 1, 2, ...
      double g = Math.ceil(Math.log(random.nextOpenDouble()) / logQ);
      if (g < 1) {
        g = 1;
      }
      sum += (long) Math.min(g, (double) n + 1);
      if (sum > n) {
        return k;
      }
      k++;
    }
  }

  /** Hörmann's BTRS, for p <= 1/2 and n·p >= 10. */
  private static long btrs(RandomStream random, long n, double p) {
    double spq = Math.sqrt(n * p * (1 - p));
    double b = 1.15 + 2.53 * spq;
    double a = -0.0873 + 0.0248 * b + 0.01 * p;
    double c = n * p + 0.5;
    double vr = 0.92 - 4.2 / b;
    double r = p / (1 - p);
    double alpha = (2.83 + 5.1 / b) * spq;
    double m = Math.floor((n + 1) * p);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      double k = Math.floor((2 * a / us + b) * u + c);
      if (us >= 0.07 && v <= vr) {
        return (long) k;
      }
      if (k < 0 || k > n) {
        continue;
      }
      double lhs = Math.log(v * alpha / (a / (us * us) + b));
      double rhs = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1)))
          + (n + 1) * Math.log((n - m + 1) / (n - k + 1))
          + (k + 0.5) * Math.log(r * (n - k + 1) / (k + 1))
          + stirlingTail(m) + stirlingTail(n - m) - stirlingTail(k) - stirlingTail(n - k);
      if (lhs <= rhs) {
        return (long) k;
      }
    }
  }

  /** log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2]: the Stirling series' remainder. */
  static double stirlingTail(double k) {
    if (k <= 9) {
      return STIRLING_TAIL[(int) k];
    }
    double kp1sq = (k + 1) * (k + 1);
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
  }

  private static final double[] STIRLING_TAIL = {
    0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
    0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
    0.00925546218271273, 0.00833056343336287
  };

  // --- exact probabilities -----------------------------------------------------------------------

  /** P(K = k). */
  public static double pmf(long n, double p, long k) {
    check(n, p);
    if (k < 0 || k > n) {
      return 0;
    }
    if (p == 0) {
      return k == 0 ? 1 : 0;
    }
    if (p == 1) {
      return k == n ? 1 : 0;
    }
    return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }

  /** P(K <= k), summed from the nearer tail so that small tail probabilities keep their digits. */
  public static double cdf(long n, double p, long k) {
    check(n, p);
    if (k < 0) {
      return 0;
    }
    if (k >= n) {
      return 1;
    }
    if (k <= n * p) {
      double s = 0;
      for (long j = k; j >= 0; j--) {
        double t = pmf(n, p, j);
        s += t;
        if (t < s * 1e-17 && j < n * p) {
          break;
        }
      }
      return Math.min(1, s);
    }
    return Math.max(0, 1 - upperTail(n, p, k + 1));
  }

  /** P(K >= k). */
  public static double upperTail(long n, double p, long k) {
    check(n, p);
    if (k <= 0) {
      return 1;
    }
    if (k > n) {
      return 0;
    }
    if (k > n * p) {
      double s = 0;
      for (long j = k; j <= n; j++) {
        double t = pmf(n, p, j);
        s += t;
        if (t < s * 1e-17 && j > n * p) {
          break;
        }
      }
      return Math.min(1, s);
    }
    return Math.max(0, 1 - cdf(n, p, k - 1));
  }

  /** log of n choose k. */
  public static double logChoose(long n, long k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  /** log(n!): exact sums to 256, then the Stirling series with three terms (error below 1e-17 there). */
  public static double logFactorial(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative factorial: " + n);
    }
    if (n < LOG_FACTORIAL.length) {
      return LOG_FACTORIAL[(int) n];
    }
    double x = n;
    return (x + 0.5) * Math.log(x + 1) - (x + 1) + 0.5 * Math.log(2 * Math.PI) + stirlingTail(x);
  }

  private static final double[] LOG_FACTORIAL = new double[257];

  static {
    double s = 0;
    for (int i = 1; i < LOG_FACTORIAL.length; i++) {
      s += Math.log(i);
      LOG_FACTORIAL[i] = s;
    }
  }

  private static void check(long n, double p) {
    if (n < 0) {
      throw new IllegalArgumentException("trials must be >= 0, got " + n);
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
    }
  }
}
