package dev.deploysim.run;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.CpuMeter;
import dev.deploysim.model.LatencyMix;
import dev.deploysim.model.Traffic;
import dev.deploysim.model.World;
import dev.deploysim.result.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a run the same way whatever the strategy: samples the time series every sample
 * interval, and tracks the fewest in-service instances and the lowest serving capacity while the
 * deployment runs.
 */
public final class Recorder {
  private final World world;
  private final Traffic traffic;
  private final double interval;
  private final List<String> versions;
  private final String newVersion;
  private final TimeSeries series;
  private final boolean keepRows;
  private double lastSampleTime = Double.NaN;
  private double lastOffered;
  private double lastServed;
  private double lastFailed;
  private double lastHandledNew;
  private double lastHandledAll;
  private double lastTimedOut;
  private final double[] lastServedRegion;
  private final CpuMeter cpu;
  private final LatencyMix latency;
  private final Double slo;
  private double p99Max = Double.NaN;
  private double sloViolation;
  private int maxDesired = -1;
  private final RecoveryMeter recovery;

  // a deployment of several fleets: its baseline is all of them (else Traffic's, the deployed fleet)
  private int fleetsBaseline = -1;
  private double fleetsBaselineCapacity;
  private double fleetsExtraSeconds;
  private double lastUpdateTime;
  private int lastRunning;

  private boolean windowOpen;
  private int minInService = Integer.MAX_VALUE;
  private double minCapacityPercent = Double.POSITIVE_INFINITY;

  public Recorder(World world) {
    this(world, true);
  }

  /**
   * @param keepRows false for a lean run (replications after the first): samples are still taken
   *     at the same times, so every number of the summary is the same, but no rows are kept
   */
  public Recorder(World world, boolean keepRows) {
    this.world = world;
    this.keepRows = keepRows;
    this.traffic = world.traffic();
    this.interval = world.scenario().output().sampleInterval();
    this.versions = traffic.versions();
    this.newVersion = world.scenario().deployment().version();
    List<String> cols = new ArrayList<>(List.of("time", "demandRps", "servedRps", "failedRps",
        "healthyInstances", "inServiceInstances", "runningInstances"));
    for (String v : versions) {
      cols.add("instances_" + v);
    }
    cols.add("newVersionTrafficPercent");
    cols.add("capacityRps");
    for (String v : versions) {
      cols.add("inService_" + v);
    }
    cols.add("launchingInstances");
    cols.add("drainingTargets");
    // the load columns (issue 11), after the first wave's
    cols.add("cpuPercent");
    cols.add("desiredCapacity");
    cols.add("latencyP50Ms");
    cols.add("latencyP95Ms");
    cols.add("latencyP99Ms");
    cols.add("timedOutRps");
    // resilience columns (issue 13), only in scenarios with regions or a database
    for (String r : traffic.regions()) {
      cols.add("servedRps_" + r);
    }
    this.lastServedRegion = new double[traffic.regions().size()];
    if (world.database() != null) {
      cols.add("databaseAvailable");
    }
    this.series = new TimeSeries(cols);
    this.cpu = new CpuMeter(world, null);
    this.latency = traffic.modelsLatency() ? traffic.openLatencyWindow() : null;
    this.slo = world.scenario().slo() == null ? null : world.scenario().slo().latencyP99();
    this.recovery = new RecoveryMeter(world);
    traffic.addUpdateListener(this::onUpdate);
    world.sim().at(0, this::sample);
  }

  public TimeSeries series() {
    return series;
  }

  private void onUpdate() {
    if (fleetsBaseline >= 0) {
      integrateExtra();
      lastRunning = traffic.runningInstances();
    }
    recovery.update();
    maxDesired = Math.max(maxDesired, desiredCapacity());
    if (windowOpen) {
      track();
    }
  }

  private void track() {
    minInService = Math.min(minInService, traffic.inServiceInstances());
    double c = fleetsBaseline < 0 ? traffic.capacityPercent()
        : fleetsBaselineCapacity > 0 ? 100.0 * traffic.servingCapacityRps() / fleetsBaselineCapacity : Double.NaN;
    if (!Double.isNaN(c)) {
      minCapacityPercent = Math.min(minCapacityPercent, c);
    }
  }

  /**
   * The deployment deploys several fleets (docs/resilience.md#deploying-several-fleets): capacity is
   * measured against all of them together, {@code instances} serving {@code capacityRps} at full strength,
   * and instance-hours above {@code instances} are extra.
   */
  public void baselineOfFleets(int instances, double capacityRps) {
    fleetsBaseline = instances;
    fleetsBaselineCapacity = capacityRps;
    lastUpdateTime = world.now();
    lastRunning = traffic.runningInstances();
  }

  /** Adds the time since the last recomputation, at the instance count that held over it. */
  private void integrateExtra() {
    double now = world.now();
    fleetsExtraSeconds += Math.max(0, lastRunning - fleetsBaseline) * (now - lastUpdateTime);
    lastUpdateTime = now;
  }

  /** The fleets' baseline given to {@link #baselineOfFleets}. */
  public int fleetsBaselineInstances() {
    return fleetsBaseline;
  }

  /** Instance-hours above the fleets' baseline so far; null unless {@link #baselineOfFleets} was called. */
  public Double fleetsExtraInstanceHours() {
    if (fleetsBaseline < 0) {
      return null;
    }
    integrateExtra();
    return fleetsExtraSeconds / 3600;
  }

