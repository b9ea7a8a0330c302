package dev.deploysim.model;

import dev.deploysim.engine.RandomStream;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.scenario.VersionSpec;

/**
 * An EC2 instance (or an ECS task): its Auto Scaling lifecycle state, the application on it, and
 * whether the machine itself is impaired.
 */
public final class Instance {
  private final World world;
  private final int id;
  private final String name;
  private final String zone;
  private AutoScalingGroup group;
  private LifecycleState state;
  private final double launchedAt;
  private double inServiceSince = Double.NaN;
  private double bootedAt = Double.NaN;

  private AppState app = AppState.NONE;
  // the installed version (null before any install) and its position in the scenario's version list
  private VersionSpec spec;
  private int versionIndex = -1;
  private double appStartedAt = Double.NaN;
  private long appEvent = 0;
  private Task appTask;
  private boolean impaired;
  private double impairedSince = Double.NaN;
  /** What impaired the machine, in words naming the fault; null when unknown or not impaired. */
  private String impairment;
  // the management agent (OpsWorks): runs from boot unless a fault keeps it down
  private boolean agentRunning = true;
  private double agentStoppedAt = Double.NaN;
  private boolean markedUnhealthy;
  private boolean protectedFromScaleIn;
  private String lastSuccessfulVersion;
  private final String intendedVersion;
  // (the load model's state and what routing reads of the instance are in World.loads,
  // InstanceLoads, under this instance's id)
  double warmUpScheduledFor = Double.NaN;

  // targets whose health checks sleep while this instance keeps passing them (TargetGroup)
  private java.util.List<TargetGroup.Target> sleepingChecks;

  Instance(World world, int id, String zone, AutoScalingGroup group, LifecycleState initial) {
    this.world = world;
    this.id = id;
    this.name = String.format(java.util.Locale.ROOT, "i-%04d", id);
    this.zone = zone;
    this.group = group;
    this.state = initial;
    this.launchedAt = world.now();
    this.intendedVersion = group == null ? null : group.launchVersion();
    world.loads.ensure(id);
    world.loads.inService[id] = initial == LifecycleState.IN_SERVICE;
    world.loads.state[id] = initial;
    world.loads.countedVersion[id] = countedVersion();
    world.loads.group[id] = group;
    world.loads.instance[id] = this;
  }

  /** The installed version, or before the first install the version the instance was launched with. */
  public String effectiveVersion() {
    return spec != null ? spec.id() : intendedVersion;
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String zone() {
    return zone;
  }

  public AutoScalingGroup group() {
    return group;
  }

  void setGroup(AutoScalingGroup g) {
    this.group = g;
    world.loads.group[id] = g;
  }

  public LifecycleState state() {
    return state;
  }

  public double launchedAt() {
    return launchedAt;
  }

  /** When the instance last entered InService (NaN if never). */
  public double inServiceSince() {
    return inServiceSince;
  }

  /**
   * When the instance's OS finished booting (for a pod: its container started); NaN for the fleet
   * that was there at the start of the run and before the boot.
   */
  public double bootedAt() {
    return bootedAt;
  }

  void markBooted() {
    bootedAt = world.now();
    if (world.agentsFailToStart()) {
      agentRunning = false;
      agentStoppedAt = world.now();
      world.log("fault", name + ": agent does not start");
    }
  }

  /** Moves to a new lifecycle state; an illegal transition is a model bug and throws. */
  void moveTo(LifecycleState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException(
          name + ": illegal lifecycle transition " + state.awsName() + " -> " + next.awsName());
    }
    state = next;
    world.loads.inService[id] = next == LifecycleState.IN_SERVICE;
    world.loads.state[id] = next;
    if (next == LifecycleState.IN_SERVICE) {
      inServiceSince = world.now();
    }
    if (next == LifecycleState.TERMINATED) {
      if (markedUnhealthy) {
        world.markedUnhealthyInstances--;
      }
      cancelAppWork("instance terminated");
    }
    changed();
  }

  public boolean isTerminated() {
    return state == LifecycleState.TERMINATED;
  }

  // --- application -----------------------------------------------------------------------------

  public AppState app() {
    return app;
  }

  /** The installed version (or the one being installed); null before any install. */
  public String version() {
    return spec == null ? null : spec.id();
  }

  public VersionSpec versionSpec() {
    return spec;
  }

  /** Position of the installed version in the scenario's version list; -1 before any install. */
  int versionIndex() {
    return versionIndex;
  }

