package dev.deploysim.strategies.asg;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LifecycleState;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.TargetState;
import dev.deploysim.control.Task;
import dev.deploysim.model.World;
import dev.deploysim.model.WorldListener;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.scenario.FleetSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rolling replacement at the heart of an instance refresh (and of its rollback), set after
 * set: terminate a set of old instances without lowering the desired capacity, so the group
 * launches replacements with the new version at the same time (or, above 100% maximum healthy,
 * launch the new ones first and terminate the old ones once the new ones are ready); then wait
 * until the group is back at full strength with every instance ready before the next set.
 *
 * <p>Ready means what the refresh checks: InService and passing the group's health checks (EC2
 * status checks; with the ELB health check type also healthy in every target group of the group)
 * and, for an instance launched during the refresh, its instance warmup over since it entered
 * InService. Instances that are not ready are replaced first (an instance still launching when a
 * rollback starts, say), since taking them out costs no capacity. Checkpoints pause after the set
 * that reaches them (several reached at once give one pause, for the highest); the last checkpoint
 * ends the refresh, so a last checkpoint below 100% is a partial refresh. A set is blocked when one
 * of its new instances fails (a load balancer that finds it unhealthy, with the ELB health check
 * type, or its termination by the group); the refresh keeps waiting and fails 1 hour after the
 * first such failure.
 *
 * <p>Not documented, chosen here: a set may start while the old instances of the previous one are
 * still draining (they are neither in service nor pending, so the healthy percentages do not count
 * them), and the refresh ends only when every old instance it terminated is gone.
 */
final class Replacement {
  private final Deployment d;
  private final World world;
  private final Scope scope;
  private final AutoScalingGroup group;
  private final String version;
  private final RefreshPreferences prefs;
  private final boolean useCheckpoints;
  private final Phase.Kind kind;
  private final String label;
  private final List<Instance> pending;
  private final int total;
  private final double startedAt;
  private final Task result;
  private final List<Task> terminations = new ArrayList<>();
  private final Set<Instance> ours = new HashSet<>();
  private int checkpointIndex;
  private int replaced;
  private int setNumber;
  private int waitingSet = -1;
  private double blockedSince = Double.NaN;
  private int originalMax = -1;
  private Integer partialAt;

  /**
   * @param targets the instances to replace, in the order they go
   * @param label prefix of phases and log lines ("" for the refresh, "rollback " for its rollback)
   */
  Replacement(Deployment d, Scope scope, AutoScalingGroup group, String version, RefreshPreferences prefs,
      boolean useCheckpoints, Phase.Kind kind, String label, List<Instance> targets) {
    this.d = d;
    this.world = d.world();
    this.scope = scope;
    this.group = group;
    this.version = version;
    this.prefs = prefs;
    this.useCheckpoints = useCheckpoints;
    this.kind = kind;
    this.label = label;
    this.pending = new ArrayList<>(targets);
    this.total = targets.size();
    this.startedAt = world.now();
    this.result = new Task(scope);
  }

  /** Instances replaced so far (sets that became ready). */
  int replaced() {
    return replaced;
  }

  int total() {
    return total;
  }

  /** The last checkpoint when it was below 100% and ended the refresh with instances left; else null. */
  Integer partialAt() {
    return partialAt;
  }

  /** Starts replacing; the task succeeds when every target is replaced (or the last checkpoint is reached). */
  Task run() {
    group.setLaunchVersion(version);
    WorldListener listener = new WorldListener() {
      @Override
      public void instanceInService(AutoScalingGroup g, Instance i) {
        if (g == group && !result.isDone() && prefs.instanceWarmup() > 0) {
          // readiness changes when the warmup ends: look again then
          scope.after(prefs.instanceWarmup(), world::changed);
        }
      }

      @Override
      public void instanceTerminated(AutoScalingGroup g, Instance i) {
        if (g == group && !ours.contains(i) && isNew(i)) {
          blocked(i.name() + " was terminated by the group");
        }
      }

      @Override
      public void targetHealthChanged(TargetGroup tg, Instance i, TargetState state) {
        if (state == TargetState.UNHEALTHY && i.group() == group && isNew(i) && elbHealthChecks()) {
          blocked(i.name() + " is unhealthy in " + tg.name());
        }
      }
    };
    world.addListener(listener);
    result.whenDone(t -> world.removeListener(listener));
    scope.onCancel(() -> world.removeListener(listener));
    nextSet();
    return result;
  }

  private boolean elbHealthChecks() {
    return group.settings().healthCheckType() == FleetSpec.HealthCheckType.ELB;
  }

  private boolean isNew(Instance i) {
    return i.launchedAt() >= startedAt;
  }

  /** Whether the refresh counts the instance as healthy and ready to use. */
  private boolean ready(Instance i) {
    if (i.state() != LifecycleState.IN_SERVICE || i.isImpaired() || i.isMarkedUnhealthy()) {
      return false;
    }
    if (elbHealthChecks()) {
      for (TargetGroup tg : group.targetGroups()) {
        if (!tg.isHealthy(i)) {
          return false;
        }
      }
    }
    return !isNew(i) || world.now() >= i.inServiceSince() + prefs.instanceWarmup() - 1e-9;
  }

  private int readyCount() {
    int n = 0;
    for (Instance i : group.inService()) {
      if (ready(i)) {
        n++;
      }
    }
    return n;
  }

  private Integer nextCheckpoint() {
    if (!useCheckpoints || checkpointIndex >= prefs.checkpoints().size()) {
      return null;
    }
    return prefs.checkpoints().get(checkpointIndex);
  }

