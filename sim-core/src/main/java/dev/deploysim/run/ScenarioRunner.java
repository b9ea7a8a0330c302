package dev.deploysim.run;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Traffic;
import dev.deploysim.model.scaling.GroupScaling;
import dev.deploysim.model.World;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.strategy.DeploymentResult;
import dev.deploysim.result.Marker;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.ScalingActivity;
import dev.deploysim.result.Summary;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Plays one scenario out and measures it. */
public final class ScenarioRunner {

  private ScenarioRunner() {}

  public static RunResult run(Scenario scenario, StrategyCatalog catalog) {
    String type = scenario.deployment().strategy().type();
    StrategyType st = catalog.find(type).orElseThrow(() -> new IllegalArgumentException("unknown strategy type " + type));
    return run(scenario, st);
  }

  public static RunResult run(Scenario scenario, StrategyType type) {
    return run(scenario, type, true);
  }

  /**
   * @param detail false for a lean run (replications after the first, which only need the
   *     summary): the same simulation and the same summary, but no time-series rows and no
   *     timeline in the result
   */
  public static RunResult run(Scenario scenario, StrategyType type, boolean detail) {
    StrategyParams params = scenario.deployment().strategy().params();
    boolean serverless = !type.needsFleet(params);
    World world = new World(scenario, serverless);
    if (world.primary() != null) {
      if (scenario.topology().isNamed()) {
        for (var f : scenario.topology().fleets().values()) {
          configure(world, world.fleetGroup(f.name()), f.spec());
        }
      } else {
        configure(world, world.primary().group(), scenario.fleet());
      }
    }
    Recorder recorder = new Recorder(world, detail);
    DeploymentResult deployment;
    if (!serverless && scenario.topology().deploysSeveralFleets()) {
      FleetSequence fleets = new FleetSequence(world, type, params);
      recorder.baselineOfFleets(fleets.baselineInstances(), fleets.baselineCapacityRps());
      play(world, recorder, fleets::start, fleets::onComplete, fleets::isFinished, fleets::unfinishedAtHorizon);
      deployment = fleets;
    } else {
      Deployment single = new Deployment(world, type);
      Strategy strategy = type.create(params);
      strategy.setUp(world);
      play(world, recorder, () -> {
        single.begin();
        strategy.start(single);
      }, single::onComplete, single::isFinished, single::unfinishedAtHorizon);
      deployment = single;
    }
    recorder.takeSample();
    Summary summary = summarize(scenario, world, deployment, recorder, serverless);
    List<Marker> markers = new ArrayList<>(deployment.markers());
    if (!world.incidents().markers().isEmpty()) {
      // health checks, failovers and the database's transitions (docs/resilience.md)
      markers.addAll(world.incidents().markers());
      markers.sort(java.util.Comparator.comparingDouble(Marker::time));
    }
    if (!world.scalingActivities().isEmpty()) {
      for (ScalingActivity a : world.scalingActivities()) {
        markers.add(new Marker(a.time(), (a.isScaleOut() ? "scale out " : "scale in ") + a.from() + " to " + a.to(),
            Marker.Kind.INFO));
      }
      markers.sort(java.util.Comparator.comparingDouble(Marker::time));
    }
    return new RunResult(scenario, summary, recorder.series(), detail ? world.timeline() : List.of(),
        deployment.phases(), markers);
  }

  /**
   * Runs the simulation: the deployment starts at its time, measurements are taken while it runs, and
   * the run ends after its cool-down (or at the horizon, the deployment marked unfinished if need be).
   */
  private static void play(World world, Recorder recorder, Runnable start, Consumer<Runnable> onComplete,
      BooleanSupplier finished, Runnable unfinishedAtHorizon) {
    Scenario scenario = world.scenario();
    world.sim().at(scenario.deployment().at(), () -> {
      recorder.openWindow();
      start.run();
    });
    onComplete.accept(() -> {
      recorder.closeWindow();
      if (scenario.horizonSeconds() == null) {
        world.sim().after(Scenario.COOL_DOWN_SECONDS, world.sim()::stop);
      }
    });
    world.sim().runUntil(scenario.latestEndSeconds());
    if (!finished.getAsBoolean()) {
      recorder.closeWindow();
      unfinishedAtHorizon.run();
    }
  }

  /** A fleet's suspended processes and scaling policies. */
  private static void configure(World world, AutoScalingGroup group, dev.deploysim.scenario.FleetSpec fleet) {
    for (String p : fleet.suspendedProcesses()) {
      group.suspend(AutoScalingGroup.Process.ofAwsName(p));
    }
    if (!fleet.scaling().isEmpty()) {
      GroupScaling.attach(world, group, fleet);
    }
  }

