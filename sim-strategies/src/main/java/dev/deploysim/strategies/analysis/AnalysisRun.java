package dev.deploysim.strategies.analysis;

import dev.deploysim.control.Scope;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.Simulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An AnalysisRun in simulated time, by Argo Rollouts' rules (analysis/analysis.go): each metric
 * takes its first measurement after its initialDelay and then one every interval until its count
 * is reached or its phase is decided ({@link MetricResult}). As soon as one metric (not a dry run)
 * is Failed, Error or Inconclusive the run is terminating: the other metrics stop, each Successful
 * unless it already exceeded a limit, and the run takes the worst phase of its metrics. A run is
 * also ended from outside ({@link #terminate}): a background analysis when the rollout completes.
 */
public final class AnalysisRun {

  /** One measurement's phase and what it saw, for the log. */
  public record Measurement(AnalysisPhase phase, String detail) {}

  /** Takes a measurement of a metric now. */
  @FunctionalInterface
  public interface Measurer {
    Measurement measure(MetricSpec metric);
  }

  /** Told once, when the run has its final phase. */
  @FunctionalInterface
  public interface Listener {
    void completed(AnalysisRun run);
  }

  private final String name;
  private final Map<String, MetricResult> results = new LinkedHashMap<>();
  private final Scope scope;
  private final Measurer measurer;
  private final Consumer<String> log;
  private final Listener listener;
  private AnalysisPhase phase = AnalysisPhase.PENDING;
  private String message;
  private boolean terminating;
  private double startedAt = Double.NaN;
  private final Simulator sim;

  public AnalysisRun(String name, List<MetricSpec> metrics, Simulator sim, Measurer measurer, Consumer<String> log,
      Listener listener) {
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("an analysis needs a metric");
    }
    this.name = name;
    this.sim = sim;
    this.scope = new Scope("analysis " + name, sim);
    this.measurer = measurer;
    this.log = log;
    this.listener = listener;
    for (MetricSpec m : metrics) {
      results.put(m.name(), new MetricResult(m));
    }
  }

  public String name() {
    return name;
  }

  public void start() {
    if (phase != AnalysisPhase.PENDING) {
      throw new IllegalStateException("analysis " + name + " already started");
    }
    phase = AnalysisPhase.RUNNING;
    startedAt = sim.now();
    List<String> parts = new ArrayList<>();
    for (MetricResult r : results.values()) {
      parts.add(r.spec().describe());
      MetricSpec m = r.spec();
      scope.after(m.initialDelay(), () -> measure(r));
    }
    log.accept("analysis " + name + " started: " + String.join("; ", parts));
  }

  private void measure(MetricResult r) {
    if (phase.completed()) {
      return;
    }
    MetricSpec m = r.spec();
    Measurement x = measurer.measure(m);
    r.record(x.phase());
    AnalysisPhase mp = r.assess(false);
    log.accept("analysis " + name + ": " + m.name() + " measurement " + r.count() + ": " + x.detail() + " -> "
        + x.phase().label() + (mp.completed() ? "; metric " + mp.label() + " (" + r.tally() + ")" : ""));
    if (!mp.completed()) {
      scope.after(m.interval(), () -> measure(r));
    }
    assess();
  }

  /** Ends the run now (a background analysis when the rollout is done, or a cancelled one). */
  public void terminate(String why) {
    if (phase.completed()) {
      return;
    }
    if (phase == AnalysisPhase.PENDING) {
      phase = AnalysisPhase.SUCCESSFUL;
      message = "terminated before it started (" + why + ")";
      scope.cancel();
      return;
    }
    terminating = true;
    log.accept("analysis " + name + " terminated: " + why);
    assess();
  }

  /** Abandons the run without a result: nothing more is measured and the listener is not told. */
  public void cancel() {
    scope.cancel();
    if (!phase.completed()) {
      phase = AnalysisPhase.SUCCESSFUL;
      message = "cancelled";
    }
  }

  private void assess() {
    boolean stopping = terminating;
    for (MetricResult r : results.values()) {
      AnalysisPhase p = r.assess(false);
      if (!r.spec().dryRun() && (p == AnalysisPhase.FAILED || p == AnalysisPhase.ERROR
          || p == AnalysisPhase.INCONCLUSIVE)) {
        stopping = true;
      }
    }
    AnalysisPhase worst = AnalysisPhase.SUCCESSFUL;
    boolean all = true;
    String why = null;
    for (MetricResult r : results.values()) {
      AnalysisPhase p = r.assess(stopping);
      if (r.spec().dryRun()) {
        continue;
      }
      all &= p.completed();
      if (p.completed() && p != AnalysisPhase.SUCCESSFUL && (why == null || p.ordinal() > worst.ordinal())) {
        why = "metric " + r.spec().name() + " " + p.label() + " (" + r.tally() + limitText(r.spec(), p) + ")";
      }
      worst = AnalysisPhase.worse(worst, p);
    }
    if (!all) {
      return;
    }
    phase = worst;
    message = why != null ? why : "every metric Successful";
    scope.cancel();
    log.accept("analysis " + name + " " + phase.label() + " after " + Durations.format(sim.now() - startedAt) + ": "
        + message);
    listener.completed(this);
  }

  private static String limitText(MetricSpec m, AnalysisPhase p) {
    return switch (p) {
      case FAILED -> ", failureLimit " + m.failureLimit();
      case INCONCLUSIVE -> ", inconclusiveLimit " + m.inconclusiveLimit();
      case ERROR -> ", consecutiveErrorLimit " + m.consecutiveErrorLimit();
      default -> "";
    };
  }

  public AnalysisPhase phase() {
    return phase;
  }

  public boolean isDone() {
    return phase.completed();
  }

  /** Why the run ended as it did (null while it runs). */
  public String message() {
    return message;
  }

  public MetricResult result(String metric) {
    return results.get(metric);
  }
}
