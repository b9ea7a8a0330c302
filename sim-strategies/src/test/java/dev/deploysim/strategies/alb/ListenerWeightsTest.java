package dev.deploysim.strategies.alb;

import static dev.deploysim.strategies.route53.StackScenarios.FIRST_STEP;
import static dev.deploysim.strategies.route53.StackScenarios.RPS;
import static dev.deploysim.strategies.route53.StackScenarios.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.route53.StackScenarios;
import dev.deploysim.testing.ScenarioYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ALB listener's weighted forward action as AWS documents it
 * (docs/platforms/load-balancing.md#weighted-target-groups): up to 5 target groups, weights 0-999,
 * each group gets its weight over the sum of the requests; and target-group stickiness, which keeps
 * a client on the group it was sent to for the stickiness duration. The test system is
 * {@link StackScenarios}: 400 requests/second, the first step at 390 s, 10-minute holds.
 */
class ListenerWeightsTest {
  static final String TYPE = "alb.weighted-target-groups";
  static final double T1 = FIRST_STEP;
  static final double T2 = T1 + 600;
  static final double T3 = T2 + 600;

  static ScenarioYaml alb() {
    return StackScenarios.of(TYPE);
  }

  static List<String> errorPaths(ScenarioYaml s) {
    LoadResult r = s.load();
    return r.errors().stream().map(ScenarioError::path).toList();
  }

  @Test
  void eachTargetGroupGetsItsWeightOverTheSum() {
    // {old: 999, new: 1}: 1 / (999 + 1) = 0.1% to the new group; {old: 1, new: 3}: 3 / 4 = 75%
    RunResult r = alb().param("steps", "[{weights: {old: 999, new: 1}, hold: 10m}, {weights: {old: 1, new: 3}, "
        + "hold: 10m}, {weight: 100}]").run();
    assertThat(at(r, "newVersionTrafficPercent", T1 + 5)).isCloseTo(100.0 * 1 / 1000, within(1e-9));
    assertThat(at(r, "newVersionTrafficPercent", T2 + 5)).isCloseTo(100.0 * 3 / 4, within(1e-9));
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // 400 rps x (600 s x 1/1000 + 600 s x 3/4 + 600 s to the end of the run)
    assertThat((double) s.traffic().requestsServedByNewVersion())
        .isCloseTo(RPS * (600.0 / 1000 + 600 * 0.75 + 600), within(1.0));
  }

  @Test
  void extraTargetGroupsTakeTheirShareAndAreDeletedWithTheOldGroup() {
    // old 2, new 1, c 1 of a sum of 4: the new version 1/4, v3 1/4, v1 2/4
    RunResult r = alb().version("v3", "{install: 30s, start: 10s}")
        .param("extraTargetGroups", "[{name: c, version: v3}]")
        .param("steps", "[{weights: {old: 2, new: 1, c: 1}, hold: 10m}, {weight: 100}]").run();
    assertThat(at(r, "newVersionTrafficPercent", T1 + 5)).isCloseTo(25.0, within(1e-9));
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).isEqualTo("deleting c-asg"));
  }

  @Test
  void theListenerRulesAreAwsRules() {
    // weights 0-999
    assertThat(errorPaths(alb().param("steps", "[{weights: {old: 1000, new: 1}}, {weight: 100}]")))
        .containsExactly("deployment.strategy.steps[0].weights.old");
    // a step is a percentage or weights, not both
    assertThat(errorPaths(alb().param("steps", "[{weight: 10, weights: {old: 9, new: 1}}, {weight: 100}]")))
        .containsExactly("deployment.strategy.steps[0].weights");
    // at least one weight above 0
    assertThat(errorPaths(alb().param("steps", "[{weights: {old: 0, new: 0}}, {weight: 100}]")))
        .containsExactly("deployment.strategy.steps[0].weights");
    // only target groups the listener has
    assertThat(errorPaths(alb().param("steps", "[{weights: {old: 1, blue: 1}}, {weight: 100}]")))
        .containsExactly("deployment.strategy.steps[0].weights.blue");
    // at most 5 target groups: old, new and 3 more
    String four = "[{name: a, version: v1}, {name: b, version: v1}, {name: c, version: v1}, {name: d, version: v1}]";
    assertThat(errorPaths(alb().param("extraTargetGroups", four))).containsExactly("deployment.strategy.extraTargetGroups");
    // the last step sends everything to the new group
    assertThat(errorPaths(alb().param("steps", "[{weights: {old: 1, new: 1}}]")))
        .containsExactly("deployment.strategy.steps[0].weights");
    assertThat(errorPaths(alb().param("steps", "[{weights: {old: 0, new: 5}}]"))).isEmpty();
    // names as AWS allows them, each once
    assertThat(errorPaths(alb().param("extraTargetGroups", "[{name: new, version: v1}, {name: -x, version: v1}]")))
        .containsExactly("deployment.strategy.extraTargetGroups[0].name", "deployment.strategy.extraTargetGroups[1].name");
  }

  @Test
  void stickinessDelaysTheShiftByHalfADurationOnAverage() {
    // Every client keeps its cookie (clientFraction 1) and renews its binding every 10 minutes, at
    // moments spread evenly: after a weight change the share of clients on the new weights grows
    // linearly over one duration D = 600 s, so the new group's share at t is the average of the
    // steps' percentages p over [t - D, t]. Integrated to the end E of the run (p = 1 over
    // [E - D, E]) that is the integral of p minus D/2:
    //   without stickiness: 400 x (0.1 x 600 + 0.5 x 600 + (E - T3))
    //   with it:            the same minus 400 x 600 / 2 = 120,000 requests
    // terminateOldAfter 10m keeps the old group until the last clients bound to it have left;
    // the run ends 600 s after the deployment: E - T3 = 600 + 600. While shares move, the traffic
    // model re-routes every second with the shares at the start of the second, which counts a
    // linear ramp half a second late per unit of share it moves: the three steps move 1 in all,
    // 400 x 0.5 s = 200 requests fewer.
    ScenarioYaml base = alb().param("terminateOldAfter", "10m");
    double plain = RPS * (0.1 * 600 + 0.5 * 600 + 1200);
    Summary without = base.copy().run().summary();
    assertThat((double) without.traffic().requestsServedByNewVersion()).isCloseTo(plain, within(1.0));
    RunResult r = base.copy().param("stickiness", "{duration: 10m}").run();
    Summary with = r.summary();
    assertThat(with.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(with.traffic().failedRequests()).isZero();
    assertThat((double) with.traffic().requestsServedByNewVersion()).isCloseTo(plain - RPS * 600 / 2 - RPS * 0.5, within(1.0));
    // halfway into the first step half the clients follow the 10% weights: 5%
    assertThat(at(r, "newVersionTrafficPercent", T1 + 300)).isCloseTo(5.0, within(0.1));
  }

  @Test
  void clientsWithoutACookieFollowTheWeightsAtOnce() {
    // clientFraction 0.5: half the clients have no session and follow the 10% at once, half are
    // bound: 300 s into the step 0.5 x 10% + 0.5 x 10% x 300/600 = 7.5%
    RunResult r = alb().param("terminateOldAfter", "10m").param("stickiness", "{duration: 10m, clientFraction: 0.5}")
        .run();
    assertThat(at(r, "newVersionTrafficPercent", T1 + 300)).isCloseTo(7.5, within(0.1));
  }

  @Test
  void aStickyRollbackTakesOneDuration() {
    // the alarm of AlbWeightedTargetGroupsTest goes to ALARM at 1140 s; the weights go back to the
    // old group at once, bound clients follow as their bindings expire: the rollback ends 5 minutes
    // later, and only then is the new group deleted
    Summary s = alb().v2("{install: 30s, start: 10s, errorRate: 0.05}").param("stickiness", "{duration: 5m}")
        .rollbackAlarm("high-5xx", "metric: errorRate, threshold: 0.02, period: 60s, evaluationPeriods: 2, "
            + "datapointsToAlarm: 2").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.rollback().endSeconds() - s.rollback().startSeconds()).isCloseTo(300.0, within(1e-9));
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
  }

  @Test
  void deletingTheOldGroupBeforeItsBindingsExpireFailsTheirRequests() {
    // terminateOldAfter 0s with 10-minute stickiness: at T3 the clients bound to the old group are
    // the average of 1 - p over [T3 - 600, T3] = 50%, falling linearly to 0 over 600 s: their
    // requests fail, 400 x 0.5 x 600 / 2 = 60,000
    Summary s = alb().param("stickiness", "{duration: 10m}").run().summary();
    assertThat((double) s.traffic().failedRequests()).isCloseTo(RPS * 0.5 * 600 / 2, within(RPS * 0.5 * 600 / 2 * 0.01));
  }
}
