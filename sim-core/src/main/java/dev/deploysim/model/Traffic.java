package dev.deploysim.model;

import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests as a fluid: demand in requests per second, split by DNS over endpoints, by listener
 * weights over target groups, and over the routable targets of each group; each instance serves up
 * to its capacity and a bad version fails its error rate of what it serves. Rates are constant
 * between changes and integrated exactly, so offered = served + failed over every interval.
 *
 * <p>Routing rules: only healthy targets receive requests; when no target of a group is healthy
 * the group fails open to all its registered targets (ALB behaviour); draining targets receive
 * none; requests to a deleted load balancer (a stale DNS answer) or to a group without targets
 * fail; slow start ramps a target's share linearly.
 */
public final class Traffic {
  private static final double EPS = 1e-9;
  /** Seconds between routing updates while DNS caches or slow start change shares continuously. */
  public static final double TRANSITION_STEP = 1.0;

  private final World world;
  private final Scenario scenario;
  private final List<String> versions;
  private final Map<String, Integer> versionIndex = new HashMap<>();
  private final int baseline;
  private final double baselineCapacity;

  // current rates (requests per second)
  private double demand;
  private double served;
  private double failed;
  private double staleFailed;
  private final double[] handled;
  private final double[] errors;
  // current counts
  private int running;
  private int healthy;
  private int unhealthy;
  private int inService;
  private double capacityRps;
  private int launching;
  private int draining;
  private final int[] instancesPerVersion;
  private final int[] inServicePerVersion;
  private int versionsWithTraffic;

  // integrals since the start of the run
  private double lastTime;
  private double offeredTotal;
  private double servedTotal;
  private double failedTotal;
  private double staleFailedTotal;
  private final double[] handledTotal;
  private final double[] errorsTotal;
  private double downtime;
  private double degraded;
  private double mixed;
  private double billedSeconds;
  private double extraBilledSeconds;
  private int peakRunning;

  private final Map<String, Double> lambdaFirstTraffic = new HashMap<>();
  private long tickEvent;
  private double tickTime;
  private int stamp;
  private final List<Runnable> updateListeners = new ArrayList<>();
  // the ids of the instances sent requests in this pass, in the order they were first reached
  private int[] loadedIds = new int[16];
  private int loadedCount;
  // by instance id: requests per second routed to it in this pass, the stamp of the pass that
  // routed to it (load is valid only then) and of the pass that counted it in service
  private double[] load = new double[0];
  private int[] loadStamp = new int[0];
  private int[] countedStamp = new int[0];
  // the ids of the instances stepped by the queue model, loaded in the last pass or still working
  // off a queue, in the order of the pass (the integration steps them by id); and the list being
  // built by a pass
  private int[] activeIds = new int[16];
  private int activeCount;
  private int[] activeNextIds = new int[16];
  private int activeNextCount;
  private int activePass;
  // by instance id: the routing pass that last made the instance active
  private int[] activeMark = new int[0];
  // each version's spec, by its index
  private final VersionSpec[] specs;
  private final InstanceLoads loads;
  private final MemberIds memberIds = new MemberIds();
  private final QueueModel queues;
  private final double[] lambdaServed;
  private double timedOut;
  // served requests per region (only with regions)
  private final List<String> regions;
  private final double[] servedRegion;
  private final double[] servedRegionTotal;
  private final List<TargetGroup.Target> routableScratch = new ArrayList<>();
  private double[] weightScratch = new double[16];
  private int routingPass;
  private boolean deferredUpdatePending;

