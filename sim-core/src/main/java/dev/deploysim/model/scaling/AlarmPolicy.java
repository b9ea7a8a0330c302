package dev.deploysim.model.scaling;

import dev.deploysim.model.Alarms;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.ScalingPolicySpec;
import java.util.Locale;

/**
 * A step or simple scaling policy on one of the scenario's alarms
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html): it runs at
 * every evaluation of its alarm that finds it in ALARM.
 *
 * <ul>
 *   <li>Step: the step whose bounds (relative to the threshold; above it the lower bound is
 *       inclusive and the upper exclusive, below it the reverse) hold the breach. While instances of
 *       its last scale-out are warming up they count toward the desired capacity, so a breach in the
 *       same step starts nothing and a larger step adds only the difference; scale-in waits until
 *       no instance is warming up.
 *   <li>Simple: waits until its activity is over (the group settled at its desired capacity) and
 *       then the cooldown (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scaling-cooldowns.html).
 * </ul>
 *
 * PercentChangeInCapacity rounds as documented: above 1 down, between 0 and 1 to 1, between -1 and
 * 0 to -1, below -1 up; MinAdjustmentMagnitude is the smallest change.
 */
final class AlarmPolicy {
  private final GroupScaling scaling;
  private final String name;
  private final ScalingPolicySpec spec;
  // step: desired capacity before the last scale-out and what it asked for
  private int stepBase = -1;
  private int stepTarget = -1;
  // simple: an activity under way, then the end of its cooldown
  private boolean activityPending;
  private double cooldownUntil = Double.NEGATIVE_INFINITY;

  AlarmPolicy(GroupScaling scaling, String name, ScalingPolicySpec spec) {
    this.scaling = scaling;
    this.name = name;
    this.spec = spec;
  }

  private String alarm() {
    return spec instanceof ScalingPolicySpec.Step s ? s.alarm() : ((ScalingPolicySpec.Simple) spec).alarm();
  }

  void onEvaluation(AlarmSpec alarm, Alarms.State state, double value) {
    if (!alarm.name().equals(alarm()) || state != Alarms.State.ALARM || Double.isNaN(value) || !scaling.active()) {
      return;
    }
    if (spec instanceof ScalingPolicySpec.Step s) {
      step(s, alarm, value);
    } else {
      simple((ScalingPolicySpec.Simple) spec, alarm, value);
    }
  }

  private void step(ScalingPolicySpec.Step s, AlarmSpec alarm, double value) {
    double breach = value - alarm.threshold();
    ScalingPolicySpec.StepAdjustment hit = null;
    for (ScalingPolicySpec.StepAdjustment a : s.steps()) {
      double lo = a.lower() == null ? Double.NEGATIVE_INFINITY : a.lower();
      double hi = a.upper() == null ? Double.POSITIVE_INFINITY : a.upper();
      boolean inside = breach >= 0 ? lo <= breach && breach < hi : lo < breach && breach <= hi;
      if (inside) {
        hit = a;
        break;
      }
    }
    if (hit == null || hit.adjustment() == 0) {
      return;
    }
    int desired = scaling.group().desired();
    boolean warming = scaling.anyWarming(s.instanceWarmup()) || scaling.anyLaunching();
    String cause = String.format(Locale.ROOT, "%s step scaling on %s: %s %s, step %+d", name, alarm.name(),
        fmt(value), alarm.comparison().key(), hit.adjustment());
    if (hit.adjustment() > 0) {
      // instances of the last scale-out still warming count toward the desired capacity
      int base = warming && stepBase >= 0 ? stepBase : desired;
      int target = apply(s.adjustmentType(), base, hit.adjustment(), s.minAdjustmentMagnitude());
      if (target > desired && scaling.scaleTo(target, cause)) {
        stepBase = base;
        stepTarget = target;
      }
    } else if (!warming) {
      stepBase = -1;
      scaling.scaleTo(apply(s.adjustmentType(), desired, hit.adjustment(), s.minAdjustmentMagnitude()), cause);
    }
  }

  private void simple(ScalingPolicySpec.Simple s, AlarmSpec alarm, double value) {
    double now = scaling.world().now();
    if (activityPending || now < cooldownUntil) {
      return;
    }
    int desired = scaling.group().desired();
    String cause = String.format(Locale.ROOT, "%s simple scaling on %s: %s %s, adjustment %+d", name, alarm.name(),
        fmt(value), alarm.comparison().key(), s.adjustment());
    if (scaling.scaleTo(apply(s.adjustmentType(), desired, s.adjustment(), s.minAdjustmentMagnitude()), cause)) {
      activityPending = true;
      activityProgress();
    }
  }

  /** The group moved: once a simple policy's activity is over its cooldown starts. */
  void activityProgress() {
    if (activityPending && scaling.settled()) {
      activityPending = false;
      cooldownUntil = scaling.world().now() + ((ScalingPolicySpec.Simple) spec).cooldown();
    }
  }

  /** The new desired capacity for an adjustment of the given type. */
  static int apply(ScalingPolicySpec.AdjustmentType type, int current, int adjustment, Integer minMagnitude) {
    return switch (type) {
      case CHANGE_IN_CAPACITY -> current + adjustment;
      case EXACT_CAPACITY -> adjustment;
      case PERCENT_CHANGE_IN_CAPACITY -> {
        double change = current * adjustment / 100.0;
        long c;
        if (change > 1) {
          c = (long) Math.floor(change);
        } else if (change > 0) {
          c = 1;
        } else if (change >= -1) {
          c = change < 0 ? -1 : 0;
        } else {
          c = (long) Math.ceil(change);
        }
        if (minMagnitude != null && c != 0 && Math.abs(c) < minMagnitude) {
          c = Long.signum(c) * minMagnitude;
        }
        yield (int) (current + c);
      }
    };
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
