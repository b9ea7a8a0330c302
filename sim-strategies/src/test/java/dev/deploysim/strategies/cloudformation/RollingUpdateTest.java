package dev.deploysim.strategies.cloudformation;

import dev.deploysim.testing.ScenarioYaml;
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
 * cloudformation.rolling-update against the documented rules
 * (docs/platforms/cloudformation.md#rolling-update), on the test system of {@link StackScenario}: a
 * batch's replacements are launched when its old instances are terminated (at t), run and are
 * InService at t + 80 s and healthy, so they signal, at t + 90 s; the old instances drain for 20 s.
 * With WaitOnResourceSignals a batch therefore takes 90 s.
 */
class RollingUpdateTest {
  static final String TYPE = "cloudformation.rolling-update";
  static final double AT = StackScenario.AT;
  /** A batch with signals: replacements healthy (signal) 90 s after the old instances go. */
  static final double BATCH = 40 + 30 + 10 + 10;

  static ScenarioYaml rolling(int instances) {
    return StackScenario.of(TYPE, instances);
  }

  static long deployPhases(RunResult r) {
    return r.phases().stream().filter(p -> p.kind() == Phase.Kind.DEPLOY).count();
  }

  @ParameterizedTest(name = "desired {0}, MaxSize {1}, MaxBatchSize {2}, MinInstancesInService {3}: batches of {5}")
  @CsvSource({
      // 6 - 4 = 2 may leave service: batches of MaxBatchSize 2
      "6, 12, 2, 4, 6, 2",
      // 6 - 5 = 1 may leave service: batches of 1, though MaxBatchSize is 2
      "6, 12, 2, 5, 6, 1",
      // the defaults: MaxBatchSize 1, MinInstancesInService 0
      "6, 6, 1, 0, 6, 1",
      "6, 12, 6, 0, 6, 6",
      // MinInstancesInService 2 = desired 2: raise to 2 + 1 = 3 first, then batches of 3 - 2 = 1
      "2, 4, 1, 2, 3, 1",
      // raise to 2 + 2 = 4, but MaxSize 3 caps it: 3, batches of 3 - 2 = 1
      "2, 3, 2, 2, 3, 1"})
  void batchSizeKeepsMinInstancesInService(int desired, int maxSize, int maxBatch, int minInService, int capacity,
      int batch) {
    RollingPolicy p = new RollingPolicy(maxBatch, minInService, 100, 0, false, ResourceSignals.Mode.HEALTH_CHECK,
        List.of());
    assertThat(p.updateCapacity(desired, maxSize)).isEqualTo(capacity);
    assertThat(p.batchSize(desired, maxSize)).isEqualTo(batch);
  }

  @ParameterizedTest(name = "{0} instances at {1}%: {2} must signal")
  @CsvSource({
      // the documented example: 5 at 50% -> 2.5 -> 3 (2 of 5 = 40%, 3 of 5 = 60%)
      "5, 50, 3",
      "5, 100, 5",
      "5, 0, 0",
      "2, 50, 1",
      // nearest tenth of a percent: 2 of 3 = 66.7%, enough for 66 but not for 67
      "3, 66, 2",
      "3, 67, 3",
      // 7 of 10 = 70% < 75; 8 = 80%
      "10, 75, 8"})
  void minSuccessfulInstancesPercentRoundsToATenth(int n, int percent, int required) {
    assertThat(ResourceSignals.required(n, percent)).isEqualTo(required);
  }

  @Test
  void batchesOfMaxBatchSizeWaitForTheirSignals() {
    // 6 instances, MaxBatchSize 2, MinInstancesInService 4: 3 batches of 90 s; 4 stay in service;
    // 2 old draining + 2 new launching: 8 exist for a while
    RunResult r = rolling(6).param("maxBatchSize", 2).param("minInstancesInService", 4)
        .param("waitOnResourceSignals", true).run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(deployPhases(r)).isEqualTo(3);
    assertThat(s.deployment().durationSeconds()).isCloseTo(3 * BATCH, within(1e-6));
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(4);
    assertThat(s.capacity().peakInstances()).isEqualTo(8);
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void minInstancesInServiceShrinksTheBatch() {
    // MaxBatchSize 2 with MinInstancesInService 5 on 6: batches of 1, 6 x 90 s, 5 in service
    RunResult r = rolling(6).set("fleet.maxSize", 12).param("maxBatchSize", 2).param("minInstancesInService", 5)
        .param("waitOnResourceSignals", true).run();
    Summary s = r.summary();
    assertThat(deployPhases(r)).isEqualTo(6);
    assertThat(s.deployment().durationSeconds()).isCloseTo(6 * BATCH, within(1e-6));
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(5);
  }

  @Test
  void withoutSignalsMinInstancesInServiceCountsInstancesTheLoadBalancerHasNotCheckedYet() {
    // without signals a batch ends when its replacement is InService in the group (80 s); the next
    // old instance leaves the load balancer before the replacement's first check (at 90 s), so for
    // 10 s only 4 instances serve, below MinInstancesInService 5: 6 batches x 80 s
    RunResult r = rolling(6).set("fleet.maxSize", 12).param("maxBatchSize", 2).param("minInstancesInService", 5).run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().durationSeconds()).isCloseTo(6 * 80, within(1e-6));
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(4);
    // a PauseTime of 10 s covers the first check
    Summary paused = rolling(6).set("fleet.maxSize", 12).param("maxBatchSize", 2).param("minInstancesInService", 5)
        .param("pauseTime", "PT10S").run().summary();
    assertThat(paused.capacity().minInServiceInstances()).isEqualTo(5);
    assertThat(paused.deployment().durationSeconds()).isCloseTo(6 * (80 + 10), within(1e-6));
  }

  @Test
  void minInstancesInServiceAtTheDesiredCapacityLaunchesFirst() {
    // 2 instances, MinInstancesInService 2, MaxSize 4: MinSize and DesiredCapacity go to 3; the
    // extra instance signals after 90 s; then i-0001 is replaced (90 s); then i-0002 is terminated
    // without replacement (20 s of draining) and the group is back at 2: 200 s, never below 2
    RunResult r = rolling(2).set("fleet.maxSize", 4).param("minInstancesInService", 2)
        .param("waitOnResourceSignals", true).run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 2));
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(2);
    assertThat(s.deployment().durationSeconds()).isCloseTo(BATCH + BATCH + 20, within(1e-6));
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message())
        .contains("temporarily setting MinSize and DesiredCapacity to 3"));
    assertThat(r.phases()).extracting(Phase::label).containsExactly(
        "batch 1 of 3: launch 1 new instance(s)", "batch 2 of 3: replace i-0001", "batch 3 of 3: replace i-0002");
  }

  @Test
  void pauseTimeWaitsAfterEachBatch() {
    // no signals, PauseTime 2 minutes: 6 batches of (80 s to InService + 120 s)
    Summary s = rolling(6).param("pauseTime", "PT2M").run().summary();
    assertThat(s.deployment().durationSeconds()).isCloseTo(6 * (80 + 120), within(1e-6));
  }

  @Test
  void tooFewSignalsRollTheStackBack() {
    // v2 never passes a health check, so batch 1's two instances never signal: the update fails at
    // the default PauseTime with signals, PT5M (60 + 300 = 360 s). The stack rolls back: a rolling
    // update to v1 with the same policy replaces the two v2 instances (90 s): ends at 450 s
    RunResult r = rolling(6).v2("{health: failing}").param("maxBatchSize", 2).param("waitOnResourceSignals", true)
        .run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(s.detection().by()).isEqualTo("resource signals");
    assertThat(s.detection().atSeconds()).isCloseTo(AT + 300, within(1e-6));
    assertThat(s.rollback().endSeconds()).isCloseTo(AT + 300 + BATCH, within(1e-6));
    assertThat(s.outcomeReason()).isEqualTo(
        "batch 1 of 3: received 0 SUCCESS signal(s) out of 2 within PauseTime 5m, 2 needed");
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(r.phases()).anySatisfy(p -> {
      assertThat(p.kind()).isEqualTo(Phase.Kind.ROLLBACK);
      assertThat(p.label()).isEqualTo("rollback batch 1 of 1: replace i-0007, i-0008");
    });
  }

  @Test
  void theRollbackUsesThePreviousTemplatesUpdatePolicy() {
    // The documented example: MaxBatchSize raised from 1 to 10, the update fails, the rollback
    // replaces one instance at a time. 10 instances, v2 never healthy: batch 1 of 1 replaces all ten
    // at 60 s and gets no signal within the default PauseTime 5 minutes: rollback at 360 s. With the
    // previous policy (MaxBatchSize 1, signals) it takes 10 batches of 90 s: ends at 360 + 900 s.
    String previous = "{maxBatchSize: 1, waitOnResourceSignals: true}";
    RunResult r = rolling(10).v2("{health: failing}").param("maxBatchSize", 10).param("waitOnResourceSignals", true)
        .param("previousPolicy", previous).run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.rollback().startSeconds()).isCloseTo(AT + 300, within(1e-6));
    assertThat(s.rollback().endSeconds()).isCloseTo(AT + 300 + 10 * BATCH, within(1e-6));
    assertThat(r.phases().stream().filter(p -> p.kind() == Phase.Kind.ROLLBACK).count()).isEqualTo(10);
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).isEqualTo("the rollback is a rolling update "
        + "back to v1 with the previous template's UpdatePolicy: MaxBatchSize 1, MinInstancesInService 0, "
        + "WaitOnResourceSignals (healthCheck), MinSuccessfulInstancesPercent 100, PauseTime 5m to signal"));
    // without previousPolicy the rollback runs with the update's own policy: one batch of 10, 90 s
    Summary same = rolling(10).v2("{health: failing}").param("maxBatchSize", 10).param("waitOnResourceSignals", true)
        .run().summary();
    assertThat(same.rollback().endSeconds()).isCloseTo(AT + 300 + BATCH, within(1e-6));
  }

  @Test
  void aShortPauseTimeCanMakeTheRollbackFail() {
    // AWS: "a short PauseTime can cause the rollback to fail". PauseTime PT1M: batch 1 fails at
    // 60 + 60 = 120 s; the rollback's v1 instances would signal 90 s after launch, 30 s too late:
    // UPDATE_ROLLBACK_FAILED at 120 + 60 = 180 s, outcome FAILED
    Summary s = rolling(6).v2("{health: failing}").param("maxBatchSize", 2).param("waitOnResourceSignals", true)
        .param("pauseTime", "PT1M").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isTrue();
    assertThat(s.outcomeReason()).startsWith("rollback failed (UPDATE_ROLLBACK_FAILED): rollback batch 1 of 1: "
        + "received 0 SUCCESS signal(s) out of 2 within PauseTime 1m");
    assertThat(s.deployment().endSeconds()).isCloseTo(AT + 60 + 60, within(1e-6));
  }

  @Test
  void disableRollbackLeavesTheFailedBatch() {
    // DisableRollback: the stack stops UPDATE_FAILED at 360 s; batch 1's v2 instances stay
    // (registered, unhealthy), the other four keep v1
    Summary s = rolling(6).v2("{health: failing}").param("maxBatchSize", 2).param("waitOnResourceSignals", true)
        .onFailure(false).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.deployment().endSeconds()).isCloseTo(AT + 300, within(1e-6));
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 4, "v2", 2));
  }

  @Test
  void withoutSignalsNothingChecksTheNewVersion() {
    Summary s = rolling(6).v2("{health: failing}").param("maxBatchSize", 2).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
  }

  @Test
  void appStartedSignalsDoNotWaitForTheLoadBalancer() {
    // signal: appStarted: an instance signals when its application starts (80 s), even a version that
    // then fails every health check
    Summary s = rolling(6).v2("{health: failing}").param("maxBatchSize", 2).param("waitOnResourceSignals", true)
        .param("signal", "appStarted").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().durationSeconds()).isCloseTo(3 * 80, within(1e-6));
  }

  @Test
  void minSuccessfulInstancesPercentLetsSomeInstancesFail() {
    // 5 instances in one batch, 50%: 3 of 5 must signal. At 145 s (after InService at 140 s,
    // before the first check at 150 s) instances with v2 fail their EC2 status checks; with
    // HealthCheck suspended the group keeps them. 2 failures: 3 signal at 150 s, enough.
    String suspend = "[HealthCheck, ReplaceUnhealthy]";
    Summary ok = rolling(5).param("maxBatchSize", 5).param("waitOnResourceSignals", true)
        .param("minSuccessfulInstancesPercent", 50).param("suspendProcesses", suspend)
        .fault("{at: 145s, type: instanceFailure, count: 2, version: v2}").run().summary();
    assertThat(ok.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(ok.deployment().durationSeconds()).isCloseTo(BATCH, within(1e-6));
    // 3 failures: 2 of 5 = 40% < 50% at the 5-minute PauseTime: rolled back
    Summary bad = rolling(5).param("maxBatchSize", 5).param("waitOnResourceSignals", true)
        .param("minSuccessfulInstancesPercent", 50).param("suspendProcesses", suspend)
        .fault("{at: 145s, type: instanceFailure, count: 3, version: v2}").run().summary();
    assertThat(bad.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(bad.outcomeReason()).contains("received 2 SUCCESS signal(s) out of 5").contains("3 needed");
    assertThat(bad.detection().atSeconds()).isCloseTo(AT + 300, within(1e-6));
  }

  @Test
  void aRollbackTriggerRollsTheStackBack() {
    // v2 fails half its requests but passes health checks, so it signals. Batch 1's two instances
    // serve from 150 s; the alarm's datapoint for 120-180 s: 2/6 x 0.5 x 30/60 = 8.3% > 5%: ALARM at
    // 180 s, during batch 2. The stack rolls back to v1
    Summary s = rolling(6).v2("{errorRate: 0.5}").errorRateAlarm().param("maxBatchSize", 2)
        .param("waitOnResourceSignals", true).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().by()).isEqualTo("alarm high-5xx");
    assertThat(s.detection().atSeconds()).isCloseTo(180, within(1e-6));
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
  }

  @Test
  void monitoringTimeKeepsWatchingAfterTheUpdate() {
    RunResult r = rolling(6).param("maxBatchSize", 2).param("waitOnResourceSignals", true)
        .param("monitoringTime", "10m").run();
    assertThat(r.summary().deployment().durationSeconds()).isCloseTo(3 * BATCH + 600, within(1e-6));
    assertThat(r.phases().get(r.phases().size() - 1).label()).isEqualTo("monitor rollback triggers 10m");
  }

  @Test
  void suspendedProcessesAreResumedAfterTheUpdate() {
    RunResult r = rolling(2).param("suspendProcesses", "[HealthCheck, AZRebalance]").run();
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).isEqualTo("blue-asg suspends HEALTH_CHECK"));
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).isEqualTo("blue-asg resumes HEALTH_CHECK"));
  }
}
