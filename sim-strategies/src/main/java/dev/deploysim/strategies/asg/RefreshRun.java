package dev.deploysim.strategies.asg;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LifecycleState;
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
  /** Protected or Standby instances the refresh leaves alone (Ignore). */
  private final List<Instance> ignored = new ArrayList<>();
  /** Protected or Standby instances the refresh waits for (Wait). */
  private final List<Instance> waitFor = new ArrayList<>();
  private boolean waitTimedOut;

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
    List<Instance> standbyToTerminate = new ArrayList<>();
    for (Instance i : group.instances()) {
      if (i.state() == LifecycleState.STANDBY) {
        switch (prefs.standbyInstances()) {
          case TERMINATE -> standbyToTerminate.add(i);
          case IGNORE -> ignored.add(i);
          case WAIT -> waitFor.add(i);
        }
        continue;
      }
      if (!i.state().countsTowardDesired()) {
        continue;
      }
      if (prefs.skipMatching() && d.toVersion().equals(i.effectiveVersion())) {
        matching.add(i);
      } else if (!i.isProtectedFromScaleIn()
          || prefs.scaleInProtectedInstances() == RefreshPreferences.ProtectedInstances.REFRESH) {
        targets.add(i);
      } else if (prefs.scaleInProtectedInstances() == RefreshPreferences.ProtectedInstances.IGNORE) {
        ignored.add(i);
      } else {
        waitFor.add(i);
      }
    }
    targets = ZoneOrder.spread(targets);
    d.log("instance refresh of " + group.name() + " to " + d.toVersion() + ": " + prefs.describe(baselineDesired));
    if (!matching.isEmpty()) {
      d.log("skip matching: " + ZoneOrder.names(matching) + " already run " + d.toVersion() + " and stay");
    }
    if (!ignored.isEmpty()) {
      d.log(ZoneOrder.names(ignored) + " (" + kinds(ignored) + ") are ignored and keep " + d.fromVersion());
    }
    if (!waitFor.isEmpty()) {
      d.log(ZoneOrder.names(waitFor) + " (" + kinds(waitFor) + "): the refresh replaces the others first, then waits "
          + Durations.format(RefreshPreferences.BLOCKED_TIMEOUT) + " for them");
    }
    for (Instance i : standbyToTerminate) {
      d.log("standbyInstances Terminate: terminating " + i.name() + " (in Standby)");
      group.terminate(d.scope(), i, true);
    }
    if (!d.rollbackAlarms().isEmpty()) {
      d.log("the refresh fails if alarm " + String.join(", ", d.rollbackAlarms()) + " goes to ALARM"
          + (prefs.autoRollback() ? ", then rolls back" : ""));
      d.onAlarm(alarm -> fail(d.world().alarms().describe(alarm)));
    }
    if (targets.isEmpty() && waitFor.isEmpty()) {
      group.setLaunchVersion(d.toVersion());
      d.log("nothing to replace: the refresh succeeds at once");
      finishSuccessfully(null);
      return;
    }
    Replacement main = new Replacement(d, d.scope(), group, d.toVersion(), prefs, true, Phase.Kind.DEPLOY, "",
        targets);
    if (targets.isEmpty()) {
      group.setLaunchVersion(d.toVersion());
    }
    (targets.isEmpty() ? d.scope().done() : main.run())
        .then(() -> main.partialAt() == null ? awaitWaiting() : d.scope().done())
        .then(this::bake)
        .whenDone(t -> {
          if (stopping || d.isFinished()) {
            return;
          }
          if (t.succeeded()) {
            d.log("instance refresh successful: " + group.name() + " launches " + d.toVersion() + " from now on");
            finishSuccessfully(main);
          } else {
            if (!waitTimedOut) {
              d.detected("health checks");
            }
            fail(t.failure());
          }
        });
  }

  /**
   * The refresh is Successful. When it leaves instances on the old version on purpose (a last
   * checkpoint below 100%, protected or Standby instances it ignores) the outcome reason says so,
   * with the share replaced, as AWS reports it: status Successful and its percentage complete ("The
   * operation doesn't transition to Successful until this percentage of the group is replaced",
   * https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-adding-checkpoints-instance-refresh.html).
   */
  private void finishSuccessfully(Replacement main) {
    List<String> notes = new ArrayList<>();
    if (main != null && main.partialAt() != null) {
      int pct = (int) Math.round(100.0 * main.replaced() / main.total());
      notes.add("at its last checkpoint, " + main.partialAt() + "%: " + main.replaced() + " of " + main.total()
          + " instances replaced (" + pct + "%)");
    }
    ignored.removeIf(Instance::isTerminated);
    if (!ignored.isEmpty()) {
      notes.add(ZoneOrder.names(ignored) + " (" + kinds(ignored) + ") ignored");
    }
    if (notes.isEmpty()) {
      d.succeeded();
      return;
    }
    d.succeeded("instance refresh Successful " + String.join("; ", notes) + "; " + d.fromVersion() + " and "
        + d.toVersion() + " both remain in service");
  }

  /** "scale-in protected", "in Standby" or both, for the log and the outcome reason. */
  private static String kinds(List<Instance> instances) {
    boolean standby = false;
    boolean prot = false;
    for (Instance i : instances) {
      if (i.state() == LifecycleState.STANDBY) {
        standby = true;
      } else {
        prot = true;
      }
    }
    return prot && standby ? "scale-in protected or in Standby" : standby ? "in Standby" : "scale-in protected";
  }

  /**
   * ScaleInProtectedInstances or StandbyInstances Wait: once the others are replaced, the refresh
   * waits for these to lose their protection or return to service, and replaces them then; after
   * one hour it fails ("waits one hour ... Otherwise, the instance refresh will fail",
   * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html).
   */
  private Task awaitWaiting() {
    waitFor.removeIf(Instance::isTerminated);
    if (waitFor.isEmpty()) {
      return d.scope().done();
    }
    d.phase("wait for " + ZoneOrder.names(waitFor) + " (" + kinds(waitFor) + ")", Phase.Kind.WAIT);
    String what = kinds(waitFor);
    Task ready = d.world().until(d.scope(), () -> {
      for (Instance i : waitFor) {
        if (!i.isTerminated() && (i.isProtectedFromScaleIn() || i.state() == LifecycleState.STANDBY)) {
          return false;
        }
      }
      return true;
    }, null, RefreshPreferences.BLOCKED_TIMEOUT, ZoneOrder.names(waitFor) + " (" + what + ")");
    Task done = new Task(d.scope());
    ready.whenDone(t -> {
      if (!t.succeeded()) {
        waitTimedOut = true;
        done.fail(ZoneOrder.names(waitFor) + " still " + what + " after "
            + Durations.format(RefreshPreferences.BLOCKED_TIMEOUT) + " (Wait)");
        return;
      }
      List<Instance> rest = new ArrayList<>();
      for (Instance i : waitFor) {
        if (i.state().countsTowardDesired()) {
          rest.add(i);
        }
      }
      if (rest.isEmpty()) {
        done.succeed();
        return;
      }
      new Replacement(d, d.scope(), group, d.toVersion(), prefs, false, Phase.Kind.DEPLOY, "", ZoneOrder.spread(rest))
          .run().whenDone(r -> {
            if (r.succeeded()) {
              done.succeed();
            } else {
              done.fail(r.failure());
            }
          });
    });
    return done;
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
