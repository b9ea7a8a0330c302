package dev.deploysim.model;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Action;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.scenario.LoadBalancerSpec.HealthCheckSpec;
import dev.deploysim.scenario.VersionSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ELB target group: registered instances, their health from periodic checks, and draining on
 * deregistration.
 *
 * <p>Rules (AWS ELB documentation): a newly registered target is healthy after {@code
 * initialHealthyThreshold} passing checks (one for ALB); a healthy target becomes unhealthy after
 * {@code unhealthyThreshold} consecutive failures and recovers after {@code healthyThreshold}
 * consecutive passes; a deregistered target that was receiving requests drains for the
 * deregistration delay; slow start ramps a newly healthy target's share linearly.
 */
public final class TargetGroup {

  /** A registered instance. */
  public final class Target {
    private final Instance instance;
    private TargetState state = TargetState.INITIAL;
    private int passes;
    private int fails;
    private long checkEvent;
    // false once removed from the group (deregistered, draining or forgotten)
    private boolean registered = true;
    // while the checks sleep: when the next one is due (NaN while they run as events)
    private double sleepingCheckAt = Double.NaN;
    private final Action check = () -> runCheck(this);
    private double healthySince = Double.NaN;
    private boolean slowStart;
    // its position in the group's registration order (see Slots)
    private int slot = -1;
    private final List<Task> drainWaiters = new ArrayList<>(1);

    Target(Instance instance) {
      this.instance = instance;
    }

    public Instance instance() {
      return instance;
    }

    public TargetState state() {
      return state;
    }

    /** Share multiplier during slow start (1 otherwise). */
    public double slowStartFactor(double now) {
      if (!slowStart) {
        return 1;
      }
      double f = (now - healthySince) / slowStartSeconds;
      return f >= 1 ? 1 : Math.max(f, 0);
    }

    boolean inSlowStart(double now) {
      return slowStart && now - healthySince < slowStartSeconds;
    }

    void markReceivedTraffic(int routingPass) {
      slots.receivingPass[slot] = routingPass;
    }

    /** The instance changed: the sleeping checks become events again (see {@link #sleep}). */
    void wake() {
      if (Double.isNaN(sleepingCheckAt)) {
        return;
      }
      // the checks that came due while asleep passed and changed nothing; the first one due now
      // or later runs as an event, at the time the chain of checks would have reached
      double at = sleepingCheckAt;
      double now = world.now();
      double interval = healthCheck.interval();
      while (at < now) {
        at += interval;
      }
      sleepingCheckAt = Double.NaN;
      checkEvent = world.sim().at(at, check);
    }
  }

  /**
   * The registered targets in registration order as dense arrays, for routing passes that visit
   * every healthy target of a large group without visiting the target objects: each target gets the
   * next slot when it registers; a bit per slot says whether it is registered and healthy; its
   * instance's id and the routing pass in which it last received requests are kept by slot. Slots of
   * targets that left are reclaimed by renumbering the registered ones (in order) when the arrays
   * are full and at most half of their slots are in use.
   */
  final class Slots {
    int[] instanceId = new int[64];
    int[] receivingPass = new int[64];
    long[] healthy = new long[1];
    private Target[] target = new Target[64];
    /** Slots handed out so far (the next one's number). */
    int size;

    private void add(Target t) {
      if (size == target.length) {
        if (2 * targets.size() <= size) {
          renumber();
        }
        if (size == target.length) {
          int n = 2 * size;
          instanceId = java.util.Arrays.copyOf(instanceId, n);
          receivingPass = java.util.Arrays.copyOf(receivingPass, n);
          target = java.util.Arrays.copyOf(target, n);
          healthy = java.util.Arrays.copyOf(healthy, (n + 63) >> 6);
        }
      }
      t.slot = size;
      target[size] = t;
      instanceId[size] = t.instance.id();
      receivingPass[size] = -1;
      size++;
    }