  Traffic(World world) {
    this.world = world;
    this.scenario = world.scenario();
    this.loads = world.loads;
    this.versions = new ArrayList<>(scenario.versions().keySet());
    for (int k = 0; k < versions.size(); k++) {
      versionIndex.put(versions.get(k), k);
    }
    int n = versions.size();
    handled = new double[n];
    errors = new double[n];
    handledTotal = new double[n];
    errorsTotal = new double[n];
    instancesPerVersion = new int[n];
    inServicePerVersion = new int[n];
    lambdaServed = new double[n];
    specs = new VersionSpec[n];
    for (int k = 0; k < n; k++) {
      specs[k] = scenario.version(versions.get(k));
    }
    queues = new QueueModel(scenario, versions);
    regions = scenario.topology().regions();
    servedRegion = new double[regions.size()];
    servedRegionTotal = new double[regions.size()];
    baseline = scenario.fleet() == null ? 0 : scenario.fleet().instances();
    baselineCapacity = scenario.fleet() == null ? 0 : baseline * scenario.fleet().capacity();
    // step changes of demand must be applied at their time, not at the next unrelated change
    if (scenario.traffic().pattern() instanceof TrafficSpec.Steps steps) {
      for (TrafficSpec.Step s : steps.steps()) {
        if (s.at() > 0) {
          world.sim().at(s.at(), world::changed);
        }
      }
    }
  }

  /** Called after every recomputation (measurements, alarms). */
  public void addUpdateListener(Runnable r) {
    updateListeners.add(r);
  }

  public List<String> versions() {
    return versions;
  }

  /** Counts routing recomputations; targets remember the pass in which they last got requests. */
  int routingPass() {
    return routingPass;
  }

  // --- integration -----------------------------------------------------------------------------

  /** Integrates the current rates up to now. */
  public void advance() {
    double now = world.now();
    double dt = now - lastTime;
    if (dt <= 0) {
      return;
    }
    offeredTotal += demand * dt;
    servedTotal += served * dt;
    failedTotal += failed * dt;
    staleFailedTotal += staleFailed * dt;
    for (int k = 0; k < handled.length; k++) {
      handledTotal[k] += handled[k] * dt;
      errorsTotal[k] += errors[k] * dt;
    }
    for (int k = 0; k < servedRegion.length; k++) {
      servedRegionTotal[k] += servedRegion[k] * dt;
    }
    if (demand > EPS && served <= EPS) {
      downtime += dt;
    }
    if (failed > EPS) {
      degraded += dt;
    }
    if (versionsWithTraffic >= 2) {
      mixed += dt;
    }
    billedSeconds += running * dt;
    extraBilledSeconds += Math.max(0, running - baseline) * dt;
    stepQueues(dt);
    lastTime = now;
  }

  /**
   * Advances every active instance's queue over the interval just integrated; requests that timed
   * out move from served to failed (accounted at arrival, so the interval stays conserved).
   */
  private void stepQueues(double dt) {
    double moved = 0;
    final InstanceLoads l = loads;
    final int[] ids = activeIds;
    for (int j = 0; j < activeCount; j++) {
      int id = ids[j];
      l.requests[id] += l.lambda[id] * dt;
      double out = queues.step(l, id, dt);
      if (out > 0) {
        int vi = l.version[id];
        // the version's error rate applied to what would have been served; the rest was failing anyway
        double m = out * (1 - l.errorRate[id]);
        moved += m;
        errorsTotal[vi] += m;
        timedOut += m;
      }
    }
    if (queues.modelsLatency()) {
      for (int k = 0; k < lambdaServed.length; k++) {
        queues.served(k, lambdaServed[k] * dt);
      }
    }
    if (moved > 0) {
      if (failed <= EPS) {
        degraded += dt;
      }
      if (demand > EPS && served > EPS && served * dt - moved <= EPS * dt) {
        downtime += dt;
      }
      servedTotal -= moved;
      failedTotal += moved;
    }
  }

  /**
   * The world changed: re-route now, or with a positive {@code traffic.routingInterval} at the next
   * multiple of the interval (once, however many changes come before it).
   */
  void changed() {
    double q = scenario.traffic().routingInterval();
    if (q <= 0) {
      update();
      return;
    }
    if (deferredUpdatePending) {
      return;
    }
    double now = world.now();
    double at = Math.ceil(now / q) * q;
    deferredUpdatePending = true;
    world.sim().at(Math.max(at, now), () -> {
      deferredUpdatePending = false;
      update();
    });
  }

