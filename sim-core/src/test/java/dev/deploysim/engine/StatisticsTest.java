package dev.deploysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tally, TimeWeighted and SpecialFunctions against hand arithmetic and published tables. */
class StatisticsTest {

  private static Tally tally(double... values) {
    Tally t = new Tally();
    for (double v : values) {
      t.add(v);
    }
    return t;
  }

  // ---------------------------------------------------------------------------------------------
  // Tally
  // ---------------------------------------------------------------------------------------------

  @Test
  void percentilesFollowR7OnAFiveValueSet() {
    // Sorted: 15 20 35 40 50 (added out of order). R-7: h = (n - 1) p = 4 p,
    // Q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]), 0-based.
    Tally t = tally(40, 15, 50, 35, 20);
    assertThat(t.percentile(0)).isEqualTo(15); //    h = 0
    assertThat(t.percentile(5)).isCloseTo(16, within(1e-12)); //   h = 0.2: 15 + 0.2 * 5
    assertThat(t.percentile(25)).isEqualTo(20); //   h = 1
    assertThat(t.percentile(40)).isCloseTo(29, within(1e-12)); //  h = 1.6: 20 + 0.6 * 15
    assertThat(t.percentile(50)).isEqualTo(35); //   h = 2
    assertThat(t.percentile(90)).isCloseTo(46, within(1e-12)); //  h = 3.6: 40 + 0.6 * 10
    assertThat(t.percentile(100)).isEqualTo(50); //  h = 4
    assertThat(t.min()).isEqualTo(15);
    assertThat(t.max()).isEqualTo(50);
  }

  @Test
  void percentilesFollowR7OnAFourValueSet() {
    // 3 6 7 8: h = 3 p. p25: h = 0.75 -> 3 + 0.75 * 3 = 5.25; p50: h = 1.5 -> 6.5;
    // p75: h = 2.25 -> 7.25; p90: h = 2.7 -> 7.7 (R: quantile(c(3, 6, 7, 8), type = 7)).
    Tally t = tally(8, 3, 7, 6);
    assertThat(t.percentile(25)).isCloseTo(5.25, within(1e-12));
    assertThat(t.percentile(50)).isCloseTo(6.5, within(1e-12));
    assertThat(t.percentile(75)).isCloseTo(7.25, within(1e-12));
    assertThat(t.percentile(90)).isCloseTo(7.7, within(1e-12));
  }

  @Test
  void percentilesStayCorrectWhenValuesArriveAfterAQuery() {
    Tally t = tally(5, 1);
    assertThat(t.percentile(50)).isEqualTo(3); // (1 + 5) / 2
    t.add(0);
    t.add(10);
    // 0 1 5 10: p50 at h = 1.5 -> 1 + 0.5 * 4 = 3; p100 = 10; min 0.
    assertThat(t.percentile(50)).isEqualTo(3);
    assertThat(t.max()).isEqualTo(10);
    assertThat(t.min()).isEqualTo(0);
    t.add(-1);
    assertThat(t.min()).isEqualTo(-1);
    // A single value is every percentile.
    assertThat(tally(7).percentile(37)).isEqualTo(7);
  }

  @Test
  void percentilesAreExactOverManyChunksOfValues() {
    // 0, 1, ..., 99,999 added backwards (values span a dozen storage chunks): R-7 gives
    // p5 = 0.05 x 99,999 = 4,999.95 exactly, p50 = 49,999.5, p95 = 94,999.05
    Tally t = new Tally();
    for (int i = 99_999; i >= 0; i--) {
      t.add(i);
    }
    assertThat(t.count()).isEqualTo(100_000);
    assertThat(t.percentile(5)).isCloseTo(4_999.95, within(1e-9));
    assertThat(t.percentile(50)).isCloseTo(49_999.5, within(1e-9));
    assertThat(t.percentile(95)).isCloseTo(94_999.05, within(1e-9));
    assertThat(t.min()).isZero();
    assertThat(t.max()).isEqualTo(99_999);
    assertThat(t.value(0)).isEqualTo(99_999);
    assertThat(t.value(99_999)).isZero();
    // mean (n - 1) / 2
    assertThat(t.mean()).isCloseTo(49_999.5, within(1e-6));
  }

