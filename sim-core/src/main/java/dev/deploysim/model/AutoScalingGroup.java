package dev.deploysim.model;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.LifecycleHookSpec.HookResult;
import dev.deploysim.scenario.LifecycleHookSpec.Transition;
import dev.deploysim.scenario.WarmPoolSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An EC2 Auto Scaling group: keeps the number of instances at the desired capacity, launches
 * through lifecycle hooks and the warm pool, registers instances with its target groups before they
 * go InService, replaces unhealthy instances, and terminates through draining and terminate hooks.
 *
 * <p>Documented rules modelled here: instances are spread evenly over zones; scale-in picks the
 * zone with the most instances, then instances of an older launch version, then at random;
 * protected instances are not scaled in; a launch hook holds an instance in Pending:Wait until it
 * completes or its heartbeat timeout passes (then the default result applies: ABANDON terminates
 * it); health-check replacement terminates first, then launches, at most 10% of desired capacity at
 * a time (at least one); with ELB health checks, a target the load balancer reports unhealthy is
 * replaced once the grace period since InService has passed; EC2 status failures are replaced at
 * once.
 */
public final class AutoScalingGroup {

  /** Auto Scaling processes that can be suspended. */
  public enum Process {
    LAUNCH,
    TERMINATE,
    HEALTH_CHECK,
    REPLACE_UNHEALTHY,
    ADD_TO_LOAD_BALANCER
  }

  /** Seconds the group waits after a failed launch before it tries again (an assumption). */
  public static final double LAUNCH_RETRY_DELAY = 10;

  private final World world;
  private final String name;
  private GroupSettings settings;
  private int minSize;
  private int maxSize;
  private int desired;
  private String launchVersion;
  private final List<Instance> members = new ArrayList<>();
  private final List<TargetGroup> targetGroups = new ArrayList<>();
  private final Set<Process> suspended = EnumSet.noneOf(Process.class);
  private final Map<Instance, Task> terminations = new HashMap<>();
  private final Set<Instance> replacing = new HashSet<>();
  private final Map<Instance, Task> standbyExits = new HashMap<>();
  private boolean deleted;
  private boolean reconcilePending;
  private double launchBlockedUntil = Double.NEGATIVE_INFINITY;
  private long healthCheckEvent;
  private final RandomStream launchRandom;
  private final RandomStream hookRandom;
  private final RandomStream terminationRandom;

  AutoScalingGroup(World world, String name, GroupSettings settings, String launchVersion) {
    this.world = world;
    this.name = name;
    this.settings = settings;
    this.minSize = settings.minSize();
    this.maxSize = settings.maxSize();
    this.desired = settings.desired();
    this.launchVersion = launchVersion;
    this.launchRandom = world.random("asg.launch");
    this.hookRandom = world.random("asg.hooks");
    this.terminationRandom = world.random("asg.termination");
    checkSizes(minSize, maxSize, desired);
    scheduleHealthCheck();
  }

  public String name() {
    return name;
  }

  public GroupSettings settings() {
    return settings;
  }

  public int desired() {
    return desired;
  }

  public int minSize() {
    return minSize;
  }

  public int maxSize() {
    return maxSize;
  }

  public boolean isDeleted() {
    return deleted;
  }

  /** The version new instances install (the launch template's application version). */
  public String launchVersion() {
    return launchVersion;
  }

  public void setLaunchVersion(String version) {
    world.scenario().version(version);
    if (!version.equals(launchVersion)) {
      world.log("asg", name + " launches new instances with " + version);
    }
    this.launchVersion = version;
    world.changed();
  }

  public List<TargetGroup> targetGroups() {
    return List.copyOf(targetGroups);
  }

  /** Members that are not in the warm pool and not terminated. */
  public List<Instance> instances() {
    List<Instance> out = new ArrayList<>();
    for (Instance i : members) {
      if (!i.state().isWarmPool() && !i.isTerminated()) {
        out.add(i);
      }
    }
    return out;
  }

  /** Instances in the InService lifecycle state. */
  public List<Instance> inService() {
    List<Instance> out = new ArrayList<>();
    for (Instance i : members) {
      if (i.state() == LifecycleState.IN_SERVICE) {
        out.add(i);
      }
    }
    return out;
  }

  /** Instances in the warm pool. */
  public List<Instance> warmPool() {
    List<Instance> out = new ArrayList<>();
    for (Instance i : members) {
      if (i.state().isWarmPool()) {
        out.add(i);
      }
    }
    return out;
  }

