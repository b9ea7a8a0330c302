package dev.deploysim.strategies.asg;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import java.util.ArrayList;
import java.util.List;

/** One run of {@link InstanceRefresh}: the refresh, its alarms, bake time and rollback. */
final class RefreshRun {
  private final Deployment d;
  private final RefreshPreferences prefs;
  private AutoScalingGroup group;
  private int baselineDesired;
  private int baselineMin;
  private int baselineMax;
  private boolean stopping;

  RefreshRun(Deployment d, RefreshPreferences prefs) {
    this.d = d;
    this.prefs = prefs;
  }

  void start() {
    group = d.environment().group();
    baselineDesired = group.desired();
    baselineMin = group.minSize();
    baselineMax = group.maxSize();
    List<Instance> targets = new ArrayList<>();
    List<Instance> matching = new ArrayList<>();
    for (Instance i : group.instances()) {
      if (!i.state().countsTowardDesired()) {
        continue;
      }
      if (prefs.skipMatching() && d.toVersion().equals(i.effectiveVersion())) {
        matching.add(i);
      } else {
        targets.add(i);
      }
    }
    targets = ZoneOrder.spread(targets);
    d.log("instance refresh of " + group.name() + " to " + d.toVersion() + ": " + prefs.describe(baselineDesired));
    if (!matching.isEmpty()) {
      d.log("skip matching: " + ZoneOrder.names(matching) + " already run " + d.toVersion() + " and stay");
    }
    if (!d.rollbackAlarms().isEmpty()) {
      d.log("the refresh fails if alarm " + String.join(", ", d.rollbackAlarms()) + " goes to ALARM"
          + (prefs.autoRollback() ? ", then rolls back" : ""));
      d.onAlarm(alarm -> fail("alarm " + alarm + " in ALARM"));
    }
    if (targets.isEmpty()) {
      group.setLaunchVersion(d.toVersion());
      d.log("nothing to replace: the refresh succeeds at once");
      d.succeeded();
      return;
    }
    Replacement main = new Replacement(d, d.scope(), group, d.toVersion(), prefs, true, Phase.Kind.DEPLOY, "",
        targets);
    main.run()
        .then(this::bake)
        .whenDone(t -> {
          if (stopping || d.isFinished()) {
            return;
          }
          if (t.succeeded()) {
            d.log("instance refresh successful: " + group.name() + " launches " + d.toVersion() + " from now on");
            if (main.partialAt() == null) {
              d.succeeded();
            } else {
              d.succeeded(partialReport(main));
            }
          } else {
            d.detected("health checks");
            fail(t.failure());
          }
        });
  }

  /**
   * What AWS reports for a refresh whose last checkpoint is below 100%: status Successful with the
   * share of instances replaced ("The operation doesn't transition to Successful until this
   * percentage of the group is replaced", https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-adding-checkpoints-instance-refresh.html),
   * and the instances left alone keep the old version: both versions serve.
   */
  private String partialReport(Replacement main) {
    int pct = (int) Math.round(100.0 * main.replaced() / main.total());
    return "instance refresh Successful at its last checkpoint, " + main.partialAt() + "%: " + main.replaced()
        + " of " + main.total() + " instances replaced (" + pct + "%); " + d.fromVersion() + " and "
        + d.toVersion() + " both remain in service";
  }

  /** Bake time: the refresh waits (watching its alarms) before it counts as complete. */
  private Task bake() {
    if (prefs.bakeTime() <= 0) {
      return d.scope().done();
    }
    d.phase("bake time " + Durations.format(prefs.bakeTime()), Phase.Kind.WAIT);
    return d.sleep(prefs.bakeTime());
  }

  /** The refresh failed (an alarm, or progress blocked): roll back with AutoRollback, else stop. */
  private void fail(String why) {
    if (stopping || d.isFinished()) {
      return;
    }
    stopping = true;
    Scope s = d.stop(why);
    if (!prefs.autoRollback()) {
      // the group keeps its previous launch template: the desired configuration applies only on success
      group.setLaunchVersion(d.fromVersion());
      restoreSizes();
      d.log("instance refresh failed; instances already replaced keep " + d.toVersion()
          + ", the rest keep " + d.fromVersion() + " (no AutoRollback)");
      d.failed(why);
      return;
    }
    d.startRollback(why);
    group.setLaunchVersion(d.fromVersion());
    restoreSizes();
    List<Instance> back = new ArrayList<>();
    for (Instance i : group.instances()) {
      if (i.state().countsTowardDesired() && !d.fromVersion().equals(i.effectiveVersion())) {
        back.add(i);
      }
    }
    d.log("auto rollback: replacing the " + back.size() + " instance(s) launched with " + d.toVersion()
        + " so far with " + d.fromVersion() + ", same healthy percentages and warmup");
    if (back.isEmpty()) {
      d.rolledBack();
      return;
    }
    new Replacement(d, s, group, d.fromVersion(), prefs, false, Phase.Kind.ROLLBACK, "rollback ",
        ZoneOrder.spread(back))
        .run()
        .whenDone(t -> {
          if (d.isFinished()) {
            return;
          }
          if (t.succeeded()) {
            d.rolledBack();
          } else {
            d.failed("rollback failed: " + t.failure());
          }
        });
  }

  /** A set that was launching extra instances when the refresh stopped leaves the group above its size. */
  private void restoreSizes() {
    if (group.desired() != baselineDesired || group.maxSize() != baselineMax) {
      group.updateSizes(Math.min(baselineMin, baselineDesired), Math.max(baselineMax, baselineDesired),
          baselineDesired);
    }
  }
}
