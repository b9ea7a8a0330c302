package dev.deploysim.model;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.format.Keywords;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.LifecycleHookSpec.Transition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An EC2 Auto Scaling group: keeps the number of instances at the desired capacity, launches
 * through lifecycle hooks and the warm pool, registers instances with its target groups before they
 * go InService, replaces unhealthy instances, and terminates through draining and terminate hooks.
 *
 * <p>Documented rules modelled here: instances are spread evenly over zones; scale-in picks its
 * victims by the {@link TerminationPolicy default termination policy}; protected instances are not
 * scaled in; a launch hook holds an instance in Pending:Wait until it completes or its heartbeat
 * timeout passes (then the default result applies: ABANDON terminates it; {@link
 * LifecycleHookRunner}); an instance is registered with the group's target groups before it goes
 * InService. The {@link WarmPool warm pool} and {@link HealthCheckReplacement health-check
 * replacement} are parts of their own. See docs/platforms/auto-scaling.md.
 */
public final class AutoScalingGroup {

  /** Auto Scaling processes that can be suspended. */
  public enum Process {
    LAUNCH("Launch"),
    TERMINATE("Terminate"),
    HEALTH_CHECK("HealthCheck"),
    REPLACE_UNHEALTHY("ReplaceUnhealthy"),
    ADD_TO_LOAD_BALANCER("AddToLoadBalancer"),
    /** Scaling policies do not act on their alarms (target tracking, step, simple). */
    ALARM_NOTIFICATION("AlarmNotification"),
    /** Scheduled actions that fall due while suspended are skipped. */
    SCHEDULED_ACTIONS("ScheduledActions"),
    /** Zone rebalancing after a zone outage ends ({@link ZoneRebalance}). */
    AZ_REBALANCE("AZRebalance"),
    /** An instance refresh (not paused by this model yet). */
    INSTANCE_REFRESH("InstanceRefresh");

    private final String awsName;

    Process(String awsName) {
      this.awsName = awsName;
    }

    /** The AWS process name, e.g. AlarmNotification. */
    public String awsName() {
      return awsName;
    }

    /** The process with this AWS name, or null. */
    public static Process ofAwsName(String name) {
      return Keywords.find(Process.class, name, Process::awsName);
    }
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
  // counts changes of the member list (CpuMeter keeps the members' ids while it is unchanged)
  private long membersVersion;
  private final List<TargetGroup> targetGroups = new ArrayList<>();
  private final Set<Process> suspended = EnumSet.noneOf(Process.class);
  private final Map<Instance, Task> terminations = new HashMap<>();
  private boolean deleted;
  private boolean reconcilePending;
  private double launchBlockedUntil = Double.NEGATIVE_INFINITY;
  private final RandomStream launchRandom;
  private final LifecycleHookRunner hooks;
  private final TerminationPolicy terminationPolicy;
  private final WarmPool warmPool;
  private final HealthCheckReplacement healthChecks;
  private final ZoneRebalance rebalance;
  private Bootstrap bootstrap;

