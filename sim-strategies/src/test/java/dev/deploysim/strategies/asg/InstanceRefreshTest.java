package dev.deploysim.strategies.asg;

import dev.deploysim.testing.ScenarioYaml;
import static dev.deploysim.strategies.asg.RefreshScenario.AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * asg.instance-refresh against the documented rules
 * (docs/platforms/auto-scaling.md#instance-refresh), on the test system of {@link RefreshScenario}:
 * a replacement launched at t is InService at t + 80 s (launch 40 + install 30 + start 10), healthy
 * in the load balancer at t + 90 s, and ready at t + 80 s + warmup; with an instance warmup of 60 s
 * a set therefore takes 140 s, while the old instance it replaces drains for 20 s.
 */
class InstanceRefreshTest {
  static final double WARMUP = 60;
  /** One set with a 60 s warmup: InService 80 s after the launch, then 60 s of warmup. */
  static final double SET = 80 + WARMUP;

  static RunResult refresh(int instances, int min, int max) {
    return RefreshScenario.of(instances).param("instanceWarmup", "60s").param("minHealthyPercentage", min)
        .param("maxHealthyPercentage", max).run();
  }

  static long deployPhases(RunResult r) {
    return r.phases().stream().filter(p -> p.kind() == Phase.Kind.DEPLOY).count();
  }

  @ParameterizedTest(name = "{0} instances, min {1}%, max {2}%: {3} at a time")
  @CsvSource({
      // min 90% of 10 = 9 stay healthy: 10 - 9 = 1 at a time
      "10, 90, 100, 1, 9, 10",
      // 90% of 20 = 18: 2 at a time
      "20, 90, 100, 2, 18, 20",
      // 90% of 6 = 5.4, rounded up to 6: nothing could go, so one at a time
      "6, 90, 100, 1, 6, 6",
      // 100%: one at a time (terminated first)
      "10, 100, 100, 1, 10, 10",
      // 0%: all at once
      "10, 0, 100, 10, 0, 10",
      // 80% of 10 = 8: 2 at a time (AWS's checkpoint example)
      "10, 80, 100, 2, 8, 10",
      // launch before terminating: 110% of 10 = 11 in service or pending, 10 healthy: 1 at a time
      "10, 100, 110, 1, 10, 11",
      // 110% of 6 = 6.6 rounds down to 6; above 100% at least one extra instance: 7
      "6, 100, 110, 1, 6, 7",
      // 90/110 on 10: 11 - 9 = 2 (one launched extra, one terminated at once)
      "10, 90, 110, 2, 9, 11",
      // 100/200: a full second set launched first
      "10, 100, 200, 10, 10, 20"})
  void setSizeIsTheRangeBetweenTheHealthyPercentages(int desired, int min, int max, int set, int minHealthy,
      int maxHealthy) {
    RefreshPreferences p = new RefreshPreferences(min, max, 0, List.of(), 3600, false, false, 0,
        RefreshPreferences.ProtectedInstances.WAIT, RefreshPreferences.StandbyInstances.WAIT);
    assertThat(p.minHealthyInstances(desired)).isEqualTo(minHealthy);
    assertThat(p.maxHealthyInstances(desired)).isEqualTo(maxHealthy);
    assertThat(p.setSize(desired)).isEqualTo(set);
    assertThat(p.launchesBeforeTerminating()).isEqualTo(max > 100);
  }

  @ParameterizedTest(name = "{0} instances, min {1}%, max {2}%")
  @CsvSource({
      // 10 sets of 1: 10 x 140 s; one instance out at a time; the old one drains 20 s while its
      // replacement launches, so 11 exist for a while
      "10, 90, 100, 10, 1400, 9, 11",
      // 10 sets of 2: 10 x 140 s; 18 in service; 2 draining + 2 launching: 22
      "20, 90, 100, 10, 1400, 18, 22",
      // launch before terminate, 10 sets of 1: the new instance is ready after 140 s, then the old
      // one drains 20 s while the next set launches (12 exist: 10 + 1 draining + 1 launching);
      // capacity never drops; the refresh ends when the last old instance is gone: 10 x 140 + 20
      "10, 100, 110, 10, 1420, 10, 12",
      // all at once: one set of 140 s; nothing in service until the new ones are registered
      "10, 0, 100, 1, 140, 0, 20"})
  void replacesSetBySet(int instances, int min, int max, int sets, double duration, int minInService, int peak) {
    RunResult r = refresh(instances, min, max);
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", instances));
    assertThat(deployPhases(r)).isEqualTo(sets);
    assertThat(s.deployment().durationSeconds()).isCloseTo(duration, within(1e-6));
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(minInService);
    assertThat(s.capacity().peakInstances()).isEqualTo(peak);
  }

  @Test
  void launchBeforeTerminatingNeverDropsCapacity() {
    Summary s = refresh(10, 100, 110).summary();
    assertThat(s.capacity().minCapacityPercent()).isEqualTo(100.0);
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void allAtOnceIsAnOutage() {
    // every target is deregistered at 60 s; the replacements register at 60 + 80 = 140 s and the
    // load balancer, with no healthy target, sends requests to them (fail open): 80 s x 500 rps
    Summary s = refresh(10, 0, 100).summary();
    assertThat(s.traffic().failedRequests()).isEqualTo(80 * 500);
  }

  @Test
  void aSingleInstanceGroupIsTerminatedBeforeItsReplacement() {
    // documented: the only instance goes first; 80 s without an instance x 50 rps
    RunResult r = refresh(1, 100, 100);
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.capacity().minInServiceInstances()).isZero();
    assertThat(s.traffic().failedRequests()).isEqualTo(80 * 50);
    assertThat(s.deployment().durationSeconds()).isCloseTo(SET, within(1e-6));
    // launch before terminating avoids it: 100/200 launches the new one first
    Summary lbt = refresh(1, 100, 200).summary();
    assertThat(lbt.capacity().minInServiceInstances()).isEqualTo(1);
    assertThat(lbt.traffic().failedRequests()).isZero();
  }

  @Test
  void theWarmupDefaultsToTheHealthCheckGracePeriod() {
    // no instanceWarmup: the fleet's 300 s grace period; 4 sets of 80 + 300 s
    Summary s = RefreshScenario.of(4).run().summary();
    assertThat(s.deployment().durationSeconds()).isCloseTo(4 * (80 + 300), within(1e-6));
  }

  @Test
  void theWarmupDefaultsToTheGroupsDefaultInstanceWarmupWhenItHasOne() {
    // InstanceWarmup: "the default instance warmup, if defined, or the health check grace period
    // otherwise": a 60 s default instance warmup beats the 300 s grace period: 4 sets of 80 + 60 s
    Summary s = RefreshScenario.of(4).set("fleet.defaultInstanceWarmup", "60s").run().summary();
    assertThat(s.deployment().durationSeconds()).isCloseTo(4 * (80 + 60), within(1e-6));
    // the refresh's own instanceWarmup still wins: 4 x (80 + 30)
    Summary own = RefreshScenario.of(4).set("fleet.defaultInstanceWarmup", "60s").param("instanceWarmup", "30s")
        .run().summary();
    assertThat(own.deployment().durationSeconds()).isCloseTo(4 * (80 + 30), within(1e-6));
  }

  @ParameterizedTest(name = "scaleInProtectedInstances {0}")
  @CsvSource({
      // Refresh: the 2 protected instances are replaced like the others: 4 sets
      "Refresh, SUCCEEDED, 4, 0",
      // Ignore: only the 2 unprotected ones: 2 sets; the protected ones keep v1
      "Ignore, SUCCEEDED, 2, 2",
      // Wait: the 2 unprotected ones, then 1 hour of waiting (nothing removes the protection): fails
      "Wait, FAILED, 2, 2"})
  void scaleInProtectedInstances(String option, Outcome outcome, int replaced, int keepV1) {
    RunResult r = RefreshScenario.of(4).set("fleet.protectedFromScaleIn", 2).param("instanceWarmup", "60s")
        .param("scaleInProtectedInstances", option).run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(outcome);
    assertThat(deployPhases(r)).isEqualTo(replaced);
    assertThat(s.finalVersions()).isEqualTo(keepV1 == 0 ? Map.of("v2", 4) : Map.of("v1", keepV1, "v2", replaced));
    switch (option) {
      case "Refresh" -> {
        assertThat(s.deployment().durationSeconds()).isCloseTo(4 * SET, within(1e-6));
        assertThat(s.outcomeReason()).isNull();
      }
      case "Ignore" -> {
        assertThat(s.deployment().durationSeconds()).isCloseTo(2 * SET, within(1e-6));
        // i-0001 and i-0002 are the protected ones (the first of the fleet)
        assertThat(s.outcomeReason()).isEqualTo("instance refresh Successful i-0001, i-0002 (scale-in protected) "
            + "ignored; v1 and v2 both remain in service");
      }
      default -> {
        // "waits one hour for you to remove scale-in protection. Otherwise, the instance refresh will fail"
        assertThat(s.deployment().durationSeconds()).isCloseTo(2 * SET + 3600, within(1e-6));
        assertThat(s.outcomeReason()).contains("i-0001, i-0002 still scale-in protected after 1h (Wait)");
        assertThat(s.detection().by()).isNull();
      }
    }
  }

  @Test
  void waitReplacesProtectedInstancesOnceTheirProtectionIsRemoved() {
    // Wait, protection removed at 20m (1200 s): the 2 unprotected instances are replaced first
    // (60 + 2 x 140 = 340 s), the refresh waits, and at 1200 s replaces the other 2: 1200 + 2 x 140
    RunResult r = RefreshScenario.of(4).set("fleet.protectedFromScaleIn", "{count: 2, until: 20m}")
        .param("instanceWarmup", "60s").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.outcomeReason()).isNull();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 4));
    assertThat(s.deployment().endSeconds()).isCloseTo(1200 + 2 * SET, within(1e-6));
    assertThat(r.phases()).extracting(Phase::label).contains("wait for i-0001, i-0002 (scale-in protected)");
  }

  @Test
  void waitReplacesAStandbyInstanceOnceItReturnsToService() {
    // Wait, i-0005 leaves Standby at 20m (desired 4 -> 5, so maxSize 5): the 4 are replaced by
    // 60 + 4 x 140 = 620 s; at 1200 s i-0005 is InService and is replaced in one more set: 1200 + 140
    Summary s = RefreshScenario.of(4).set("fleet.maxSize", 5).set("fleet.standby", "{count: 1, until: 20m}")
        .param("instanceWarmup", "60s").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 5));
    assertThat(s.deployment().endSeconds()).isCloseTo(1200 + SET, within(1e-6));
  }

  @ParameterizedTest(name = "standbyInstances {0}")
  @CsvSource({
      // Terminate: the Standby instance (i-0005, besides the 4) is terminated; the 4 are replaced
      "Terminate, SUCCEEDED",
      // Ignore: the 4 are replaced; i-0005 stays in Standby with v1
      "Ignore, SUCCEEDED",
      // Wait: the 4 are replaced, then 1 hour waiting for i-0005 to return to service: fails
      "Wait, FAILED"})
  void standbyInstances(String option, Outcome outcome) {
    RunResult r = RefreshScenario.of(4).set("fleet.standby", 1).param("instanceWarmup", "60s")
        .param("standbyInstances", option).run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(outcome);
    // a Standby instance serves nothing: finalVersions counts the 4 InService ones
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 4));
    assertThat(deployPhases(r)).isEqualTo(4);
    switch (option) {
      case "Terminate" -> {
        assertThat(s.outcomeReason()).isNull();
        assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).isEqualTo("i-0005 terminated"));
        assertThat(s.deployment().durationSeconds()).isCloseTo(4 * SET, within(1e-6));
      }
      case "Ignore" -> {
        assertThat(s.outcomeReason()).isEqualTo("instance refresh Successful i-0005 (in Standby) ignored; v1 and v2 "
            + "both remain in service");
        assertThat(s.deployment().durationSeconds()).isCloseTo(4 * SET, within(1e-6));
      }
      default -> {
        assertThat(s.outcomeReason()).contains("i-0005 still in Standby after 1h (Wait)");
        assertThat(s.deployment().durationSeconds()).isCloseTo(4 * SET + 3600, within(1e-6));
      }
    }
    // billed all along (AWS bills Standby instances) unless terminated: 4 + 1 at the start
    assertThat(s.capacity().peakInstances()).isGreaterThanOrEqualTo(option.equals("Terminate") ? 5 : 6);
  }

  @Test
  void checkpointsPauseAndALastCheckpointBelowOneHundredIsAPartialRefresh() {
    // AWS's example: 10 instances, min 80% (2 at a time), checkpoints [20, 50], delay 15 min:
    // 2 replaced (20%: pause 15 min), 2 more, then only 1 so as to stop at 50% exactly; 50 is the
    // last checkpoint, so the refresh ends there with 5 instances replaced
    RunResult r = RefreshScenario.of(10).param("instanceWarmup", "60s").param("minHealthyPercentage", 80)
        .param("checkpoints", "[20, 50]").param("checkpointDelay", "15m").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 5, "v2", 5));
    // AWS reports Successful with the percentage replaced (5 of 10 = 50%); the summary says both stay
    assertThat(s.outcomeReason()).isEqualTo("instance refresh Successful at its last checkpoint, 50%: 5 of 10 "
        + "instances replaced (50%); v1 and v2 both remain in service");
    assertThat(s.deployment().durationSeconds()).isCloseTo(SET + 900 + SET + SET, within(1e-6));
    assertThat(r.phases()).extracting(Phase::label).containsExactly(
        "set 1: replace i-0001, i-0002", "checkpoint 20%: wait 15m", "set 2: replace i-0003, i-0004",
        "set 3: replace i-0005");
  }

  @Test
  void aSetThatJumpsPastSeveralCheckpointsPausesOnce() {
    // AWS's example: 2 instances, checkpoints [10, 40, 100]: the first replacement makes 50%, past
    // 10 and 40: one pause (the default 1 h) for 40, then the second instance, and 100 ends it
    RunResult r = RefreshScenario.of(2).param("instanceWarmup", "60s").param("checkpoints", "[10, 40, 100]").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 2));
    // a last checkpoint of 100 is a full refresh: nothing to add to SUCCEEDED
    assertThat(s.outcomeReason()).isNull();
    assertThat(r.phases()).extracting(Phase::label).containsExactly(
        "set 1: replace i-0001", "checkpoint 40%: wait 1h", "set 2: replace i-0002");
    assertThat(s.deployment().durationSeconds()).isCloseTo(SET + 3600 + SET, within(1e-6));
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).contains("skipping [10]%"));
  }

  @Test
  void bakeTimeWaitsAfterTheLastSet() {
    RunResult r = RefreshScenario.of(4).param("instanceWarmup", "60s").param("bakeTime", "10m").run();
    assertThat(r.summary().deployment().durationSeconds()).isCloseTo(4 * SET + 600, within(1e-6));
    assertThat(r.phases().get(r.phases().size() - 1).label()).isEqualTo("bake time 10m");
  }

  @Test
  void withEc2HealthChecksABrokenVersionIsRolledOut() {
    // the refresh waits for the group's own health checks: with the EC2 type only status checks,
    // which a version failing its load balancer check passes
    Summary s = RefreshScenario.of(4).param("instanceWarmup", "60s").v2("{health: failing}").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 4));
  }

  @Test
  void aBlockedRefreshFailsAfterAnHour() {
    // ELB health checks: the first replacement is registered at 60 + 80 = 140 s, fails its checks
    // at 150 and 160 s (unhealthy threshold 2): blocked from 160 s; the group keeps replacing it;
    // the refresh fails 3600 s later, at 3760 s. Without AutoRollback nothing is undone, and the
    // group launches v1 again (a desired configuration is kept only when the refresh succeeds)
    RunResult r = RefreshScenario.of(4).set("fleet.healthCheckType", "ELB").v2("{health: failing}")
        .param("instanceWarmup", "60s")
        .run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.deployment().durationSeconds()).isCloseTo(160 + 3600 - AT, within(1e-6));
    assertThat(s.detection().by()).isEqualTo("health checks");
    assertThat(s.outcomeReason()).contains("set 1 made no progress for 1h");
    assertThat(r.timeline())
        .anySatisfy(e -> assertThat(e.message()).isEqualTo("blue-asg launches new instances with v1"));
  }

  @Test
  void autoRollbackReplacesWhatWasReplacedSoFar() {
    // same failure at 3760 s; the one instance with v2 at that time is replaced with v1: 140 s
    Summary s = RefreshScenario.of(4).set("fleet.healthCheckType", "ELB").v2("{health: failing}")
        .param("instanceWarmup", "60s")
        .param("autoRollback", true).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 4));
    assertThat(s.rollback().startSeconds()).isCloseTo(3760, within(1e-6));
    assertThat(s.rollback().endSeconds()).isCloseTo(3760 + SET, within(1e-6));
  }

  @Test
  void anAlarmFailsTheRefreshAndAutoRollbackUndoesIt() {
    // v2 fails half its requests. Set 1's new instance is healthy at 150 s and takes a quarter of
    // the requests; the alarm's datapoint for 120-180 s: 1/4 x 0.5 x 30/60 = 6.25% > 5%: ALARM at
    // 180 s. The refresh fails; AutoRollback replaces that instance with v1: 180 + 140 = 320 s
    ScenarioYaml bad = RefreshScenario.of(4).v2("{errorRate: 0.5}").errorRateAlarm().param("instanceWarmup", "60s");
    Summary rolled = bad.param("autoRollback", true).run().summary();
    assertThat(rolled.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(rolled.detection().by()).isEqualTo("alarm high-5xx");
    assertThat(rolled.detection().atSeconds()).isCloseTo(180, within(1e-6));
    assertThat(rolled.deployment().endSeconds()).isCloseTo(180 + SET, within(1e-6));
    assertThat(rolled.finalVersions()).isEqualTo(Map.of("v1", 4));
    // without AutoRollback the replaced instance keeps v2
    Summary failed = RefreshScenario.of(4).v2("{errorRate: 0.5}").errorRateAlarm().param("instanceWarmup", "60s")
        .run().summary();
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.deployment().endSeconds()).isCloseTo(180, within(1e-6));
    assertThat(failed.finalVersions()).isEqualTo(Map.of("v1", 3, "v2", 1));
  }
}
