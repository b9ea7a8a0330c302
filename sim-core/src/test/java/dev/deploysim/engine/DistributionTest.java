package dev.deploysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Each distribution against mathematics: the exact mean()/variance() against closed forms written
 * here, and the sample moments of 200,000 draws against mean()/variance() within 5 standard errors.
 *
 * <p>Standard errors: the sample mean has SE sqrt(var / n); the sample variance s^2 has
 * Var(s^2) = (mu4 - var^2 (n - 3) / (n - 1)) / n, where mu4 is the fourth central moment, which is
 * known in closed form for every distribution here (written out per case). For a test statistic
 * that is asymptotically normal, 5 SE is exceeded with probability about 6e-7; the seeds are fixed,
 * so the outcome is deterministic anyway.
 */
class DistributionTest {

  private static final int N = 200_000;
  private static final double K = 5; // standard errors allowed

  private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

  /** Standard normal density, written out here rather than taken from SpecialFunctions. */
  private static double density(double x) {
    return Math.exp(-x * x / 2) / SQRT_2PI;
  }

  // Standard normal tail areas from tables (Abramowitz and Stegun 26.2; R: pnorm(-x)).
  private static final double Q1 = 0.15865525393145707; // 1 - Phi(1)
  private static final double Q4 = 3.1671241833119863e-05; // 1 - Phi(4)
  private static final double Q6 = 9.865876450376946e-10; // 1 - Phi(6)