  private void setVersion(String v) {
    if (spec == null || !v.equals(spec.id())) {
      spec = world.scenario().version(v);
      versionIndex = indexOf(v);
    }
    world.loads.installed[id] = versionIndex;
    world.loads.countedVersion[id] = countedVersion();
  }

  /** The version Traffic counts this instance under: the installed one, else the intended one. */
  private int countedVersion() {
    return versionIndex >= 0 ? versionIndex : indexOf(effectiveVersion());
  }

  /** The position of version {@code v} in the scenario's version list; -1 for none. */
  private int indexOf(String v) {
    int k = 0;
    for (String id : world.scenario().versions().keySet()) {
      if (id.equals(v)) {
        return k;
      }
      k++;
    }
    return -1;
  }

  /** The version this instance last ran successfully (CodeDeploy's view of its revision). */
  public String lastSuccessfulVersion() {
    return lastSuccessfulVersion;
  }

  public void setLastSuccessfulVersion(String v) {
    this.lastSuccessfulVersion = v;
  }

  public double appStartedAt() {
    return appStartedAt;
  }

  /** Puts an application in place at once (initial fleet, warm-pool preparation). */
  void setRunning(String v, double startedAt) {
    setVersion(v);
    this.app = AppState.RUNNING;
    this.appStartedAt = startedAt;
    this.lastSuccessfulVersion = v;
    changed();
  }

  void setInstalledStopped(String v) {
    setVersion(v);
    this.app = AppState.STOPPED;
    this.appStartedAt = Double.NaN;
    changed();
  }

  /** Stops the application (instant). */
  public Task stopApplication(Scope scope) {
    if (isTerminated()) {
      return scope.failed(name + " is terminated");
    }
    cancelAppWork("application stopped");
    if (app == AppState.RUNNING || app == AppState.STARTING) {
      app = AppState.STOPPED;
      appStartedAt = Double.NaN;
      changed();
    }
    return scope.done();
  }

  /** Installs a version's files (the app is stopped first); takes the version's install time. */
  public Task installFiles(Scope scope, String v) {
    return appStep(scope, AppState.INSTALLING, v, world.scenario().version(v).install()
        .sample(world.random("app.install")), AppState.STOPPED);
  }

  /** Starts the installed version; takes the version's start time. */
  public Task startApplication(Scope scope) {
    if (spec == null) {
      return scope.failed(name + " has no version installed");
    }
    if (app == AppState.RUNNING) {
      return scope.done();
    }
    return appStep(scope, AppState.STARTING, spec.id(), spec.start()
        .sample(world.random("app.start")), AppState.RUNNING);
  }

  /** Stop, install and start: what a deployment does to one instance. */
  public Task install(Scope scope, String v) {
    return stopApplication(scope).then(() -> installFiles(scope, v)).then(() -> startApplication(scope));
  }

  private Task appStep(Scope scope, AppState during, String v, double duration, AppState after) {
    if (isTerminated()) {
      return scope.failed(name + " is terminated");
    }
    cancelAppWork("superseded");
    Task t = new Task(scope);
    this.app = during;
    setVersion(v);
    this.appStartedAt = Double.NaN;
    this.appTask = t;
    changed();
    appEvent =
        world.sim()
            .after(
                duration,
                () -> {
                  appEvent = 0;
                  app = after;
                  if (after == AppState.RUNNING) {
                    appStartedAt = world.now();
                  }
                  changed();
                  t.succeed();
                });
    return t;
  }

  private void cancelAppWork(String reason) {
    if (appEvent != 0) {
      world.sim().cancel(appEvent);
      appEvent = 0;
    }
    if (appTask != null && !appTask.isDone()) {
      Task t = appTask;
      appTask = null;
      t.fail(name + ": " + reason);
    }
  }

  // --- machine health --------------------------------------------------------------------------

  /** The EC2 status checks fail (hardware failure, zone outage). */
  public boolean isImpaired() {
    return impaired;
  }

  void setImpaired(boolean value) {
    setImpaired(value, null);
  }

  /**
   * @param cause what made the status checks fail, in words naming the fault (e.g. "faults[0]:
   *     instanceFailure at 9m"); null when it recovers or without a known cause
   */
  void setImpaired(boolean value, String cause) {
    impairment = value ? cause : null;
    if (impaired != value) {
      impaired = value;
      world.impairedInstances += value ? 1 : -1;
      impairedSince = value ? world.now() : Double.NaN;
      changed();
    }
  }