  @Test
  void meanAndVarianceByHand() {
    // 2 4 4 4 5 5 7 9: mean 40 / 8 = 5; squared deviations 9 1 1 1 0 0 4 16 = 32;
    // sample variance 32 / 7, standard deviation sqrt(32 / 7).
    Tally t = tally(2, 4, 4, 4, 5, 5, 7, 9);
    assertThat(t.count()).isEqualTo(8);
    assertThat(t.mean()).isCloseTo(5, within(1e-12));
    assertThat(t.variance()).isCloseTo(32.0 / 7, within(1e-12));
    assertThat(t.stdDev()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
  }

  @Test
  void varianceIsStableForALargeOffset() {
    // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, deviations -6 -3 3 6, sum of squares 90, variance 30.
    // The naive sum-of-squares formula loses every digit here.
    Tally t = tally(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
    assertThat(t.mean()).isCloseTo(1e9 + 10, within(1e-6));
    assertThat(t.variance()).isCloseTo(30, within(1e-6));
  }

  @Test
  void emptyAndSingleValueTallies() {
    Tally empty = new Tally();
    assertThat(empty.count()).isZero();
    assertThat(empty.mean()).isNaN();
    assertThat(empty.percentile(50)).isNaN();
    assertThat(empty.variance()).isZero();
    Tally one = tally(4);
    assertThat(one.mean()).isEqualTo(4);
    assertThat(one.variance()).isZero();
    assertThat(one.ci95HalfWidth()).isZero();
    assertThatThrownBy(() -> one.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> one.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> one.percentile(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ci95UsesStudentTWithNMinusOneDegreesOfFreedom() {
    // 10 12 9 11 13: mean 55 / 5 = 11; deviations -1 1 -2 0 2, sum of squares 10;
    // s^2 = 10 / 4 = 2.5; half-width = t_{0.975, 4} s / sqrt(5) = 2.776445 * sqrt(2.5 / 5)
    // = 2.776445 * 0.7071068 = 1.963243.
    Tally t = tally(10, 12, 9, 11, 13);
    double half = 2.776445 * Math.sqrt(2.5 / 5);
    assertThat(half).isCloseTo(1.963243, within(1e-6));
    assertThat(t.ci95HalfWidth()).isCloseTo(half, within(1e-9));
    Tally.ConfidenceInterval ci = t.ci95();
    assertThat(ci.mean()).isCloseTo(11, within(1e-12));
    assertThat(ci.low()).isCloseTo(11 - half, within(1e-9));
    assertThat(ci.high()).isCloseTo(11 + half, within(1e-9));
    assertThat(ci.halfWidth()).isCloseTo(half, within(1e-9));
    assertThat(ci.level()).isEqualTo(0.95);
    assertThat(ci.contains(11 + half - 1e-6)).isTrue();
    assertThat(ci.contains(11 + half + 1e-6)).isFalse();
    // With the normal 1.96 instead of t the interval would be 29% narrower: make sure it is not.
    assertThat(t.ci95HalfWidth()).isGreaterThan(1.96 * Math.sqrt(2.5 / 5) * 1.4);
  }

  @Test
  void ci95CoversTheTrueMeanAboutNinetyFivePercentOfTheTime() {
    // 2,000 intervals from 20 draws of N(100, 15^2) each. Coverage is Binomial(2000, 0.95)/2000,
    // SE sqrt(0.95 * 0.05 / 2000) = 0.0049, so 93%..97% is about +-4 SE. (Using 1.96 instead of
    // t_{0.975,19} = 2.093 would give about 93.5% coverage, too close to the bound to be caught
    // reliably here; the hand-computed n = 5 case above pins the critical value exactly.)
    RandomStream r = new RandomStream(2718);
    int intervals = 2000;
    int covered = 0;
    for (int k = 0; k < intervals; k++) {
      Tally t = new Tally();
      for (int i = 0; i < 20; i++) {
        t.add(100 + 15 * r.standardNormal());
      }
      if (t.ci95().contains(100)) {
        covered++;
      }
    }
    double coverage = (double) covered / intervals;
    assertThat(coverage).isBetween(0.93, 0.97);
  }

  // ---------------------------------------------------------------------------------------------
  // TimeWeighted
  // ---------------------------------------------------------------------------------------------

  @Test
  void timeWeightedMeanMinMaxOfAStepFunction() {
    // value 2 on [0, 10), 5 on [10, 15), 1 on [15, 30), 3 on [30, 40]:
    // integral = 2*10 + 5*5 + 1*15 + 3*10 = 20 + 25 + 15 + 30 = 90; mean over 40 s = 2.25.
    TimeWeighted w = new TimeWeighted(0, 2);
    w.update(10, 5);
    w.update(15, 1);
    w.update(30, 3);
    assertThat(w.value()).isEqualTo(3);
    assertThat(w.integral(40)).isCloseTo(90, within(1e-12));
    assertThat(w.mean(40)).isCloseTo(90.0 / 40, within(1e-12));
    // up to t = 30: 20 + 25 + 15 = 60; mean 60 / 30 = 2 (querying does not change the state)
    assertThat(w.mean(30)).isCloseTo((20 + 25 + 15) / 30.0, within(1e-12));
    assertThat(w.min()).isEqualTo(1);
    assertThat(w.max()).isEqualTo(5);
    // queries are repeatable
    assertThat(w.mean(40)).isCloseTo(2.25, within(1e-12));
  }

  @Test
  void timeWeightedWithALaterStartAndRepeatedTimes() {
    // Starts at t = 100 with 4; at 100 becomes 6 (the 4 held for no time); at 110 becomes 0;
    // at 110 again becomes 8. Over [100, 130]: 6*10 + 8*20 = 60 + 160 = 220; mean 220 / 30.
    TimeWeighted w = new TimeWeighted(100, 4);
    assertThat(w.mean(100)).isEqualTo(4); // empty span: the current value
    w.update(100, 6);
    w.update(110, 0);
    w.update(110, 8);
    assertThat(w.integral(130)).isCloseTo(220, within(1e-12));
    assertThat(w.mean(130)).isCloseTo(220.0 / 30, within(1e-12));
    assertThat(w.max()).isEqualTo(8);
    assertThat(w.min()).isEqualTo(0);
    assertThatThrownBy(() -> w.update(105, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.mean(105)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // SpecialFunctions
  // ---------------------------------------------------------------------------------------------

  @Test
  void t975MatchesTheTable() {
    // Student-t 0.975 quantiles (e.g. NIST/SEMATECH e-Handbook table 1.3.6.7.2; R: qt(0.975, df)).
    assertThat(SpecialFunctions.t975(1)).isCloseTo(12.706205, within(1e-6));
    assertThat(SpecialFunctions.t975(2)).isCloseTo(4.302653, within(1e-6));
    assertThat(SpecialFunctions.t975(4)).isCloseTo(2.776445, within(1e-6));
    assertThat(SpecialFunctions.t975(10)).isCloseTo(2.228139, within(1e-6));
    assertThat(SpecialFunctions.t975(19)).isCloseTo(2.093024, within(1e-6));
    assertThat(SpecialFunctions.t975(30)).isCloseTo(2.042272, within(1e-6));
    assertThat(SpecialFunctions.t975(40)).isCloseTo(2.021075, within(1e-6));
    assertThat(SpecialFunctions.t975(60)).isCloseTo(2.000298, within(1e-6));
    assertThat(SpecialFunctions.t975(120)).isCloseTo(1.979930, within(1e-6));
    // Between anchors, interpolation in 1/df: within 1e-4 of the exact quantile.
    assertThat(SpecialFunctions.t975(35)).isCloseTo(2.030108, within(1e-4));
    assertThat(SpecialFunctions.t975(50)).isCloseTo(2.008559, within(1e-4));
    assertThat(SpecialFunctions.t975(100)).isCloseTo(1.983972, within(1e-4));
    assertThat(SpecialFunctions.t975(1000)).isCloseTo(1.962339, within(1e-4));
    // Large df: the normal quantile z_0.975 = 1.959964.
    assertThat(SpecialFunctions.t975(1_000_000)).isCloseTo(1.959964, within(1e-5));
    assertThat(SpecialFunctions.t975(Long.MAX_VALUE)).isCloseTo(1.959964, within(1e-6));
    assertThat(SpecialFunctions.t975(0)).isNaN();
  }

  @Test
  void t975DecreasesWithDegreesOfFreedom() {
    double previous = Double.POSITIVE_INFINITY;
    for (long df = 1; df <= 2000; df++) {
      double t = SpecialFunctions.t975(df);
      assertThat(t).as("df %d", df).isLessThanOrEqualTo(previous).isGreaterThan(1.959963);
      previous = t;
    }
  }

  @Test
  void normalFunctionsMatchKnownValues() {
    // phi(0) = 1 / sqrt(2 pi); phi(1) = e^(-1/2) / sqrt(2 pi).
    assertThat(SpecialFunctions.phi(0)).isCloseTo(0.3989422804014327, within(1e-15));
    assertThat(SpecialFunctions.phi(1)).isCloseTo(0.24197072451914337, within(1e-15));
    // erfc table values (A&S 7.1), relative error below the documented 1.2e-7.
    double[][] erfc = {
      {0, 1},
      {0.5, 0.4795001221869535},
      {1, 0.15729920705028513},
      {2, 0.004677734981047266},
      {3, 2.209049699858544e-05},
      {-1, 1.8427007929497148},
    };
    for (double[] e : erfc) {
      assertThat(SpecialFunctions.erfc(e[0])).as("erfc(%s)", e[0])
          .isCloseTo(e[1], within(1.2e-7 * e[1]));
    }
    // Upper tails of the standard normal: 1 - Phi(1.959964) = 0.025, 1 - Phi(1.644854) = 0.05,
    // 1 - Phi(0) = 0.5, 1 - Phi(-1) = Phi(1) = 0.8413447, each to erfc's relative error (the
    // quantiles are given to 1e-6, which moves the tail by under phi(1.96) * 1e-6 = 6e-8 relative
    // for 1.959964 and less than that for the others).
    assertThat(SpecialFunctions.upperTail(1.959964)).isCloseTo(0.025, within(2e-7 * 0.025));
    assertThat(SpecialFunctions.upperTail(1.6448536269514722)).isCloseTo(0.05, within(2e-7 * 0.05));
    assertThat(SpecialFunctions.upperTail(0)).isCloseTo(0.5, within(2e-7 * 0.5));
    assertThat(SpecialFunctions.upperTail(-1))
        .isCloseTo(0.8413447460685429, within(2e-7 * 0.8413447460685429));
  }
}