  /** Integrates up to now, recomputes the routing and notifies listeners. */
  void update() {
    advance();
    recompute();
    for (Runnable r : updateListeners) {
      r.run();
    }
    scheduleTickIfNeeded();
  }

  private void scheduleTickIfNeeded() {
    double now = world.now();
    double step = Double.POSITIVE_INFINITY;
    if (scenario.traffic().pattern().continuous()) {
      step = scenario.traffic().resolution();
    }
    boolean transition = world.dns().inTransition(now)
        || (world.database() != null && world.database().inTransition(now));
    for (LoadBalancer lb : world.loadBalancers()) {
      transition |= lb.inTransition(now);
    }
    if (!transition) {
      for (TargetGroup tg : world.targetGroups()) {
        if (tg.anyInSlowStart(now)) {
          transition = true;
          break;
        }
      }
    }
    if (transition) {
      step = Math.min(step, TRANSITION_STEP);
    }
    boolean pending = tickEvent != 0 && world.sim().isPending(tickEvent);
    if (pending && tickTime <= now + step) {
      return; // the pending update comes soon enough
    }
    if (pending) {
      world.sim().cancel(tickEvent);
    }
    if (step < Double.POSITIVE_INFINITY) {
      tickTime = now + step;
      tickEvent = world.sim().after(step, world::changed);
    } else {
      tickEvent = 0;
    }
  }

  private void recompute() {
    double now = world.now();
    ensureIds();
    stamp++;
    routingPass++;
    demand = scenario.traffic().pattern().rpsAt(now);
    served = 0;
    failed = 0;
    staleFailed = 0;
    java.util.Arrays.fill(handled, 0);
    java.util.Arrays.fill(errors, 0);
    java.util.Arrays.fill(lambdaServed, 0);
    java.util.Arrays.fill(servedRegion, 0);
    inService = 0;
    capacityRps = 0;
    java.util.Arrays.fill(inServicePerVersion, 0);

    if (demand > 0) {
      for (var e : world.dns().shares(now).entrySet()) {
        double d = demand * e.getValue();
        Endpoint ep = e.getKey();
        if (!ep.exists()) {
          failed += d;
          staleFailed += d;
        } else if (ep instanceof LoadBalancer lb) {
          if (lb.isDown()) {
            failed += d; // its region is out: the connection fails
          } else {
            routeLoadBalancer(lb, d, now);
          }
        } else if (ep instanceof LambdaAlias alias) {
          routeLambda(alias, d, now);
        } else if (ep instanceof ApiStage stage) {
          routeStage(stage, d, now);
        }
      }
    }
    serveLoads(now);
    versionsWithTraffic = 0;
    for (double h : handled) {
      if (h > EPS) {
        versionsWithTraffic++;
      }
    }
    countInstances();
  }

  /** Makes the arrays by instance id as long as the load model's. */
  private void ensureIds() {
    int n = loads.lambda.length;
    if (load.length < n) {
      load = java.util.Arrays.copyOf(load, n);
      loadStamp = java.util.Arrays.copyOf(loadStamp, n);
      countedStamp = java.util.Arrays.copyOf(countedStamp, n);
      activeMark = java.util.Arrays.copyOf(activeMark, n);
    }
  }

  private void routeLoadBalancer(LoadBalancer lb, double d, double now) {
    if (lb.isSticky()) {
      // bindings to a group that left the forward action still reach it (and fail without targets)
      for (var e : lb.shares(now).entrySet()) {
        if (e.getValue() > 0) {
          routeTargetGroup(e.getKey(), d * e.getValue(), now);
        }
      }
      return;
    }
    int sum = 0;
    for (int w : lb.weights().values()) {
      sum += w;
    }
    if (sum == 0) {
      failed += d;
      return;
    }
    for (var e : lb.weights().entrySet()) {
      if (e.getValue() > 0) {
        routeTargetGroup(e.getKey(), d * e.getValue() / sum, now);
      }
    }
  }