  /** Every member not yet terminated (launching, in service, standby, terminating, pooled). */
  public List<Instance> members() {
    return List.copyOf(members);
  }

  /** The live member list, for the model's own per-change loops (no copy; do not modify). */
  List<Instance> memberList() {
    return members;
  }

  void addMember(Instance i) {
    members.add(i);
  }

  /** Called once the initial fleet is in place: starts the warm pool. */
  void adoptInitialMembers(World w) {
    if (settings.warmPool() != null) {
      for (int k = 0; k < warmPoolTarget(); k++) {
        Instance i = new Instance(w, w.nextId(), settings.zones().get(k % settings.zones().size()), this,
            LifecycleState.WARMED_PENDING);
        i.moveTo(LifecycleState.WARMED_PENDING_PROCEED);
        members.add(i);
        i.setInstalledStopped(launchVersion);
        switch (settings.warmPool().state()) {
          case STOPPED -> i.moveTo(LifecycleState.WARMED_STOPPED);
          case RUNNING -> {
            i.moveTo(LifecycleState.WARMED_RUNNING);
            i.setRunning(launchVersion, -3600);
          }
          case HIBERNATED -> {
            i.moveTo(LifecycleState.WARMED_HIBERNATED);
            i.setRunning(launchVersion, -3600);
          }
        }
      }
    }
  }

  // --- sizes -----------------------------------------------------------------------------------

  private static void checkSizes(int min, int max, int desired) {
    if (min < 0 || max < min || desired < min || desired > max) {
      throw new IllegalArgumentException(
          "need 0 <= min <= desired <= max, got min " + min + ", desired " + desired + ", max " + max);
    }
  }

  /** Sets the desired capacity (must stay within min and max, as the AWS API requires). */
  public void setDesiredCapacity(int n) {
    updateSizes(minSize, maxSize, n);
  }

  public void updateSizes(int min, int max, int newDesired) {
    checkSizes(min, max, newDesired);
    if (deleted) {
      throw new IllegalStateException(name + " is deleted");
    }
    boolean changed = newDesired != desired || min != minSize || max != maxSize;
    minSize = min;
    maxSize = max;
    if (newDesired != desired) {
      world.log("asg", name + " desired capacity " + desired + " -> " + newDesired);
    }
    desired = newDesired;
    if (changed) {
      requestReconcile();
    }
  }

  /**
   * Adds a lifecycle hook (the PutLifecycleHook API): it applies to launches and terminations that
   * start from now on.
   */
  public void putLifecycleHook(LifecycleHookSpec hook) {
    List<LifecycleHookSpec> hooks = new ArrayList<>(settings.hooks());
    hooks.add(hook);
    settings = settings.withHooks(hooks);
    world.log("asg", name + " lifecycle hook " + hook.name() + " added ("
        + hook.transition().name().toLowerCase(java.util.Locale.ROOT) + ")");
  }

  public void suspend(Process p) {
    if (suspended.add(p)) {
      world.log("asg", name + " suspends " + p);
    }
  }

  public void resume(Process p) {
    if (suspended.remove(p)) {
      world.log("asg", name + " resumes " + p);
      requestReconcile();
    }
  }

  // --- load balancer attachment ----------------------------------------------------------------

  /** Attaches a target group: InService instances are registered now, new ones as they launch. */
  public void attach(TargetGroup tg) {
    if (!targetGroups.contains(tg)) {
      targetGroups.add(tg);
      for (Instance i : inService()) {
        tg.register(i);
      }
    }
  }

  /** Detaches a target group; its instances are deregistered (draining). */
  public Task detach(Scope scope, TargetGroup tg) {
    if (!targetGroups.remove(tg)) {
      return scope.done();
    }
    return tg.deregister(scope, inService());
  }

  // --- reconciliation --------------------------------------------------------------------------

  void requestReconcile() {
    if (!reconcilePending && !deleted) {
      reconcilePending = true;
      world.sim().after(0, this::reconcile);
    }
  }

  /** Instances occupying a desired-capacity slot (launching, in service, or being replaced). */
  private int occupied() {
    int n = 0;
    for (Instance i : members) {
      if (i.state().countsTowardDesired() || replacing.contains(i)) {
        n++;
      }
    }
    return n;
  }

