package dev.deploysim.model;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.scenario.LifecycleHookSpec.Transition;
import dev.deploysim.scenario.WarmPoolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * An Auto Scaling group's warm pool: pre-initialized instances kept Stopped, Running or Hibernated
 * beside the group, so that a scale-out starts one instead of launching from scratch.
 *
 * <p>Documented rules modelled here: the pool holds max(MinSize, MaxGroupPreparedCapacity (default:
 * the group's maximum size) - desired capacity) instances; instances entering the pool boot, run
 * their launch hooks and then stop (or keep running, or hibernate); a launch takes a ready pooled
 * instance first; with ReuseOnScaleIn a scaled-in instance returns to the pool instead of
 * terminating. See docs/platforms/auto-scaling.md and
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-warm-pools.html.
 */
final class WarmPool {

  private final AutoScalingGroup group;
  private final World world;
  private final RandomStream launchRandom;

  WarmPool(AutoScalingGroup group, World world, RandomStream launchRandom) {
    this.group = group;
    this.world = world;
    this.launchRandom = launchRandom;
  }

  private WarmPoolSpec spec() {
    return group.settings().warmPool();
  }

  /** How many instances the pool should hold now. */
  int target() {
    WarmPoolSpec wp = spec();
    if (wp == null) {
      return 0;
    }
    int cap = wp.maxGroupPreparedCapacity() != null ? wp.maxGroupPreparedCapacity() : group.maxSize();
    return Math.max(wp.minSize(), cap - group.desired());
  }

  /** Fills the pool at time 0 (the fleet has been running for a while: pooled instances are ready). */
  void fillAtStart() {
    WarmPoolSpec wp = spec();
    if (wp == null) {
      return;
    }
    List<String> zones = group.settings().zones();
    for (int k = 0; k < target(); k++) {
      Instance i = new Instance(world, world.nextId(), zones.get(k % zones.size()), group,
          LifecycleState.WARMED_PENDING);
      i.moveTo(LifecycleState.WARMED_PENDING_PROCEED);
      group.addMember(i);
      i.setInstalledStopped(group.launchVersion());
      switch (wp.state()) {
        case STOPPED -> i.moveTo(LifecycleState.WARMED_STOPPED);
        case RUNNING -> {
          i.moveTo(LifecycleState.WARMED_RUNNING);
          i.setRunning(group.launchVersion(), -3600);
        }
        case HIBERNATED -> {
          i.moveTo(LifecycleState.WARMED_HIBERNATED);
          i.setRunning(group.launchVersion(), -3600);
        }
      }
    }
  }

  private static boolean isReady(LifecycleState st) {
    return st == LifecycleState.WARMED_STOPPED || st == LifecycleState.WARMED_RUNNING
        || st == LifecycleState.WARMED_HIBERNATED;
  }

  /** A pooled instance that can start now, or null. */
  Instance readyInstance() {
    for (Instance i : group.memberList()) {
      // a pooled instance in a zone that is down (or impaired) cannot start
      if (isReady(i.state()) && !i.isImpaired() && !world.isZoneDown(group, i.zone())) {
        return i;
      }
    }
    return null;
  }

  /** Launches into the pool or terminates pooled instances until it holds {@link #target()}. */
  void maintain() {
    if (spec() == null || group.isDeleted()) {
      return;
    }
    int pool = 0;
    for (Instance i : group.memberList()) {
      if (i.state().isWarmPool()) {
        pool++;
      }
    }
    int target = target();
    for (int k = pool; k < target && !group.isSuspended(AutoScalingGroup.Process.LAUNCH); k++) {
      String zone = group.pickZone();
      if (zone == null) {
        return;
      }
      Instance i = world.newInstance(zone, group, LifecycleState.WARMED_PENDING);
      group.addMember(i);
      world.log("asg", group.name() + " launching " + i.name() + " into the warm pool");
      double boot = group.settings().launchTime().sample(launchRandom) * world.bootTimeFactor();
      String version = group.launchVersion();
      world.sim().after(boot, () -> group.booted(i, version, true));
    }
    if (pool > target) {
      int extra = pool - target;
      for (Instance i : new ArrayList<>(group.memberList())) {
        if (extra == 0) {
          break;
        }
        if (isReady(i.state())) {
          group.startTermination(i, "warm pool shrinks");
          extra--;
        }
      }
    }
  }

  /** A booted instance whose launch hooks passed settles in the pool in the pool's state. */
  void settle(Instance i) {
    i.moveTo(LifecycleState.WARMED_PENDING_PROCEED);
    WarmPoolSpec.PoolState ps = spec() == null ? WarmPoolSpec.PoolState.STOPPED : spec().state();
    switch (ps) {
      case STOPPED -> {
        i.moveTo(LifecycleState.WARMED_STOPPED);
        i.stopApplication(world.systemScope());
      }
      case RUNNING -> i.moveTo(LifecycleState.WARMED_RUNNING);
      case HIBERNATED -> i.moveTo(LifecycleState.WARMED_HIBERNATED);
    }
    world.log("asg", group.name() + " " + i.name() + " ready in the warm pool (" + i.state().awsName() + ")");
  }

  /** A pooled instance leaves the pool: start it, install the current version if it has another. */
  void warmStart(Instance i) {
    LifecycleState from = i.state();
    i.moveTo(LifecycleState.PENDING);
    WarmPoolSpec wp = spec();
    double start = from == LifecycleState.WARMED_RUNNING || wp == null ? 0 : wp.startTime().sample(launchRandom);
    world.log("asg", group.name() + " warm start of " + i.name() + " from " + from.awsName() + " ("
        + Durations.format(start) + ")");
    Scope s = world.systemScope();
    String version = group.launchVersion();
    world.sim().after(start, () -> {
      if (i.isTerminated() || i.state() != LifecycleState.PENDING) {
        return;
      }
      Task app;
      if (!version.equals(i.version())) {
        app = i.install(s, version);
      } else if (from == LifecycleState.WARMED_HIBERNATED || i.app() == AppState.RUNNING) {
        app = s.done();
      } else {
        app = i.startApplication(s);
      }
      Task hooks = group.hookRunner().run(i, Transition.LAUNCHING, LifecycleState.PENDING_WAIT);
      Task.allSettled(s, List.of(app, hooks)).whenDone(t -> group.afterLaunchHooks(i, hooks, false));
    });
  }

  /**
   * ReuseOnScaleIn: a scaled-in instance is deregistered (draining) and goes back to the pool; on
   * the way its terminate hooks run at Warmed:Pending:Wait (AWS: returning to the pool "triggers"
   * that state for the terminating hook, see docs/platforms/auto-scaling.md#warm-pools). Whatever
   * their result, the instance goes on into the pool: a terminate hook cannot stop a scale-in.
   */
  void returnToPool(Instance i) {
    Scope s = world.systemScope();
    world.log("asg", group.name() + " returns " + i.name() + " to the warm pool");
    List<Task> drains = new ArrayList<>();
    for (TargetGroup tg : group.targetGroupList()) {
      drains.add(tg.deregister(s, i));
    }
    i.moveTo(LifecycleState.WARMED_PENDING);
    Task.all(s, drains).whenDone(t -> {
      if (i.isTerminated() || i.state() != LifecycleState.WARMED_PENDING) {
        return;
      }
      Task hooks = group.hookRunner().run(i, Transition.TERMINATING, LifecycleState.WARMED_PENDING_WAIT);
      hooks.whenDone(h -> group.afterLaunchHooks(i, s.done(), true));
    });
  }
}
