package dev.deploysim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BinomialTest {

  /** pmf by the textbook recurrence P(k+1) = P(k) (n-k)/(k+1) p/(1-p), from P(0) = (1-p)^n. */
  private static double[] recurrence(int n, double p) {
    double[] pmf = new double[n + 1];
    pmf[0] = Math.pow(1 - p, n);
    for (int k = 0; k < n; k++) {
      pmf[k + 1] = pmf[k] * (n - k) / (k + 1) * p / (1 - p);
    }
    return pmf;
  }

  @Test
  void smallCasesByCounting() {
    // 10 fair coins: P(K <= 5) = (1 + 10 + 45 + 120 + 210 + 252) / 1024 = 638 / 1024
    assertEquals(638.0 / 1024, Binomial.cdf(10, 0.5, 5), 1e-12);
    assertEquals(252.0 / 1024, Binomial.pmf(10, 0.5, 5), 1e-12);
    // P(K >= 9) = (10 + 1) / 1024
    assertEquals(11.0 / 1024, Binomial.upperTail(10, 0.5, 9), 1e-12);
    assertEquals(1, Binomial.cdf(3, 0.2, 3));
    assertEquals(0, Binomial.cdf(3, 0.2, -1));
    assertEquals(1, Binomial.pmf(7, 0, 0));
    assertEquals(1, Binomial.pmf(7, 1, 7));
  }

  @Test
  void canaryTailMatchesTheRecurrence() {
    // 1500 requests at 2%: P(K >= 23), the chance a 1.5% error-rate threshold trips
    double[] pmf = recurrence(1500, 0.02);
    double tail = 0;
    for (int k = 23; k <= 1500; k++) {
      tail += pmf[k];
    }
    assertEquals(tail, Binomial.upperTail(1500, 0.02, 23), 1e-9 * tail);
    double head = 0;
    for (int k = 0; k <= 22; k++) {
      head += pmf[k];
    }
    assertEquals(head, Binomial.cdf(1500, 0.02, 22), 1e-9 * head);
    assertEquals(pmf[30], Binomial.pmf(1500, 0.02, 30), 1e-9 * pmf[30]);
  }

  @Test
  void logFactorialAcrossTheTableEdge() {
    double s = 0;
    for (int i = 1; i <= 400; i++) {
      s += Math.log(i);
      assertEquals(s, Binomial.logFactorial(i), 1e-9 * s, "log " + i + "!");
    }
  }

  /**
   * Draws from the sampler match the exact distribution: the mean within 4 standard errors, and a
   * chi-square statistic over bins each expecting at least 20 draws below df + 4 sqrt(2 df) (a
   * fixed seed: the check cannot flake). Covers inversion (n p < 10), BTRS and p > 1/2.
   */
  @ParameterizedTest
  @CsvSource({"20, 0.3", "300, 0.01", "1500, 0.02", "1000, 0.5", "100, 0.9", "100000, 0.004"})
  void samplerMatchesTheDistribution(int n, double p) {
    RandomStream r = new RandomStream(12345);
    int draws = 40_000;
    long[] counts = new long[n + 1];
    double sum = 0;
    for (int i = 0; i < draws; i++) {
      long k = Binomial.sample(r, n, p);
      assertTrue(k >= 0 && k <= n);
      counts[(int) k]++;
      sum += k;
    }
    double mean = sum / draws;
    double se = Math.sqrt(n * p * (1 - p) / draws);
    assertEquals(n * p, mean, 4 * se, "mean");
    // bins from the left, each closed once it expects 20 draws and what is left expects 20 too
    double[] pmf = new double[n + 1];
    for (int k = 0; k <= n; k++) {
      pmf[k] = Binomial.pmf(n, p, k);
    }
    double[] above = new double[n + 2];
    for (int k = n; k >= 0; k--) {
      above[k] = above[k + 1] + pmf[k];
    }
    double chi2 = 0;
    int df = -1;
    double expected = 0;
    long observed = 0;
    for (int k = 0; k <= n; k++) {
      expected += draws * pmf[k];
      observed += counts[k];
      if (expected >= 20 && draws * above[k + 1] >= 20) {
        chi2 += (observed - expected) * (observed - expected) / expected;
        df++;
        expected = 0;
        observed = 0;
      }
    }
    if (expected > 0) {
      chi2 += (observed - expected) * (observed - expected) / expected;
      df++;
    }
    assertTrue(df >= 1, "bins");
    assertTrue(chi2 < df + 4 * Math.sqrt(2.0 * df), "chi-square " + chi2 + " with " + df + " degrees of freedom");
  }

  @Test
  void sameStreamSameCounts() {
    RandomStream a = new RandomStream(7);
    RandomStream b = new RandomStream(7);
    for (int i = 0; i < 100; i++) {
      assertEquals(Binomial.sample(a, 5000, 0.013), Binomial.sample(b, 5000, 0.013));
    }
  }

  @Test
  void refusesNonsense() {
    RandomStream r = new RandomStream(1);
    assertThrows(IllegalArgumentException.class, () -> Binomial.sample(r, -1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Binomial.sample(r, 10, 1.5));
    assertThrows(IllegalArgumentException.class, () -> Binomial.pmf(10, Double.NaN, 1));
  }

  @Test
  void normalQuantileAgainstTables() {
    // standard normal table: z 0.975 = 1.959964, z 0.99 = 2.326348, z 0.999 = 3.090232
    assertEquals(1.959964, SpecialFunctions.normalQuantile(0.975), 1e-6);
    assertEquals(2.326348, SpecialFunctions.normalQuantile(0.99), 1e-6);
    assertEquals(-3.090232, SpecialFunctions.normalQuantile(0.001), 1e-6);
    assertEquals(0, SpecialFunctions.normalQuantile(0.5), 1e-12);
  }
}
