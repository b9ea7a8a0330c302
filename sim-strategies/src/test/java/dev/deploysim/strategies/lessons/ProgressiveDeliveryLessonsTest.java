package dev.deploysim.strategies.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.engine.Binomial;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.run.Replications;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.Strategies;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The progressive-delivery lessons (scenarios/lessons/README.md, lessons 30 to 33), each claim
 * checked against the rules that make it (docs/platforms/progressive-delivery.md).
 */
class ProgressiveDeliveryLessonsTest {
  static final int N = 300;

  /** The file with the new version's error rate replaced, loaded. */
  static Scenario withV2ErrorRate(String file, String from, String to) {
    String text = Lessons.text(file);
    assertThat(text).contains(from);
    var r = Lessons.LOADER.parse(text.replace(from, to), file);
    assertThat(r.errors()).extracting(ScenarioError::format).isEmpty();
    return r.scenario();
  }

  static double rollbackRate(Scenario s) {
    Replications.Result r = Replications.run(s, Strategies.catalog(), N, 2, null);
    return r.aggregate().metric("rollbackTriggered").mean();
  }

  static Offset<Double> threeSigma(double p) {
    return Offset.offset(3 * Math.sqrt(p * (1 - p) / N) + 1e-9);
  }

  static final String V2_GOOD = "v2: {install: 0s, start: 15s, errorRate: 0.01}";
  static final String V2_BAD = "v2: {install: 0s, start: 15s, errorRate: 0.02}";

  @Test
  void lesson30PerMinuteChecksOfALowTrafficCanaryRollBackGoodAndBadAlike() {
    // 5% of 50 requests/s = 2.5/s: 150 requests a minute; "errorRate < 0.015" fails at K >= 3
    // (2.25 rounded up). With failureLimit 0 the first failed minute of ten aborts:
    // P(rollback) = 1 - (1 - q)^10, q = P(K >= 3) for B(150, p)
    double good = 1 - Math.pow(1 - Binomial.upperTail(150, 0.01, 3), 10);
    double bad = 1 - Math.pow(1 - Binomial.upperTail(150, 0.02, 3), 10);
    assertThat(good).isBetween(0.87, 0.89);
    assertThat(bad).isGreaterThan(0.999);
    Scenario file = Lessons.scenario("canary-low-traffic.yaml");
    assertThat(rollbackRate(file)).isCloseTo(good, threeSigma(good));
    assertThat(rollbackRate(withV2ErrorRate("canary-low-traffic.yaml", V2_GOOD, V2_BAD)))
        .isCloseTo(bad, threeSigma(bad));
  }

  @Test
  void lesson30OneTenMinuteWindowTellsThemApart() {
    // 1500 requests in ten minutes; "errorRate < 0.015" fails at K >= 23 (22.5 rounded up)
    double good = Binomial.upperTail(1500, 0.01, 23);
    double bad = Binomial.upperTail(1500, 0.02, 23);
    assertThat(good).isBetween(0.02, 0.04);
    assertThat(bad).isBetween(0.90, 0.95);
    assertThat(rollbackRate(Lessons.scenario("canary-low-traffic-window.yaml"))).isCloseTo(good, threeSigma(good));
    assertThat(rollbackRate(withV2ErrorRate("canary-low-traffic-window.yaml", V2_GOOD, V2_BAD)))
        .isCloseTo(bad, threeSigma(bad));
  }

  @Test
  void lesson31ReplicaWeightsGiveTheBadVersionAlmostTwiceTheShare() {
    // without a router 5% of 10 replicas is 1 canary pod of 11: 100 / 11 = 9.09% of 600 requests/s
    // for the 5-minute pause before the analysis; with the ALB exactly 5%. Both are caught by the
    // 5-minute analysis (thousands of requests at 5% errors against a 2% limit).
    Summary replicas = Lessons.run("argo-canary-replicas.yaml");
    Summary alb = Lessons.run("argo-canary-alb.yaml");
    assertThat(replicas.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(alb.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    double before = 300;
    assertThat((double) alb.traffic().requestsServedByNewVersionBeforeRollback())
        .isCloseTo(600 * 0.05 * before, within(600 * 0.05 * 1.0));
    assertThat((double) replicas.traffic().requestsServedByNewVersionBeforeRollback())
        .isCloseTo(600 * before / 11, within(600 / 11.0 * 1.0));
    // the router keeps all 10 stable pods and adds the canary's: no capacity lost
    assertThat(alb.capacity().minInServiceInstances()).isEqualTo(10);
  }

  @Test
  void lesson32FlaggerRunsAFullCanaryDeploymentArgoGrowsItWithTheWeight() {
    Summary flagger = Lessons.run("flagger-steps.yaml");
    Summary argo = Lessons.run("argo-steps.yaml");
    assertThat(flagger.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(argo.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // Flagger: weight 10 at 6m (the first iteration after the canary is ready), 20, 30, 40, 50 at
    // 7m to 10m, promotion at 11m, traffic to the primary at the first iteration after the primary's
    // rollout (12m when it takes under a minute), canary scaled to zero one iteration later: the
    // end falls on an iteration, 13m at the earliest
    double end = flagger.deployment().endSeconds();
    assertThat(end % 60).isZero();
    assertThat(end).isGreaterThanOrEqualTo(13 * 60);
    // the canary Deployment's 10 pods run for the whole analysis: 10 x 8 min = 1.33 pod-hours at
    // least; Argo's canary has 1 to 5 pods until the promotion
    assertThat(flagger.cost().extraInstanceHours()).isGreaterThan(10 * 8 / 60.0);
    assertThat(argo.cost().extraInstanceHours()).isLessThan(flagger.cost().extraInstanceHours() / 2);
  }

  @Test
  void lesson33AnExplicitShortScaleDownDelayCancelsThePostPromotionAnalysis() {
    // scaleDownDelaySeconds 30 is written: at 30 s after the switch Argo cancels the analysis, whose
    // first measurement would come at 60 s, and scales the old pods down: a bad version stays
    String bad = "v2: {install: 0s, start: 15s, errorRate: 0.05}";
    String good = "v2: {install: 0s, start: 15s, errorRate: 0.002}";
    var r = Lessons.LOADER.parse(Lessons.text("argo-blue-green-delay.yaml").replace(good, bad), "x.yaml");
    Summary s30 = dev.deploysim.run.ScenarioRunner.run(r.scenario(), Strategies.catalog()).summary();
    assertThat(s30.outcome()).isEqualTo(Outcome.SUCCEEDED);
    var r300 = Lessons.LOADER.parse(Lessons.text("argo-blue-green-delay.yaml").replace(good, bad)
        .replace("scaleDownDelaySeconds: 30", "scaleDownDelaySeconds: 300"), "x.yaml");
    Summary s300 = dev.deploysim.run.ScenarioRunner.run(r300.scenario(), Strategies.catalog()).summary();
    assertThat(s300.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // what the delay costs with a good version: the old 10 pods for 300 s instead of 30 s
    Summary good30 = Lessons.run("argo-blue-green-delay.yaml");
    var g300 = Lessons.LOADER.parse(Lessons.text("argo-blue-green-delay.yaml")
        .replace("scaleDownDelaySeconds: 30", "scaleDownDelaySeconds: 300"), "x.yaml");
    Summary good300 = dev.deploysim.run.ScenarioRunner.run(g300.scenario(), Strategies.catalog()).summary();
    assertThat(good300.cost().extraInstanceHours() - good30.cost().extraInstanceHours())
        .isCloseTo(10 * 270 / 3600.0, within(1e-6));
  }
}