  private void routeTargetGroup(TargetGroup tg, double d, double now) {
    if (tg.slowStart() <= 0 && tg.healthyCount() > 0) {
      // every healthy target gets the same share d x 1 / (1 + 1 + ... + 1) = d / n: one pass
      double share = d / tg.healthyCount();
      if (share > 0) {
        // the healthy targets in registration order, from the group's dense arrays
        TargetGroup.Slots slots = tg.slots();
        long[] healthyBits = slots.healthy;
        int[] ids = slots.instanceId;
        int[] receiving = slots.receivingPass;
        int words = (slots.size + 63) >> 6;
        for (int w = 0; w < words; w++) {
          long bits = healthyBits[w];
          while (bits != 0) {
            int slot = (w << 6) + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            receiving[slot] = routingPass;
            routeTo(ids[slot], share, false, now);
          }
        }
      }
      return;
    }
    // scratch buffers: routing runs after every change, so it allocates nothing per pass
    List<TargetGroup.Target> routable = routableScratch;
    routable.clear();
    for (TargetGroup.Target t : tg.targets()) {
      if (t.state() == TargetState.HEALTHY) {
        routable.add(t);
      }
    }
    // (a target group that does not fail open, such as a Kubernetes Service's endpoints, fails instead)
    boolean failOpen = routable.isEmpty() && tg.failsOpen();
    if (failOpen) {
      routable.addAll(tg.targets());
    }
    if (routable.isEmpty()) {
      failed += d;
      return;
    }
    int n = routable.size();
    if (weightScratch.length < n) {
      weightScratch = new double[Math.max(n, 2 * weightScratch.length)];
    }
    double[] w = weightScratch;
    double sumW = 0;
    for (int k = 0; k < n; k++) {
      w[k] = failOpen ? 1 : routable.get(k).slowStartFactor(now);
      sumW += w[k];
    }
    if (sumW <= 0) {
      java.util.Arrays.fill(w, 0, n, 1);
      sumW = n;
    }
    for (int k = 0; k < n; k++) {
      double share = d * w[k] / sumW;
      if (share > 0) {
        routeTarget(routable.get(k), share, failOpen, now);
      }
    }
  }

  /** A target's share of a group's requests (positive). */
  private void routeTarget(TargetGroup.Target t, double share, boolean failOpen, double now) {
    t.markReceivedTraffic(routingPass);
    routeTo(t.instance().id(), share, failOpen, now);
  }

  /** Requests per second routed to an instance through one target (positive). */
  private void routeTo(int id, double share, boolean failOpen, double now) {
    // an instance may be reached through several target groups or load balancers: add up its
    // load first, serve it once (capacity is per instance) in serveLoads()
    if (loadStamp[id] != stamp) {
      loadStamp[id] = stamp;
      load[id] = 0;
      if (loadedCount == loadedIds.length) {
        loadedIds = java.util.Arrays.copyOf(loadedIds, 2 * loadedCount);
      }
      loadedIds[loadedCount++] = id;
    }
    load[id] += share;
    if (!failOpen && loads.canServe[id] && countedStamp[id] != stamp) {
      countedStamp[id] = stamp;
      int vi = loads.installed[id];
      inService++;
      // (kept for serveLoads: the capacity now is the same there)
      double cap = capacity(id, now);
      loads.cap[id] = cap;
      capacityRps += cap;
      if (vi >= 0) {
        inServicePerVersion[vi]++;
      }
    }
  }

  /** {@link #capacity(Instance, double)} of an instance that can serve, by id. */
  private double capacity(int id, double now) {
    VersionSpec v = specs[loads.installed[id]];
    if (v.warmUp() != null) {
      return capacity(loads.instance[id], now);
    }
    loads.warm[id] = 1;
    return loads.group[id].settings().capacity() * v.capacityFactor();
  }

