package dev.deploysim.cli.output;

import static dev.deploysim.cli.output.OutputFiles.COMPARE_CAPACITY_CHART;
import static dev.deploysim.cli.output.OutputFiles.COMPARE_FAILED_CHART;
import static dev.deploysim.cli.output.OutputFiles.COMPARE_JSON;
import static dev.deploysim.cli.output.OutputFiles.COMPARE_LATENCY_CHART;
import static dev.deploysim.cli.output.OutputFiles.REPORT;

import dev.deploysim.cli.chart.ChartTheme;
import dev.deploysim.cli.chart.CompareCharts;
import dev.deploysim.cli.chart.LatencyChart;
import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.ReplicationText;
import dev.deploysim.cli.text.SummaryTable;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.run.Replications;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;

/**
 * The files of {@code sim compare}: compare.json (the array of summaries, in command-line order,
 * written as summary.json is), the overlay charts compare-capacity and compare-failed, and
 * report.md (the table, the charts, and what stands out about each run). Nothing else is written.
 */
public final class CompareOutputs {
  private CompareOutputs() {}

  public static final int CHART_HEIGHT = 700;

  /**
   * One run of the comparison.
   *
   * @param name how the run is named in the table and legends (the scenario name, made unique)
   * @param result replication 0, whole
   * @param replications the replications, or null for a single run
   * @param notes how the run was derived from its file (parameters a strategy variant dropped)
   */
  public record Run(String name, RunResult result, Replications.Result replications, List<String> notes) {
    public Run {
      notes = List.copyOf(notes);
    }

    public Summary summary() {
      return result.summary();
    }

    Replications.Aggregate aggregate() {
      return replications == null || replications.count() < 2 ? null : replications.aggregate();
    }
  }