  // --- management agent ------------------------------------------------------------------------

  /**
   * Whether the instance's management agent (the AWS OpsWorks Stacks agent) runs. It starts with the
   * operating system; an {@code agentFailure} fault stops it or keeps it from starting. The
   * application does not depend on it.
   */
  public boolean isAgentRunning() {
    return agentRunning;
  }

  void stopAgent() {
    if (agentRunning) {
      agentRunning = false;
      agentStoppedAt = world.now();
    }
  }

  /**
   * Since when the agent has not been able to report (stopped, or the machine impaired); NaN while
   * it reports.
   */
  public double agentSilentSince() {
    double a = agentRunning ? Double.NaN : agentStoppedAt;
    double m = impaired ? impairedSince : Double.NaN;
    if (Double.isNaN(a)) {
      return m;
    }
    return Double.isNaN(m) ? a : Math.min(a, m);
  }

  /** What impaired the instance (the fault, in words), or null when it is not impaired or the cause is unknown. */
  public String impairment() {
    return impaired ? impairment : null;
  }

  /** Marked unhealthy by the Auto Scaling group, awaiting replacement. */
  public boolean isMarkedUnhealthy() {
    return markedUnhealthy;
  }

  void setMarkedUnhealthy(boolean v) {
    if (v != markedUnhealthy && !isTerminated()) {
      world.markedUnhealthyInstances += v ? 1 : -1;
    }
    markedUnhealthy = v;
  }

  public boolean isProtectedFromScaleIn() {
    return protectedFromScaleIn;
  }

  public void setProtectedFromScaleIn(boolean p) {
    protectedFromScaleIn = p;
  }

  /**
   * Seconds this instance has been busy since it launched: the integral of its utilisation
   * (requests served over its capacity). Its CPUUtilization over a period is the increase over the
   * period's length.
   */
  public double busySeconds() {
    return world.loads.busy[id];
  }

  /** Requests sent to this instance since it launched (by the load balancer). */
  public double requestsReceived() {
    return world.loads.requests[id];
  }

  /** Requests on the instance (queued or in progress) in the latency model; 0 without one. */
  public double queuedRequests() {
    return world.loads.queue[id];
  }

  /** Whether a request sent to this instance now is processed by the application. */
  public boolean canServe() {
    return app == AppState.RUNNING && !impaired && !isTerminated() && !isStoppedInPool();
  }

  private boolean isStoppedInPool() {
    return state == LifecycleState.WARMED_STOPPED || state == LifecycleState.WARMED_HIBERNATED;
  }

  /**
   * Seconds the application takes to answer a health check sent now: its version's {@code
   * healthCheckTime} drawn from {@code random}, 0 when the version gives none (nothing is drawn then).
   */
  public double healthCheckAnswerTime(RandomStream random) {
    VersionSpec v = versionSpec();
    if (v == null || v.healthCheckTime() == null || !canServe()) {
      return 0;
    }
    return Math.max(0, v.healthCheckTime().sample(random));
  }

  /**
   * Something a health check looks at may have changed (lifecycle state, application, version,
   * impairment): wakes the checks sleeping on this instance, then settles the world.
   */
  private void changed() {
    world.loads.canServe[id] = canServe();
    if (sleepingChecks != null && !sleepingChecks.isEmpty()) {
      java.util.List<TargetGroup.Target> woken = sleepingChecks;
      sleepingChecks = null;
      for (TargetGroup.Target t : woken) {
        t.wake();
      }
    }
    world.changed();
  }

  /** A target's checks sleep until the next change of this instance (see TargetGroup). */
  void sleepUntilChanged(TargetGroup.Target t) {
    if (sleepingChecks == null) {
      sleepingChecks = new java.util.ArrayList<>(1);
    }
    sleepingChecks.add(t);
  }

  void stopSleeping(TargetGroup.Target t) {
    if (sleepingChecks != null) {
      sleepingChecks.remove(t);
    }
  }

  /** Whether a load balancer health check sent now passes. */
  public boolean passesHealthCheck(double now) {
    if (!canServe()) {
      return false;
    }
    VersionSpec v = versionSpec();
    return v.health().passes(now - appStartedAt);
  }

  @Override
  public String toString() {
    return name + "[" + state.awsName() + ", " + app + (spec == null ? "" : " " + spec.id()) + "]";
  }
}