  /**
   * Requests per second an instance that can serve handles at most now: the fleet's capacity times
   * the version's capacity factor and, while the application is cold, its warm-up factor (the end
   * of the warm-up is scheduled as a change).
   */
  private double capacity(Instance inst, double now) {
    VersionSpec v = inst.versionSpec();
    double base = inst.group().settings().capacity() * v.capacityFactor();
    if (v.warmUp() == null) {
      loads.warm[inst.id()] = 1;
      return base;
    }
    double since = now - inst.appStartedAt();
    double warm = v.warmUpFactor(since);
    loads.warm[inst.id()] = warm;
    if (warm < 1 && inst.warmUpScheduledFor != inst.appStartedAt()) {
      inst.warmUpScheduledFor = inst.appStartedAt();
      world.sim().at(inst.appStartedAt() + v.warmUp().duration(), world::changed);
    }
    return base * warm;
  }

  /**
   * Each loaded instance serves up to its capacity; the excess and its error rate fail. With a
   * latency model the excess queues instead (QueueModel decides what times out).
   */
  private void serveLoads(double now) {
    // requests the application cannot write to its database fail (docs/resilience.md#the-database)
    Database db = world.database();
    double dbShare = db == null ? 1 : db.availableShare(now);
    activePass++;
    activeNextCount = 0;
    final boolean[] canServe = loads.canServe;
    final int[] installed = loads.installed;
    for (int j = 0; j < loadedCount; j++) {
      int id = loadedIds[j];
      double share = load[id];
      int vi = installed[id];
      if (canServe[id]) {
        VersionSpec v = specs[vi];
        // counted in this pass: its capacity now is already known
        double cap = countedStamp[id] == stamp ? loads.cap[id] : capacity(id, now);
        loads.lambda[id] = share;
        // the version and error rate these requests met (the instance may change version before the step)
        loads.version[id] = vi;
        loads.errorRate[id] = v.errorRate();
        loads.cap[id] = cap;
        addActive(id);
        double h = queues.modelsLatency() ? share : Math.min(share, cap);
        double ok = h * (1 - v.errorRate()) * dbShare;
        served += ok;
        failed += share - ok;
        if (servedRegion.length > 0) {
          servedRegion[regions.indexOf(world.regionOf(loads.group[id]))] += ok;
        }
        if (vi >= 0) {
          handled[vi] += share;
          errors[vi] += share - ok;
        }
      } else {
        failed += share;
        if (vi >= 0) {
          handled[vi] += share;
          errors[vi] += share;
        }
      }
    }
    loadedCount = 0;
    // instances no longer sent requests: done, or still working off their queue
    final int[] previous = activeIds;
    for (int j = 0; j < activeCount; j++) {
      int id = previous[j];
      if (activeMark[id] == activePass) {
        continue;
      }
      loads.lambda[id] = 0;
      if (loads.queue[id] > EPS && canServe[id]) {
        loads.cap[id] = capacity(id, now);
        addActive(id);
      } else {
        loads.queue[id] = 0;
      }
    }
    activeIds = activeNextIds;
    activeNextIds = previous;
    activeCount = activeNextCount;
  }

  /** Adds an instance to the active list being built. */
  private void addActive(int id) {
    activeMark[id] = activePass;
    if (activeNextCount == activeNextIds.length) {
      activeNextIds = java.util.Arrays.copyOf(activeNextIds, 2 * activeNextCount);
    }
    activeNextIds[activeNextCount++] = id;
  }

  private void routeLambda(LambdaAlias alias, double d, double now) {
    for (var e : alias.weights().entrySet()) {
      serveFunction(e.getKey(), d * e.getValue(), now);
    }
  }

  /**
   * An API Gateway stage: the canary's share of the requests, picked at random request by request,
   * goes to the canary's integration, the rest to the stage's; each side answers its cache hits
   * first (the canary only with useStageCache).
   */
  private void routeStage(ApiStage stage, double d, double now) {
    double p = stage.canaryPercent() / 100;
    routeIntegration(stage.production(), d * (1 - p), stage.cacheHitRatio(), now);
    if (p > 0) {
      routeIntegration(stage.canary(), d * p, stage.canaryUsesCache() ? stage.cacheHitRatio() : 0, now);
    }
  }

