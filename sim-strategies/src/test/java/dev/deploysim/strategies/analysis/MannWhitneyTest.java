package dev.deploysim.strategies.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {

  @Test
  void separatedSamplesByHand() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {6, 7, 8, 9, 10};
    // no x exceeds a y: U = 0. The 25 differences x - y run from -9 (once) to -1 (once), -5 five
    // times in the middle: the Hodges-Lehmann estimate is -5.
    // At 90%: z = 1.6449, sigma_U = sqrt(5 * 5 * 11 / 12) = 4.7871, k = floor(12.5 - 7.874) = 4;
    // sorted differences: -9, -8 -8, -7 -7 -7, ... so the 4th smallest is -7 and the 4th largest -3.
    MannWhitney.Result r = MannWhitney.test(x, y, 0.90);
    assertEquals(0, r.u());
    assertEquals(-5, r.estimate());
    assertEquals(-7, r.lower());
    assertEquals(-3, r.upper());
  }

  @Test
  void tooFewPointsForTheConfidenceGiveAnUnboundedInterval() {
    // m = n = 2: sigma_U = sqrt(4 * 5 / 12) = 1.291; at 98% z = 2.326: k = floor(2 - 3.0) < 1
    MannWhitney.Result r = MannWhitney.test(new double[] {1, 2}, new double[] {3, 4}, 0.98);
    assertEquals(Double.NEGATIVE_INFINITY, r.lower());
    assertEquals(Double.POSITIVE_INFINITY, r.upper());
  }

  @Test
  void tiesCountHalfAndShrinkTheVariance() {
    double[] x = {1, 1, 2};
    double[] y = {1, 2, 2};
    // pairs x > y: (2,1) once; ties: (1,1) twice, (2,2) twice -> U = 1 + 4 / 2 = 3
    assertEquals(3, MannWhitney.test(x, y, 0.9).u());
    // N = 6, tie groups of 3 and 3: sum(t^3 - t) = 48; Var = 9 / 12 * (7 - 48 / 30) = 4.05
    assertEquals(4.05, MannWhitney.varianceOfU(x, y), 1e-12);
  }
}
