package dev.deploysim.strategies.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Binomial;
import dev.deploysim.result.Outcome;
import dev.deploysim.run.Replications;
import dev.deploysim.strategies.PodSystem;
import dev.deploysim.strategies.Strategies;
import org.junit.jupiter.api.Test;

/**
 * How often an analysis catches a bad canary, against the binomial arithmetic of its measurements
 * (docs/platforms/progressive-delivery.md#measurement-noise): with a traffic router, setWeight 10
 * puts one canary pod at 10% of 600 requests/s = 60 requests/s, available at 325 s, when the
 * analysis starts; with initialDelay 1m and a window of 1m the measurement counts exactly 3600
 * requests, K of them failed, K ~ B(3600, p). "errorRate < 0.012" fails when K / 3600 >= 0.012,
 * i.e. K >= 44 (43.2 rounded up). The rollback rate over N replications must lie within three
 * standard errors of the exact probability (the seeds are fixed: the test cannot flake).
 */
class DetectionProbabilityTest {
  static final int N = 400;
  static final long REQUESTS = 60 * 60;
  static final long FAILS_AT = 44;

  private static double rollbackRate(PodSystem system) {
    Replications.Result r = Replications.run(system.scenario(), Strategies.catalog(), N, 2, null);
    return (double) r.aggregate().outcomes().get(Outcome.ROLLED_BACK) / N;
  }

  private static PodSystem canary(double errorRate, String... analysis) {
    return PodSystem.of("argo.canary").seed(11).v2ErrorRate(errorRate).strategy("trafficRouting: alb", "steps:",
        "  - setWeight: 10", "  - analysis:", "      metrics:", "        - name: errors").strategy(analysis)
        .strategy("  - pause: {duration: 1m}");
  }

  @Test
  void oneMeasurementCatchesTheVersionWithTheBinomialTailProbability() {
    // the true rate on the threshold: P(K >= 44) for B(3600, 0.012), mean 43.2
    double p = Binomial.upperTail(REQUESTS, 0.012, FAILS_AT);
    assertThat(p).isBetween(0.4, 0.6);
    double rate = rollbackRate(canary(0.012, "          initialDelay: 1m",
        "          successCondition: \"errorRate < 0.012\""));
    assertThat(rate).isCloseTo(p, org.assertj.core.data.Offset.offset(3 * Math.sqrt(p * (1 - p) / N)));
  }

  @Test
  void twoFailuresOfThreeMeasurements() {
    // interval 1m, count 3, failureLimit 1: three disjoint windows of 3600 requests each; the metric
    // fails when two of three fail: 3 q^2 (1 - q) + q^3 with q = P(K >= 44) for B(3600, 0.011)
    double q = Binomial.upperTail(REQUESTS, 0.011, FAILS_AT);
    double p = 3 * q * q * (1 - q) + q * q * q;
    double rate = rollbackRate(canary(0.011, "          initialDelay: 1m", "          interval: 1m",
        "          count: 3", "          failureLimit: 1", "          successCondition: \"errorRate < 0.012\""));
    assertThat(rate).isCloseTo(p, org.assertj.core.data.Offset.offset(3 * Math.sqrt(p * (1 - p) / N)));
  }
}