    void setHealthy(int slot, boolean value) {
      if (value) {
        healthy[slot >> 6] |= 1L << slot;
      } else {
        healthy[slot >> 6] &= ~(1L << slot);
      }
    }

    /** Gives the registered targets (the new one is not yet among them) slots 0, 1, ... in order. */
    private void renumber() {
      java.util.Arrays.fill(healthy, 0);
      int k = 0;
      for (Target t : targets.values()) {
        if (t.slot < 0) {
          continue; // registering now: added after the renumbering
        }
        int pass = receivingPass[t.slot];
        t.slot = k;
        target[k] = t;
        instanceId[k] = t.instance.id();
        receivingPass[k] = pass;
        setHealthy(k, t.state == TargetState.HEALTHY);
        k++;
      }
      java.util.Arrays.fill(target, k, size, null);
      size = k;
    }
  }

  private final World world;
  private final String name;
  private HealthCheckSpec healthCheck;
  private double deregistrationDelay;
  private double slowStartSeconds;
  private final Map<Instance, Target> targets = new LinkedHashMap<>();
  private final Slots slots = new Slots();
  private final List<Target> draining = new ArrayList<>();
  private final RandomStream phase;
  private boolean failOpen = true;
  private double initialDelay;
  // registered targets in state healthy and in state unhealthy
  private int healthy;
  private int unhealthy;
  private RandomStream answerTimes;

  TargetGroup(World world, String name, HealthCheckSpec healthCheck, double deregistrationDelay, double slowStart) {
    this.world = world;
    this.name = name;
    this.healthCheck = healthCheck;
    this.deregistrationDelay = deregistrationDelay;
    this.slowStartSeconds = slowStart;
    this.phase = world.random("lb.healthcheck-phase");
  }

  public String name() {
    return name;
  }

  public HealthCheckSpec healthCheck() {
    return healthCheck;
  }

  /** Replaces the health-check settings (ModifyTargetGroup); they apply from each target's next check. */
  public void setHealthCheck(HealthCheckSpec hc) {
    // sleeping checks are due at the old interval until their next check
    for (Target t : targets.values()) {
      wakeNow(t);
    }
    this.healthCheck = hc;
  }

  /**
   * Whether requests go to every registered target when none is healthy (true for ELB target
   * groups). A Kubernetes Service does not: a pod that is not ready is not an endpoint, so with no
   * ready pod its requests fail.
   */
  public boolean failsOpen() {
    return failOpen;
  }

  public void setFailOpen(boolean value) {
    if (failOpen != value) {
      failOpen = value;
      world.changed();
    }
  }

  /** See {@link #setInitialDelay}. */
  public double initialDelay() {
    return initialDelay;
  }

