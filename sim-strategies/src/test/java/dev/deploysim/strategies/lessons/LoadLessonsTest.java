package dev.deploysim.strategies.lessons;

import static dev.deploysim.strategies.lessons.Lessons.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimelineEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lessons of the load model: deployments at a peak under target tracking, scale-outs during a
 * deployment, scheduled scaling ahead of a known peak, CloudFormation's suspended processes, cold
 * caches and slow start (scenarios/lessons/README.md, "Load and scaling").
 */
class LoadLessonsTest {

  static List<TimelineEvent> activities(RunResult r) {
    return r.timeline().stream().filter(e -> e.message().contains("scaling activity")).toList();
  }

  /**
   * "Rolling with additional batch: to maintain full capacity during deploy", at the peak of a
   * diurnal day with the group sized by target tracking (800 requests/s at 50% of 100 per instance:
   * 16 instances): rolling takes 5 of them out of service per batch and its p99 passes the SLO; the
   * additional batch keeps the SLO, but the policy scales the group back in during the deployment
   * and terminates an instance being deployed, which fails it.
   */
  @Test
  void atThePeakRollingBreaksTheSloAndTheAdditionalBatchIsScaledBackIn() {
    String file = "peak-rolling-target-tracking.yaml";
    Summary rolling = run(file, "eb.rolling");
    RunResult extra = Lessons.result(file, "eb.rolling-additional-batch");
    assertThat(rolling.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(rolling.capacity().peakInstances()).isEqualTo(16);
    // 16 - 5 = 11 serving 800 requests/s: 73% each
    assertThat(rolling.capacity().minInServiceInstances()).isEqualTo(16 - 5);
    assertThat(rolling.latency().sloViolationSeconds()).isGreaterThan(60.0);
    Summary s = extra.summary();
    assertThat(s.latency().sloViolationSeconds()).isZero();
    assertThat(s.latency().p99MaxSeconds()).isLessThan(rolling.latency().p99MaxSeconds());
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.outcomeReason()).contains("was terminated");
    double start = s.deployment().startSeconds();
    assertThat(activities(extra)).anySatisfy(e -> {
      assertThat(e.time()).isBetween(start, s.deployment().endSeconds());
      assertThat(e.message()).contains("desired 21 -> 16");
    });
  }

  /**
   * "Some nodes are not updated after a successful CodeDeploy deployment: the ASG created new nodes
   * during the deployment", with the nodes launched by a target-tracking policy: demand 400
   * requests/s from 6 minutes is 66.7% of 6 instances, so 3 datapoints (7, 8, 9 minutes) scale out
   * to ceil(6 x 66.7 / 50) = 8 at 540 s; they boot with v1, and the follow-on deployment updates them.
   */
  @Test
  void aRealScaleOutLaunchesOutdatedInstancesThatTheFollowOnDeploymentUpdates() {
    RunResult r = Lessons.result("codedeploy-scale-out-policy.yaml");
    assertThat(activities(r)).first().satisfies(e -> {
      assertThat(e.time()).isEqualTo(540.0);
      assertThat(e.message()).contains("desired 6 -> 8");
    });
    assertThat(r.timeline()).anyMatch(e -> e.message().contains("during the deployment with v1")
        && e.message().endsWith("outdated"));
    assertThat(r.timeline()).anyMatch(e -> e.message().startsWith("follow-on deployment of v2 to 2 outdated"));
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.summary().finalVersions()).isEqualTo(Map.of("v2", 8));
  }

  /**
   * "Handle predictable traffic: scheduled scaling": demand triples at 30 minutes. Target tracking
   * alone needs 3 datapoints above the target (33 minutes) and a launch before the new capacity
   * serves, and requests time out meanwhile; a scheduled action 10 minutes ahead has 18 instances
   * (enough for 900 requests/s at 50%) in service when the demand arrives.
   */
  @Test
  void scheduledScalingAheadOfAKnownPeakKeepsTheSloTargetTrackingAloneDoesNot() {
    RunResult alone = Lessons.result("peak-target-tracking-only.yaml");
    RunResult scheduled = Lessons.result("peak-scheduled-scaling.yaml");
    assertThat(activities(alone)).first().satisfies(e -> assertThat(e.time()).isEqualTo(33 * 60.0));
    assertThat(alone.summary().latency().timedOutRequests()).isPositive();
    assertThat(alone.summary().latency().sloViolationSeconds()).isGreaterThan(120.0);
    assertThat(scheduled.summary().traffic().failedRequests()).isZero();
    assertThat(scheduled.summary().latency().sloViolationSeconds()).isZero();
    // the price: the minimum of 18 from 20 minutes on
    assertThat(scheduled.summary().cost().instanceHours()).isGreaterThan(alone.summary().cost().instanceHours());
  }

  /**
   * CloudFormation's SuspendProcesses with the set AWS recommends: the scheduled action that falls
   * due during the update is skipped (not run later), so the update runs with 6 instances against
   * 450 requests/s and latency stays high for longer than when the action runs.
   */
  @Test
  void suspendingScheduledActionsDuringARollingUpdateSkipsTheScaleOut() {
    RunResult open = Lessons.result("cloudformation-rolling-scaling.yaml");
    RunResult suspended = Lessons.result("cloudformation-rolling-scaling-suspended.yaml");
    assertThat(open.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(suspended.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(open.timeline()).anyMatch(e -> e.time() == 420 && e.message().contains("scheduled action on blue-asg"));
    assertThat(suspended.timeline()).anyMatch(e -> e.time() == 420
        && e.message().contains("skipped: ScheduledActions is suspended"));
    assertThat(suspended.summary().latency().sloViolationSeconds())
        .isGreaterThan(open.summary().latency().sloViolationSeconds());
  }

  /**
   * A version with cold caches (half capacity for 2 minutes) behind ALB slow start: a new target's
   * share of requests grows over 2 minutes, so it is not pushed past its reduced capacity at once.
   */
  @Test
  void slowStartShieldsAColdVersion() {
    Summary cold = run("cold-cache.yaml");
    Summary slow = run("cold-cache-slow-start.yaml");
    assertThat(slow.latency().p99MaxSeconds()).isLessThan(cold.latency().p99MaxSeconds());
    assertThat(slow.latency().sloViolationSeconds()).isLessThan(cold.latency().sloViolationSeconds());
  }
}
