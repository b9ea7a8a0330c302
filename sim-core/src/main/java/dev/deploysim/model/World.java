package dev.deploysim.model;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.engine.RandomStreams;
import dev.deploysim.engine.Simulator;
import dev.deploysim.result.ScalingActivity;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The simulated infrastructure of one run: Auto Scaling groups, target groups, load balancers, DNS,
 * traffic, alarms and faults, on one simulator with seeded random streams.
 *
 * <p>Model objects report every state change through {@link #changed()}; the world then settles
 * once per instant: it brings the traffic integrals up to now with the old routing, recomputes the
 * routing, updates the measurements and re-evaluates the conditions strategies wait for.
 */
public final class World {
  private final Scenario whole;
  // the scenario as the deployment sees it: the whole one, or one deployed fleet's view while a
  // deployment of several fleets deploys that fleet (deployTo)
  private Scenario scenario;
  // prefixed to what a strategy creates while it deploys one of several fleets ("app-eu-")
  private String createdPrefix = "";
  private final Simulator sim;
  private final RandomStreams streams;
  private final Scope systemScope;
  private final List<TimelineEvent> timeline = new ArrayList<>();
  private final List<ScalingActivity> scalingActivities = new ArrayList<>();
  private final List<AutoScalingGroup> groups = new ArrayList<>();
  private final List<TargetGroup> targetGroups = new ArrayList<>();
  private final List<LoadBalancer> loadBalancers = new ArrayList<>();
  // immutable copies handed out by the getters, made again after a change (traffic asks for them
  // on every recomputation; copying each time was a measurable share of a run)
  private List<AutoScalingGroup> groupsSnapshot;
  private List<TargetGroup> targetGroupsSnapshot;
  private List<LoadBalancer> loadBalancersSnapshot;
  private final List<WorldListener> listeners = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  // instances whose EC2 status checks fail, and instances marked unhealthy and not yet terminated
  // (kept by Instance, so that the group health checks skip their scan when there is none)
  int impairedInstances;
  int markedUnhealthyInstances;
  // zones out, by region (zone names repeat in every region); the region is null without regions
  private final Set<ZoneKey> zonesDown = new HashSet<>();

  private record ZoneKey(String region, String zone) {}
  private Environment primary;
  private final java.util.Map<String, Environment> fleetEnvironments = new java.util.HashMap<>();
  private final LambdaAlias lambdaAlias;
  private final Dns dns;
  private final DnsRecords dnsRecords;
  private final Incidents incidents = new Incidents(this);
  private final Database database;
  private final Set<String> regionsDown = new HashSet<>();
  private final java.util.Map<AutoScalingGroup, String> groupRegions = new java.util.HashMap<>();
  private final java.util.Map<LoadBalancer, String> loadBalancerRegions = new java.util.HashMap<>();
  private final java.util.Map<String, LoadBalancer> namedLoadBalancers = new java.util.LinkedHashMap<>();
  private final java.util.Map<String, AutoScalingGroup> namedGroups = new java.util.LinkedHashMap<>();
  private final Traffic traffic;
  // the load model's per-instance state (before the first instance is made)
  final InstanceLoads loads = new InstanceLoads();
  private final Alarms alarms;
  private int nextInstanceId = 1;
  private boolean settlePending;
  private double launchFailureProbability;
  private double bootTimeFactor = 1;
  private double agentsFailToStartUntil = Double.NEGATIVE_INFINITY;
  private final RandomStream faultRandom;
  private final Map<AutoScalingGroup, Autoscaler> autoscalers = new HashMap<>();

  private final class Waiter {
    final Scope scope;
    final BooleanSupplier condition;
    final Supplier<String> failure;
    final Task task;
    long timeoutEvent;

    Waiter(Scope scope, BooleanSupplier condition, Supplier<String> failure, Task task) {
      this.scope = scope;
      this.condition = condition;
      this.failure = failure;
      this.task = task;
    }
  }

  /**
   * Builds the world at time 0 in its steady state: the fleet in service with the initial version,
   * registered and healthy, the warm pool filled.
   *
   * @param serverless true for Lambda deployments: traffic goes to a function alias, no fleet
   */
  public World(Scenario scenario, boolean serverless) {
    this.whole = scenario;
    this.scenario = scenario;
    this.sim = new Simulator(128); // the pool doubles when a big fleet needs more
    this.streams = new RandomStreams(scenario.seed());
    this.systemScope = new Scope("system", sim);
    this.faultRandom = random("faults");
    this.traffic = new Traffic(this);
    if (serverless || scenario.fleet() == null) {
      this.primary = null;
      this.lambdaAlias = new LambdaAlias(this, "live", scenario.initialVersion());
      this.dns = new Dns(this, scenario.dns().ttl(), scenario.dns().staleClientFraction(),
          scenario.dns().staleClientMaxAge(), lambdaAlias);
      this.dnsRecords = null;
    } else {
      this.lambdaAlias = null;
      this.primary = scenario.topology().isNamed() ? buildNamed() : buildPrimary();
      if (scenario.dns().records().isEmpty()) {
        this.dnsRecords = null;
        this.dns = new Dns(this, scenario.dns().ttl(), scenario.dns().staleClientFraction(),
            scenario.dns().staleClientMaxAge(), primary.loadBalancer());
      } else {
        this.dnsRecords = new DnsRecords(this, scenario.dns().records(), namedLoadBalancers,
            scenario.dns().propagation());
        this.dns = new Dns(this, scenario.dns().ttl(), scenario.dns().staleClientFraction(),
            scenario.dns().staleClientMaxAge(), dnsRecords.answer());
        dns.steeredBy(dnsRecords);
      }
    }
    this.database = scenario.database() == null ? null : new Database(this, scenario.database());
    this.alarms = new Alarms(this, scenario.alarms());
    scheduleFaults();
    changed();
  }

  private Environment buildPrimary() {
    TargetGroup tg = createTargetGroup("blue-tg");
    LoadBalancer lb = createLoadBalancer("blue-lb", tg);
    AutoScalingGroup g = buildGroup("blue-asg", scenario.fleet(), List.of(tg));
    return new Environment("blue", g, lb, tg);
  }

  /**
   * The named fleets and load balancers (docs/resilience.md): a group FLEET-asg per fleet, and per
   * load balancer its target group LB-tg attached to its fleet's group; the deployed fleet with its
   * first load balancer is the primary environment.
   */
  private Environment buildNamed() {
    var topology = scenario.topology();
    java.util.Map<String, List<TargetGroup>> tgsByFleet = new java.util.LinkedHashMap<>();
    java.util.Map<String, TargetGroup> tgByLb = new java.util.HashMap<>();
    for (var nlb : topology.loadBalancers().values()) {
      TargetGroup tg = createTargetGroup(nlb.name() + "-tg", nlb.spec());
      LoadBalancer lb = createLoadBalancer(nlb.name(), tg, nlb.spec().type());
      loadBalancerRegions.put(lb, nlb.region());
      namedLoadBalancers.put(nlb.name(), lb);
      tgByLb.put(nlb.name(), tg);
      tgsByFleet.computeIfAbsent(nlb.fleet(), k -> new ArrayList<>()).add(tg);
    }
    Environment primaryEnv = null;
    for (var f : topology.fleets().values()) {
      AutoScalingGroup g = buildGroup(f.name() + "-asg", f.spec(), tgsByFleet.getOrDefault(f.name(), List.of()));
      groupRegions.put(g, f.region());
      namedGroups.put(f.name(), g);
      var nlb = topology.loadBalancerOf(f.name());
      if (nlb != null) {
        Environment env = new Environment(f.name(), g, namedLoadBalancers.get(nlb.name()), tgByLb.get(nlb.name()));
        fleetEnvironments.put(f.name(), env);
        if (f.name().equals(topology.target())) {
          primaryEnv = env;
        }
      }
    }
    return primaryEnv;
  }

  /** A group in service since before the run: its instances healthy in its target groups. */
  private AutoScalingGroup buildGroup(String name, FleetSpec fleet, List<TargetGroup> tgs) {
    GroupSettings gs = GroupSettings.of(fleet);
    AutoScalingGroup g = new AutoScalingGroup(this, name, gs, scenario.initialVersion());
    groups.add(g);
    groupsSnapshot = null;
    for (TargetGroup tg : tgs) {
      g.attach(tg);
    }
    // the fleet has been running for a while: instances in service, spread over zones, healthy
    List<String> zones = gs.zones();
    for (int k = 0; k < gs.desired(); k++) {
      Instance i = newInstanceAtStart(zones.get(k % zones.size()), g);
      i.setRunning(scenario.initialVersion(), -3600);
      i.setProtectedFromScaleIn(k < fleet.protectedFromScaleIn());
      for (TargetGroup tg : tgs) {
        tg.registerHealthy(i);
      }
    }
    // instances put into Standby before the run (EnterStandby decremented the desired capacity):
    // members of the group, billed, not registered, not health checked
    List<Instance> standby = new ArrayList<>();
    for (int k = 0; k < fleet.standby(); k++) {
      Instance i = newInstanceAtStart(zones.get((gs.desired() + k) % zones.size()), g);
      i.setRunning(scenario.initialVersion(), -3600);
      i.moveTo(LifecycleState.STANDBY);
      standby.add(i);
    }
    if (fleet.standbyUntil() != null && !standby.isEmpty()) {
      sim.at(fleet.standbyUntil(), () -> {
        for (Instance i : standby) {
          if (!g.isDeleted() && i.state() == LifecycleState.STANDBY) {
            g.exitStandby(systemScope, i);
          }
        }
      });
    }
    if (fleet.protectedUntil() != null && fleet.protectedFromScaleIn() > 0) {
      List<Instance> protectedOnes = new ArrayList<>();
      for (Instance i : g.memberList()) {
        if (i.isProtectedFromScaleIn()) {
          protectedOnes.add(i);
        }
      }
      sim.at(fleet.protectedUntil(), () -> {
        for (Instance i : protectedOnes) {
          if (!i.isTerminated() && i.isProtectedFromScaleIn()) {
            i.setProtectedFromScaleIn(false);
            log("asg", i.name() + " is no longer protected from scale in");
          }
        }
        changed();
      });
    }
    g.adoptInitialMembers();
    for (FleetSpec.ScheduledAction a : fleet.scheduledActions()) {
      sim.at(a.at(), () -> {
        if (g.isDeleted()) {
          return;
        }
        if (g.isSuspended(AutoScalingGroup.Process.SCHEDULED_ACTIONS)) {
          // AWS: actions that fall due while ScheduledActions is suspended are skipped, not run on resume
          log("asg", "scheduled action on " + g.name() + " skipped: ScheduledActions is suspended");
          return;
        }
        int min = a.minSize() != null ? a.minSize() : g.minSize();
        int max = a.maxSize() != null ? a.maxSize() : g.maxSize();
        int desired = a.desired() != null ? a.desired() : Math.max(min, Math.min(max, g.desired()));
        log("asg", "scheduled action on " + g.name() + ": min " + min + ", max " + max + ", desired " + desired);
        int before = g.desired();
        g.updateSizes(min, max, desired);
        recordScaling(g, before, desired, "scheduled action");
      });
    }
    return g;
  }

  private Instance newInstanceAtStart(String zone, AutoScalingGroup g) {
    Instance i = new Instance(this, nextInstanceId++, zone, g, LifecycleState.PENDING);
    i.moveTo(LifecycleState.PENDING_PROCEED);
    i.moveTo(LifecycleState.IN_SERVICE);
    g.addMember(i);
    return i;
  }

  // --- basics ----------------------------------------------------------------------------------

  public Scenario scenario() {
    return scenario;
  }

  public Simulator sim() {
    return sim;
  }

  public double now() {
    return sim.now();
  }

  /** The named random stream (same name, same stream). */
  public RandomStream random(String name) {
    return streams.stream(name);
  }

  /** Scope of the infrastructure's own work (never cancelled). */
  public Scope systemScope() {
    return systemScope;
  }

  /** Appends a line to the timeline (events.log). */
  public void log(String source, String message) {
    timeline.add(new TimelineEvent(now(), source, message));
  }

  public List<TimelineEvent> timeline() {
    return timeline;
  }

  /**
   * Records a scaling activity (a policy or a scheduled action changed a group's desired
   * capacity); nothing when the capacity did not change.
   */
  public void recordScaling(AutoScalingGroup g, int from, int to, String cause) {
    if (from != to) {
      scalingActivities.add(new ScalingActivity(now(), g.name(), from, to, cause));
    }
  }

  /** Scaling activities so far, in time order. */
  public List<ScalingActivity> scalingActivities() {
    return java.util.Collections.unmodifiableList(scalingActivities);
  }

  /** Registers the autoscaler of a group (one per group). */
  public void putAutoscaler(AutoScalingGroup g, Autoscaler a) {
    autoscalers.put(g, a);
  }

  /** The autoscaler registered for a group, or null. */
  public Autoscaler autoscalerOf(AutoScalingGroup g) {
    return autoscalers.get(g);
  }

  public void addListener(WorldListener l) {
    listeners.add(l);
  }

  public void removeListener(WorldListener l) {
    listeners.remove(l);
  }

  // --- the environment -------------------------------------------------------------------------

  /**
   * The environment being deployed (null in serverless runs): the scenario's fleet, or in a
   * deployment of several fleets the one {@link #deployTo} named last.
   */
  public Environment primary() {
    return primary;
  }

  /**
   * From now on the deployment deploys {@code fleet}, one of several (docs/resilience.md#deploying-several-fleets):
   * {@link #primary()} is its environment, {@link #scenario()} the scenario as that fleet's deployment sees
   * it ({@link Scenario#forFleet}), and what a strategy creates is in its region, named after it
   * ({@code app-eu-green-asg}).
   */
  public void deployTo(String fleet) {
    Environment env = fleetEnvironments.get(fleet);
    if (env == null) {
      throw new IllegalArgumentException("no fleet " + fleet + " with a load balancer");
    }
    primary = env;
    scenario = whole.forFleet(fleet);
    createdPrefix = fleet + "-";
  }

  /** A name for something a strategy creates: with the deployed fleet's name in front when there are several. */
  private String created(String name) {
    return createdPrefix.isEmpty() || name.startsWith(createdPrefix) ? name : createdPrefix + name;
  }

  /** The Lambda alias (serverless runs only, else null). */
  public LambdaAlias lambdaAlias() {
    return lambdaAlias;
  }

  public Dns dns() {
    return dns;
  }

  /** The database the application depends on; null when the scenario has none. */
  public Database database() {
    return database;
  }

  /** When faults started, were detected and failed over (the summary's recovery block). */
  public Incidents incidents() {
    return incidents;
  }

  /** The group of a named fleet (fleets.NAME); null for another name or without named fleets. */
  public AutoScalingGroup fleetGroup(String fleet) {
    return namedGroups.get(fleet);
  }

  /** The region of a group: its fleet's; groups strategies create live in the deployed fleet's. */
  public String regionOf(AutoScalingGroup g) {
    String r = groupRegions.get(g);
    return r != null ? r : primaryRegion();
  }

  /** The region of a load balancer: as named; those strategies create live in the deployed fleet's. */
  public String regionOf(LoadBalancer lb) {
    String r = loadBalancerRegions.get(lb);
    return r != null ? r : primaryRegion();
  }

  private String primaryRegion() {
    var t = scenario.topology();
    if (t.isNamed()) {
      return t.fleets().get(t.target()).region();
    }
    return t.homeRegion();
  }

  public boolean isRegionDown(String region) {
    return region != null && regionsDown.contains(region);
  }

  public Traffic traffic() {
    return traffic;
  }

  public Alarms alarms() {
    return alarms;
  }

  public List<AutoScalingGroup> groups() {
    if (groupsSnapshot == null) {
      groupsSnapshot = List.copyOf(groups);
    }
    return groupsSnapshot;
  }

  /** The live list of groups, for the model's own per-change loops (no copy; do not modify). */
  List<AutoScalingGroup> groupList() {
    return groups;
  }

  public List<TargetGroup> targetGroups() {
    if (targetGroupsSnapshot == null) {
      targetGroupsSnapshot = List.copyOf(targetGroups);
    }
    return targetGroupsSnapshot;
  }

  public List<LoadBalancer> loadBalancers() {
    if (loadBalancersSnapshot == null) {
      loadBalancersSnapshot = List.copyOf(loadBalancers);
    }
    return loadBalancersSnapshot;
  }

  /** A target group with the scenario's health check, deregistration delay and slow start. */
  public TargetGroup createTargetGroup(String name) {
    return createTargetGroup(created(name), scenario.loadBalancer());
  }

  private TargetGroup createTargetGroup(String name, LoadBalancerSpec lb) {
    TargetGroup tg = new TargetGroup(this, name, lb.healthCheck(), lb.deregistrationDelay(), lb.slowStart());
    targetGroups.add(tg);
    targetGroupsSnapshot = null;
    return tg;
  }

  /** A load balancer of the scenario's type forwarding to one target group. */
  public LoadBalancer createLoadBalancer(String name, TargetGroup tg) {
    return createLoadBalancer(created(name), tg, scenario.loadBalancer().type());
  }

  private LoadBalancer createLoadBalancer(String name, TargetGroup tg, LoadBalancerSpec.Type type) {
    LoadBalancer lb = new LoadBalancer(this, name, type, tg);
    loadBalancers.add(lb);
    loadBalancersSnapshot = null;
    log("lb", "load balancer " + name + " created");
    changed();
    return lb;
  }

  /**
   * Puts an API Gateway stage in front of the application at the start of the run: the
   * application's name has always resolved to it, and its deployment uses {@code production}.
   */
  public ApiStage frontWithApiStage(String name, ApiStage.Integration production, double cacheHitRatio) {
    ApiStage stage = new ApiStage(this, name, production, cacheHitRatio);
    dns.answerSinceBefore(stage);
    log("apigateway", "stage " + name + " in front of the application: " + production.describe()
        + (cacheHitRatio > 0 ? ", stage cache answering " + Math.round(cacheHitRatio * 100) + "% of the requests" : ""));
    return stage;
  }

  /** A new Auto Scaling group that launches {@code version}, attached to the given target groups. */
  public AutoScalingGroup createGroup(String name, GroupSettings settings, String version, List<TargetGroup> attach) {
    name = created(name);
    AutoScalingGroup g = new AutoScalingGroup(this, name, settings, version);
    groups.add(g);
    groupsSnapshot = null;
    for (TargetGroup tg : attach) {
      g.attach(tg);
    }
    log("asg", "group " + name + " created (desired " + settings.desired() + ", " + version + ")");
    g.requestReconcile();
    return g;
  }

  /** A second environment like the primary one (own load balancer, target group and group). */
  public Environment createEnvironment(String name, GroupSettings settings, String version) {
    TargetGroup tg = createTargetGroup(name + "-tg");
    LoadBalancer lb = createLoadBalancer(name + "-lb", tg);
    AutoScalingGroup g = createGroup(name + "-asg", settings, version, List.of(tg));
    return new Environment(name, g, lb, tg);
  }

  void removeGroup(AutoScalingGroup g) {
    groups.remove(g);
    groupsSnapshot = null;
    changed();
  }

  int nextId() {
    return nextInstanceId++;
  }

  Instance newInstance(String zone, AutoScalingGroup g, LifecycleState state) {
    Instance i = new Instance(this, nextInstanceId++, zone, g, state);
    changed();
    return i;
  }

  /** Every instance that is not terminated, in all groups. */
  public List<Instance> instances() {
    List<Instance> out = new ArrayList<>();
    for (AutoScalingGroup g : groups) {
      out.addAll(g.members());
    }
    return out;
  }

  /** Installs a version on instances (stop, install, start), all at once. */
  public Task install(Scope scope, List<Instance> instances, String version) {
    List<Task> tasks = new ArrayList<>();
    for (Instance i : instances) {
      tasks.add(i.install(scope, version));
    }
    return Task.all(scope, tasks);
  }

  // --- callbacks from the model ----------------------------------------------------------------

  void onInstanceInService(AutoScalingGroup g, Instance i) {
    for (WorldListener l : List.copyOf(listeners)) {
      l.instanceInService(g, i);
    }
  }

  void onInstanceTerminated(AutoScalingGroup g, Instance i) {
    for (WorldListener l : List.copyOf(listeners)) {
      l.instanceTerminated(g, i);
    }
  }

  void onTargetHealthChanged(TargetGroup tg, Instance i) {
    for (WorldListener l : List.copyOf(listeners)) {
      l.targetHealthChanged(tg, i, tg.state(i));
    }
  }

  // --- settling and waiting --------------------------------------------------------------------

  /** Something changed: settle the world once, at the current instant. */
  public void changed() {
    if (!settlePending) {
      settlePending = true;
      sim.after(0, this::settle);
    }
  }

  private void settle() {
    settlePending = false;
    traffic.changed();
    if (!waiters.isEmpty()) {
      for (Waiter w : List.copyOf(waiters)) {
        if (w.task.isDone() || w.scope.isCancelled()) {
          waiters.remove(w);
          sim.cancel(w.timeoutEvent);
          continue;
        }
        checkWaiter(w);
      }
    }
  }

  private void checkWaiter(Waiter w) {
    if (w.condition.getAsBoolean()) {
      waiters.remove(w);
      sim.cancel(w.timeoutEvent);
      w.task.succeed();
      return;
    }
    String why = w.failure == null ? null : w.failure.get();
    if (why != null) {
      waiters.remove(w);
      sim.cancel(w.timeoutEvent);
      w.task.fail(why);
    }
  }

  /**
   * A task that succeeds when {@code condition} holds (checked now and after every change), fails
   * when {@code failure} returns a reason, or fails after {@code timeout} seconds (infinity: no
   * timeout).
   */
  public Task until(Scope scope, BooleanSupplier condition, Supplier<String> failure, double timeout, String what) {
    Task t = new Task(scope);
    Waiter w = new Waiter(scope, condition, failure, t);
    if (condition.getAsBoolean()) {
      t.succeed();
      return t;
    }
    waiters.add(w);
    if (timeout < Double.POSITIVE_INFINITY) {
      w.timeoutEvent = sim.after(timeout, () -> {
        if (!t.isDone()) {
          waiters.remove(w);
          t.fail("timed out after " + Durations.format(timeout) + " waiting for " + what);
        }
      });
    }
    return t;
  }

  // --- faults ----------------------------------------------------------------------------------

  /** Whether a zone of the deployed fleet's region is out. */
  public boolean isZoneDown(String zone) {
    return zonesDown.contains(new ZoneKey(primaryRegion(), zone));
  }

  /** Whether a zone of the group's region is down (the zone's outage or its region's). */
  boolean isZoneDown(AutoScalingGroup g, String zone) {
    return (!zonesDown.isEmpty() && zonesDown.contains(new ZoneKey(regionOf(g), zone)))
        || (!regionsDown.isEmpty() && isRegionDown(regionOf(g)));
  }

  /** Whether the instance is in the zone of that region. */
  private boolean isIn(Instance i, ZoneKey zone) {
    return i.zone().equals(zone.zone()) && java.util.Objects.equals(regionOf(i.group()), zone.region());
  }

  /** Draws whether a launch attempt fails now. */
  boolean launchFails(AutoScalingGroup g, String zone) {
    if (isZoneDown(g, zone)) {
      return true;
    }
    return launchFailureProbability > 0 && faultRandom.nextDouble() < launchFailureProbability;
  }

  double bootTimeFactor() {
    return bootTimeFactor;
  }

  /** Whether an instance that boots now fails to start its management agent (an agentFailure fault). */
  boolean agentsFailToStart() {
    return now() < agentsFailToStartUntil;
  }

  private void scheduleFaults() {
    List<FaultSpec> faults = scenario.faults();
    for (int k = 0; k < faults.size(); k++) {
      FaultSpec f = faults.get(k);
      String name = "faults[" + k + "]: " + f.type() + " at " + Durations.format(f.at());
      sim.at(f.at(), () -> {
        incidents.faultStarted();
        inject(f, name);
      });
    }
  }

  /** A region stops: its instances fail, its load balancers answer nothing, launches there fail. */
  private void regionOutage(FaultSpec.RegionOutage r, String name) {
    log("fault", "region " + r.region() + " outage for " + Durations.format(r.duration()));
    regionsDown.add(r.region());
    setRegionDown(r.region(), true, name);
    if (database != null) {
      database.regionFails(r.region());
    }
    sim.after(r.duration(), () -> {
      regionsDown.remove(r.region());
      log("fault", "region " + r.region() + " recovered");
      setRegionDown(r.region(), false, null);
      if (database != null) {
        database.regionRecovers(r.region());
      }
      for (AutoScalingGroup g : groups) {
        g.requestReconcile();
      }
    });
  }

  private void setRegionDown(String region, boolean down, String cause) {
    for (AutoScalingGroup g : groups) {
      if (region.equals(regionOf(g))) {
        for (Instance i : g.members()) {
          if (!down && (i.isTerminated() || zonesDown.contains(new ZoneKey(region, i.zone())))) {
            continue;
          }
          i.setImpaired(down, cause);
        }
      }
    }
    for (LoadBalancer lb : loadBalancers) {
      if (region.equals(regionOf(lb))) {
        lb.setDown(down);
      }
    }
  }

  /**
   * Draws up to {@code count} InService instances of {@code version} in {@code zone} (null: any) that
   * {@code eligible} accepts, at random from the fault stream, and hands each to {@code drawn} before
   * the next draw.
   */
  private void drawInService(int count, String version, String zone, java.util.function.Predicate<Instance> eligible,
      java.util.function.Consumer<Instance> drawn) {
    List<Instance> candidates = new ArrayList<>();
    for (Instance i : instances()) {
      if (i.state() == LifecycleState.IN_SERVICE && eligible.test(i)
          && (version == null || version.equals(i.version()))
          && (zone == null || zone.equals(i.zone()))) {
        candidates.add(i);
      }
    }
    int n = Math.min(count, candidates.size());
    for (int k = 0; k < n; k++) {
      drawn.accept(candidates.remove(faultRandom.nextInt(candidates.size())));
    }
  }

  /** @param name the fault in words for the instances it impairs: "faults[1]: zoneOutage at 10m" */
  private void inject(FaultSpec f, String name) {
    if (f instanceof FaultSpec.ZoneOutage z) {
        // a file without regions has one, unnamed (null): the deployed fleet's
        ZoneKey key = new ZoneKey(z.region() != null ? z.region() : primaryRegion(), z.zone());
        String zoneName = "zone " + z.zone() + (z.region() == null ? "" : " of " + z.region());
        log("fault", zoneName + " outage for " + Durations.format(z.duration()));
        zonesDown.add(key);
        boolean databaseZone = database != null && database.isIn(key.region(), z.zone());
        if (databaseZone) {
          database.primaryFails(zoneName + " is out");
        }
        for (Instance i : instances()) {
          if (isIn(i, key)) {
            i.setImpaired(true, name);
          }
        }
        sim.after(z.duration(), () -> {
          zonesDown.remove(key);
          log("fault", zoneName + " recovered");
          if (databaseZone) {
            database.primaryRecovers();
          }
          for (Instance i : instances()) {
            if (isIn(i, key) && !i.isTerminated()) {
              i.setImpaired(false);
            }
          }
          for (AutoScalingGroup g : groups) {
            g.requestReconcile();
            if (java.util.Objects.equals(regionOf(g), key.region())) {
              g.zoneRecovered(z.zone());
            }
          }
        });
    } else if (f instanceof FaultSpec.InstanceFailure fail) {
        drawInService(fail.count(), fail.version(), fail.zone(), i -> !i.isImpaired(), i -> {
          log("fault", i.name() + " fails its EC2 status checks");
          i.setImpaired(true, name);
        });
    } else if (f instanceof FaultSpec.AgentFailure af) {
        drawInService(af.count(), af.version(), af.zone(), Instance::isAgentRunning, i -> {
          log("fault", i.name() + ": agent stops (the application keeps running)");
          i.stopAgent();
        });
        if (af.bootWindow() > 0) {
          log("fault", "agents of instances that boot in the next " + Durations.format(af.bootWindow())
              + " do not start");
          agentsFailToStartUntil = af.at() + af.bootWindow();
        }
        changed();
    } else if (f instanceof FaultSpec.LaunchFailures lf) {
        forAWhile("launches fail with probability " + lf.probability(), lf.duration(),
            () -> launchFailureProbability = lf.probability(), () -> launchFailureProbability = 0,
            "launch failures over");
    } else if (f instanceof FaultSpec.RegionOutage r) {
        regionOutage(r, name);
    } else if (f instanceof FaultSpec.DatabaseFailure df) {
        log("fault", "the database's primary fails for " + Durations.format(df.duration()));
        database.primaryFails("databaseFailure");
        sim.after(df.duration(), () -> {
          log("fault", "the database's failed primary is repaired");
          database.primaryRecovers();
        });
    } else if (f instanceof FaultSpec.SlowBoots sb) {
        forAWhile("boots take " + sb.factor() + "x as long", sb.duration(), () -> bootTimeFactor = sb.factor(),
            () -> bootTimeFactor = 1, "slow boots over");
    }
  }

  /** A fault that holds for {@code duration}: logs and applies it, then lifts it and logs {@code over}. */
  private void forAWhile(String what, double duration, Runnable apply, Runnable lift, String over) {
    log("fault", what + " for " + Durations.format(duration));
    apply.run();
    sim.after(duration, () -> {
      lift.run();
      log("fault", over);
    });
  }

  /** Uniform helper for strategies: a sampled duration from a named stream. */
  public double sample(Distribution d, String stream) {
    return d.sample(random(stream));
  }
}