  private void reconcile() {
    reconcilePending = false;
    if (deleted) {
      return;
    }
    int have = occupied();
    if (have < desired && !suspended.contains(Process.LAUNCH)) {
      if (world.now() < launchBlockedUntil) {
        world.sim().at(launchBlockedUntil, this::requestReconcile);
      } else {
        for (int k = have; k < desired; k++) {
          if (!launchOne()) {
            break;
          }
        }
      }
    } else if (have > desired && !suspended.contains(Process.TERMINATE)) {
      List<Instance> victims = scaleInVictims(have - desired);
      for (Instance v : victims) {
        if (settings.warmPool() != null && settings.warmPool().reuseOnScaleIn()
            && v.state() == LifecycleState.IN_SERVICE) {
          returnToPool(v);
        } else {
          startTermination(v, "scale-in");
        }
      }
    }
    maintainWarmPool();
  }

  /** Default termination policy: zone balance, then older launch version, then random. */
  private List<Instance> scaleInVictims(int count) {
    List<Instance> candidates = new ArrayList<>();
    for (Instance i : members) {
      if (i.state().countsTowardDesired() && !i.isProtectedFromScaleIn() && !replacing.contains(i)) {
        candidates.add(i);
      }
    }
    // random order first so the remaining ties break at random, reproducibly
    for (int k = candidates.size() - 1; k > 0; k--) {
      int j = terminationRandom.nextInt(k + 1);
      Instance t = candidates.get(k);
      candidates.set(k, candidates.get(j));
      candidates.set(j, t);
    }
    List<Instance> out = new ArrayList<>();
    while (out.size() < count && !candidates.isEmpty()) {
      Map<String, Integer> perZone = new LinkedHashMap<>();
      for (Instance i : members) {
        if (i.state().countsTowardDesired() && !out.contains(i)) {
          perZone.merge(i.zone(), 1, Integer::sum);
        }
      }
      Instance pick =
          candidates.stream()
              .min(
                  Comparator.<Instance>comparingInt(i -> -perZone.getOrDefault(i.zone(), 0))
                      // a launch that has not installed yet counts with the version it was launched with
                      .thenComparingInt(i -> launchVersion.equals(i.effectiveVersion()) ? 1 : 0)
                      .thenComparingInt(i -> i.state() == LifecycleState.IN_SERVICE ? 1 : 0))
              .orElseThrow();
      candidates.remove(pick);
      out.add(pick);
    }
    return out;
  }