  /** Names for the runs: scenario names, made unique with the file name where two are the same. */
  public static List<String> names(List<RunResult> results, List<String> files) {
    List<String> names = new ArrayList<>();
    for (RunResult r : results) {
      names.add(r.summary().scenario());
    }
    List<String> withFiles = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      boolean dup = names.indexOf(n) != names.lastIndexOf(n);
      withFiles.add(dup ? n + " (" + files.get(i) + ")" : n);
    }
    // the same file given twice: number the runs, so every chart series and table row has its own name
    List<String> out = new ArrayList<>();
    for (int i = 0; i < withFiles.size(); i++) {
      String n = withFiles.get(i);
      if (withFiles.indexOf(n) == withFiles.lastIndexOf(n)) {
        out.add(n);
      } else {
        out.add(n + " #" + (Collections.frequency(withFiles.subList(0, i), n) + 1));
      }
    }
    return out;
  }

  public static List<Map<String, Object>> summaries(List<Run> runs) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Run r : runs) {
      all.add(ReplicationOutputs.summaryJson(r.summary(), r.aggregate()));
    }
    return all;
  }

  /** Whether any run has latencies to draw. */
  static boolean hasLatency(List<Run> runs) {
    return runs.stream().anyMatch(r -> LatencyChart.applies(r.result()));
  }

  /** The file names compare writes with these chart formats (compare-latency only where it applies). */
  public static List<String> fileNames(Set<OutputFormat> formats) {
    return ChartWriter.fileNames(List.of(COMPARE_JSON), List.of(COMPARE_CAPACITY_CHART, COMPARE_FAILED_CHART), formats);
  }

  public static List<Path> write(List<Run> runs, OutputFolder folder, Set<OutputFormat> formats) {
    List<Path> written = new ArrayList<>();
    written.add(folder.write(COMPARE_JSON, Json.write(summaries(runs)) + "\n"));
    if (!formats.isEmpty()) {
      List<RunResult> results = runs.stream().map(Run::result).toList();
      List<String> names = runs.stream().map(Run::name).toList();
      chart(folder, COMPARE_CAPACITY_CHART, CompareCharts.capacity(results, names), formats, written);
      chart(folder, COMPARE_FAILED_CHART, CompareCharts.failed(results, names), formats, written);
      if (hasLatency(runs)) {
        chart(folder, COMPARE_LATENCY_CHART, CompareCharts.latency(results, names), formats, written);
      }
    }
    String ext = ChartWriter.reportImages(formats);
    written.add(folder.write(REPORT, report(runs, ext)));
    return written;
  }

  private static void chart(OutputFolder folder, String name, JFreeChart chart, Set<OutputFormat> formats,
      List<Path> written) {
    ChartWriter.write(folder, name, chart, ChartTheme.WIDTH, CHART_HEIGHT, formats, written);
  }

  // --- the table ---------------------------------------------------------------------------------

  /** Column headers of the comparison table. */
  public static final List<String> COLUMNS = List.of("run", "strategy", "outcome", "duration", "min in service",
      "peak", "failed requests", "downtime", "extra inst-h", "rollback", "p99", "SLO violated");

  /**
   * Columns appended when some run has a fault: the summary's recovery block
   * (docs/resilience.md#measuring-recovery), in the order of {@link ReplicationText#RECOVERY_METRICS}.
   */
  public static final List<String> RECOVERY_COLUMNS = List.of("fault detected", "RTO", "RPO", "failover at",
      "failed until recovery");

  /** Whether some run injects a fault, so the table has the {@link #RECOVERY_COLUMNS}. */
  static boolean hasFault(List<Run> runs) {
    return runs.stream().anyMatch(r -> !r.result().scenario().faults().isEmpty());
  }

  /** The table's columns for these runs: {@link #COLUMNS}, and the recovery ones when some run has a fault. */
  public static List<String> columns(List<Run> runs) {
    if (!hasFault(runs)) {
      return COLUMNS;
    }
    List<String> all = new ArrayList<>(COLUMNS);
    all.addAll(RECOVERY_COLUMNS);
    return all;
  }

  /** One row per run: the cells under {@link #columns}; with replications, means ± ci95. */
  public static List<List<String>> table(List<Run> runs) {
    boolean recovery = hasFault(runs);
    List<List<String>> rows = new ArrayList<>();
    for (Run r : runs) {
      Summary s = r.summary();
      Replications.Aggregate a = r.aggregate();
      List<String> row = new ArrayList<>();
      row.add(r.name());
      row.add(s.strategy());
      if (a != null) {
        row.add(ReplicationText.outcomes(a));
        row.add(mean(a, "durationSeconds"));
        row.add(mean(a, "minInServiceInstances") + " (" + mean(a, "minCapacityPercent") + ")");
        row.add(mean(a, "peakInstances"));
        row.add(mean(a, "failedRequests"));
        row.add(mean(a, "downtimeSeconds"));
        row.add(mean(a, "extraInstanceHours"));
        row.add(a.metric("rollbackSeconds").count() == 0 ? "no" : mean(a, "rollbackSeconds")
            + " (" + a.metric("rollbackSeconds").count() + " runs)");
        row.add(mean(a, "latencyP99Seconds"));
        row.add(mean(a, "sloViolationSeconds"));
      } else {
        row.add(s.outcome() == null ? "unknown" : s.outcome().name());
        Double d = s.deployment().durationSeconds();
        row.add(d == null ? "not finished" : SummaryTable.dur(d));
        Summary.Capacity c = s.capacity();
        if (c == null || c.baselineInstances() == null) {
          row.add("n/a (no fleet)");
          row.add("n/a");
        } else {
          row.add((c.minInServiceInstances() == null ? "n/a" : c.minInServiceInstances()) + " of "
              + c.baselineInstances() + " (" + (c.minCapacityPercent() == null ? "n/a"
              : Numbers.upTo(c.minCapacityPercent(), 1) + "%") + ")");
          row.add(c.peakInstances() == null ? "n/a" : c.peakInstances().toString());
        }
        row.add(Numbers.grouped(s.traffic().failedRequests()));
        row.add(SummaryTable.dur(s.traffic().downtimeSeconds()));
        row.add(s.cost() == null || s.cost().extraInstanceHours() == null ? "n/a"
            : Numbers.upTo(s.cost().extraInstanceHours(), 2));
        Double rb = Replications.rollbackSeconds(s);
        row.add(rb == null ? (s.rollback() != null && s.rollback().triggered() ? "not finished" : "no")
            : SummaryTable.dur(rb));
        Summary.Latency l = s.latency();
        // n/a without a latency model (no version has a responseTime), or without an slo
        row.add(l == null || l.p99Seconds() == null ? "n/a" : Numbers.upTo(l.p99Seconds() * 1000, 1) + " ms");
        row.add(l == null || l.sloViolationSeconds() == null ? "n/a" : SummaryTable.dur(l.sloViolationSeconds()));
      }
      if (recovery) {
        row.addAll(recoveryCells(r));
      }
      rows.add(row);
    }
    return rows;
  }

  /**
   * The recovery cells of a run: "n/a" without a fault; else when the fault was detected, the time
   * to recovery, the writes lost, the clock time of the failover and the requests failed until
   * recovery (with replications: means ± ci95 over the replications where each had a value).
   */
  private static List<String> recoveryCells(Run r) {
    if (r.result().scenario().faults().isEmpty()) {
      return Collections.nCopies(RECOVERY_COLUMNS.size(), "n/a");
    }
    Replications.Aggregate a = r.aggregate();
    if (a != null) {
      List<String> cells = new ArrayList<>();
      for (String m : ReplicationText.RECOVERY_METRICS) {
        Replications.Stats st = a.metric(m);
        String v = mean(a, m);
        cells.add(st.count() > 0 && st.count() < a.count() ? v + " (" + st.count() + " runs)" : v);
      }
      return cells;
    }
    Summary.Recovery rv = r.summary().recovery() == null ? Summary.Recovery.none() : r.summary().recovery();
    return List.of(
        rv.detectedSeconds() == null ? "never" : SummaryTable.dur(rv.detectedSeconds()),
        rv.rtoSeconds() == null ? "not by the end" : SummaryTable.dur(rv.rtoSeconds()),
        rv.rpoSeconds() == null ? "none" : SummaryTable.dur(rv.rpoSeconds()),
        rv.failoverAtSeconds() == null ? "none" : SummaryTable.dur(rv.failoverAtSeconds()),
        rv.failedRequests() == null ? "n/a" : Numbers.grouped(rv.failedRequests()));
  }

  private static String mean(Replications.Aggregate a, String metric) {
    Replications.Stats s = a.metric(metric);
    if (s.count() == 0) {
      return "n/a";
    }
    String v = ReplicationText.value(metric, s.mean());
    return s.ci95() == null ? v : v + " ± " + ReplicationText.value(metric, s.ci95());
  }

  /** Column headers of the decisions table (with replications). */
  public static final List<String> DECISION_COLUMNS = List.of("run", "rollback probability",
      "blast radius (new-version requests before rollback)", "time to detection");

  /**
   * How often each run's strategy decided to roll back, how far the new version reached before
   * that, and how long detection took: one row per run; empty without replications.
   */
  public static List<List<String>> decisions(List<Run> runs) {
    List<List<String>> rows = new ArrayList<>();
    for (Run r : runs) {
      Replications.Aggregate a = r.aggregate();
      if (a == null) {
        return List.of();
      }
      Replications.Stats det = a.metric("detectionAfterStartSeconds");
      rows.add(List.of(r.name(), ReplicationText.cell(a, "rollbackTriggered"),
          mean(a, "requestsServedByNewVersionBeforeRollback"),
          det.count() == 0 ? "never detected" : ReplicationText.cell(a, "detectionAfterStartSeconds")));
    }
    return rows;
  }

  /** The table as aligned text for the terminal, outcomes coloured when {@code color}. */
  public static String text(List<Run> runs, boolean color) {
    String main = table(runs, color);
    List<List<String>> decided = decisions(runs);
    if (decided.isEmpty()) {
      return main;
    }
    StringBuilder b = new StringBuilder(main).append('\n');
    int[] w = widths(DECISION_COLUMNS, decided);
    line(b, DECISION_COLUMNS, w, null, false);
    for (List<String> row : decided) {
      line(b, row, w, null, false);
    }
    return b.toString();
  }

  private static int[] widths(List<String> header, List<List<String>> rows) {
    int[] w = new int[header.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = header.get(c).length();
      for (List<String> row : rows) {
        w[c] = Math.max(w[c], row.get(c).length());
      }
    }
    return w;
  }

  private static String table(List<Run> runs, boolean color) {
    List<List<String>> rows = table(runs);
    List<String> columns = columns(runs);
    int[] w = widths(columns, rows);
    StringBuilder b = new StringBuilder();
    line(b, columns, w, null, false);
    for (int i = 0; i < rows.size(); i++) {
      line(b, rows.get(i), w, runs.get(i).summary().outcome(), color && runs.get(i).aggregate() == null);
    }
    return b.toString();
  }

  private static void line(StringBuilder b, List<String> cells, int[] w, Outcome outcome, boolean color) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String padded = c == cells.size() - 1 ? cell : cell + " ".repeat(w[c] - cell.length());
      if (c == 2 && color && outcome != null) {
        String code = switch (outcome) {
          case SUCCEEDED -> "32";
          case FAILED -> "31";
          case ROLLED_BACK -> "33";
        };
        padded = "\u001b[" + code + "m" + cell + "\u001b[0m" + " ".repeat(w[c] - cell.length());
      }
      if (c > 0) {
        l.append("  ");
      }
      l.append(padded);
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  private static String markdownTable(List<String> header, List<List<String>> rows) {
    StringBuilder b = new StringBuilder("|");
    for (String c : header) {
      b.append(' ').append(SummaryTable.md(c)).append(" |");
    }
    b.append("\n|");
    for (int i = 0; i < header.size(); i++) {
      b.append(i == 0 ? " --- |" : " ---: |");
    }
    b.append('\n');
    for (List<String> row : rows) {
      b.append('|');
      for (String cell : row) {
        b.append(' ').append(SummaryTable.md(cell)).append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The table in Markdown. */
  public static String markdown(List<Run> runs) {
    List<String> columns = columns(runs);
    StringBuilder b = new StringBuilder("|");
    for (String c : columns) {
      b.append(' ').append(SummaryTable.md(c)).append(" |");
    }
    b.append("\n|");
    for (int i = 0; i < columns.size(); i++) {
      b.append(i <= 2 ? " --- |" : " ---: |");
    }
    b.append('\n');
    for (List<String> row : table(runs)) {
      b.append('|');
      for (String cell : row) {
        b.append(' ').append(SummaryTable.md(cell)).append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }

  // --- what stands out -----------------------------------------------------------------------------

  /** A metric of a run as compared: the mean over replications, or the single run's value. */
  private static Double figure(Run r, String metric) {
    Replications.Aggregate a = r.aggregate();
    if (a != null) {
      return a.metric(metric).mean();
    }
    return Replications.metric(metric).value().apply(r.summary());
  }

  /** One line per run saying what sets it apart from the others. */
  public static List<String> highlights(List<Run> runs) {
    List<List<String>> notes = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      notes.add(new ArrayList<>());
    }
    int n = runs.size();
    // speed: among the runs that succeeded (a failed run that stopped early is not fast)
    Function<Run, Double> duration = r -> succeeded(r) ? figure(r, "durationSeconds") : null;
    int fastest = extreme(runs, duration, true);
    int slowest = extreme(runs, duration, false);
    long succeeded = runs.stream().filter(CompareOutputs::succeeded).count();
    for (int i = 0; i < n; i++) {
      Run r = runs.get(i);
      Double d = figure(r, "durationSeconds");
      if (d == null) {
        notes.get(i).add("did not finish before the horizon");
      } else if (succeeded > 1 && i == fastest) {
        notes.get(i).add("fastest (" + SummaryTable.dur(d) + ")");
      } else if (succeeded > 2 && i == slowest) {
        notes.get(i).add("slowest (" + SummaryTable.dur(d) + ")");
      }
    }
    // capacity
    List<Integer> lost = new ArrayList<>();
    List<Integer> fleet = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Summary s = runs.get(i).summary();
      Double min = figure(runs.get(i), "minInServiceInstances");
      if (s.capacity() == null || s.capacity().baselineInstances() == null || min == null) {
        continue;
      }
      fleet.add(i);
      if (min < s.capacity().baselineInstances() - 1e-9) {
        lost.add(i);
      }
    }
    for (int i : fleet) {
      Summary s = runs.get(i).summary();
      Double min = figure(runs.get(i), "minInServiceInstances");
      Double pct = figure(runs.get(i), "minCapacityPercent");
      String down = "down to " + ReplicationText.value("minInServiceInstances", min) + " of "
          + s.capacity().baselineInstances() + " in service"
          + (pct == null ? "" : ", " + Numbers.upTo(pct, 1) + "% of capacity");
      if (lost.contains(i)) {
        if (lost.size() == 1 && fleet.size() > 1) {
          notes.get(i).add("the only one that lost capacity (" + down + ")");
        } else if (min < 0.5) {
          notes.get(i).add("no instance in service at its worst");
        } else {
          notes.get(i).add("lost capacity (" + down + ")");
        }
      } else if (lost.size() == fleet.size() - 1 && fleet.size() > 1) {
        notes.get(i).add("the only one that kept full capacity");
      }
    }
    // failed requests
    List<Integer> failing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Double f = figure(runs.get(i), "failedRequests");
      if (f != null && f > 0) {
        failing.add(i);
      }
    }
    int mostFailed = extreme(runs, r -> figure(r, "failedRequests"), false);
    for (int i = 0; i < n; i++) {
      Double f = figure(runs.get(i), "failedRequests");
      String count = f == null ? "?" : ReplicationText.value("failedRequests", f);
      if (failing.contains(i)) {
        if (failing.size() == 1 && n > 1) {
          notes.get(i).add("the only one with failed requests (" + count + ")");
        } else if (i == mostFailed && failing.size() > 1) {
          notes.get(i).add("most failed requests (" + count + ")");
        } else {
          notes.get(i).add(count + " failed requests");
        }
        Double down = figure(runs.get(i), "downtimeSeconds");
        if (down != null && down > 0) {
          notes.get(i).add("down for " + SummaryTable.dur(down));
        }
      } else if (failing.size() == n - 1 && n > 1) {
        notes.get(i).add("the only one with no failed requests");
      }
    }
    // rollback
    Function<Run, Double> rollback = r -> figure(r, "rollbackSeconds");
    int fastestRollback = extreme(runs, rollback, true);
    int slowestRollback = extreme(runs, rollback, false);
    for (int i = 0; i < n; i++) {
      Run r = runs.get(i);
      Summary s = r.summary();
      Double rb = rollback.apply(r);
      if (rb != null) {
        Double det = figure(r, "detectionAfterStartSeconds");
        String which = i == fastestRollback ? "fastest rollback: " : i == slowestRollback ? "slowest rollback: " : "";
        notes.get(i).add(which + "rolled back in " + SummaryTable.dur(rb)
            + (det == null ? "" : " (problem detected " + SummaryTable.dur(det) + " after the start)"));
      } else if (s.outcome() == Outcome.FAILED && r.aggregate() == null) {
        notes.get(i).add("failed without a rollback");
      }
      if (r.aggregate() == null && s.finalVersions() != null && s.finalVersions().size() > 1) {
        notes.get(i).add("ends with more than one version in service (" + versions(s.finalVersions()) + ")");
      }
      if (r.aggregate() == null && s.outcome() != Outcome.SUCCEEDED && s.traffic().requestsServedByNewVersion() == 0) {
        notes.get(i).add("the new version never served a request");
      }
    }
    // recovery after a fault
    Function<Run, Double> rto = r -> r.result().scenario().faults().isEmpty() ? null : figure(r, "rtoSeconds");
    int fastestRecovery = extreme(runs, rto, true);
    int slowestRecovery = extreme(runs, rto, false);
    for (int i = 0; i < n; i++) {
      Run r = runs.get(i);
      if (r.result().scenario().faults().isEmpty()) {
        continue;
      }
      Double back = rto.apply(r);
      if (back == null) {
        notes.get(i).add("not serving 99% of demand again by the end of the run");
      } else if (i == fastestRecovery) {
        notes.get(i).add("recovered fastest (" + SummaryTable.dur(back) + " after the fault)");
      } else if (i == slowestRecovery) {
        notes.get(i).add("slowest recovery (" + SummaryTable.dur(back) + " after the fault)");
      }
      Double rpo = figure(r, "rpoSeconds");
      if (rpo != null && rpo > 0) {
        notes.get(i).add("lost " + SummaryTable.dur(rpo) + " of writes");
      }
    }
    // cost
    int costliest = extreme(runs, r -> figure(r, "extraInstanceHours"), false);
    for (int i = 0; i < n; i++) {
      Double extra = figure(runs.get(i), "extraInstanceHours");
      Double peak = figure(runs.get(i), "peakInstances");
      Summary s = runs.get(i).summary();
      if (extra != null && extra > 1e-9 && i == costliest && n > 1) {
        notes.get(i).add("most extra instance-hours (" + Numbers.upTo(extra, 2) + ", peak "
            + ReplicationText.value("peakInstances", peak) + " instances)");
      } else if (peak != null && s.capacity() != null && s.capacity().baselineInstances() != null
          && peak >= 2 * s.capacity().baselineInstances() - 1e-9) {
        notes.get(i).add("doubles the fleet for a while (peak " + ReplicationText.value("peakInstances", peak)
            + ")");
      }
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Run r = runs.get(i);
      List<String> parts = notes.get(i);
      String text = parts.isEmpty() ? "nothing stands out against the others" : String.join("; ", parts);
      lines.add("**" + SummaryTable.md(r.name()) + "** (" + r.summary().strategy() + "): " + SummaryTable.md(text));
    }
    return lines;
  }

  private static boolean succeeded(Run r) {
    Replications.Aggregate a = r.aggregate();
    if (a != null) {
      return a.outcomes().getOrDefault(Outcome.SUCCEEDED, 0) == a.count();
    }
    return r.summary().outcome() == Outcome.SUCCEEDED;
  }

  private static String versions(Map<String, Integer> fv) {
    List<String> parts = new ArrayList<>();
    fv.forEach((v, k) -> parts.add(v + ": " + k));
    return String.join(", ", parts);
  }

  /** Index of the smallest (or largest) defined value; -1 when none, or when all are equal. */
  private static int extreme(List<Run> runs, Function<Run, Double> f, boolean smallest) {
    int best = -1;
    Double bestValue = null;
    boolean allEqual = true;
    for (int i = 0; i < runs.size(); i++) {
      Double v = f.apply(runs.get(i));
      if (v == null) {
        continue;
      }
      if (bestValue != null && Math.abs(v - bestValue) > 1e-9) {
        allEqual = false;
      }
      if (bestValue == null || (smallest ? v < bestValue - 1e-9 : v > bestValue + 1e-9)) {
        best = i;
        bestValue = v;
      }
    }
    return allEqual ? -1 : best;
  }

  /** report.md: the table, the charts, one line per run, and notes on the strategy variants. */
  public static String report(List<Run> runs, String chartExtension) {
    StringBuilder b = new StringBuilder("# Comparison\n\n");
    List<String> names = new ArrayList<>();
    for (Run r : runs) {
      names.add(r.name());
    }
    b.append(runs.size()).append(" runs: ").append(SummaryTable.md(String.join(", ", names))).append(".");
    int reps = runs.isEmpty() || runs.get(0).aggregate() == null ? 1 : runs.get(0).aggregate().count();
    if (reps > 1) {
      b.append(" Each with ").append(Numbers.grouped(reps)).append(" replications: numbers are means ± the")
          .append(" half-width of their 95% confidence interval, outcomes are counts; the charts show")
          .append(" replication 0 of each.");
    }
    b.append("\n\n");
    b.append(markdown(runs)).append('\n');
    List<List<String>> decided = decisions(runs);
    if (!decided.isEmpty()) {
      b.append("## How often it decides right\n\n");
      b.append("Rollback probability: the share of replications in which a rollback started, with its Wilson 95%")
          .append(" interval. Blast radius: requests the new version served before the rollback started (all it")
          .append(" served when none did), mean ± ci95. Time to detection: from the deployment's start to the")
          .append(" first reaction to a problem, over the replications that had one.\n\n");
      b.append(markdownTable(DECISION_COLUMNS, decided)).append('\n');
    }
    b.append("## What stands out\n\n");
    for (String l : highlights(runs)) {
      b.append("- ").append(l).append('\n');
    }
    b.append('\n');
    if (chartExtension != null) {
      b.append("## Charts\n\n");
      b.append("Serving capacity of every run, as a share of its baseline:\n\n");
      b.append("![serving capacity of every run](").append(COMPARE_CAPACITY_CHART).append('.').append(chartExtension)
          .append(")\n\n");
      b.append("Failed requests per second of every run:\n\n");
      b.append("![failed requests of every run](").append(COMPARE_FAILED_CHART).append('.').append(chartExtension)
          .append(")\n\n");
      if (hasLatency(runs)) {
        b.append("99th percentile of request latency of every run that models it (the SLO as a line):\n\n");
        b.append("![p99 latency of every run](").append(COMPARE_LATENCY_CHART).append('.').append(chartExtension)
            .append(")\n\n");
      }
    }
    boolean anyNotes = runs.stream().anyMatch(r -> !r.notes().isEmpty());
    if (anyNotes) {
      b.append("## Strategy settings\n\n");
      b.append("Each run keeps the scenario's system and its strategy parameters where the strategy has them;")
          .append(" the rest take the strategy's defaults (`sim strategies TYPE`).\n\n");
      for (Run r : runs) {
        for (String note : r.notes()) {
          b.append("- ").append(SummaryTable.md(r.name())).append(": ").append(SummaryTable.md(note)).append('\n');
        }
      }
      b.append('\n');
    }
    b.append("The numbers of each run are in `").append(COMPARE_JSON).append("`, in this order.\n");
    return b.toString();
  }
}