  private void routeIntegration(ApiStage.Integration in, double d, double hitRatio, double now) {
    if (d <= 0) {
      return;
    }
    double hits = d * hitRatio;
    served += hits;
    if (in instanceof ApiStage.LambdaIntegration f) {
      // the function version's own metrics (the canary's) count the requests its deployment answered
      handled[versionIndex.get(f.version())] += hits;
      serveFunction(f.version(), d - hits, now);
    } else if (in instanceof ApiStage.HttpIntegration http) {
      if (http.loadBalancer().exists()) {
        routeLoadBalancer(http.loadBalancer(), d - hits, now);
      } else {
        failed += d - hits;
      }
    }
  }

  /** {@code h} requests per second to a Lambda function version. */
  private void serveFunction(String version, double h, double now) {
    if (h <= 0) {
      return;
    }
    int vi = versionIndex.get(version);
    VersionSpec v = scenario.version(version);
    Double firstSeen = lambdaFirstTraffic.get(version);
    if (firstSeen == null) {
      firstSeen = now;
      lambdaFirstTraffic.put(version, now);
      // a version that starts failing some time after its first request: reroute at that time
      if (v.health() instanceof VersionSpec.FailingAfter fa) {
        world.sim().at(now + fa.seconds(), world::changed);
      }
    }
    double first = firstSeen;
    double errRate = v.health().passes(now - first) ? v.errorRate() : 1.0;
    double err = h * errRate;
    lambdaServed[vi] += h - err;
    handled[vi] += h;
    errors[vi] += err;
    failed += err;
    served += h - err;
  }

  private void countInstances() {
    running = 0;
    launching = 0;
    java.util.Arrays.fill(instancesPerVersion, 0);
    // from the members' ids and the arrays Instance keeps (a large fleet's instances are not visited)
    final LifecycleState[] states = loads.state;
    final int[] counted = loads.countedVersion;
    for (AutoScalingGroup g : world.groupList()) {
      MemberIds.Members m = memberIds.of(g);
      for (int k = 0; k < m.size; k++) {
        int id = m.ids[k];
        LifecycleState s = states[id];
        if (s.isBilled()) {
          running++;
        }
        if (s.isLaunching()) {
          launching++;
        }
        if (s.isBilled() && !s.isWarmPool()) {
          int vi = counted[id];
          if (vi >= 0) {
            instancesPerVersion[vi]++;
          }
        }
      }
    }
    healthy = 0;
    unhealthy = 0;
    draining = 0;
    stamp++;
    TargetGroup only = onlyTargetGroup();
    if (only != null) {
      // one target group: no instance can be counted twice, and the group keeps its counts
      healthy = only.healthyCount();
      unhealthy = only.unhealthyCount();
      draining = only.drainingTargets().size();
      peakRunning = Math.max(peakRunning, running);
      return;
    }
    for (LoadBalancer lb : world.loadBalancers()) {
      if (!lb.exists()) {
        continue;
      }
      for (TargetGroup tg : lb.targetGroups()) {
        for (TargetGroup.Target t : tg.targets()) {
          int id = t.instance().id();
          if (t.state() == TargetState.HEALTHY && countedStamp[id] != stamp) {
            countedStamp[id] = stamp;
            healthy++;
          } else if (t.state() == TargetState.UNHEALTHY) {
            unhealthy++;
          }
        }
        draining += tg.drainingTargets().size();
      }
    }
    peakRunning = Math.max(peakRunning, running);
  }

  /** The target group of the only existing load balancer when it has exactly one; else null. */
  private TargetGroup onlyTargetGroup() {
    TargetGroup only = null;
    for (LoadBalancer lb : world.loadBalancers()) {
      if (!lb.exists()) {
        continue;
      }
      if (only != null || lb.targetGroups().size() != 1) {
        return null;
      }
      only = lb.targetGroups().iterator().next();
    }
    return only;
  }

  // --- readings --------------------------------------------------------------------------------

  public double demandRps() {
    return demand;
  }

  public double servedRps() {
    return served;
  }

