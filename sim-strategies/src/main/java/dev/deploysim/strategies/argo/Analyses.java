package dev.deploysim.strategies.argo;

import dev.deploysim.strategies.analysis.AnalysisFormat;
import dev.deploysim.strategies.analysis.AnalysisRun;
import dev.deploysim.strategies.analysis.Measurements;
import dev.deploysim.strategies.analysis.MetricQueries;
import dev.deploysim.strategies.analysis.MetricSpec;
import dev.deploysim.strategies.analysis.RequestHistory;
import dev.deploysim.strategy.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The AnalysisRuns of one rollout: inline ones (one at a time), a background one, and the
 * measurements they share: the requests of the new version's pods (the canary) and of the old
 * version's (the stable), recorded from the rollout's start.
 */
final class Analyses {
  private final Deployment d;
  private final Consumer<AnalysisRun> done;
  private MetricQueries queries;
  private Measurements measurements;
  private AnalysisRun inline;
  private AnalysisRun background;
  private boolean ending;
  private final java.util.Set<AnalysisRun> silenced = java.util.Collections.newSetFromMap(
      new java.util.IdentityHashMap<>());

  Analyses(Deployment d, Consumer<AnalysisRun> done) {
    this.d = d;
    this.done = run -> {
      if (!ending && !silenced.contains(run)) {
        done.accept(run);
      }
    };
  }

  /** Ends a run now without telling the rollout (Argo cancels it): Successful unless a limit was exceeded. */
  void terminateQuietly(AnalysisRun run, String why) {
    silenced.add(run);
    run.terminate(why);
  }

  /** Starts measuring when any of these metrics will be asked for. */
  void prepare(List<MetricSpec> metrics) {
    prepare(metrics, null);
  }

  /**
   * Starts measuring when any of these metrics will be asked for; {@code tests}, when not null, are
   * requests that reach the new version's pods besides the scenario's (a preview's smoke tests).
   */
  void prepare(List<MetricSpec> metrics, RequestHistory.Counts tests) {
    if (metrics.isEmpty() || measurements != null) {
      return;
    }
    measurements = new Measurements(d.world(), AnalysisFormat.longestWindow(metrics));
    RequestHistory.Counts canary = Measurements.version(d.world().traffic(), d.toVersion());
    measurements.track(MetricQueries.CANARY, tests == null ? canary : RequestHistory.Counts.sum(canary, tests),
        d.toVersion());
    measurements.track(MetricQueries.STABLE, Measurements.version(d.world().traffic(), d.fromVersion()),
        d.fromVersion());
    queries = new MetricQueries(measurements, d::now);
  }

  void prepare(CanaryRollout.Settings s) {
    List<MetricSpec> all = new ArrayList<>(s.background());
    for (CanaryStep step : s.steps()) {
      if (step instanceof CanaryStep.Analysis a) {
        all.addAll(a.metrics());
      }
    }
    prepare(all);
  }

  Measurements measurements() {
    return measurements;
  }

  /** Starts an analysis the rollout waits for. */
  AnalysisRun startInline(List<MetricSpec> metrics, String name) {
    inline = new AnalysisRun(name, metrics, d.world().sim(), queries, d::log, done::accept);
    inline.start();
    return inline;
  }

  void startBackground(List<MetricSpec> metrics, int startingStep) {
    background = new AnalysisRun("background", metrics, d.world().sim(), queries, d::log, done::accept);
    d.log("background analysis starts at step " + startingStep);
    background.start();
  }

  boolean isInline(AnalysisRun run) {
    return run == inline;
  }

  /** Ends the background analysis (the rollout completed): Successful unless a limit was exceeded. */
  void terminateBackground(String why) {
    ending = true;
    if (background != null && !background.isDone()) {
      background.terminate(why);
    }
  }

  /** Stops every run without a result (the rollout aborted or stopped). */
  void cancelAll() {
    ending = true;
    if (inline != null) {
      inline.cancel();
    }
    if (background != null) {
      background.cancel();
    }
  }
}
