package dev.deploysim.engine;

/** Normal and Student-t functions needed by distributions, confidence intervals and tests. */
public final class SpecialFunctions {
  private SpecialFunctions() {}

  /** Standard normal density. */
  public static double phi(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  /** 1 - Phi(x), the upper tail of the standard normal. */
  public static double upperTail(double x) {
    return 0.5 * erfc(x / Math.sqrt(2));
  }

  /** Complementary error function, relative error below 1.2e-7 (Numerical Recipes erfcc). */
  public static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  /**
   * The standard normal quantile Phi^-1(p) for 0 < p < 1: P. J. Acklam's rational approximation
   * (relative error below 1.15e-9; Phi^-1(0.99) = 2.326348, Phi^-1(0.975) = 1.959964).
   */
  public static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("a normal quantile needs 0 < p < 1, got " + p);
    }
    double x;
    if (p < 0.02425) {
      double q = Math.sqrt(-2 * Math.log(p));
      x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
          / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    } else if (p > 1 - 0.02425) {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
          / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    } else {
      double q = p - 0.5;
      double r = q * q;
      x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
          / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
    return x;
  }

  private static final double[] A = {
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
    -3.066479806614716e+01, 2.506628277459239e+00
  };
  private static final double[] B = {
    -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
    -1.328068155288572e+01
  };
  private static final double[] C = {
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
    4.374664141464968e+00, 2.938163982698783e+00
  };
  private static final double[] D = {
    7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
  };

  /**
   * Two-sided Student-t critical value for a 95% interval with {@code df} degrees of freedom
   * (t_{0.975, df}); exact table values to df 30, then interpolation in 1/df towards 1.959964.
   */
  public static double t975(long df) {
    if (df < 1) {
      return Double.NaN;
    }
    if (df <= T975.length) {
      return T975[(int) df - 1];
    }
    // anchors: df 30, 40, 60, 120, infinity
    double[] dfs = {30, 40, 60, 120, Double.POSITIVE_INFINITY};
    double[] ts = {2.042272, 2.021075, 2.000298, 1.979930, 1.959964};
    double x = 1.0 / df;
    for (int i = 0; i < dfs.length - 1; i++) {
      double x0 = 1.0 / dfs[i];
      double x1 = 1.0 / dfs[i + 1];
      if (x <= x0 && x >= x1) {
        double f = (x - x1) / (x0 - x1);
        return ts[i + 1] + f * (ts[i] - ts[i + 1]);
      }
    }
    return 1.959964;
  }

  private static final double[] T975 = {
    12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157,
    2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922,
    2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831,
    2.048407, 2.045230, 2.042272
  };
}
