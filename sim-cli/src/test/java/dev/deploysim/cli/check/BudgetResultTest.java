package dev.deploysim.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.cli.check.BudgetResult.Verdict;
import org.junit.jupiter.api.Test;

/** A budget over several runs holds when the share within it is at least the confidence. */
class BudgetResultTest {
  private static BudgetResult tally(Budget b, double limit, double confidence, Double... values) {
    BudgetResult.Tally t = new BudgetResult.Tally(b, limit);
    for (Double v : values) {
      t.add(v);
    }
    return t.result(confidence);
  }

  @Test
  void theShareWithinDecides() {
    // durations 5m, 6m, 7m, 12m against 10m: 3 of 4 within, share 0.75
    Double[] runs = {300.0, 360.0, 420.0, 720.0};
    BudgetResult r = tally(Budget.MAX_DURATION, 600, 0.75, runs);
    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(r.within()).isEqualTo(3);
    assertThat(r.worst()).isEqualTo(720.0);
    assertThat(r.interval()).isEqualTo(Wilson.interval95(3, 4));
    assertThat(r.uncertain()).isTrue();
    assertThat(tally(Budget.MAX_DURATION, 600, 0.8, runs).verdict()).isEqualTo(Verdict.EXCEEDED);
  }

  @Test
  void aMinimumHoldsAtOrAboveItsLimit() {
    BudgetResult r = tally(Budget.MIN_CAPACITY_PERCENT, 75, 1, 75.0, 80.0);
    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(r.worst()).isEqualTo(75.0);
    assertThat(tally(Budget.MIN_CAPACITY_PERCENT, 75, 1, 74.9).verdict()).isEqualTo(Verdict.EXCEEDED);
  }

  @Test
  void aDeploymentThatNeverEndsExceedsAnyDuration() {
    BudgetResult r = tally(Budget.MAX_DURATION, 3600, 1, Double.POSITIVE_INFINITY);
    assertThat(r.verdict()).isEqualTo(Verdict.EXCEEDED);
    assertThat(r.measured()).isEqualTo("did not finish");
  }

  @Test
  void aValueNoRunMeasuresIsNotMeasurable() {
    BudgetResult r = tally(Budget.MAX_LATENCY_P99, 0.8, 1, (Double) null);
    assertThat(r.verdict()).isEqualTo(Verdict.NOT_MEASURABLE);
    assertThat(r.measured()).startsWith("not measurable: the run has no latency model");
  }
}