  private void nextSet() {
    if (result.isDone() || scope.isCancelled()) {
      return;
    }
    pending.removeIf(i -> i.isTerminated() || i.state().isTerminating() || i.group() != group);
    if (pending.isEmpty()) {
      finish();
      return;
    }
    // instances that are not ready (still launching, unhealthy) go first: replacing them costs no capacity
    pending.sort(Comparator.comparingInt(i -> ready(i) ? 1 : 0));
    int desired = group.desired();
    int k = prefs.setSize(desired);
    Integer cp = nextCheckpoint();
    if (cp != null) {
      // do not go past the next checkpoint when a smaller set reaches it exactly
      k = Math.min(k, Math.max(1, RefreshPreferences.checkpointInstances(cp, total) - replaced));
    }
    k = Math.max(1, Math.min(k, pending.size()));
    int surge = Math.min(k, Math.max(0, prefs.maxHealthyInstances(desired) - desired));
    List<Instance> set = List.copyOf(pending.subList(0, k));
    List<Instance> now = set.subList(0, k - surge);
    List<Instance> later = set.subList(k - surge, k);
    setNumber++;
    int number = setNumber;
    String name = label + "set " + number;
    d.phase(name + ": replace " + ZoneOrder.names(set), kind);
    ours.addAll(set);
    if (!now.isEmpty()) {
      d.log(name + ": terminating " + ZoneOrder.names(now) + "; the group launches " + now.size()
          + " replacement(s) with " + version + " at the same time");
      for (Instance i : now) {
        terminations.add(group.terminate(scope, i, false));
      }
    }
    if (surge > 0) {
      int target = desired + surge;
      if (target > group.maxSize() && originalMax < 0) {
        originalMax = group.maxSize();
      }
      d.log(name + ": launching " + surge + " instance(s) with " + version + " before terminating "
          + ZoneOrder.names(later) + " (desired capacity " + desired + " -> " + target + ")");
      group.updateSizes(group.minSize(), Math.max(group.maxSize(), target), target);
    }
    waitingSet = number;
    blockedSince = Double.NaN;
    world.until(scope, () -> readyCount() >= group.desired(), null, Double.POSITIVE_INFINITY,
            name + " ready")
        .whenDone(t -> {
          if (t.succeeded() && !result.isDone()) {
            setReady(name, set, later);
          }
        });
  }

  private void setReady(String name, List<Instance> set, List<Instance> later) {
    waitingSet = -1;
    if (!later.isEmpty()) {
      d.log(name + ": new instance(s) ready; terminating " + ZoneOrder.names(later));
      for (Instance i : later) {
        terminations.add(group.terminate(scope, i, true));
      }
    }
    pending.removeAll(set);
    replaced += set.size();
    d.log(name + ": ready; " + replaced + " of " + total + " instance(s) replaced ("
        + Math.round(100.0 * replaced / Math.max(1, total)) + "%)");
    afterSet();
  }

  private void afterSet() {
    if (useCheckpoints && !prefs.checkpoints().isEmpty()) {
      List<Integer> cps = prefs.checkpoints();
      int reached = -1;
      int first = checkpointIndex;
      while (checkpointIndex < cps.size()
          && RefreshPreferences.checkpointInstances(cps.get(checkpointIndex), total) <= replaced) {
        reached = checkpointIndex;
        checkpointIndex++;
      }
      if (reached >= 0) {
        int pct = cps.get(reached);
        String skipped = reached > first ? " (skipping " + cps.subList(first, reached) + "%)" : "";
        boolean last = reached == cps.size() - 1;
        d.log(label + "checkpoint " + pct + "% reached: " + replaced + " of " + total + " replaced" + skipped);
        if (last) {
          pending.removeIf(i -> i.isTerminated() || i.state().isTerminating());
          if (!pending.isEmpty()) {
            d.log("the last checkpoint is " + pct + "%: a partial refresh; " + ZoneOrder.names(pending)
                + " keep their version");
            pending.clear();
            partialAt = pct;
          }
          finish();
          return;
        }
        d.phase(label + "checkpoint " + pct + "%: wait " + Durations.format(prefs.checkpointDelay()), Phase.Kind.WAIT);
        scope.sleep(prefs.checkpointDelay()).whenDone(t -> nextSet());
        return;
      }
    }
    nextSet();
  }

  private void blocked(String why) {
    if (result.isDone() || waitingSet < 0 || !Double.isNaN(blockedSince)) {
      return;
    }
    blockedSince = world.now();
    int number = waitingSet;
    d.log(label + "set " + number + " is blocked: " + why + "; Auto Scaling keeps trying for "
        + Durations.format(RefreshPreferences.BLOCKED_TIMEOUT));
    scope.after(RefreshPreferences.BLOCKED_TIMEOUT, () -> {
      if (!result.isDone() && waitingSet == number) {
        result.fail(label + "set " + number + " made no progress for "
            + Durations.format(RefreshPreferences.BLOCKED_TIMEOUT) + " after " + why);
      }
    });
  }

  private void finish() {
    List<Task> gone = List.copyOf(terminations);
    boolean draining = false;
    for (Task t : gone) {
      draining |= !t.isDone();
    }
    if (draining) {
      d.log(label + "waiting for the last old instance(s) to drain and terminate");
    }
    Task.all(scope, gone).whenDone(t -> {
      if (result.isDone()) {
        return;
      }
      if (originalMax >= 0 && group.desired() <= originalMax && !group.isDeleted()) {
        group.updateSizes(group.minSize(), originalMax, group.desired());
      }
      result.succeed();
    });
  }
}