  /** The deployment starts: from now on minimums are tracked. */
  public void openWindow() {
    windowOpen = true;
    track();
  }

  public void closeWindow() {
    if (windowOpen) {
      track();
      windowOpen = false;
    }
  }

  /** Fewest in-service instances while the deployment ran (null if it never started). */
  public Integer minInService() {
    return minInService == Integer.MAX_VALUE ? null : minInService;
  }

  public Double minCapacityPercent() {
    return minCapacityPercent == Double.POSITIVE_INFINITY ? null : minCapacityPercent;
  }

  /** Desired capacity of every group that exists, together; -1 without groups. */
  private int desiredCapacity() {
    int sum = 0;
    boolean any = false;
    for (AutoScalingGroup g : world.groups()) {
      if (!g.isDeleted()) {
        sum += g.desired();
        any = true;
      }
    }
    return any ? sum : -1;
  }

  /** Detection, recovery and failover after the first fault (null fields without a fault). */
  public dev.deploysim.result.Summary.Recovery recovery() {
    return recovery.summary();
  }

  /** The highest desired capacity of all groups together over the run; null without groups. */
  public Integer maxDesired() {
    return maxDesired < 0 ? null : maxDesired;
  }

  /** The highest 99th percentile of latency of one sample interval (seconds); null without latency. */
  public Double p99MaxSeconds() {
    return Double.isNaN(p99Max) ? null : p99Max;
  }

  /** Time in sample intervals whose 99th percentile exceeded the slo; null without an slo. */
  public Double sloViolationSeconds() {
    return slo == null ? null : sloViolation;
  }

  private void sample() {
    takeSample();
    world.sim().after(interval, this::sample);
  }

  /** Records a row at the current time (once per instant). */
  public void takeSample() {
    double now = world.now();
    if (now == lastSampleTime) {
      return;
    }
    traffic.advance();
    double dtSample = Double.isNaN(lastSampleTime) ? 0 : now - lastSampleTime;
    double p50 = Double.NaN;
    double p95 = Double.NaN;
    double p99 = Double.NaN;
    if (latency != null) {
      p99 = latency.percentile(0.99);
      if (keepRows) {
        p50 = latency.percentile(0.5);
        p95 = latency.percentile(0.95);
      }
      latency.clear();
      if (!Double.isNaN(p99)) {
        p99Max = Double.isNaN(p99Max) ? p99 : Math.max(p99Max, p99);
        if (slo != null && p99 > slo) {
          sloViolation += dtSample;
        }
      }
    }
    if (!keepRows) {
      lastSampleTime = now;
      return; // (the CPU column is only read for a row: the meter's reading changes nothing else)
    }
    double cpuPercent = cpu.read();
    double offered = traffic.offeredTotal();
    double served = traffic.servedTotal();
    double failed = traffic.failedTotal();
    double handledNew = traffic.handledTotal(newVersion);
    double handledAll = 0;
    for (String v : versions) {
      handledAll += traffic.handledTotal(v);
    }
    double[] row = new double[series.columns().size()];
    int c = 0;
    row[c++] = now;
    if (Double.isNaN(lastSampleTime)) {
      row[c++] = traffic.demandRps();
      row[c++] = traffic.servedRps();
      row[c++] = traffic.failedRps();
    } else {
      double dt = now - lastSampleTime;
      row[c++] = (offered - lastOffered) / dt;
      row[c++] = (served - lastServed) / dt;
      row[c++] = (failed - lastFailed) / dt;
    }
    row[c++] = traffic.healthyInstances();
    row[c++] = traffic.inServiceInstances();
    row[c++] = traffic.runningInstances();
    for (String v : versions) {
      row[c++] = traffic.instances(v);
    }
    double dHandled = handledAll - lastHandledAll;
    double dNew = handledNew - lastHandledNew;
    if (Double.isNaN(lastSampleTime)) {
      double all = 0;
      for (String v : versions) {
        all += traffic.handledRps(v);
      }
      row[c++] = all > 0 ? 100 * traffic.handledRps(newVersion) / all : 0;
    } else {
      row[c++] = dHandled > 1e-9 ? 100 * dNew / dHandled : 0;
    }
    row[c++] = traffic.servingCapacityRps();
    for (String v : versions) {
      row[c++] = traffic.inService(v);
    }
    row[c++] = traffic.launchingInstances();
    row[c++] = traffic.drainingTargets();
    row[c++] = cpuPercent;
    int desired = desiredCapacity();
    row[c++] = desired < 0 ? Double.NaN : desired;
    row[c++] = 1000 * p50;
    row[c++] = 1000 * p95;
    row[c++] = 1000 * p99;
    double timedOut = traffic.timedOutTotal();
    row[c++] = dtSample > 0 ? (timedOut - lastTimedOut) / dtSample : 0;
    lastTimedOut = timedOut;
    List<String> regions = traffic.regions();
    for (int k = 0; k < regions.size(); k++) {
      double total = traffic.servedTotal(regions.get(k));
      row[c++] = dtSample > 0 ? (total - lastServedRegion[k]) / dtSample : traffic.servedRps(regions.get(k));
      lastServedRegion[k] = total;
    }
    if (world.database() != null) {
      row[c++] = world.database().availableShare(now);
    }
    series.add(row);
    lastSampleTime = now;
    lastOffered = offered;
    lastServed = served;
    lastFailed = failed;
    lastHandledNew = handledNew;
    lastHandledAll = handledAll;
  }
}
