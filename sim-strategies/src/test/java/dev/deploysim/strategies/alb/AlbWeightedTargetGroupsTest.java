package dev.deploysim.strategies.alb;

import static dev.deploysim.strategies.route53.StackScenarios.AT;
import static dev.deploysim.strategies.route53.StackScenarios.FIRST_STEP;
import static dev.deploysim.strategies.route53.StackScenarios.RPS;
import static dev.deploysim.strategies.route53.StackScenarios.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.load.LoadResult;
import dev.deploysim.strategies.route53.StackScenarios;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * alb.weighted-target-groups against the ALB listener's weighted forward action
 * (docs/platforms/load-balancing.md#weighted-target-groups: each target group gets its weight over
 * the sum of the requests). No DNS cache stands between a weight change and the clients, so each
 * step moves traffic with the next request. The test system is {@link StackScenarios}: steps at
 * 390 s (10%), 990 s (50%) and 1590 s (100%).
 */
class AlbWeightedTargetGroupsTest {
  static final double T1 = FIRST_STEP;
  static final double T2 = T1 + 600;
  static final double T3 = T2 + 600;

  @Test
  void weightsMoveTheTrafficAtOnce() {
    RunResult r = StackScenarios.of("alb.weighted-target-groups").run();
    // every whole 5-second row after a step has exactly the step's share
    for (double t = T1 + 5; t <= T2; t += 5) {
      assertThat(at(r, "newVersionTrafficPercent", t)).as("at %s", t).isCloseTo(10.0, within(1e-9));
    }
    for (double t = T2 + 5; t <= T3; t += 5) {
      assertThat(at(r, "newVersionTrafficPercent", t)).as("at %s", t).isCloseTo(50.0, within(1e-9));
    }
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // the old group goes right after the last step (terminateOldAfter 0s): its targets had no
    // requests since their weight went to 0, so they leave without draining
    assertThat(s.deployment().durationSeconds()).isEqualTo(T3 - AT);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(6);
    // the new version's requests: 10% for 600 s, 50% for 600 s, then all of them until the run
    // ends 600 s after the deployment
    assertThat((double) s.traffic().requestsServedByNewVersion())
        .isCloseTo(RPS * (0.1 * 600 + 0.5 * 600 + 600), within(1.0));
  }

  @Test
  void theSameStepThroughRoute53TakesEffectOnlyAsCachesExpire() {
    // 10 s after the 50% step: the listener sends 50% at once; Route 53 clients: 10/60 of the
    // ordinary ones have re-resolved, so the new stack has about 10% + (50% - 10%) x 10/60 x 95%
    RunResult alb = StackScenarios.of("alb.weighted-target-groups").run();
    RunResult dns = StackScenarios.of("route53.weighted").run();
    assertThat(at(alb, "newVersionTrafficPercent", T2 + 10)).isCloseTo(50.0, within(1e-9));
    assertThat(at(dns, "newVersionTrafficPercent", T2 + 10)).isLessThan(20.0);
  }

  @Test
  void aRollbackIsOverTheMomentItStarts() {
    // v2 fails 5% of its requests; the alarm wants more than 2% errors in 2 of 2 minutes. The
    // minute [960, 1020) has 30 s at 10% and 30 s at 50%: (0.5% + 2.5%)/2 = 1.5% errors; [1020,
    // 1080) and [1080, 1140) have 2.5%: ALARM at 1140 s. All requests go back to v1 then.
    Summary s = StackScenarios.of("alb.weighted-target-groups").v2("{install: 30s, start: 10s, errorRate: 0.05}")
        .rollbackAlarm("high-5xx", "metric: errorRate, threshold: 0.02, period: 60s, evaluationPeriods: 2, "
            + "datapointsToAlarm: 2").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().atSeconds()).isEqualTo(1140.0);
    assertThat(s.rollback().endSeconds()).isEqualTo(s.rollback().startSeconds());
    // the new version saw 10% of 400 rps for 600 s and 50% for the 150 s to the alarm:
    // 400 x (60 + 75) = 54,000 requests, and failed 5% of them
    assertThat(s.traffic().requestsServedByNewVersion()).isEqualTo(54_000);
    assertThat(s.traffic().failedRequests()).isEqualTo(2_700);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
  }

  @Test
  void anUnhealthyNewGroupIsRolledBackBeforeItGetsTraffic() {
    // health: failing never passes: not healthy within the timeout (10 min) -> rollback on
    // failure (the default): the new group is deleted, nothing had moved
    Summary s = StackScenarios.of("alb.weighted-target-groups").v2("{install: 30s, start: 10s, health: failing}")
        .run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().by()).isEqualTo("health checks");
    assertThat(s.detection().afterStartSeconds()).isEqualTo(600.0);
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
  }

  @Test
  void aClassicLoadBalancerHasNoWeightedTargetGroups() {
    LoadResult r = StackScenarios.of("alb.weighted-target-groups").set("loadBalancer.type", "clb").load();
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("loadBalancer.type");
      assertThat(e.message()).contains("Application Load Balancer");
    });
    // Route 53 weights work with either
    assertThat(StackScenarios.of("route53.weighted").set("loadBalancer.type", "clb").load().errors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"route53.weighted", "alb.weighted-target-groups"})
  void theLastStepMustMoveAllTraffic(String type) {
    LoadResult r = StackScenarios.of(type).param("steps", "[{weight: 10, hold: 1h}, {weight: 50}]").load();
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.strategy.steps[1].weight");
      assertThat(e.message()).contains("weight: 100");
    });
    assertThat(StackScenarios.of(type).param("steps", "[{weight: 100}]").load().errors()).isEmpty();
    assertThat(StackScenarios.of(type).param("steps", "[{weight: 150}]").load().errors()).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.steps[0].weight"));
  }
}
