package dev.deploysim.strategies.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.testing.ScenarioYaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * apigateway.canary against API Gateway's canary release rules
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html, summarized in
 * docs/platforms/apigateway.md): percentTraffic of the requests go to the canary at random per
 * request (the fluid model sends exactly that share), the canary uses the stage cache only with
 * useStageCache, promotion gives the stage the canary's deployment, and API Gateway never rolls
 * back by itself. Test system: 200 requests/s, the deployment at 2 minutes (120 s), Lambda versions
 * (no start-up time), a 10% canary evaluated for 10 minutes.
 */
class ApiGatewayCanaryTest {
  static final double AT = 120;
  static final double RPS = 200;

  static ScenarioYaml lambda() {
    return ScenarioYaml.deploying("apigateway.canary").with(Strategies.catalog())
        .remove("fleet").set("traffic.rps", RPS).set("deployment.at", "2m").param("integration", "lambda")
        .param("percentTraffic", 10).param("promoteAfter", "10m");
  }

  @Test
  void theCanaryTakesItsShareUntilItIsPromoted() {
    RunResult r = lambda().set("horizon", "15m").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // promoted after the 600 s evaluation: the deployment ends at 120 + 600 = 720 s
    assertThat(s.deployment().endSeconds()).isEqualTo(AT + 600);
    assertThat(r.phases()).filteredOn(p -> p.kind() == Phase.Kind.SHIFT).extracting(Phase::start)
        .containsExactly(AT, AT + 600);
    // v2 answers 10% of 200/s for 600 s, then all 200/s until the horizon (900 s): 12,000 + 36,000
    long expected = Math.round(0.10 * RPS * 600 + RPS * (900 - 720));
    assertThat(expected).isEqualTo(48_000);
    assertThat(s.traffic().requestsServedByNewVersion()).isEqualTo(expected);
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void apiGatewayPromotesABadCanaryWhenNothingWatchesIt() {
    // v2 fails 20% of its requests: 10% x 200/s x 0.2 = 4 failures/s during the 600 s canary, then
    // 200/s x 0.2 = 40/s after the promotion until the horizon (180 s): 2,400 + 7,200
    RunResult r = lambda().v2("{errorRate: 0.2}").set("horizon", "15m").run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.summary().rollback().triggered()).isFalse();
    long expected = Math.round(0.10 * RPS * 0.2 * 600 + RPS * 0.2 * 180);
    assertThat(expected).isEqualTo(9_600);
    assertThat(r.summary().traffic().failedRequests()).isEqualTo(expected);
  }

  @Test
  void aPipelineWatchingTheCanaryMetricsDeletesTheCanary() {
    // newVersionErrorRate counts the canary's requests only: 0.2 > 0.05 in the first 60 s period
    // (120-180 s, periods aligned to the start of the run): ALARM at 180 s, the canary is deleted
    RunResult r = lambda().v2("{errorRate: 0.2}").set("horizon", "15m")
        .alarm("canary-errors", "metric: newVersionErrorRate, threshold: 0.05, period: 60s, evaluationPeriods: 1")
        .param("deleteCanaryOnAlarms", true).run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.rollback().startSeconds()).isEqualTo(180.0);
    assertThat(s.rollback().endSeconds()).isEqualTo(180.0);
    // 10% x 200/s x 0.2 for the 60 s the canary ran
    assertThat(s.traffic().failedRequests()).isEqualTo(Math.round(0.10 * RPS * 0.2 * 60));
  }

  @Test
  void theCanaryUsesTheStageCacheOnlyWithUseStageCache() {
    // the stage cache answers half of the requests; the canary's 20/s reach v2 (errorRate 0.2) all
    // without useStageCache (4 failures/s), half with it (2 failures/s); 600 s of canary, horizon
    // at its end (promoteAfter: never keeps it at 10%)
    ScenarioYaml base = lambda().v2("{errorRate: 0.2}").param("cacheHitRatio", 0.5).param("promoteAfter", "never")
        .set("horizon", "12m");
    long without = base.copy().run().summary().traffic().failedRequests();
    long with = base.copy().param("useStageCache", true).run().summary().traffic().failedRequests();
    assertThat(without).isEqualTo(Math.round(0.10 * RPS * 0.2 * 600));
    assertThat(with).isEqualTo(Math.round(0.10 * RPS * (1 - 0.5) * 0.2 * 600));
  }

  @Test
  void anHttpBackendGetsASecondFleetAndThePipelineRemovesTheOldOne() {
    // 6 instances behind the stage's HTTP integration; the canary's backend is a second fleet of 6
    RunResult r = ScenarioYaml.deploying("apigateway.canary").with(Strategies.catalog())
        .param("integration", "http").param("percentTraffic", 25).param("promoteAfter", "5m").run();
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.capacity().peakInstances()).isEqualTo(6 + 6);
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void rollbackOnAlarmsIsRefusedWithWhatToUseInstead() {
    var errors = lambda().rollbackAlarm("high", "metric: errorRate, threshold: 0.05").load().errors();
    assertThat(errors).extracting(ScenarioError::format).anySatisfy(e -> assertThat(e)
        .contains("deployment.rollback.onAlarms").contains("API Gateway does not roll back a canary")
        .contains("deleteCanaryOnAlarms"));
    assertThat(lambda().onFailure(true).load().errors()).extracting(ScenarioError::format)
        .anySatisfy(e -> assertThat(e).contains("onFailure").contains("deleteCanaryOnAlarms"));
  }

  @Test
  void settingsThatApiGatewayWouldRejectAreRefused() {
    assertThat(lambda().param("useStageCache", true).load().errors()).extracting(ScenarioError::format)
        .anySatisfy(e -> assertThat(e).contains("deployment.strategy.useStageCache").contains("stage caching"));
    assertThat(lambda().param("percentTraffic", 100.5).load().errors()).isNotEmpty();
    assertThat(lambda().param("deleteCanaryOnAlarms", true).load().errors()).extracting(ScenarioError::format)
        .anySatisfy(e -> assertThat(e).contains("deleteCanaryOnAlarms").contains("alarms"));
    assertThat(lambda().param("deleteCanaryOnAlarms", true).param("pipelineAlarms", java.util.List.of("nope"))
        .alarm("a", "metric: errorRate, threshold: 0.05").load().errors()).extracting(ScenarioError::format)
        .anySatisfy(e -> assertThat(e).contains("pipelineAlarms[0]").contains("nope"));
  }
}
