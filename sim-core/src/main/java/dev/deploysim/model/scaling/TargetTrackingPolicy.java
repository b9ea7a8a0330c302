package dev.deploysim.model.scaling;

import dev.deploysim.model.CpuMeter;
import dev.deploysim.scenario.ScalingPolicySpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A target-tracking policy (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html).
 * Each minute it takes one datapoint of its metric over the InService instances that are not
 * warming up (warming instances add no metrics). Its scale-out alarm is in ALARM after {@code
 * scaleOutDatapoints} consecutive datapoints above the target, its scale-in alarm after {@code
 * scaleInDatapoints} below it: AWS creates and owns these alarms and does not publish their
 * settings, so both counts are parameters (3 and 15 by default, as users observe them). Missing
 * data (no non-warming instance) breaks the run of datapoints.
 *
 * <p>Sizing, as the documentation describes it (capacity proportional to metric / target, rounded
 * up on scale-out, down on the removal on scale-in): with N InService instances at an average
 * metric m (N counts the instances measured: InService and not warming up), their load needs
 * ceil(N m / target) instances. Scale-out raises the desired capacity to that when it is higher
 * (instances launching or warming up are in the desired capacity already, and add nothing to the
 * metric); scale-in waits until no instance is launching or warming up ("all scale-in activities
 * initiated by scaling policies are blocked until the instances finish warming up") and is never
 * done with {@code disableScaleIn}.
 */
final class TargetTrackingPolicy {
  /** What a policy asks for at one evaluation. */
  record Proposal(int capacity, boolean scaleOut, String cause) {}

  private final GroupScaling scaling;
  private final String name;
  private final ScalingPolicySpec.TargetTracking spec;
  private final CpuMeter meter;
  private final Deque<Double> datapoints = new ArrayDeque<>();

  TargetTrackingPolicy(GroupScaling scaling, String name, ScalingPolicySpec.TargetTracking spec) {
    this.scaling = scaling;
    this.name = name;
    this.spec = spec;
    this.meter = new CpuMeter(scaling.world(), scaling.group(),
        spec.metric() == ScalingPolicySpec.TrackedMetric.REQUEST_COUNT_PER_TARGET);
  }

  ScalingPolicySpec.TargetTracking spec() {
    return spec;
  }

  /** Takes this minute's datapoint; the capacity the policy asks for, or null when its alarms are OK. */
  Proposal evaluate() {
    double warmup = spec.instanceWarmup();
    double value = meter.read(i -> !scaling.warming(i, warmup));
    datapoints.addLast(value);
    int keep = Math.max(spec.scaleOutDatapoints(), spec.scaleInDatapoints());
    while (datapoints.size() > keep) {
      datapoints.removeFirst();
    }
    if (Double.isNaN(value)) {
      return null;
    }
    // the capacity the measured (non-warming) instances' load needs; warming instances already
    // count toward the desired capacity, so they are not added again
    int n = scaling.inServiceNotWarming(warmup);
    int needed = (int) Math.ceil(n * value / spec.target() - 1e-9);
    if (last(spec.scaleOutDatapoints(), true)) {
      return new Proposal(needed, true, cause(value, spec.scaleOutDatapoints(), "above"));
    }
    // an instance still launching has not finished its warm-up either (as for step scaling): without
    // this a scale-in could take back capacity someone just asked for (a deployment's extra batch)
    if (last(spec.scaleInDatapoints(), false) && !spec.disableScaleIn() && !scaling.anyWarming(warmup)
        && !scaling.anyLaunching()) {
      return new Proposal(needed, false, cause(value, spec.scaleInDatapoints(), "below"));
    }
    return null;
  }

  private String cause(double value, int points, String side) {
    return String.format(Locale.ROOT, "%s target tracking %s %s: %d datapoints %s the target, last %.1f",
        name, spec.metric().key(), fmt(spec.target()), points, side, value);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** Whether the last {@code count} datapoints all exist and are above (or below) the target. */
  private boolean last(int count, boolean above) {
    if (datapoints.size() < count) {
      return false;
    }
    var it = datapoints.descendingIterator();
    for (int k = 0; k < count; k++) {
      double v = it.next();
      if (Double.isNaN(v) || (above ? !(v > spec.target()) : !(v < spec.target()))) {
        return false;
      }
    }
    return true;
  }
}
