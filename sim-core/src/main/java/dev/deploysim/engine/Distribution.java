package dev.deploysim.engine;

/**
 * A distribution of non-negative durations (seconds) or other quantities.
 *
 * <p>Every variant knows its exact mean and variance so tests can check sampled moments against
 * them, and {@link #describe()} renders it in the scenario syntax.
 */
public sealed interface Distribution
    permits Distribution.Constant, Distribution.Normal, Distribution.Bounded, Distribution.Unbounded {

  double sample(RandomStream random);

  double mean();

  double variance();

  /** Smallest value the distribution can produce. */
  double min();

  /** Largest value the distribution can produce (may be infinite). */
  double max();

  /** P(X <= x), the cumulative distribution function. */
  double cdf(double x);

  /** The scenario-file spelling, e.g. {@code {uniform: [20s, 40s]}}. */
  String describe();

  static Distribution constant(double value) {
    return new Constant(value);
  }

  /** A fixed value. */
  record Constant(double value) implements Distribution {
    public Constant {
      requireFinite(value, "value");
    }

    @Override
    public double sample(RandomStream random) {
      return value;
    }

    @Override
    public double mean() {
      return value;
    }

    @Override
    public double variance() {
      return 0;
    }

    @Override
    public double min() {
      return value;
    }

    @Override
    public double max() {
      return value;
    }

    @Override
    public double cdf(double x) {
      return x >= value ? 1 : 0;
    }

    @Override
    public String describe() {
      return Durations.format(value);
    }
  }

  /** A distribution over a closed interval [low, high]: its least and greatest values are the bounds. */
  sealed interface Bounded extends Distribution permits Uniform, Triangular {
    double low();

    double high();

    @Override
    default double min() {
      return low();
    }

    @Override
    default double max() {
      return high();
    }
  }

  /** A distribution of positive values without an upper bound (exponential, log-normal). */
  sealed interface Unbounded extends Distribution permits Exponential, LogNormal {
    @Override
    default double min() {
      return 0;
    }

    @Override
    default double max() {
      return Double.POSITIVE_INFINITY;
    }
  }

  /** Uniform over [low, high]. */
  record Uniform(double low, double high) implements Bounded {
    public Uniform {
      requireFinite(low, "low");
      requireFinite(high, "high");
      if (high < low) {
        throw new IllegalArgumentException("uniform: high < low");
      }
    }

    @Override
    public double sample(RandomStream random) {
      return low + (high - low) * random.nextDouble();
    }

    @Override
    public double mean() {
      return (low + high) / 2;
    }

    @Override
    public double variance() {
      double w = high - low;
      return w * w / 12;
    }

    @Override
    public double cdf(double x) {
      return x <= low ? 0 : x >= high ? 1 : (x - low) / (high - low);
    }

    @Override
    public String describe() {
      return "{uniform: [" + Durations.format(low) + ", " + Durations.format(high) + "]}";
    }
  }

  /** Exponential with the given mean. */
  record Exponential(double meanValue) implements Unbounded {
    public Exponential {
      if (!(meanValue > 0) || Double.isInfinite(meanValue)) {
        throw new IllegalArgumentException("exponential: mean must be > 0");
      }
    }

    @Override
    public double sample(RandomStream random) {
      return random.exponential(meanValue);
    }

    @Override
    public double mean() {
      return meanValue;
    }

    @Override
    public double variance() {
      return meanValue * meanValue;
    }

    @Override
    public double cdf(double x) {
      return x <= 0 ? 0 : -Math.expm1(-x / meanValue);
    }

    @Override
    public String describe() {
      return "{exponential: {mean: " + Durations.format(meanValue) + "}}";
    }
  }

  /**
   * Normal with parameters mu and sigma, truncated at 0 (negative draws are redrawn), so
   * {@link #mean()} is the mean of the truncated distribution.
   */
  record Normal(double mu, double sigma) implements Distribution {
    public Normal {
      requireFinite(mu, "mean");
      if (!(sigma >= 0) || Double.isInfinite(sigma)) {
        throw new IllegalArgumentException("normal: sd must be >= 0");
      }
      if (sigma == 0 && mu < 0) {
        throw new IllegalArgumentException("normal: a negative mean with sd 0 has no non-negative values");
      }
      if (sigma > 0 && mu / sigma < -8) {
        throw new IllegalArgumentException("normal: almost all the mass is below 0; raise the mean");
      }
    }

    @Override
    public double sample(RandomStream random) {
      if (sigma == 0) {
        return mu;
      }
      double a = alpha();
      if (a > 1) {
        // Less than 16% of the mass is above 0: redrawing would take 1 / (1 - Phi(a)) normals per
        // value (740 at a = 3, 3.5 million at a = 5), so use Robert's (1995) exponential
        // rejection sampler for the tail Z > a, which accepts more than 70% of its proposals.
        double lambda = (a + Math.sqrt(a * a + 4)) / 2;
        while (true) {
          double z = a + random.exponential(1 / lambda);
          double d = z - lambda;
          if (random.nextDouble() < Math.exp(-0.5 * d * d)) {
            return Math.max(0, mu + sigma * z);
          }
        }
      }
      double x;
      do {
        x = mu + sigma * random.standardNormal();
      } while (x < 0);
      return x;
    }

    private double alpha() {
      return -mu / sigma;
    }

    /** Inverse Mills ratio lambda(alpha) = phi(alpha) / (1 - Phi(alpha)). */
    private double lambda() {
      double a = alpha();
      return SpecialFunctions.phi(a) / SpecialFunctions.upperTail(a);
    }

    @Override
    public double mean() {
      return sigma == 0 ? mu : mu + sigma * lambda();
    }

    @Override
    public double variance() {
      if (sigma == 0) {
        return 0;
      }
      double l = lambda();
      double a = alpha();
      return sigma * sigma * (1 + a * l - l * l);
    }

    @Override
    public double min() {
      return Math.max(0, sigma == 0 ? mu : 0);
    }

    @Override
    public double max() {
      return sigma == 0 ? mu : Double.POSITIVE_INFINITY;
    }

    @Override
    public double cdf(double x) {
      if (x < 0) {
        return 0;
      }
      if (sigma == 0) {
        return x >= mu ? 1 : 0;
      }
      // truncated at 0: (Phi(z) - Phi(alpha)) / (1 - Phi(alpha)) = 1 - (1 - Phi(z)) / (1 - Phi(alpha))
      return 1 - SpecialFunctions.upperTail((x - mu) / sigma) / SpecialFunctions.upperTail(alpha());
    }

    @Override
    public String describe() {
      return "{normal: {mean: " + Durations.format(mu) + ", sd: " + Durations.format(sigma) + "}}";
    }
  }

  /** Lognormal given its median and 95th percentile. */
  record LogNormal(double median, double p95) implements Unbounded {
    /** z such that Phi(z) = 0.95. */
    static final double Z95 = 1.6448536269514722;

    public LogNormal {
      if (!(median > 0) || !(p95 > median) || Double.isInfinite(p95)) {
        throw new IllegalArgumentException("lognormal: need 0 < median < p95");
      }
    }

    public double mu() {
      return Math.log(median);
    }

    public double sigma() {
      return (Math.log(p95) - Math.log(median)) / Z95;
    }

    @Override
    public double sample(RandomStream random) {
      return Math.exp(mu() + sigma() * random.standardNormal());
    }

    @Override
    public double mean() {
      double s = sigma();
      return Math.exp(mu() + s * s / 2);
    }

    @Override
    public double variance() {
      double s2 = sigma() * sigma();
      return (Math.exp(s2) - 1) * Math.exp(2 * mu() + s2);
    }

    @Override
    public double cdf(double x) {
      return x <= 0 ? 0 : 1 - SpecialFunctions.upperTail((Math.log(x) - mu()) / sigma());
    }

    @Override
    public String describe() {
      return "{lognormal: {median: " + Durations.format(median) + ", p95: " + Durations.format(p95) + "}}";
    }
  }

  /** Triangular over [low, high] with the given mode. */
  record Triangular(double low, double mode, double high) implements Bounded {
    public Triangular {
      requireFinite(low, "low");
      requireFinite(mode, "mode");
      requireFinite(high, "high");
      if (!(low <= mode && mode <= high) || low == high) {
        throw new IllegalArgumentException("triangular: need low <= mode <= high and low < high");
      }
    }

    @Override
    public double sample(RandomStream random) {
      double u = random.nextDouble();
      double f = (mode - low) / (high - low);
      if (u < f) {
        return low + Math.sqrt(u * (high - low) * (mode - low));
      }
      return high - Math.sqrt((1 - u) * (high - low) * (high - mode));
    }

    @Override
    public double mean() {
      return (low + mode + high) / 3;
    }

    @Override
    public double variance() {
      return (low * low + mode * mode + high * high - low * mode - low * high - mode * high) / 18;
    }

    @Override
    public double cdf(double x) {
      if (x <= low) {
        return 0;
      }
      if (x >= high) {
        return 1;
      }
      double w = high - low;
      return x <= mode ? (x - low) * (x - low) / (w * (mode - low))
          : 1 - (high - x) * (high - x) / (w * (high - mode));
    }

    @Override
    public String describe() {
      return "{triangular: [" + Durations.format(low) + ", " + Durations.format(mode) + ", "
          + Durations.format(high) + "]}";
    }
  }

  private static void requireFinite(double v, String what) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number");
    }
  }
}