  private static boolean isBehindLoadBalancer(World world, dev.deploysim.model.Instance i) {
    for (var lb : world.loadBalancers()) {
      if (!lb.exists()) {
        continue;
      }
      for (var tg : lb.targetGroups()) {
        if (tg.isRegistered(i)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Summary summarize(Scenario s, World world, DeploymentResult d, Recorder rec, boolean serverless) {
    Traffic t = world.traffic();
    double start = d.startTime();
    Double end = d.endTime();
    Summary.Deployment dep = new Summary.Deployment(start, end, end == null ? null : end - start);
    Summary.Capacity cap;
    Summary.Cost cost;
    Map<String, Integer> finalVersions = null;
    if (serverless) {
      cap = new Summary.Capacity(null, null, null, null);
      cost = new Summary.Cost(null, null, null);
    } else {
      // a deployment of several fleets measures against all of them (the Recorder's baseline)
      Double fleetsExtra = rec.fleetsExtraInstanceHours();
      int baseline = fleetsExtra == null ? t.baselineInstances() : rec.fleetsBaselineInstances();
      cap = new Summary.Capacity(baseline, rec.minInService(), rec.minCapacityPercent(), t.peakRunningInstances());
      Double price = s.fleet().hourlyPrice();
      cost = new Summary.Cost(t.instanceHours(), fleetsExtra == null ? t.extraInstanceHours() : fleetsExtra,
          price == null ? null : price * t.instanceHours());
      finalVersions = new LinkedHashMap<>();
      // in service = InService in its group and registered behind a load balancer that exists
      // (originals kept alive after a blue/green deployment are deregistered: not counted)
      for (var g : world.groups()) {
        for (var i : g.inService()) {
          if (i.version() != null && isBehindLoadBalancer(world, i)) {
            finalVersions.merge(i.version(), 1, Integer::sum);
          }
        }
      }
      // in the order versions are listed in the scenario
      Map<String, Integer> ordered = new LinkedHashMap<>();
      for (String v : s.versions().keySet()) {
        if (finalVersions.containsKey(v)) {
          ordered.put(v, finalVersions.get(v));
        }
      }
      finalVersions = ordered;
    }
    long requests = count(t.offeredTotal());
    long failed = count(t.failedTotal());
    double availability = t.offeredTotal() > 0 ? 100.0 * (1 - t.failedTotal() / t.offeredTotal()) : 100.0;
    long byNew = count(t.handledTotal(d.toVersion()));
    Double atRollback = d.newVersionRequestsAtRollback();
    Summary.Traffic traffic = new Summary.Traffic(requests, failed, availability, t.downtimeSeconds(),
        t.degradedSeconds(), byNew, atRollback == null ? byNew : count(atRollback));
    Summary.Rollback rb = new Summary.Rollback(d.rollbackTriggered(), d.rollbackReason(), d.rollbackStart(), d.rollbackEnd());
    Summary.Detection det = d.detectedAt() == null ? Summary.Detection.none()
        : new Summary.Detection(d.detectedAt(), d.detectedAt() - start, d.detectedBy());
    Summary.Latency latency = Summary.Latency.none();
    if (t.modelsLatency()) {
      latency = new Summary.Latency(nanToNull(t.runLatencyPercentile(0.5)), nanToNull(t.runLatencyPercentile(0.95)),
          nanToNull(t.runLatencyPercentile(0.99)), rec.p99MaxSeconds(), rec.sloViolationSeconds(),
          count(t.timedOutTotal()));
    }
    Summary.Scaling scaling = Summary.Scaling.none();
    if (!serverless) {
      int out = 0;
      int in = 0;
      for (ScalingActivity a : world.scalingActivities()) {
        if (a.isScaleOut()) {
          out++;
        } else {
          in++;
        }
      }
      scaling = new Summary.Scaling(out, in, rec.maxDesired());
    }
    return new Summary(s.name(), d.strategyName(), s.seed(), d.outcome(), dep, cap, traffic, rb, cost,
        t.mixedVersionSeconds(), finalVersions, d.reason(), d.fromVersion(), d.toVersion(), det, world.now(),
        latency, scaling, rec.recovery());
  }

  /**
   * A count of requests as a whole number. The format's bounds (rates at most {@link
   * dev.deploysim.scenario.Limits#MAX_RPS} over at most {@link dev.deploysim.scenario.Limits#MAX_SECONDS})
   * keep every count below 2^53, where a double holds each whole number exactly; a count beyond that
   * is a bug, never a result rounded or saturated at 2^63-1.
   */
  static long count(double requests) {
    if (!(requests >= 0 && requests < 0x1p53)) {
      throw new IllegalStateException("a count of requests is " + requests + ", outside 0..2^53 that the format's "
          + "bounds keep it in");
    }
    return Math.round(requests);
  }

  private static Double nanToNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