  private static double[] sample(Distribution d, long seed) {
    RandomStream r = new RandomStream(seed);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = d.sample(r);
    }
    return x;
  }

  /**
   * Checks min/max, sample mean and sample variance of N draws against d's own mean(), variance(),
   * min(), max(), given the exact fourth central moment mu4.
   */
  private static double[] checkSample(Distribution d, double mu4, long seed) {
    double[] x = sample(d, seed);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (double v : x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
    }
    double mean = sum / N;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double var = ss / (N - 1);

    assertThat(lo).as("%s: smallest draw", d).isGreaterThanOrEqualTo(d.min());
    assertThat(hi).as("%s: largest draw", d).isLessThanOrEqualTo(d.max());

    double seMean = Math.sqrt(d.variance() / N);
    assertThat(Math.abs(mean - d.mean()))
        .as("%s: sample mean %f vs mean() %f (SE %g)", d, mean, d.mean(), seMean)
        .isLessThanOrEqualTo(K * seMean);

    double v2 = d.variance() * d.variance();
    double seVar = Math.sqrt((mu4 - v2 * (N - 3.0) / (N - 1.0)) / N);
    assertThat(Math.abs(var - d.variance()))
        .as("%s: sample variance %f vs variance() %f (SE %g)", d, var, d.variance(), seVar)
        .isLessThanOrEqualTo(K * seVar);
    return x;
  }

  @Test
  void constant() {
    Distribution d = Distribution.constant(5);
    assertThat(d.mean()).isEqualTo(5);
    assertThat(d.variance()).isZero();
    assertThat(d.min()).isEqualTo(5);
    assertThat(d.max()).isEqualTo(5);
    RandomStream r = new RandomStream(1);
    for (int i = 0; i < 100; i++) {
      assertThat(d.sample(r)).isEqualTo(5);
    }
  }

  @Test
  void uniform() {
    Distribution d = new Distribution.Uniform(20, 40);
    // mean (a + b) / 2 = 30; variance w^2 / 12 = 400 / 12; mu4 = w^4 / 80 = 160000 / 80 = 2000.
    assertThat(d.mean()).isEqualTo(30);
    assertThat(d.variance()).isCloseTo(400.0 / 12, within(1e-12));
    assertThat(d.min()).isEqualTo(20);
    assertThat(d.max()).isEqualTo(40);
    checkSample(d, 2000, 101);
  }

  @Test
  void exponential() {
    Distribution d = new Distribution.Exponential(30);
    // mean m, variance m^2, mu4 = 9 m^4 (excess kurtosis 6).
    assertThat(d.mean()).isEqualTo(30);
    assertThat(d.variance()).isEqualTo(900);
    assertThat(d.min()).isZero();
    assertThat(d.max()).isInfinite();
    double[] x = checkSample(d, 9 * Math.pow(30, 4), 102);
    // Memorylessness in distribution: P(X > m) = e^-1; binomial SE sqrt(p (1 - p) / n).
    long above = Arrays.stream(x).filter(v -> v > 30).count();
    double p = Math.exp(-1);
    assertThat(Math.abs((double) above / N - p)).isLessThan(K * Math.sqrt(p * (1 - p) / N));
  }

  /**
   * Raw moments E[Z^k | Z > a], k = 0..4, of the standard normal truncated below at a, by the
   * recursion m_k = a^(k-1) lambda + (k - 1) m_(k-2) (integration by parts of z^(k-1) z phi(z)),
   * with lambda = phi(a) / (1 - Phi(a)).
   */
  private static double[] truncatedMoments(double a, double lambda) {
    double[] m = new double[5];
    m[0] = 1;
    m[1] = lambda;
    for (int k = 2; k <= 4; k++) {
      m[k] = Math.pow(a, k - 1) * lambda + (k - 1) * m[k - 2];
    }
    return m;
  }

  /** Fourth central moment of mu + sigma Z, Z truncated below at a. */
  private static double truncatedMu4(double sigma, double a, double lambda) {
    double[] m = truncatedMoments(a, lambda);
    double c = m[1];
    double c4 = m[4] - 4 * c * m[3] + 6 * c * c * m[2] - 3 * c * c * c * c;
    return Math.pow(sigma, 4) * c4;
  }

  @Test
  void normalBarelyTruncatedIsTheNormal() {
    // mean 60 s, sd 10 s: alpha = -6, the mass below 0 is 1 - Phi(6) ~ 1e-9, so this is N(60, 10^2)
    // to 1e-6: mean ~ 60 + 10 phi(6) / Phi(6) = 60 + 6e-8, variance ~ 100, mu4 = 3 sigma^4.
    Distribution d = new Distribution.Normal(60, 10);
    assertThat(d.mean()).isCloseTo(60, within(1e-6));
    assertThat(d.variance()).isCloseTo(100, within(1e-5));
    assertThat(d.min()).isZero();
    assertThat(d.max()).isInfinite();
    double lambda = density(6) / (1 - Q6);
    assertThat(d.mean()).isCloseTo(60 + 10 * lambda, within(1e-9));
    checkSample(d, 3 * Math.pow(10, 4), 103);
  }

  @Test
  void normalHeavilyTruncatedMatchesTheTruncatedNormalFormula() {
    // mean 10 s, sd 10 s: a = (0 - mu) / sigma = -1, 1 - Phi(a) = Phi(1) = 1 - Q1.
    // lambda = phi(-1) / Phi(1) = 0.2419707245 / 0.8413447461 = 0.2875999709.
    // mean = mu + sigma lambda = 10 + 10 * 0.2876 = 12.876;
    // variance = sigma^2 (1 + a lambda - lambda^2) = 100 (1 - 0.2876 - 0.0827137) = 62.97.
    double mu = 10;
    double sigma = 10;
    double a = -1;
    double lambda = density(a) / (1 - Q1);
    assertThat(lambda).isCloseTo(0.2875999709, within(1e-9));
    Distribution d = new Distribution.Normal(mu, sigma);
    assertThat(d.mean()).isCloseTo(mu + sigma * lambda, within(1e-5));
    assertThat(d.mean()).isCloseTo(12.876, within(1e-3));
    assertThat(d.variance())
        .isCloseTo(sigma * sigma * (1 + a * lambda - lambda * lambda), within(1e-4));
    double[] x = checkSample(d, truncatedMu4(sigma, a, lambda), 104);
    assertThat(Arrays.stream(x).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void normalTruncatedAtItsMeanIsTheHalfNormal() {
    // mu = 0: the half-normal, mean sigma sqrt(2 / pi), variance sigma^2 (1 - 2 / pi).
    double sigma = 10;
    Distribution d = new Distribution.Normal(0, sigma);
    assertThat(d.mean()).isCloseTo(sigma * Math.sqrt(2 / Math.PI), within(1e-5));
    assertThat(d.variance()).isCloseTo(sigma * sigma * (1 - 2 / Math.PI), within(1e-4));
    checkSample(d, truncatedMu4(sigma, 0, density(0) / 0.5), 105);
  }

  @Test
  void normalWithMostMassBelowZeroSamplesQuicklyAndCorrectly() {
    // mu = -20, sigma = 5: a = 4, only 1 - Phi(4) = 3.17e-5 of the mass is above 0, so plain
    // redrawing would need about 31,600 normals per value.
    // lambda = phi(4) / Q(4) = 1.3383023e-4 / 3.1671242e-5 = 4.2256; mean = -20 + 5 * 4.2256 = 1.128.
    double mu = -20;
    double sigma = 5;
    double a = 4;
    double lambda = density(a) / Q4;
    assertThat(lambda).isCloseTo(4.22560, within(1e-4));
    Distribution d = new Distribution.Normal(mu, sigma);
    assertThat(d.mean()).isCloseTo(mu + sigma * lambda, within(1e-5));
    // 1 + a lambda - lambda^2 = 1 + 16.90 - 17.86 = 0.047 cancels about 390-fold, so erfc's
    // relative error of 1e-7 becomes about 4e-5 in the variance: allow 1e-4 relative.
    double variance = sigma * sigma * (1 + a * lambda - lambda * lambda);
    assertThat(d.variance()).isCloseTo(variance, within(1e-4 * variance));
    checkSample(d, truncatedMu4(sigma, a, lambda), 106);

    // Near the constructor's limit (mu / sigma = -7.5) sampling still terminates promptly and the
    // mean matches the asymptotic Mills ratio lambda(a) ~ a + 1/a - 2/a^3 + 10/a^5.
    Distribution far = new Distribution.Normal(-15, 2);
    double af = 7.5;
    double lambdaF = af + 1 / af - 2 / Math.pow(af, 3) + 10 / Math.pow(af, 5);
    assertThat(far.mean()).isCloseTo(-15 + 2 * lambdaF, within(2e-3));
    RandomStream r = new RandomStream(107);
    double sum = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      double v = far.sample(r);
      assertThat(v).isGreaterThanOrEqualTo(0.0);
      sum += v;
    }
    assertThat(Math.abs(sum / n - far.mean())).isLessThan(K * Math.sqrt(far.variance() / n));
  }

  @Test
  void normalWithZeroSdIsConstant() {
    Distribution d = new Distribution.Normal(7, 0);
    assertThat(d.mean()).isEqualTo(7);
    assertThat(d.variance()).isZero();
    assertThat(d.min()).isEqualTo(7);
    assertThat(d.max()).isEqualTo(7);
    assertThat(d.sample(new RandomStream(1))).isEqualTo(7);
  }

  @Test
  void logNormal() {
    double median = 45;
    double p95 = 90;
    Distribution.LogNormal d = new Distribution.LogNormal(median, p95);
    // mu = ln(median); sigma = ln(p95 / median) / z_0.95 with z_0.95 = 1.6448536269514722.
    double mu = Math.log(45);
    double s = Math.log(2) / 1.6448536269514722;
    assertThat(d.mu()).isCloseTo(mu, within(1e-12));
    assertThat(d.sigma()).isCloseTo(s, within(1e-12));
    double s2 = s * s;
    // mean e^(mu + s^2/2); variance (e^(s^2) - 1) e^(2 mu + s^2);
    // mu4 = variance^2 (e^(4 s^2) + 2 e^(3 s^2) + 3 e^(2 s^2) - 3) (kurtosis).
    double mean = 45 * Math.exp(s2 / 2);
    double var = (Math.exp(s2) - 1) * 45 * 45 * Math.exp(s2);
    assertThat(d.mean()).isCloseTo(mean, within(1e-9));
    assertThat(d.variance()).isCloseTo(var, within(1e-9));
    assertThat(d.min()).isZero();
    assertThat(d.max()).isInfinite();
    double mu4 = var * var * (Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3);
    double[] x = checkSample(d, mu4, 108);

    // Sample quantiles: SE(q_p) = sqrt(p (1 - p) / n) / f(x_p), with the lognormal density
    // f(x) = phi((ln x - mu) / s) / (x s).
    Arrays.sort(x);
    double sampleMedian = x[(N - 1) / 2];
    double sampleP95 = x[(int) Math.round(0.95 * (N - 1))];
    double seMedian = Math.sqrt(0.25 / N) / (density(0) / (median * s));
    double seP95 = Math.sqrt(0.95 * 0.05 / N) / (density(1.6448536269514722) / (p95 * s));
    // about 0.053 s and 0.18 s
    assertThat(Math.abs(sampleMedian - median)).isLessThan(K * seMedian);
    assertThat(Math.abs(sampleP95 - p95)).isLessThan(K * seP95);
    assertThat(x[0]).isGreaterThan(0.0);
  }

  @Test
  void triangular() {
    // mean (a + c + b) / 3 = 110 / 3; variance (a^2 + b^2 + c^2 - ab - ac - bc) / 18
    // = (400 + 900 + 3600 - 600 - 1200 - 1800) / 18 = 1300 / 18; every triangular distribution has
    // excess kurtosis -3/5, so mu4 = (3 - 0.6) variance^2 = 2.4 variance^2.
    Distribution d = new Distribution.Triangular(20, 30, 60);
    assertThat(d.mean()).isCloseTo(110.0 / 3, within(1e-12));
    assertThat(d.variance()).isCloseTo(1300.0 / 18, within(1e-12));
    assertThat(d.min()).isEqualTo(20);
    assertThat(d.max()).isEqualTo(60);
    double[] x = checkSample(d, 2.4 * Math.pow(1300.0 / 18, 2), 109);
    // P(X < mode) = (c - a) / (b - a) = 10 / 40 = 0.25.
    long below = Arrays.stream(x).filter(v -> v < 30).count();
    assertThat(Math.abs((double) below / N - 0.25)).isLessThan(K * Math.sqrt(0.25 * 0.75 / N));

    // Degenerate sides: mode at either end. (0, 0, 10): mean 10/3, variance 100/18;
    // (0, 10, 10): mean 20/3, variance 100/18.
    Distribution left = new Distribution.Triangular(0, 0, 10);
    Distribution right = new Distribution.Triangular(0, 10, 10);
    assertThat(left.mean()).isCloseTo(10.0 / 3, within(1e-12));
    assertThat(right.mean()).isCloseTo(20.0 / 3, within(1e-12));
    assertThat(left.variance()).isCloseTo(100.0 / 18, within(1e-12));
    assertThat(right.variance()).isCloseTo(100.0 / 18, within(1e-12));
    checkSample(left, 2.4 * Math.pow(100.0 / 18, 2), 110);
    checkSample(right, 2.4 * Math.pow(100.0 / 18, 2), 111);
  }

  @Test
  void invalidParametersAreRejected() {
    assertThatThrownBy(() -> new Distribution.Uniform(40, 20))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Distribution.Exponential(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Distribution.Normal(10, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Distribution.Normal(-90, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Distribution.LogNormal(90, 45))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Distribution.Triangular(20, 10, 60))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Distribution.Triangular(5, 5, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Distribution.constant(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void describeRendersTheScenarioSyntax() {
    // The spellings of docs/scenario-format.md#distributions, with durations in Durations.format's
    // canonical form.
    assertThat(new Distribution.Uniform(20, 40).describe()).isEqualTo("{uniform: [20s, 40s]}");
    assertThat(new Distribution.Exponential(30).describe())
        .isEqualTo("{exponential: {mean: 30s}}");
    assertThat(new Distribution.Normal(45, 10).describe())
        .isEqualTo("{normal: {mean: 45s, sd: 10s}}");
    assertThat(new Distribution.Normal(60, 10).describe())
        .isEqualTo("{normal: {mean: 1m, sd: 10s}}");
    assertThat(new Distribution.LogNormal(45, 90).describe())
        .isEqualTo("{lognormal: {median: 45s, p95: 1m30s}}");
    assertThat(new Distribution.Triangular(20, 30, 60).describe())
        .isEqualTo("{triangular: [20s, 30s, 1m]}");
    assertThat(Distribution.constant(0.25).describe()).isEqualTo("250ms");
  }

  @Test
  void describeIsValidYamlThatReadsBackToTheSameParameters() {
    Load yaml = new Load(LoadSettings.builder().build());
    List<Distribution> all =
        List.of(
            new Distribution.Uniform(0.5, 90),
            new Distribution.Exponential(1.5),
            new Distribution.Normal(3600, 250),
            new Distribution.LogNormal(40, 5400),
            new Distribution.Triangular(0, 0.25, 7200));
    for (Distribution d : all) {
      Object parsed = yaml.loadFromString(d.describe());
      assertThat(parsed).as(d.describe()).isInstanceOf(Map.class);
      Map<?, ?> map = (Map<?, ?>) parsed;
      assertThat(map).hasSize(1);
      Object body = map.values().iterator().next();
      double[] params;
      if (body instanceof List<?> list) {
        params = list.stream().mapToDouble(o -> dev.deploysim.format.ScalarSyntax.parseDuration(o.toString())).toArray();
      } else {
        params =
            ((Map<?, ?>) body)
                .values().stream().mapToDouble(o -> dev.deploysim.format.ScalarSyntax.parseDuration(o.toString())).toArray();
      }
      double[] expected;
      if (d instanceof Distribution.Uniform u) {
        expected = new double[] {u.low(), u.high()};
      } else if (d instanceof Distribution.Exponential e) {
        expected = new double[] {e.meanValue()};
      } else if (d instanceof Distribution.Normal n) {
        expected = new double[] {n.mu(), n.sigma()};
      } else if (d instanceof Distribution.LogNormal l) {
        expected = new double[] {l.median(), l.p95()};
      } else {
        Distribution.Triangular t = (Distribution.Triangular) d;
        expected = new double[] {t.low(), t.mode(), t.high()};
      }
      assertThat(map.keySet().iterator().next())
          .isEqualTo(d.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
      assertThat(params).as(d.describe()).containsExactly(expected, within(1e-9));
    }
  }
}