  private String pickZone() {
    Map<String, Integer> perZone = new LinkedHashMap<>();
    for (String z : settings.zones()) {
      if (!world.isZoneDown(z)) {
        perZone.put(z, 0);
      }
    }
    if (perZone.isEmpty()) {
      return null;
    }
    for (Instance i : members) {
      if ((i.state().countsTowardDesired() || replacing.contains(i)) && perZone.containsKey(i.zone())) {
        perZone.merge(i.zone(), 1, Integer::sum);
      }
    }
    String best = null;
    int bestCount = Integer.MAX_VALUE;
    for (var e : perZone.entrySet()) {
      if (e.getValue() < bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  /** Launches one instance (from the warm pool when one is ready); false when launching is blocked. */
  private boolean launchOne() {
    Instance pooled = readyPoolInstance();
    if (pooled != null) {
      warmStart(pooled);
      return true;
    }
    String zone = pickZone();
    if (zone == null) {
      world.log("asg", name + " cannot launch: no zone available");
      launchBlockedUntil = world.now() + LAUNCH_RETRY_DELAY;
      world.sim().at(launchBlockedUntil, this::requestReconcile);
      return false;
    }
    Instance i = world.newInstance(zone, this, LifecycleState.PENDING);
    members.add(i);
    world.log("asg", name + " launching " + i.name() + " in zone " + zone + " with " + launchVersion);
    double boot = settings.launchTime().sample(launchRandom) * world.bootTimeFactor();
    String version = launchVersion;
    if (world.launchFails(zone)) {
      world.sim().after(Math.min(boot, 30), () -> launchFailed(i, "launch failed"));
      return true;
    }
    world.sim().after(boot, () -> booted(i, version, false));
    return true;
  }

  private void launchFailed(Instance i, String why) {
    if (i.isTerminated() || i.state() != LifecycleState.PENDING) {
      return;
    }
    world.log("asg", name + " " + i.name() + " " + why + "; retrying in " + Durations.format(LAUNCH_RETRY_DELAY));
    i.moveTo(LifecycleState.TERMINATING);
    i.moveTo(LifecycleState.TERMINATING_PROCEED);
    i.moveTo(LifecycleState.TERMINATED);
    members.remove(i);
    world.onInstanceTerminated(this, i);
    launchBlockedUntil = world.now() + LAUNCH_RETRY_DELAY;
    world.sim().at(launchBlockedUntil, this::requestReconcile);
  }

  /** The OS is up: user data installs the version; launch hooks run; then the instance goes in service. */
  private void booted(Instance i, String version, boolean intoPool) {
    if (i.isTerminated() || i.state().isTerminating()) {
      return;
    }
    if (i.isImpaired() || world.isZoneDown(i.zone())) {
      if (intoPool) {
        startTermination(i, "failed to boot");
      } else {
        launchFailed(i, "failed to boot");
      }
      return;
    }
    i.markBooted();
    Scope s = world.systemScope();
    Task app = i.installFiles(s, version).then(() -> i.startApplication(s));
    Task hooks = runHooks(i, Transition.LAUNCHING, intoPool ? LifecycleState.WARMED_PENDING_WAIT : LifecycleState.PENDING_WAIT);
    Task.allSettled(s, List.of(app, hooks)).whenDone(t -> afterLaunchHooks(i, hooks, intoPool));
  }

  private void afterLaunchHooks(Instance i, Task hooks, boolean intoPool) {
    if (i.isTerminated() || i.state().isTerminating()) {
      return;
    }
    if (hooks.isFailed()) {
      world.log("asg", name + " " + i.name() + " launch abandoned: " + hooks.failure());
      startTermination(i, "launch abandoned");
      return;
    }
    if (intoPool) {
      i.moveTo(LifecycleState.WARMED_PENDING_PROCEED);
      WarmPoolSpec.PoolState ps = settings.warmPool() == null ? WarmPoolSpec.PoolState.STOPPED : settings.warmPool().state();
      switch (ps) {
        case STOPPED -> {
          i.moveTo(LifecycleState.WARMED_STOPPED);
          i.stopApplication(world.systemScope());
        }
        case RUNNING -> i.moveTo(LifecycleState.WARMED_RUNNING);
        case HIBERNATED -> i.moveTo(LifecycleState.WARMED_HIBERNATED);
      }
      world.log("asg", name + " " + i.name() + " ready in the warm pool (" + i.state().awsName() + ")");
      requestReconcile();
      return;
    }
    i.moveTo(LifecycleState.PENDING_PROCEED);
    if (!suspended.contains(Process.ADD_TO_LOAD_BALANCER)) {
      for (TargetGroup tg : targetGroups) {
        tg.register(i);
      }
    }
    i.moveTo(LifecycleState.IN_SERVICE);
    i.setLastSuccessfulVersion(i.app() == AppState.RUNNING ? i.version() : i.lastSuccessfulVersion());
    world.log("asg", name + " " + i.name() + " InService");
    world.onInstanceInService(this, i);
  }

  /**
   * Runs the hooks of one transition concurrently; the task fails when a hook ends with ABANDON
   * (by its owner or by the heartbeat timeout with default result ABANDON).
   */
  private Task runHooks(Instance i, Transition transition, LifecycleState waitState) {
    Scope s = world.systemScope();
    List<LifecycleHookSpec> hooks = new ArrayList<>();
    for (LifecycleHookSpec h : settings.hooks()) {
      if (h.transition() == transition) {
        hooks.add(h);
      }
    }
    if (hooks.isEmpty()) {
      return s.done();
    }
    i.moveTo(waitState);
    List<Task> each = new ArrayList<>();
    for (LifecycleHookSpec h : hooks) {
      Task t = new Task(s);
      double completes = h.completesAfter() == null ? Double.POSITIVE_INFINITY : h.completesAfter().sample(hookRandom);
      double timeout = Math.min(h.heartbeatTimeout(), 48 * 3600.0);
      world.log("asg", i.name() + " " + waitState.awsName() + " for hook " + h.name()
          + (completes < timeout ? "" : " (nobody completes it: heartbeat timeout " + Durations.format(timeout) + ")"));
      if (completes < timeout) {
        world.sim().after(completes, () -> {
          if (i.state() != waitState) {
            t.succeed(); // the instance left the wait (terminated meanwhile): nothing to report
            return;
          }
          world.log("asg", i.name() + " hook " + h.name() + " completed with " + h.result());
          if (h.result() == HookResult.ABANDON) {
            t.fail("hook " + h.name() + " completed with ABANDON");
          } else {
            t.succeed();
          }
        });
      } else {
        world.sim().after(timeout, () -> {
          if (i.state() != waitState) {
            t.succeed();
            return;
          }
          world.log("asg", i.name() + " hook " + h.name() + " heartbeat timeout: " + h.defaultResult());
          if (h.defaultResult() == HookResult.ABANDON) {
            t.fail("hook " + h.name() + " timed out (default result ABANDON)");
          } else {
            t.succeed();
          }
        });
      }
      each.add(t);
    }
    return Task.all(s, each);
  }

  // --- warm pool -------------------------------------------------------------------------------

  private int warmPoolTarget() {
    WarmPoolSpec wp = settings.warmPool();
    if (wp == null) {
      return 0;
    }
    int cap = wp.maxGroupPreparedCapacity() != null ? wp.maxGroupPreparedCapacity() : maxSize;
    return Math.max(wp.minSize(), cap - desired);
  }

  private Instance readyPoolInstance() {
    for (Instance i : members) {
      LifecycleState st = i.state();
      // a pooled instance in a zone that is down (or impaired) cannot start
      if ((st == LifecycleState.WARMED_STOPPED || st == LifecycleState.WARMED_RUNNING
          || st == LifecycleState.WARMED_HIBERNATED) && !i.isImpaired() && !world.isZoneDown(i.zone())) {
        return i;
      }
    }
    return null;
  }

  private void maintainWarmPool() {
    if (settings.warmPool() == null || deleted) {
      return;
    }
    int pool = 0;
    for (Instance i : members) {
      if (i.state().isWarmPool()) {
        pool++;
      }
    }
    int target = warmPoolTarget();
    for (int k = pool; k < target && !suspended.contains(Process.LAUNCH); k++) {
      String zone = pickZone();
      if (zone == null) {
        return;
      }
      Instance i = world.newInstance(zone, this, LifecycleState.WARMED_PENDING);
      members.add(i);
      world.log("asg", name + " launching " + i.name() + " into the warm pool");
      double boot = settings.launchTime().sample(launchRandom) * world.bootTimeFactor();
      String version = launchVersion;
      world.sim().after(boot, () -> booted(i, version, true));
    }
    if (pool > target) {
      int extra = pool - target;
      for (Instance i : new ArrayList<>(members)) {
        if (extra == 0) {
          break;
        }
        if (i.state() == LifecycleState.WARMED_STOPPED || i.state() == LifecycleState.WARMED_RUNNING
            || i.state() == LifecycleState.WARMED_HIBERNATED) {
          startTermination(i, "warm pool shrinks");
          extra--;
        }
      }
    }
  }

  /** A pooled instance leaves the pool: start it, install the current version if it has another. */
  private void warmStart(Instance i) {
    LifecycleState from = i.state();
    i.moveTo(LifecycleState.PENDING);
    WarmPoolSpec wp = settings.warmPool();
    double start = from == LifecycleState.WARMED_RUNNING || wp == null ? 0 : wp.startTime().sample(launchRandom);
    world.log("asg", name + " warm start of " + i.name() + " from " + from.awsName() + " ("
        + Durations.format(start) + ")");
    Scope s = world.systemScope();
    String version = launchVersion;
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
      Task hooks = runHooks(i, Transition.LAUNCHING, LifecycleState.PENDING_WAIT);
      Task.allSettled(s, List.of(app, hooks)).whenDone(t -> afterLaunchHooks(i, hooks, false));
    });
  }

  private void returnToPool(Instance i) {
    Scope s = world.systemScope();
    world.log("asg", name + " returns " + i.name() + " to the warm pool");
    List<Task> drains = new ArrayList<>();
    for (TargetGroup tg : targetGroups) {
      drains.add(tg.deregister(s, i));
    }
    i.moveTo(LifecycleState.WARMED_PENDING);
    Task.all(s, drains).whenDone(t -> {
      if (i.isTerminated() || i.state() != LifecycleState.WARMED_PENDING) {
        return;
      }
      afterLaunchHooks(i, s.done(), true);
    });
  }

  // --- termination -----------------------------------------------------------------------------

  /**
   * Terminates an instance: deregistration and draining, terminate hooks, then Terminated. With
   * {@code decrementDesired} the group does not replace it.
   */
  public Task terminate(Scope scope, Instance i, boolean decrementDesired) {
    if (!members.contains(i)) {
      return i.isTerminated() ? scope.done() : scope.failed(i.name() + " is not in " + name);
    }
    if (decrementDesired && i.state().countsTowardDesired()) {
      desired = Math.max(0, desired - 1);
      minSize = Math.min(minSize, desired);
      world.log("asg", name + " desired capacity -> " + desired + " (terminating " + i.name() + ")");
    }
    Task done = startTermination(i, decrementDesired ? "terminated by request" : "terminated by request, to be replaced");
    Task t = new Task(scope);
    done.whenDone(x -> t.succeed());
    return t;
  }

  Task startTermination(Instance i, String reason) {
    Task existing = terminations.get(i);
    if (existing != null) {
      return existing;
    }
    Scope s = world.systemScope();
    Task done = new Task(s);
    if (i.isTerminated()) {
      done.succeed();
      return done;
    }
    terminations.put(i, done);
    world.log("asg", name + " terminating " + i.name() + " (" + reason + ")");
    if (i.state().isWarmPool()) {
      i.moveTo(LifecycleState.WARMED_TERMINATING);
      finishTermination(i, done);
      return done;
    }
    boolean wasServing = i.state() == LifecycleState.IN_SERVICE || i.state() == LifecycleState.STANDBY;
    List<Task> drains = new ArrayList<>();
    for (TargetGroup tg : world.targetGroups()) {
      if (tg.state(i) != null) {
        drains.add(tg.deregister(s, i));
      }
    }
    i.moveTo(LifecycleState.TERMINATING);
    requestReconcile();
    Task.all(s, drains).whenDone(t -> {
      Task hooks = wasServing ? runHooks(i, Transition.TERMINATING, LifecycleState.TERMINATING_WAIT) : s.done();
      hooks.whenDone(h -> {
        i.moveTo(LifecycleState.TERMINATING_PROCEED);
        finishTermination(i, done);
      });
    });
    return done;
  }

  private void finishTermination(Instance i, Task done) {
    for (TargetGroup tg : world.targetGroups()) {
      tg.forget(i);
    }
    i.moveTo(LifecycleState.TERMINATED);
    world.log("asg", i.name() + " terminated");
    members.remove(i);
    replacing.remove(i);
    terminations.remove(i);
    world.onInstanceTerminated(this, i);
    requestReconcile();
    done.succeed();
  }

  /** Deletes the group: every instance is terminated (draining first); completes when all are gone. */
  public Task delete(Scope scope) {
    if (deleted) {
      return scope.done();
    }
    world.log("asg", "deleting group " + name);
    desired = 0;
    minSize = 0;
    List<Task> all = new ArrayList<>();
    for (Instance i : new ArrayList<>(members)) {
      all.add(startTermination(i, "group deleted"));
    }
    deleted = true;
    world.sim().cancel(healthCheckEvent);
    Task t = new Task(scope);
    Task.all(world.systemScope(), all).whenDone(x -> {
      world.log("asg", "group " + name + " deleted");
      world.removeGroup(this);
      t.succeed();
    });
    return t;
  }

  /**
   * Moves an in-service instance to another group without interrupting it (Elastic Beanstalk moves
   * an immutable deployment's instances into the original group). Desired capacities follow.
   */
  public void moveTo(Instance i, AutoScalingGroup other) {
    if (!members.remove(i)) {
      throw new IllegalArgumentException(i.name() + " is not in " + name);
    }
    if (i.state().countsTowardDesired()) {
      desired = Math.max(0, desired - 1);
      minSize = Math.min(minSize, desired);
      other.desired++;
      other.maxSize = Math.max(other.maxSize, other.desired);
    }
    other.members.add(i);
    i.setGroup(other);
    for (TargetGroup tg : other.targetGroups) {
      if (i.state() == LifecycleState.IN_SERVICE) {
        tg.register(i);
      }
    }
    world.log("asg", i.name() + " moved from " + name + " to " + other.name);
    world.changed();
  }

  // --- standby ---------------------------------------------------------------------------------

  /** Puts an in-service instance into Standby (deregistered, desired decremented). */
  public Task enterStandby(Scope scope, Instance i) {
    if (i.state() != LifecycleState.IN_SERVICE) {
      return scope.failed(i.name() + " is not InService");
    }
    desired = Math.max(minSize, desired - 1);
    List<Task> drains = new ArrayList<>();
    for (TargetGroup tg : targetGroups) {
      drains.add(tg.deregister(scope, i));
    }
    i.moveTo(LifecycleState.STANDBY);
    world.log("asg", i.name() + " enters Standby");
    return Task.all(scope, drains);
  }

  /** Returns a Standby instance to service (desired incremented; Pending, then InService). */
  public Task exitStandby(Scope scope, Instance i) {
    if (i.state() != LifecycleState.STANDBY) {
      return scope.failed(i.name() + " is not in Standby");
    }
    desired = Math.min(maxSize, desired + 1);
    i.moveTo(LifecycleState.PENDING);
    i.moveTo(LifecycleState.PENDING_PROCEED);
    for (TargetGroup tg : targetGroups) {
      tg.register(i);
    }
    i.moveTo(LifecycleState.IN_SERVICE);
    world.log("asg", i.name() + " leaves Standby");
    return scope.done();
  }

  // --- health checks and replacement -----------------------------------------------------------

  private void scheduleHealthCheck() {
    double interval = settings.healthCheckInterval();
    healthCheckEvent = world.sim().after(interval, this::healthCheck);
  }

  private void healthCheck() {
    if (deleted) {
      return;
    }
    if (!suspended.contains(Process.HEALTH_CHECK)) {
      double now = world.now();
      for (Instance i : members) {
        if (i.state() != LifecycleState.IN_SERVICE || i.isMarkedUnhealthy()) {
          continue;
        }
        String why = null;
        if (i.isImpaired()) {
          why = "EC2 status checks failed";
        } else if (settings.healthCheckType() == FleetSpec.HealthCheckType.ELB
            && now >= i.inServiceSince() + settings.healthCheckGracePeriod()) {
          for (TargetGroup tg : targetGroups) {
            if (tg.state(i) == TargetState.UNHEALTHY) {
              why = "ELB health check failed in " + tg.name();
              break;
            }
          }
        }
        if (why != null) {
          i.setMarkedUnhealthy(true);
          world.log("asg", name + " marks " + i.name() + " Unhealthy: " + why);
        }
      }
      replaceUnhealthy();
    }
    scheduleHealthCheck();
  }

  private void replaceUnhealthy() {
    if (suspended.contains(Process.REPLACE_UNHEALTHY)) {
      return;
    }
    boolean candidate = false;
    for (Instance i : members) {
      if (i.isMarkedUnhealthy() && !terminations.containsKey(i)) {
        candidate = true;
        break;
      }
    }
    if (!candidate) {
      return; // nothing to replace (the usual case): no need to count replacements in flight
    }
    int limit = Math.max(1, (int) Math.floor(desired * 0.1));
    // a replacement is in flight from the start of the old instance's termination until the new
    // instance is InService and has passed its first load balancer check (AWS waits for new
    // instances to pass an initial health check before replacing more)
    // (instances missing from desired capacity count too: their launches may not have started yet)
    int inFlight = replacing.size() + Math.max(0, desired - occupied());
    for (Instance i : members) {
      if (i.state().isLaunching() || i.state() == LifecycleState.IN_SERVICE && awaitsFirstCheck(i)) {
        inFlight++;
      }
    }
    for (Instance i : new ArrayList<>(members)) {
      if (!i.isMarkedUnhealthy() || terminations.containsKey(i)) {
        continue;
      }
      if (!i.isImpaired() && inFlight >= limit) {
        continue;
      }
      replacing.add(i);
      inFlight++;
      startTermination(i, "replacing unhealthy instance");
    }
  }

  private boolean awaitsFirstCheck(Instance i) {
    for (TargetGroup tg : targetGroups) {
      if (tg.state(i) == TargetState.INITIAL) {
        return true;
      }
    }
    return false;
  }

  // --- waiting ---------------------------------------------------------------------------------

  /** Completes when at least {@code count} instances are InService; fails after the timeout. */
  public Task awaitInService(Scope scope, int count, double timeout) {
    return world.until(scope, () -> inService().size() >= count,
        () -> deleted ? "group " + name + " was deleted" : null, timeout,
        count + " instances InService in " + name);
  }

  @Override
  public String toString() {
    return name;
  }
}
