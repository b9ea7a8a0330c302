package dev.deploysim.strategies.eb;

import dev.deploysim.strategies.eb.EbScenarios.Bad;
import dev.deploysim.testing.ScenarioYaml;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.format.CountOrPercent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Claims of the Elastic Beanstalk "Deployment methods" table
 * (docs/platforms/elastic-beanstalk.md#alarms-and-rollback) checked across every policy on the same
 * system (EbScenarios: 6 instances, batch size 2 where there are batches, blue/green terminating
 * the old environment after 15 minutes).
 */
class EbPoliciesTest {
  static final List<String> TYPES = List.of("eb.all-at-once", "eb.rolling", "eb.rolling-additional-batch",
      "eb.immutable", "eb.traffic-splitting", "eb.blue-green");

  static ScenarioYaml setup(String type) {
    ScenarioYaml b = EbScenarios.of(type);
    if (type.startsWith("eb.rolling")) {
      b.param("batchSize", CountOrPercent.count(2));
    }
    if (type.equals("eb.blue-green")) {
      b.param("terminateOldAfter", EbScenarios.STALE_MAX_AGE);
    }
    return b;
  }

  /** One healthy run per policy, shared by the tests below (runs are deterministic). */
  static final Map<String, Summary> HEALTHY = new LinkedHashMap<>();

  static Summary healthy(String type) {
    return HEALTHY.computeIfAbsent(type, t -> setup(t).run().summary());
  }

  static Stream<String> types() {
    return TYPES.stream();
  }

  @ParameterizedTest
  @MethodSource("types")
  void everyPolicyDeploysAHealthyVersionEverywhere(String type) {
    Summary s = healthy(type);
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.detection().by()).isNull();
  }

  @ParameterizedTest
  @MethodSource("types")
  void onlyAllAtOnceLosesAllCapacity(String type) {
    Summary s = healthy(type);
    if (type.equals("eb.all-at-once")) {
      // every instance restarts at once (install 30 s + start 10 s) behind the load balancer:
      // nothing serves for 40 s, and 40 s x 400 rps = 16,000 requests fail
      assertThat(s.capacity().minInServiceInstances()).isZero();
      assertThat(s.traffic().failedRequests()).isEqualTo(16_000);
    } else {
      assertThat(s.capacity().minInServiceInstances()).isPositive();
      assertThat(s.traffic().failedRequests()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"eb.rolling-additional-batch", "eb.immutable", "eb.traffic-splitting", "eb.blue-green"})
  void policiesWithNewInstancesKeepFullCapacity(String type) {
    assertThat(healthy(type).capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    assertThat(healthy(type).capacity().minCapacityPercent()).isGreaterThanOrEqualTo(100.0);
  }

  @Test
  void rollingLosesOneBatch() {
    // 6 instances, batches of 2: 6 - 2 = 4 in service at the lowest point
    assertThat(healthy("eb.rolling").capacity().minInServiceInstances()).isEqualTo(6 - 2);
  }

  @ParameterizedTest
  @MethodSource("peaks")
  void peakInstances(String type, int peak) {
    assertThat(healthy(type).capacity().peakInstances()).isEqualTo(peak);
  }

  static Stream<Arguments> peaks() {
    return Stream.of(
        Arguments.of("eb.all-at-once", 6),
        Arguments.of("eb.rolling", 6),
        // one extra batch of 2
        Arguments.of("eb.rolling-additional-batch", 8),
        // a full second set: about twice the baseline
        Arguments.of("eb.immutable", 12),
        Arguments.of("eb.traffic-splitting", 12),
        Arguments.of("eb.blue-green", 12));
  }

  @Test
  void allAtOnceIsTheFastest() {
    // all-at-once: 40 s deploy + 120 s health gate = 160 s; every other policy adds draining,
    // launches, several gates or waits
    double allAtOnce = healthy("eb.all-at-once").deployment().durationSeconds();
    assertThat(allAtOnce).isBetween(160.0, 170.0);
    for (String t : TYPES) {
      if (!t.equals("eb.all-at-once")) {
        assertThat(healthy(t).deployment().durationSeconds()).as(t).isGreaterThan(allAtOnce);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"eb.immutable", "eb.traffic-splitting"})
  void replacementPoliciesRollBackFastAndCompletely(String type) {
    // a bad version with immutable or traffic splitting ends with every old instance serving and
    // a rollback (terminate new instances) far shorter than redeploying: a rolling redeploy of 6
    // instances in batches of 2 takes at least 3 x 180 s = 540 s
    for (Bad bad : List.of(Bad.FAILING_HEALTH, Bad.ERROR_RATE)) {
      Summary s = setup(type).v2(bad.v2).run().summary();
      assertThat(s.outcome()).as(bad.toString()).isEqualTo(Outcome.ROLLED_BACK);
      assertThat(s.finalVersions()).as(bad.toString()).isEqualTo(Map.of("v1", 6));
      assertThat(s.rollback().reason()).isNotBlank();
      double rollback = s.rollback().endSeconds() - s.rollback().startSeconds();
      assertThat(rollback).as(bad.toString()).isLessThan(540.0 / 10);
      assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"eb.all-at-once", "eb.rolling", "eb.rolling-additional-batch", "eb.blue-green"})
  void otherPoliciesNeverRollBack(String type) {
    Summary s = setup(type).v2(Bad.FAILING_HEALTH.v2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.detection().by()).isEqualTo("health checks");
  }

  @ParameterizedTest
  @MethodSource("types")
  void elasticBeanstalkDoesNotRollBackOnAlarms(String type) {
    StrategyDescription t = Strategies.catalog().find(type).orElseThrow().description();
    assertThat(t.rollback().rollsBackOnAlarms()).isFalse();
    assertThat(t.alarmRollbackRefusal()).isEqualTo("Elastic Beanstalk does not roll back on CloudWatch alarms, "
        + "only on health checks; use a codedeploy.* strategy or remove it");
    assertThat(t.rollback().handling()).isNotEqualTo(RollbackPolicy.FailureHandling.CONFIGURABLE);
  }

  @ParameterizedTest
  @MethodSource("types")
  void everyStepIsAPhase(String type) {
    RunResult r = setup(type).run();
    assertThat(r.phases()).isNotEmpty();
    assertThat(r.phases()).extracting(Phase::kind).contains(Phase.Kind.DEPLOY, Phase.Kind.WAIT);
    // phases tile the deployment: the first starts with it, the last ends with it
    Summary s = r.summary();
    assertThat(r.phases().get(0).start()).isEqualTo(s.deployment().startSeconds());
    assertThat(r.phases().get(r.phases().size() - 1).end()).isEqualTo(s.deployment().endSeconds());
  }

  @ParameterizedTest
  @MethodSource("types")
  void sameSeedSameRun(String type) {
    Summary a = setup(type).set("seed", 7).run().summary();
    Summary b = setup(type).set("seed", 7).run().summary();
    assertThat(a).isEqualTo(b);
  }
}
