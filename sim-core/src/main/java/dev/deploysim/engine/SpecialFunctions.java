package dev.deploysim.engine;

/** Normal and Student-t functions needed by distributions and confidence intervals. */
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
