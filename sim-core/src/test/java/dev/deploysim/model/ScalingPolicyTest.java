package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.model.scaling.GroupScaling;
import dev.deploysim.result.ScalingActivity;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.ScalingPolicySpec;
import dev.deploysim.scenario.TrafficSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Target tracking (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html),
 * warm-up (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html),
 * bounds and suspended processes (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-suspend-resume-processes.html).
 * One-minute datapoints from the start of the run; the fleet at the start is warm.
 */
class ScalingPolicyTest {

  private static ScalingPolicySpec.TargetTracking cpu(double target, double warmup, int outPoints, int inPoints) {
    return new ScalingPolicySpec.TargetTracking(ScalingPolicySpec.TrackedMetric.CPU, target, warmup, false, outPoints,
        inPoints);
  }

  private static World world(ModelScenarios m) {
    Scenario s = m.build();
    World w = new World(s, false);
    GroupScaling.attach(w, w.primary().group(), s.fleet());
    return w;
  }

  @Test
  void scalesOutAfterThreeDatapointsAboveTheTargetProportionallyToTheMetric() {
    // 4 instances x 100 rps; demand 200 (cpu 50%) then 300 from 600 s (cpu 300/4/100 = 75%)
    World w = world(ModelScenarios.scenario().withInstances(4).withSizes(4, 10).withLaunchTime(60)
        .withTraffic(new TrafficSpec.Steps(List.of(new TrafficSpec.Step(0, 200), new TrafficSpec.Step(600, 300))))
        .withScaling(cpu(50, 300, 3, 15)));
    AutoScalingGroup g = w.primary().group();
    // datapoints at 660, 720, 780 cover [600, 780]: 75 > 50 three times -> scale out at 780 s
    w.sim().runUntil(779);
    assertThat(g.desired()).isEqualTo(4);
    w.sim().runUntil(781);
    // ceil(4 x 75 / 50) = ceil(6.0) = 6
    assertThat(g.desired()).isEqualTo(6);
    List<ScalingActivity> acts = w.scalingActivities();
    assertThat(acts).hasSize(1);
    assertThat(acts.get(0).time()).isEqualTo(780.0);
    assertThat(acts.get(0).from()).isEqualTo(4);
    assertThat(acts.get(0).to()).isEqualTo(6);
    // the two new instances: launch 60 s, install 30 s, start 10 s: InService at 880 s; then
    // 300/6 = 50 rps each = 50%: at the target, nothing more happens
    w.sim().runUntil(3000);
    assertThat(g.desired()).isEqualTo(6);
    assertThat(w.scalingActivities()).hasSize(1);
  }

  @Test
  void scaleInWaitsForTheWarmUpAndScaleOutStopsAtMaxSize() {
    // demand 300 from 600 s, back to 100 at 900 s; scale-in after one datapoint below the target
    World w = world(ModelScenarios.scenario().withInstances(4).withSizes(4, 5).withLaunchTime(60)
        .withTraffic(new TrafficSpec.Steps(List.of(new TrafficSpec.Step(0, 200), new TrafficSpec.Step(600, 300),
            new TrafficSpec.Step(900, 100))))
        .withScaling(cpu(50, 300, 3, 1)));
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(781);
    // ceil(4 x 75 / 50) = 6, but maxSize is 5
    assertThat(g.desired()).isEqualTo(5);
    Instance added = null;
    w.sim().runUntil(900);
    for (Instance i : g.inService()) {
      if (i.inServiceSince() > 0) {
        added = i;
      }
    }
    // launched at 780: 60 s boot + 30 s install + 10 s start
    assertThat(added).isNotNull();
    assertThat(added.inServiceSince()).isEqualTo(880.0);
    // from 960 s the datapoints are below 50% (100 / 5 = 20 rps each), but the new instance warms
    // up until 880 + 300 = 1180 s: the first evaluation after it, at 1200 s, scales in to
    // max(minSize 4, ceil(5 x 20 / 50) = 2) = 4
    w.sim().runUntil(1199);
    assertThat(g.desired()).isEqualTo(5);
    w.sim().runUntil(1201);
    assertThat(g.desired()).isEqualTo(4);
  }

  @Test
  void disableScaleInKeepsTheCapacity() {
    World w = world(ModelScenarios.scenario().withInstances(4).withSizes(2, 10).withRps(40)
        .withScaling(new ScalingPolicySpec.TargetTracking(ScalingPolicySpec.TrackedMetric.CPU, 50, 300, true, 3, 1)));
    w.sim().runUntil(1800);
    assertThat(w.primary().group().desired()).isEqualTo(4);
    assertThat(w.scalingActivities()).isEmpty();
  }

  @Test
  void suspendedAlarmNotificationStopsThePolicies() {
    World w = world(ModelScenarios.scenario().withInstances(4).withSizes(4, 10).withRps(350)
        .withScaling(cpu(50, 300, 3, 15)));
    w.primary().group().suspend(AutoScalingGroup.Process.ALARM_NOTIFICATION);
    w.sim().runUntil(900);
    assertThat(w.primary().group().desired()).isEqualTo(4);
    // resumed: the alarm is still in breach (87.5% > 50), so the next evaluation scales out to
    // ceil(4 x 87.5 / 50) = ceil(7.0) = 7
    w.primary().group().resume(AutoScalingGroup.Process.ALARM_NOTIFICATION);
    w.sim().runUntil(961);
    assertThat(w.primary().group().desired()).isEqualTo(7);
  }

  @Test
  void scheduledActionsDueWhileSuspendedAreSkipped() {
    World w = ModelScenarios.scenario().withInstances(4).withSizes(4, 10).withScheduledAction(100, null, null, 6)
        .world();
    w.primary().group().suspend(AutoScalingGroup.Process.SCHEDULED_ACTIONS);
    w.sim().runUntil(200);
    w.primary().group().resume(AutoScalingGroup.Process.SCHEDULED_ACTIONS);
    w.sim().runUntil(400);
    // skipped, not run on resume
    assertThat(w.primary().group().desired()).isEqualTo(4);
    assertThat(w.timeline()).anyMatch(e -> e.message().contains("skipped: ScheduledActions is suspended"));
  }
}