  AutoScalingGroup(World world, String name, GroupSettings settings, String launchVersion) {
    this.world = world;
    this.name = name;
    this.settings = settings;
    this.minSize = settings.minSize();
    this.maxSize = settings.maxSize();
    this.desired = settings.desired();
    this.launchVersion = launchVersion;
    this.launchRandom = world.random("asg.launch");
    this.hooks = new LifecycleHookRunner(world, () -> this.settings.hooks(), world.random("asg.hooks"));
    this.terminationPolicy = new TerminationPolicy(world.random("asg.termination"));
    this.warmPool = new WarmPool(this, world, launchRandom);
    this.healthChecks = new HealthCheckReplacement(this, world);
    this.rebalance = new ZoneRebalance(this, world);
    checkSizes(minSize, maxSize, desired);
    healthChecks.schedule();
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

  /** How long the instances launched from now on take to boot (a new launch template's timing). */
  public void setLaunchTime(Distribution launchTime) {
    settings = settings.withLaunchTime(launchTime);
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
  long membersVersion() {
    return membersVersion;
  }

  List<Instance> memberList() {
    return members;
  }

  void addMember(Instance i) {
    members.add(i);
    membersVersion++;
  }

  /**
   * One of the group's Availability Zones is available again: the AZRebalance process evens the
   * instances out over the zones ({@link ZoneRebalance}).
   */
  void zoneRecovered(String zone) {
    if (settings.zones().contains(zone)) {
      rebalance.zoneRecovered();
    }
  }

  /** Called once the initial fleet is in place: fills the warm pool. */
  void adoptInitialMembers() {
    warmPool.fillAtStart();
  }

  /** The live list of attached target groups, for the group's parts (no copy; do not modify). */
  List<TargetGroup> targetGroupList() {
    return targetGroups;
  }

  /**
   * Whether an InService instance is still within the group's default instance warmup (false when
   * the group has none, and for the fleet in service since before the run): its metrics are not yet
   * part of the group's aggregated metrics, and unhealthy-instance replacement waits for it
   * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html).
   */
  public boolean inDefaultWarmup(Instance i) {
    Double warmup = settings.defaultInstanceWarmup();
    double since = i.inServiceSince();
    return warmup != null && i.state() == LifecycleState.IN_SERVICE && since > 0
        && world.now() < since + warmup - 1e-9;
  }

  public boolean isSuspended(Process p) {
    return suspended.contains(p);
  }

  LifecycleHookRunner hookRunner() {
    return hooks;
  }

  /** Whether the instance's termination has started. */
  boolean isTerminating(Instance i) {
    return terminations.containsKey(i);
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
    List<LifecycleHookSpec> all = new ArrayList<>(settings.hooks());
    all.add(hook);
    settings = settings.withHooks(all);
    world.log("asg", name + " lifecycle hook " + hook.name() + " added ("
        + hook.transition().name().toLowerCase(java.util.Locale.ROOT) + ")");
  }

  /**
   * Sets the work that runs on each new instance between its boot and its application's install
   * (see {@link Bootstrap}); null for none. Applies to instances that boot from now on.
   */
  public void setBootstrap(Bootstrap b) {
    this.bootstrap = b;
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
      if (p == Process.AZ_REBALANCE || p == Process.LAUNCH) {
        rebalance.resumed();
      }
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
  int occupied() {
    int n = 0;
    for (Instance i : members) {
      if (i.state().countsTowardDesired() || healthChecks.isReplacing(i)) {
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
    // a zone rebalancing round keeps its new instances above the desired capacity until they are InService
    int target = desired + rebalance.extra();
    if (have < target && !suspended.contains(Process.LAUNCH)) {
      if (world.now() < launchBlockedUntil) {
        world.sim().at(launchBlockedUntil, this::requestReconcile);
      } else {
        for (int k = have; k < target; k++) {
          if (!launchOne()) {
            break;
          }
        }
      }
    } else if (have > target && !suspended.contains(Process.TERMINATE)) {
      List<Instance> victims = scaleInVictims(have - target);
      for (Instance v : victims) {
        if (settings.warmPool() != null && settings.warmPool().reuseOnScaleIn()
            && v.state() == LifecycleState.IN_SERVICE) {
          warmPool.returnToPool(v);
        } else {
          startTermination(v, "scale-in");
        }
      }
    }
    warmPool.maintain();
  }

  private List<Instance> scaleInVictims(int count) {
    return terminationPolicy.victims(members, count, launchVersion, healthChecks::isReplacing, world.now());
  }

  /** The zone with the fewest instances among those that are up, or null when all are down. */
  String pickZone() {
    Map<String, Integer> perZone = new LinkedHashMap<>();
    for (String z : settings.zones()) {
      if (!world.isZoneDown(this, z)) {
        perZone.put(z, 0);
      }
    }
    if (perZone.isEmpty()) {
      return null;
    }
    for (Instance i : members) {
      if ((i.state().countsTowardDesired() || healthChecks.isReplacing(i)) && perZone.containsKey(i.zone())) {
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
    Instance pooled = warmPool.readyInstance();
    if (pooled != null) {
      warmPool.warmStart(pooled);
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
    membersVersion++;
    world.log("asg", name + " launching " + i.name() + " in zone " + zone + " with " + launchVersion);
    double boot = settings.launchTime().sample(launchRandom) * world.bootTimeFactor();
    String version = launchVersion;
    if (world.launchFails(this, zone)) {
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
    membersVersion++;
    world.onInstanceTerminated(this, i);
    launchBlockedUntil = world.now() + LAUNCH_RETRY_DELAY;
    world.sim().at(launchBlockedUntil, this::requestReconcile);
  }

  /** The OS is up: user data installs the version; launch hooks run; then the instance goes in service. */
  void booted(Instance i, String version, boolean intoPool) {
    if (i.isTerminated() || i.state().isTerminating()) {
      return;
    }
    if (i.isImpaired() || world.isZoneDown(this, i.zone())) {
      if (intoPool) {
        startTermination(i, "failed to boot");
      } else {
        launchFailed(i, "failed to boot");
      }
      return;
    }
    i.markBooted();
    Scope s = world.systemScope();
    Task ready = bootstrap == null ? s.done() : bootstrap.run(s, i);
    Task app = ready.then(() -> i.installFiles(s, version)).then(() -> i.startApplication(s));
    Task launchHooks = hooks.run(i, Transition.LAUNCHING,
        intoPool ? LifecycleState.WARMED_PENDING_WAIT : LifecycleState.PENDING_WAIT);
    Task.allSettled(s, List.of(app, launchHooks)).whenDone(t -> afterLaunchHooks(i, launchHooks, intoPool));
  }

  /** The instance's application is up and its launch hooks are done: it goes InService (or to the pool). */
  void afterLaunchHooks(Instance i, Task launchHooks, boolean intoPool) {
    if (i.isTerminated() || i.state().isTerminating()) {
      return;
    }
    if (launchHooks.isFailed()) {
      world.log("asg", name + " " + i.name() + " launch abandoned: " + launchHooks.failure());
      startTermination(i, "launch abandoned");
      return;
    }
    if (intoPool) {
      warmPool.settle(i);
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

  /** Starts terminating an instance (once; a second call returns the same task). */
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
      Task terminateHooks =
          wasServing ? hooks.run(i, Transition.TERMINATING, LifecycleState.TERMINATING_WAIT) : s.done();
      terminateHooks.whenDone(h -> {
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
    membersVersion++;
    healthChecks.forget(i);
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
    healthChecks.stop();
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
    membersVersion++;
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
    other.membersVersion++;
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
