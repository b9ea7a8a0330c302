package dev.deploysim.strategies.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deploysim.engine.Simulator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An AnalysisRun's timing and its run-level rules, with scripted measurements. */
class AnalysisRunTest {
  private final Simulator sim = new Simulator();
  private final Map<String, Deque<AnalysisPhase>> script = new HashMap<>();
  private final List<String> taken = new ArrayList<>();
  private final List<AnalysisRun> done = new ArrayList<>();

  private AnalysisRun run(MetricSpec... metrics) {
    return new AnalysisRun("test", List.of(metrics), sim, m -> {
      taken.add(m.name() + "@" + (long) sim.now());
      Deque<AnalysisPhase> q = script.get(m.name());
      return new AnalysisRun.Measurement(q == null || q.isEmpty() ? AnalysisPhase.SUCCESSFUL : q.poll(), "scripted");
    }, line -> { }, done::add);
  }

  private static MetricSpec metric(String name, Double interval, Integer count, double delay, int failureLimit) {
    return new MetricSpec(name, interval, count, delay, 60, Condition.parse("errorRate < 0.01"), null, failureLimit,
        0, 4, false, MetricSpec.Of.CANARY, null);
  }

  private void script(String metric, AnalysisPhase... phases) {
    script.put(metric, new ArrayDeque<>(List.of(phases)));
  }

  @Test
  void measuresAfterTheDelayThenEveryIntervalUntilTheCount() {
    // initialDelay 30s, interval 60s, count 4: measurements at 30, 90, 150, 210 s; Successful at 210 s
    AnalysisRun r = run(metric("a", 60.0, 4, 30, 0));
    sim.at(0, r::start);
    sim.run();
    assertEquals(List.of("a@30", "a@90", "a@150", "a@210"), taken);
    assertEquals(List.of(r), done);
    assertEquals(AnalysisPhase.SUCCESSFUL, r.phase());
  }

  @Test
  void aFailedMetricEndsTheRunAndStopsTheOthers() {
    // "a" fails its second measurement (at 60 s) with failureLimit 0; "b" (every 30 s) stops then,
    // Successful as a terminated metric; the run is Failed at 60 s
    script("a", AnalysisPhase.SUCCESSFUL, AnalysisPhase.FAILED);
    AnalysisRun r = run(metric("a", 60.0, 10, 0, 0), metric("b", 30.0, null, 0, 0));
    sim.at(0, r::start);
    sim.run();
    assertEquals(AnalysisPhase.FAILED, r.phase());
    assertEquals(60, sim.now());
    assertEquals(List.of("a@0", "b@0", "b@30", "a@60"), taken);
    assertEquals("metric a Failed (2 measurements: 1 successful, 1 failed, failureLimit 0)", r.message());
  }

  @Test
  void errorOutranksInconclusiveAndDryRunsDoNotCount() {
    script("err", AnalysisPhase.ERROR);
    script("dry", AnalysisPhase.FAILED);
    MetricSpec err = new MetricSpec("err", null, null, 0, 60, Condition.parse("errorRate < 0.01"), null, 0, 0, 0,
        false, MetricSpec.Of.CANARY, null);
    MetricSpec dry = new MetricSpec("dry", null, null, 0, 60, Condition.parse("errorRate < 0.01"), null, 0, 0, 4,
        true, MetricSpec.Of.CANARY, null);
    AnalysisRun r = run(dry, err);
    sim.at(0, r::start);
    sim.run();
    // consecutiveErrorLimit 0: one error is Error; the dry run's failure is ignored
    assertEquals(AnalysisPhase.ERROR, r.phase());
  }

  @Test
  void aBackgroundRunEndsSuccessfulWhenTerminated() {
    // interval without count runs until terminated; failures within failureLimit 2 do not fail it
    script("bg", AnalysisPhase.FAILED, AnalysisPhase.SUCCESSFUL, AnalysisPhase.FAILED);
    AnalysisRun r = run(metric("bg", 60.0, null, 0, 2));
    sim.at(0, r::start);
    sim.at(150, () -> r.terminate("rollout complete"));
    sim.runUntil(1000);
    assertEquals(List.of("bg@0", "bg@60", "bg@120"), taken);
    assertEquals(AnalysisPhase.SUCCESSFUL, r.phase());
    assertEquals(1, done.size());
  }

  @Test
  void aCancelledRunTellsNobody() {
    AnalysisRun r = run(metric("a", 60.0, 5, 0, 0));
    sim.at(0, r::start);
    sim.at(90, r::cancel);
    sim.runUntil(1000);
    assertEquals(List.of("a@0", "a@60"), taken);
    assertEquals(List.of(), done);
  }
}