  /**
   * Checks of a target that would come before its instance has been booted this long are skipped
   * (Kubernetes initialDelaySeconds, counted from the container's start; 0, the default, skips
   * none). The check schedule keeps its phase: the first check is the first one due after the delay.
   */
  public void setInitialDelay(double seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("initial delay must not be negative, got " + seconds);
    }
    this.initialDelay = seconds;
  }

  public double deregistrationDelay() {
    return deregistrationDelay;
  }

  public void setDeregistrationDelay(double seconds) {
    this.deregistrationDelay = seconds;
  }

  public double slowStart() {
    return slowStartSeconds;
  }

  /** Registered (not draining) targets, in registration order. */
  public Collection<Target> targets() {
    return targets.values();
  }

  public List<Target> drainingTargets() {
    return draining;
  }

  public boolean isRegistered(Instance i) {
    return targets.containsKey(i);
  }

  /** The target's state, or null when the instance is not registered (or draining: DRAINING). */
  public TargetState state(Instance i) {
    Target t = targets.get(i);
    if (t != null) {
      return t.state;
    }
    for (Target d : draining) {
      if (d.instance == i) {
        return TargetState.DRAINING;
      }
    }
    return null;
  }

  public int healthyCount() {
    return healthy;
  }

  /** The registered targets as dense arrays in registration order (for routing passes). */
  Slots slots() {
    return slots;
  }

  public int unhealthyCount() {
    return unhealthy;
  }

  public boolean isHealthy(Instance i) {
    Target t = targets.get(i);
    return t != null && t.state == TargetState.HEALTHY;
  }

  // --- registration ----------------------------------------------------------------------------

  /** Registers an instance; health checks start (state initial). Re-registering is a no-op. */
  public void register(Instance instance) {
    if (instance.isTerminated()) {
      throw new IllegalStateException("cannot register terminated " + instance.name());
    }
    if (targets.containsKey(instance)) {
      return;
    }
    // a draining target that is registered again stops draining
    for (Target d : new ArrayList<>(draining)) {
      if (d.instance == instance) {
        finishDraining(d);
      }
    }
    Target t = new Target(instance);
    targets.put(instance, t);
    slots.add(t);
    double first =
        healthCheck.firstCheckDelay() != null
            ? healthCheck.firstCheckDelay().sample(phase)
            : phase.nextDouble() * healthCheck.interval();
    double earliest = instance.bootedAt() + initialDelay - world.now();
    while (initialDelay > 0 && first < earliest - 1e-9) {
      first += healthCheck.interval();
    }
    scheduleCheck(t, first);
    world.log("lb", instance.name() + " registered with " + name);
    world.changed();
  }

  /** Registers an instance that is already healthy (the fleet at the start of a run). */
  void registerHealthy(Instance instance) {
    Target t = new Target(instance);
    targets.put(instance, t);
    slots.add(t);
    setState(t, TargetState.HEALTHY);
    t.healthySince = world.now() - 3600;
    t.passes = healthCheck.healthyThreshold();
    scheduleCheck(t, phase.nextDouble() * healthCheck.interval());
    world.changed();
  }

  /**
   * Deregisters an instance. The task completes when draining is over: after the deregistration
   * delay if the target was receiving requests, at once otherwise (no requests in flight).
   */
  public Task deregister(Scope scope, Instance instance) {
    Task done = new Task(scope);
    Target t = targets.remove(instance);
    if (t != null) {
      removed(t);
    }
    if (t == null) {
      for (Target d : draining) {
        if (d.instance == instance) {
          d.drainWaiters.add(done);
          return done;
        }
      }
      done.succeed();
      return done;
    }
    cancelCheck(t);
    // requests are in flight only if the target is receiving requests now (the latest routing pass)
    boolean inFlight = slots.receivingPass[t.slot] == world.traffic().routingPass() && !instance.isTerminated()
        && instance.canServe();
    if (deregistrationDelay <= 0 || !inFlight) {
      world.log("lb", instance.name() + " deregistered from " + name);
      world.changed();
      done.succeed();
      return done;
    }
    t.state = TargetState.DRAINING;
    t.drainWaiters.add(done);
    draining.add(t);
    world.log("lb", instance.name() + " draining from " + name + " (" + fmt(deregistrationDelay) + ")");
    world.changed();
    world.sim().after(deregistrationDelay, () -> {
      if (draining.contains(t)) {
        world.log("lb", instance.name() + " deregistered from " + name);
        finishDraining(t);
      }
    });
    return done;
  }

  /** Deregisters several instances; completes when all have drained. */
  public Task deregister(Scope scope, Collection<Instance> instances) {
    List<Task> tasks = new ArrayList<>();
    for (Instance i : instances) {
      tasks.add(deregister(scope, i));
    }
    return Task.all(scope, tasks);
  }

  /** The target left the registered ones. */
  private void removed(Target t) {
    t.registered = false;
    count(t.state, -1);
    slots.setHealthy(t.slot, false);
  }

  /** Moves a registered target to a state, keeping the counts. */
  private void setState(Target t, TargetState s) {
    count(t.state, -1);
    t.state = s;
    count(s, 1);
    slots.setHealthy(t.slot, s == TargetState.HEALTHY);
  }

  private void count(TargetState s, int d) {
    if (s == TargetState.HEALTHY) {
      healthy += d;
    } else if (s == TargetState.UNHEALTHY) {
      unhealthy += d;
    }
  }

  private void finishDraining(Target t) {
    draining.remove(t);
    world.changed();
    for (Task w : t.drainWaiters) {
      w.succeed();
    }
    t.drainWaiters.clear();
  }

  /** Removes an instance at once without draining (terminated underneath the load balancer). */
  void forget(Instance instance) {
    Target t = targets.remove(instance);
    if (t != null) {
      removed(t);
      cancelCheck(t);
      world.changed();
    }
  }

  // --- health checks ---------------------------------------------------------------------------

  private void scheduleCheck(Target t, double delay) {
    t.checkEvent = world.sim().after(delay, t.check);
  }

  private void cancelCheck(Target t) {
    if (!Double.isNaN(t.sleepingCheckAt)) {
      t.sleepingCheckAt = Double.NaN;
      t.instance.stopSleeping(t);
    }
    if (t.checkEvent != 0) {
      world.sim().cancel(t.checkEvent);
      t.checkEvent = 0;
    }
  }

  /**
   * A check is sent now. A target whose application answers at once (no {@code healthCheckTime}) is
   * judged now. Otherwise its answer arrives {@code healthCheckTime} later and is judged then; an
   * answer slower than the check's timeout fails the check when the timeout expires ("the amount of
   * time during which no response from a target means a failed health check",
   * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html).
   * The next check goes out one interval after this one was sent.
   */
  private void runCheck(Target t) {
    t.checkEvent = 0;
    if (!t.registered) {
      return;
    }
    boolean pass = t.instance.passesHealthCheck(world.now());
    double answer = t.instance.healthCheckAnswerTime(answers());
    if (answer > 0) {
      boolean timedOut = answer > healthCheck.timeout();
      double verdictAt = timedOut ? healthCheck.timeout() : answer;
      world.sim().after(verdictAt, () -> {
        if (targets.get(t.instance) == t) {
          if (timedOut) {
            world.log("lb", t.instance.name() + " health check timed out after " + fmt(healthCheck.timeout())
                + " in " + name);
          }
          judge(t, pass && !timedOut);
        }
      });
      scheduleCheck(t, healthCheck.interval());
      return;
    }
    boolean changed = judge(t, pass);
    if (!changed && pass && t.state == TargetState.HEALTHY && maySleep(t.instance)) {
      sleep(t);
      return;
    }
    scheduleCheck(t, healthCheck.interval());
  }

  /** The stream health-check answer times are drawn from (created on first use). */
  private RandomStream answers() {
    if (answerTimes == null) {
      answerTimes = world.random("lb.healthcheck-answer");
    }
    return answerTimes;
  }

  /** Counts one check's result and moves the target's state by the thresholds; true when it moved. */
  private boolean judge(Target t, boolean pass) {
    TargetState before = t.state;
    if (pass) {
      t.fails = 0;
      t.passes++;
      if (t.state == TargetState.INITIAL && t.passes >= healthCheck.initialHealthyThreshold()
          || t.state == TargetState.UNHEALTHY && t.passes >= healthCheck.healthyThreshold()) {
        setState(t, TargetState.HEALTHY);
        t.healthySince = world.now();
        t.slowStart = slowStartSeconds > 0 && anotherHealthyOutOfSlowStart(t);
      }
    } else {
      t.passes = 0;
      t.fails++;
      if ((t.state == TargetState.INITIAL || t.state == TargetState.HEALTHY)
          && t.fails >= healthCheck.unhealthyThreshold()) {
        setState(t, TargetState.UNHEALTHY);
        t.slowStart = false;
      }
    }
    if (t.state != before) {
      world.log("lb", t.instance.name() + " " + before.awsName() + " -> " + t.state.awsName() + " in " + name);
      world.changed();
      world.onTargetHealthChanged(this, t.instance);
      return true;
    }
    return false;
  }

  /**
   * Marks a registered target unhealthy at once, without waiting for failed checks: its owner knows
   * it cannot answer (a Kubernetes container that was killed: its pod is not ready until its
   * readiness probe passes again, successThreshold passes in a row). Checks go on as before.
   */
  public void markUnhealthy(Instance instance, String why) {
    Target t = targets.get(instance);
    if (t == null || t.state == TargetState.UNHEALTHY) {
      return;
    }
    wakeNow(t);
    TargetState before = t.state;
    setState(t, TargetState.UNHEALTHY);
    t.passes = 0;
    t.slowStart = false;
    world.log("lb", instance.name() + " " + before.awsName() + " -> " + t.state.awsName() + " in " + name + " (" + why
        + ")");
    world.changed();
    world.onTargetHealthChanged(this, instance);
  }

  /**
   * A healthy target whose instance passes every check while nothing about it changes (a version
   * that is always healthy) would be checked by events that change nothing: 10,000 a second for
   * 100,000 targets checked every 10 s. Its checks sleep instead, and the instance wakes them at
   * its next change ({@link Instance}: lifecycle state, application, version, impairment), when
   * the first check due from then on is scheduled at exactly the time the chain of checks would
   * have reached (the same additions of the interval). A version with a {@code healthCheckTime}
   * draws each answer's time, so its checks stay events; so do the checks of a group with a
   * {@code firstCheckDelay} stay events: its targets may share check times, and waking them in
   * another order could reorder checks due at the same instant.
   */
  private boolean maySleep(Instance i) {
    VersionSpec v = i.versionSpec();
    return healthCheck.firstCheckDelay() == null && v != null && v.health() instanceof VersionSpec.Healthy
        && v.healthCheckTime() == null;
  }

  /** Wakes a target's sleeping checks (not its instance's other targets'). */
  private void wakeNow(Target t) {
    if (!Double.isNaN(t.sleepingCheckAt)) {
      t.instance.stopSleeping(t);
      t.wake();
    }
  }

  private void sleep(Target t) {
    t.sleepingCheckAt = world.now() + healthCheck.interval();
    t.instance.sleepUntilChanged(t);
  }

  private boolean anotherHealthyOutOfSlowStart(Target self) {
    double now = world.now();
    for (Target o : targets.values()) {
      if (o != self && o.state == TargetState.HEALTHY && !o.inSlowStart(now)) {
        return true;
      }
    }
    return false;
  }

  /** True while some target is ramping up in slow start. */
  boolean anyInSlowStart(double now) {
    if (slowStartSeconds <= 0) {
      return false;
    }
    for (Target t : targets.values()) {
      if (t.state == TargetState.HEALTHY && t.inSlowStart(now)) {
        return true;
      }
    }
    return false;
  }

  // --- waiting ---------------------------------------------------------------------------------

  /**
   * Completes when every listed instance is registered and healthy here; fails after {@code
   * timeout} seconds (infinite: never), or as soon as one of them is terminated.
   */
  public Task awaitHealthy(Scope scope, Collection<Instance> instances, double timeout) {
    List<Instance> list = List.copyOf(instances);
    return world.until(
        scope,
        () -> {
          for (Instance i : list) {
            if (!isHealthy(i)) {
              return false;
            }
          }
          return true;
        },
        () -> {
          for (Instance i : list) {
            if (i.isTerminated()) {
              return i.name() + " was terminated";
            }
          }
          return null;
        },
        timeout,
        "targets healthy in " + name);
  }

  @Override
  public String toString() {
    return name;
  }

  private static String fmt(double s) {
    return dev.deploysim.engine.Durations.format(s);
  }
}
