package dev.deploysim.strategies.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Kayenta's classification and scoring rules (kayenta-judge; docs/platforms/progressive-delivery.md). */
class KayentaJudgeTest {

  static KayentaSpec.JudgedMetric metric(MetricKind kind, KayentaSpec.Direction dir, boolean critical) {
    return new KayentaSpec.JudgedMetric(kind, dir, critical, false, 1.0, 1.0);
  }

  static KayentaSpec spec(double pass, double marginal, KayentaSpec.JudgedMetric... metrics) {
    return new KayentaSpec(List.of(metrics), 60, KayentaSpec.Control.BASELINE, 0.98, 0.25, pass, marginal);
  }

  static final double[] LOW = {0.010, 0.012, 0.008, 0.011, 0.009, 0.010, 0.013, 0.007, 0.010, 0.011};
  static final double[] HIGH = {0.030, 0.028, 0.033, 0.029, 0.031, 0.027, 0.032, 0.030, 0.034, 0.026};

  @Test
  void aClearIncreaseIsHighAndAClearDecreaseLow() {
    // every canary point above every control point: U = 100 of 100 pairs, the shift's 98% interval
    // (k = floor(50 - 2.326 sqrt(100 * 21 / 12)) = 19) lies above 0 and above the band
    KayentaJudge.MetricVerdict up = KayentaJudge.classify(metric(MetricKind.ERROR_RATE,
        KayentaSpec.Direction.INCREASE, false), HIGH, LOW, 0.98, 0.25);
    assertEquals(KayentaJudge.Classification.HIGH, up.classification());
    KayentaJudge.MetricVerdict down = KayentaJudge.classify(metric(MetricKind.ERROR_RATE,
        KayentaSpec.Direction.EITHER, false), LOW, HIGH, 0.98, 0.25);
    assertEquals(KayentaJudge.Classification.LOW, down.classification());
    // a decrease of a metric that may only not increase passes
    KayentaJudge.MetricVerdict ok = KayentaJudge.classify(metric(MetricKind.ERROR_RATE,
        KayentaSpec.Direction.INCREASE, false), LOW, HIGH, 0.98, 0.25);
    assertEquals(KayentaJudge.Classification.PASS, ok.classification());
  }

  @Test
  void identicalDataPassesAndEmptyDataIsNodata() {
    assertEquals(KayentaJudge.Classification.PASS, KayentaJudge.classify(metric(MetricKind.ERROR_RATE,
        KayentaSpec.Direction.EITHER, false), LOW, LOW.clone(), 0.98, 0.25).classification());
    assertEquals(KayentaJudge.Classification.NODATA, KayentaJudge.classify(metric(MetricKind.ERROR_RATE,
        KayentaSpec.Direction.EITHER, false), new double[0], LOW, 0.98, 0.25).classification());
  }

  @Test
  void scoreIsTheShareOfPassingMetrics() {
    // two metrics, one High: 100 x 1 / 2 = 50; marginal at 50 <= score < 75
    KayentaSpec s = spec(75, 50, metric(MetricKind.ERROR_RATE, KayentaSpec.Direction.INCREASE, false),
        metric(MetricKind.SUCCESS_RATE, KayentaSpec.Direction.DECREASE, false));
    KayentaJudge.Verdict v = KayentaJudge.judge(s, List.of(HIGH, LOW), List.of(LOW, LOW));
    assertEquals(50, v.score());
    assertEquals(KayentaJudge.Outcome.MARGINAL, v.outcome());
  }

  @Test
  void aCriticalMetricThatDoesNotPassScoresZero() {
    KayentaSpec s = spec(75, 50, metric(MetricKind.ERROR_RATE, KayentaSpec.Direction.INCREASE, true),
        metric(MetricKind.SUCCESS_RATE, KayentaSpec.Direction.DECREASE, false));
    KayentaJudge.Verdict v = KayentaJudge.judge(s, List.of(HIGH, LOW), List.of(LOW, LOW));
    assertEquals(0, v.score());
    assertEquals(KayentaJudge.Outcome.FAIL, v.outcome());
  }

  @Test
  void halfTheMetricsWithoutDataScoreZero() {
    KayentaSpec s = spec(75, 50, metric(MetricKind.ERROR_RATE, KayentaSpec.Direction.INCREASE, false),
        metric(MetricKind.SUCCESS_RATE, KayentaSpec.Direction.DECREASE, false));
    KayentaJudge.Verdict v = KayentaJudge.judge(s, List.of(LOW, new double[0]), List.of(LOW, LOW));
    assertEquals(0, v.score());
    KayentaJudge.Verdict passed = KayentaJudge.judge(spec(75, 50, metric(MetricKind.ERROR_RATE,
        KayentaSpec.Direction.INCREASE, false)), List.of(LOW), List.of(HIGH));
    assertEquals(100, passed.score());
    assertEquals(KayentaJudge.Outcome.PASS, passed.outcome());
  }
}