  public double failedRps() {
    return failed;
  }

  /** Requests per second handled by instances (or the alias version) of a version. */
  public double handledRps(String version) {
    return handled[versionIndex.get(version)];
  }

  public double errorRps(String version) {
    return errors[versionIndex.get(version)];
  }

  /** Instances billed now (everything but terminated and stopped/hibernated pool instances). */
  public int runningInstances() {
    return running;
  }

  /** Instances healthy in the target group of an existing load balancer. */
  public int healthyInstances() {
    return healthy;
  }

  public int unhealthyTargets() {
    return unhealthy;
  }

  /** Instances registered, healthy and receiving requests. */
  public int inServiceInstances() {
    return inService;
  }

  /** Requests per second the in-service instances can serve. */
  public double servingCapacityRps() {
    return capacityRps;
  }

  /** Serving capacity as a percentage of the baseline (instances x capacity). */
  public double capacityPercent() {
    return baselineCapacity > 0 ? 100.0 * capacityRps / baselineCapacity : Double.NaN;
  }

  public int launchingInstances() {
    return launching;
  }

  public int drainingTargets() {
    return draining;
  }

  /** Billed instances (outside the warm pool) whose version is {@code version}. */
  public int instances(String version) {
    return instancesPerVersion[versionIndex.get(version)];
  }

  public int inService(String version) {
    return inServicePerVersion[versionIndex.get(version)];
  }

  public int peakRunningInstances() {
    return peakRunning;
  }

  public int baselineInstances() {
    return baseline;
  }

  public double offeredTotal() {
    return offeredTotal;
  }

  public double servedTotal() {
    return servedTotal;
  }

  public double failedTotal() {
    return failedTotal;
  }

  /** Requests per second the instances of a region serve now. */
  public double servedRps(String region) {
    return servedRegion[regions.indexOf(region)];
  }

  /** The regions of the scenario, in file order (empty without regions). */
  public List<String> regions() {
    return regions;
  }

  /**
   * Requests served by the instances of a region over the run (with the latency model, those that
   * time out later still count here).
   */
  public double servedTotal(String region) {
    return servedRegionTotal[regions.indexOf(region)];
  }

  /** Requests that failed because a stale DNS answer sent them to a deleted environment. */
  public double staleDnsFailedTotal() {
    return staleFailedTotal;
  }

  public double handledTotal(String version) {
    return handledTotal[versionIndex.get(version)];
  }

  public double errorsTotal(String version) {
    return errorsTotal[versionIndex.get(version)];
  }

  public double downtimeSeconds() {
    return downtime;
  }

  public double degradedSeconds() {
    return degraded;
  }

  public double mixedVersionSeconds() {
    return mixed;
  }

  public double instanceHours() {
    return billedSeconds / 3600;
  }

  public double extraInstanceHours() {
    return extraBilledSeconds / 3600;
  }

  // --- load: utilisation and latency ------------------------------------------------------------

  /** Whether requests have a latency (some version has a responseTime); else the hard cap. */
  public boolean modelsLatency() {
    return queues.modelsLatency();
  }

  /**
   * Requests that failed because they waited past the load balancer's idle timeout (504) and would
   * otherwise have succeeded (those a bad version fails anyway count as its errors), over the run.
   */
  public double timedOutTotal() {
    return timedOut;
  }

  /** The load balancer's idle timeout in seconds. */
  public double idleTimeout() {
    return queues.timeout();
  }

  /**
   * A mixture that collects the latency of every request served from now on (until {@link
   * #closeLatencyWindow}); for percentiles per sample or per alarm period. Call {@link #advance()}
   * before reading it.
   */
  public LatencyMix openLatencyWindow() {
    return queues.openWindow();
  }

  public void closeLatencyWindow(LatencyMix window) {
    queues.closeWindow(window);
  }

  /** The p-quantile of latency in seconds over every request served in the run; NaN without latency. */
  public double runLatencyPercentile(double p) {
    return queues.modelsLatency() ? queues.runBins().percentile(p) : Double.NaN;
  }
}
