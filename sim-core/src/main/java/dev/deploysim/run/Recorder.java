package dev.deploysim.run;

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
    this.series = new TimeSeries(cols);
    traffic.addUpdateListener(this::onUpdate);
    world.sim().at(0, this::sample);
  }

  public TimeSeries series() {
    return series;
  }

  private void onUpdate() {
    if (windowOpen) {
      track();
    }
  }

  private void track() {
    minInService = Math.min(minInService, traffic.inServiceInstances());
    double c = traffic.capacityPercent();
    if (!Double.isNaN(c)) {
      minCapacityPercent = Math.min(minCapacityPercent, c);
    }
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
    if (!keepRows) {
      lastSampleTime = now;
      return;
    }
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
    series.add(row);
    lastSampleTime = now;
    lastOffered = offered;
    lastServed = served;
    lastFailed = failed;
    lastHandledNew = handledNew;
    lastHandledAll = handledAll;
  }
}
