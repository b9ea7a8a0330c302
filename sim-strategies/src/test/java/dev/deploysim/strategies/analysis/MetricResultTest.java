package dev.deploysim.strategies.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Argo Rollouts' metric rules (analysis/analysis.go assessMetricStatus; docs/features/analysis.md):
 * Failed when failed > failureLimit, Inconclusive when inconclusive > inconclusiveLimit, Error when
 * consecutive errors > consecutiveErrorLimit, Successful at the count.
 */
class MetricResultTest {

  static MetricSpec metric(Double interval, Integer count, int failureLimit, int inconclusiveLimit, int errors) {
    return new MetricSpec("m", interval, count, 0, 60, Condition.parse("errorRate < 0.01"), null, failureLimit,
        inconclusiveLimit, errors, false, MetricSpec.Of.CANARY, null);
  }

  @Test
  void failureLimitThreeFailsAtTheFourthFailure() {
    // interval 5m, no count, failureLimit 3: the code's reading, Failed at the 4th failed measurement
    MetricResult r = new MetricResult(metric(300.0, null, 3, 0, 4));
    for (int k = 1; k <= 3; k++) {
      r.record(AnalysisPhase.FAILED);
      assertEquals(AnalysisPhase.RUNNING, r.assess(false), "after " + k + " failures");
    }
    r.record(AnalysisPhase.FAILED);
    assertEquals(AnalysisPhase.FAILED, r.assess(false));
  }

  @Test
  void defaultFailureLimitZeroFailsAtTheFirst() {
    MetricResult r = new MetricResult(metric(60.0, 5, 0, 0, 4));
    r.record(AnalysisPhase.SUCCESSFUL);
    assertEquals(AnalysisPhase.RUNNING, r.assess(false));
    r.record(AnalysisPhase.FAILED);
    assertEquals(AnalysisPhase.FAILED, r.assess(false));
  }

  @Test
  void minusOneNeverFails() {
    MetricResult r = new MetricResult(metric(60.0, 3, -1, 0, 4));
    r.record(AnalysisPhase.FAILED);
    r.record(AnalysisPhase.FAILED);
    assertEquals(AnalysisPhase.RUNNING, r.assess(false));
    r.record(AnalysisPhase.FAILED);
    assertEquals(AnalysisPhase.SUCCESSFUL, r.assess(false));
  }

  @Test
  void countReachedIsSuccessfulAndASingleMeasurementWithoutInterval() {
    MetricResult r = new MetricResult(metric(60.0, 3, 1, 0, 4));
    r.record(AnalysisPhase.SUCCESSFUL);
    r.record(AnalysisPhase.FAILED);
    assertEquals(AnalysisPhase.RUNNING, r.assess(false));
    r.record(AnalysisPhase.SUCCESSFUL);
    assertEquals(AnalysisPhase.SUCCESSFUL, r.assess(false));
    MetricResult single = new MetricResult(metric(null, null, 0, 0, 4));
    assertEquals(1, single.spec().effectiveCount());
    assertEquals(AnalysisPhase.PENDING, single.assess(false));
    single.record(AnalysisPhase.SUCCESSFUL);
    assertEquals(AnalysisPhase.SUCCESSFUL, single.assess(false));
  }

  @Test
  void errorsInARowAboveTheLimit() {
    // consecutiveErrorLimit 4 (the default): Error at the 5th error in a row; a success resets the run
    MetricResult r = new MetricResult(metric(60.0, null, 0, 0, 4));
    for (int k = 0; k < 4; k++) {
      r.record(AnalysisPhase.ERROR);
    }
    r.record(AnalysisPhase.SUCCESSFUL);
    for (int k = 0; k < 4; k++) {
      r.record(AnalysisPhase.ERROR);
      assertEquals(AnalysisPhase.RUNNING, r.assess(false));
    }
    r.record(AnalysisPhase.ERROR);
    assertEquals(AnalysisPhase.ERROR, r.assess(false));
  }

  @Test
  void inconclusiveAboveItsLimit() {
    MetricResult r = new MetricResult(metric(60.0, null, 0, 1, 4));
    r.record(AnalysisPhase.INCONCLUSIVE);
    assertEquals(AnalysisPhase.RUNNING, r.assess(false));
    r.record(AnalysisPhase.INCONCLUSIVE);
    assertEquals(AnalysisPhase.INCONCLUSIVE, r.assess(false));
  }

  @Test
  void terminatedIsSuccessfulUnlessALimitWasExceeded() {
    MetricResult open = new MetricResult(metric(60.0, null, 1, 0, 4));
    assertEquals(AnalysisPhase.SUCCESSFUL, open.assess(true));
    open.record(AnalysisPhase.FAILED);
    assertEquals(AnalysisPhase.SUCCESSFUL, open.assess(true));
    open.record(AnalysisPhase.FAILED);
    assertEquals(AnalysisPhase.FAILED, open.assess(true));
  }
}
