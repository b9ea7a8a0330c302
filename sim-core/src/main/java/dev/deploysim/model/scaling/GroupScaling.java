package dev.deploysim.model.scaling;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LifecycleState;
import dev.deploysim.model.World;
import dev.deploysim.model.WorldListener;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.ScalingPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scaling policies of one group and what they share: the bounds, warm-up, and the rule that a
 * group scales out when any target-tracking policy asks and scales in only when all of those that
 * may scale in ask (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html).
 * Target-tracking policies are evaluated together once a minute (their metrics' period with
 * detailed monitoring); step and simple policies run when their alarm is evaluated in ALARM.
 */
public final class GroupScaling implements WorldListener {
  /** Seconds per datapoint of target-tracking alarms (one-minute detailed monitoring). */
  public static final double PERIOD = 60;

  private final World world;
  private final AutoScalingGroup group;
  private final List<TargetTrackingPolicy> tracking = new ArrayList<>();
  private final List<AlarmPolicy> alarmPolicies = new ArrayList<>();

  /** Attaches the fleet's policies to the group (nothing when it has none). */
  public static GroupScaling attach(World world, AutoScalingGroup group, FleetSpec fleet) {
    GroupScaling s = new GroupScaling(world, group);
    for (int i = 0; i < fleet.scaling().size(); i++) {
      ScalingPolicySpec p = fleet.scaling().get(i);
      String name = "scaling[" + i + "]";
      if (p instanceof ScalingPolicySpec.HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscaler.attach(world, group, hpa);
      } else if (p instanceof ScalingPolicySpec.TargetTracking tt) {
        s.tracking.add(new TargetTrackingPolicy(s, name, tt));
      } else {
        s.alarmPolicies.add(new AlarmPolicy(s, name, p));
      }
    }
    if (!s.tracking.isEmpty()) {
      world.sim().after(PERIOD, s::evaluateTracking);
    }
    if (!s.alarmPolicies.isEmpty()) {
      world.alarms().addEvaluationListener((alarm, state, value) -> {
        for (AlarmPolicy p : s.alarmPolicies) {
          p.onEvaluation(alarm, state, value);
        }
      });
      world.addListener(s);
    }
    return s;
  }

  private GroupScaling(World world, AutoScalingGroup group) {
    this.world = world;
    this.group = group;
  }

  World world() {
    return world;
  }

  AutoScalingGroup group() {
    return group;
  }

  /** Whether policies may act now (the group exists and AlarmNotification is not suspended). */
  boolean active() {
    return !group.isDeleted() && !group.isSuspended(AutoScalingGroup.Process.ALARM_NOTIFICATION);
  }

  /** Whether an instance is still warming up: InService for less than {@code warmup} seconds. */
  boolean warming(Instance i, double warmup) {
    double since = i.inServiceSince();
    // the fleet in place at the start of the run is warm
    return since > 0 && world.now() < since + warmup;
  }

  /** InService instances of the group. */
  int inService() {
    return group.inService().size();
  }

  /** InService instances of the group that are not warming up. */
  int inServiceNotWarming(double warmup) {
    int n = 0;
    for (Instance i : group.inService()) {
      if (!warming(i, warmup)) {
        n++;
      }
    }
    return n;
  }

  /** Whether any InService instance of the group is warming up. */
  boolean anyWarming(double warmup) {
    for (Instance i : group.inService()) {
      if (warming(i, warmup)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Instances launching (they count toward desired capacity already), or about to: the desired
   * capacity was raised and the group has not started the launches yet.
   */
  boolean anyLaunching() {
    int counted = 0;
    for (Instance i : group.members()) {
      if (i.state().isLaunching()) {
        return true;
      }
      if (i.state().countsTowardDesired()) {
        counted++;
      }
    }
    return counted < group.desired();
  }

  /**
   * Sets the desired capacity (clamped to min and max) as a scaling activity; returns whether it
   * changed.
   */
  boolean scaleTo(int proposed, String cause) {
    int from = group.desired();
    int to = Math.max(group.minSize(), Math.min(group.maxSize(), proposed));
    if (to == from) {
      return false;
    }
    world.log("asg", String.format(Locale.ROOT, "%s scaling activity: desired %d -> %d (%s)", group.name(), from, to,
        cause));
    group.updateSizes(group.minSize(), group.maxSize(), to);
    world.recordScaling(group, from, to, cause);
    return true;
  }

  private void evaluateTracking() {
    world.sim().after(PERIOD, this::evaluateTracking);
    int desired = group.desired();
    Integer out = null;
    Integer in = null;
    boolean allIn = true;
    String outCause = null;
    String inCause = null;
    for (TargetTrackingPolicy p : tracking) {
      TargetTrackingPolicy.Proposal prop = p.evaluate();
      if (p.spec().disableScaleIn()) {
        // a policy that may not scale in has no say about scaling in
      } else if (prop != null && !prop.scaleOut() && prop.capacity() < desired) {
        if (in == null || prop.capacity() > in) {
          in = prop.capacity();
          inCause = prop.cause();
        }
      } else {
        allIn = false;
      }
      if (prop != null && prop.scaleOut() && prop.capacity() > desired && (out == null || prop.capacity() > out)) {
        out = prop.capacity();
        outCause = prop.cause();
      }
    }
    if (!active()) {
      return;
    }
    if (out != null) {
      scaleTo(out, outCause);
    } else if (in != null && allIn) {
      scaleTo(in, inCause);
    }
  }

  // a simple policy's cooldown starts when its activity is over
  @Override
  public void instanceInService(AutoScalingGroup g, Instance instance) {
    if (g == group) {
      alarmPolicies.forEach(AlarmPolicy::activityProgress);
    }
  }

  @Override
  public void instanceTerminated(AutoScalingGroup g, Instance instance) {
    if (g == group) {
      alarmPolicies.forEach(AlarmPolicy::activityProgress);
    }
  }

  /** Whether the group runs exactly its desired capacity InService, nothing launching or leaving. */
  boolean settled() {
    int n = 0;
    for (Instance i : group.members()) {
      LifecycleState s = i.state();
      if (s.isLaunching() || s == LifecycleState.TERMINATING || s == LifecycleState.TERMINATING_WAIT
          || s == LifecycleState.TERMINATING_PROCEED) {
        return false;
      }
      if (s == LifecycleState.IN_SERVICE) {
        n++;
      }
    }
    return n == group.desired();
  }
}
