package dev.deploysim.cli.output;

import static dev.deploysim.cli.output.OutputFiles.HEATMAP_CHART;
import static dev.deploysim.cli.output.OutputFiles.REPLICATIONS;
import static dev.deploysim.cli.output.OutputFiles.REPORT;
import static dev.deploysim.cli.output.OutputFiles.SWEEP_CSV;
import static dev.deploysim.cli.output.OutputFiles.SWEEP_JSON;
import static dev.deploysim.cli.output.OutputFiles.TRADEOFF_CAPACITY_CHART;
import static dev.deploysim.cli.output.OutputFiles.TRADEOFF_FAILED_CHART;

import dev.deploysim.cli.chart.SweepCharts;
import dev.deploysim.cli.sweep.SweepPlan;
import dev.deploysim.cli.sweep.SweepPoint;
import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.ReplicationText;
import dev.deploysim.cli.text.SummaryTable;
import dev.deploysim.result.Outcome;
import dev.deploysim.run.Replications;
import dev.deploysim.sweep.Pareto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of {@code sim sweep} (and of {@code sim merge}, which writes the same bytes): sweep.csv
 * (a row per point), sweep.json, the trade-off charts, a heat map when two keys vary, report.md, and
 * with replications replications.csv (streamed by the caller). Made from the {@link SweepPlan} and
 * each point's statistics alone.
 *
 * <p><b>Pareto-optimal points.</b> Objectives, each the mean over a point's replications (see
 * {@link Pareto#OBJECTIVES}): deployment duration (lower is better), lowest serving capacity as %
 * of baseline (higher), failed requests (lower), extra instance-hours (lower). Eligible points are
 * those with the highest share of SUCCEEDED runs in the sweep (every run succeeded, when some point
 * managed that), so a deployment that is fast because it rolled back is never optimal against one
 * that succeeds. Each trade-off chart marks the points optimal on its own two objectives; report.md
 * and sweep.json name those optimal on all four.
 */
public final class SweepOutputs {
  private SweepOutputs() {}

  /** The metrics the table, the report and the heat map show, in that order. */
  public static final List<String> KEY_METRICS = List.of("durationSeconds", "minCapacityPercent", "failedRequests",
      "extraInstanceHours");

  /** The file names a sweep writes, in writing order. */
  public static List<String> fileNames(SweepPlan plan, Set<OutputFormat> formats) {
    List<String> files = plan.replications() > 1 ? List.of(SWEEP_CSV, SWEEP_JSON, REPLICATIONS) : List.of(SWEEP_CSV, SWEEP_JSON);
    List<String> charts = plan.axes().size() == 2 ? List.of(TRADEOFF_CAPACITY_CHART, TRADEOFF_FAILED_CHART, HEATMAP_CHART)
        : List.of(TRADEOFF_CAPACITY_CHART, TRADEOFF_FAILED_CHART);
    return ChartWriter.fileNames(files, charts, formats);
  }

  // --- replications.csv --------------------------------------------------------------------------

  public static String replicationsHeader() {
    StringBuilder b = new StringBuilder("point,replication,seed,outcome");
    for (Replications.Metric m : Replications.METRICS) {
      b.append(',').append(m.name());
    }
    return b.append('\n').toString();
  }

  public static String replicationsRow(int point, Replications.Row r) {
    StringBuilder b = new StringBuilder(160);
    b.append(point).append(',').append(r.index()).append(',').append(r.seed()).append(',');
    ReplicationOutputs.metricCells(b, r);
    return b.append('\n').toString();
  }

  // --- sweep.csv ---------------------------------------------------------------------------------

  /** sweep.csv: a row per point; the means, and with replications their ci95 and p5, p50, p95. */
  public static String csv(SweepPlan plan, List<SweepPoint> points) {
    boolean many = plan.replications() > 1;
    boolean[] optimal = SweepPoint.pareto(points, Pareto.OBJECTIVES);
    List<String> header = new ArrayList<>();
    header.add("point");
    plan.axes().forEach(a -> header.add(a.key()));
    header.add("seed");
    if (many) {
      header.addAll(List.of("succeeded", "failed", "rolledBack"));
    } else {
      header.add("outcome");
    }
    header.add("pareto");
    for (Replications.Metric m : Replications.METRICS) {
      header.add(m.name());
      if (many) {
        header.addAll(List.of(m.name() + "_ci95", m.name() + "_p5", m.name() + "_p50", m.name() + "_p95"));
      }
    }
    StringBuilder b = new StringBuilder();
    row(b, header);
    for (int i = 0; i < points.size(); i++) {
      SweepPoint p = points.get(i);
      List<String> cells = new ArrayList<>();
      cells.add("" + p.plan().index());
      cells.addAll(p.plan().values());
      cells.add("" + p.plan().seed());
      Map<Outcome, Integer> o = p.stats().outcomes();
      if (many) {
        cells.add("" + o.getOrDefault(Outcome.SUCCEEDED, 0));
        cells.add("" + o.getOrDefault(Outcome.FAILED, 0));
        cells.add("" + o.getOrDefault(Outcome.ROLLED_BACK, 0));
      } else {
        cells.add(outcome(p.stats()));
      }
      cells.add(optimal[i] ? "true" : "false");
      for (Replications.Metric m : Replications.METRICS) {
        Replications.Stats s = p.stats().metric(m.name());
        int d = ReplicationOutputs.decimals(m);
        cells.add(num(s.mean(), d));
        if (many) {
          cells.add(num(s.ci95(), d));
          cells.add(num(s.p5(), d));
          cells.add(num(s.p50(), d));
          cells.add(num(s.p95(), d));
        }
      }
      row(b, cells);
    }
    return b.toString();
  }

  private static String outcome(Replications.Aggregate a) {
    for (Outcome o : Outcome.values()) {
      if (a.outcomes().getOrDefault(o, 0) > 0) {
        return o.name();
      }
    }
    return "";
  }

  private static String num(Double v, int decimals) {
    return v == null || !Double.isFinite(v) ? "" : Numbers.upTo(v, decimals);
  }

  private static void row(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(csvCell(cells.get(i)));
    }
    b.append('\n');
  }

  /** A SWEEP_CSV cell, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
  static String csvCell(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  // --- sweep.json --------------------------------------------------------------------------------

  public static Map<String, Object> json(SweepPlan plan, List<SweepPoint> points) {
    boolean[] optimal = SweepPoint.pareto(points, Pareto.OBJECTIVES);
    Map<String, Object> o = Json.object();
    o.put("scenario", plan.scenario());
    o.put("file", plan.file());
    o.put("strategy", plan.strategy());
    o.put("seed", plan.seed());
    o.put("replications", plan.replications());
    o.put("vary", SweepPlan.varyJson(plan.axes()));
    List<Object> objectives = new ArrayList<>();
    for (Pareto.Objective ob : Pareto.OBJECTIVES) {
      Map<String, Object> m = Json.object();
      m.put("metric", ob.metric());
      m.put("better", ob.direction() == Pareto.Direction.LOWER ? "lower" : "higher");
      objectives.add(m);
    }
    o.put("objectives", objectives);
    List<Object> front = new ArrayList<>();
    List<Object> pts = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      SweepPoint p = points.get(i);
      Map<String, Object> pj = plan.pointJson(p.plan());
      pj.put("pareto", optimal[i]);
      pj.put("rerun", rerun(plan, p.plan()));
      pj.put("replications", ReplicationOutputs.json(p.stats()));
      pts.add(pj);
      if (optimal[i]) {
        front.add(p.plan().index());
      }
    }
    o.put("pareto", front);
    o.put("points", pts);
    return o;
  }

  /** The command that reruns one point alone: a sweep of that point, which gets the same seed. */
  public static String rerun(SweepPlan plan, SweepPlan.Point p) {
    StringBuilder b = new StringBuilder("sim sweep ").append(shellWord(plan.file()));
    for (int a = 0; a < plan.axes().size(); a++) {
      b.append(" --vary ").append(shellWord(plan.axes().get(a).key() + "=" + p.values().get(a)));
    }
    b.append(" --seed ").append(plan.seed());
    if (plan.replications() > 1) {
      b.append(" --replications ").append(plan.replications());
    }
    return b.toString();
  }

  static String shellWord(String s) {
    if (s.matches("[A-Za-z0-9_./=%:+@-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  // --- the table ---------------------------------------------------------------------------------

  /** The rows of the table: point, the varied values, outcome(s), the key metrics, Pareto mark. */
  public static List<List<String>> table(SweepPlan plan, List<SweepPoint> points) {
    boolean[] optimal = SweepPoint.pareto(points, Pareto.OBJECTIVES);
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("point"));
    plan.axes().forEach(a -> header.add(SweepPlan.shortKey(a.key())));
    header.add("outcome");
    KEY_METRICS.forEach(m -> header.add(ReplicationText.label(m)));
    header.add("pareto");
    rows.add(header);
    for (int i = 0; i < points.size(); i++) {
      SweepPoint p = points.get(i);
      List<String> row = new ArrayList<>();
      row.add("" + p.plan().index());
      row.addAll(p.plan().values());
      row.add(plan.replications() > 1 ? ReplicationText.outcomes(p.stats()) : outcome(p.stats()));
      for (String m : KEY_METRICS) {
        row.add(cell(p, m, plan.replications() > 1));
      }
      row.add(optimal[i] ? "*" : "");
      rows.add(row);
    }
    return rows;
  }

  private static String cell(SweepPoint p, String metric, boolean many) {
    Replications.Stats s = p.stats().metric(metric);
    if (s.mean() == null) {
      return "n/a";
    }
    String v = ReplicationText.value(metric, s.mean());
    return many && s.ci95() != null ? v + " ± " + ReplicationText.value(metric, s.ci95()) : v;
  }

  /** The table as aligned text. */
  public static String text(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] w = new int[cols];
    for (List<String> r : rows) {
      for (int c = 0; c < cols; c++) {
        w[c] = Math.max(w[c], r.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder l = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        if (c > 0) {
          l.append("  ");
        }
        l.append(r.get(c)).append(" ".repeat(w[c] - r.get(c).length()));
      }
      b.append(l.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  /** The table in Markdown. */
  static String markdown(List<List<String>> rows) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      b.append('|');
      for (String c : rows.get(i)) {
        b.append(' ').append(SummaryTable.md(c)).append(" |");
      }
      b.append('\n');
      if (i == 0) {
        b.append('|').append(" --- |".repeat(rows.get(0).size())).append('\n');
      }
    }
    return b.toString();
  }

  // --- report.md ---------------------------------------------------------------------------------

  /** The Pareto-optimal points as lines: "point 3 (batchSize=2, interval=15s): 9m, 66.67%, ...". */
  public static List<String> optimalLines(SweepPlan plan, List<SweepPoint> points) {
    boolean[] optimal = SweepPoint.pareto(points, Pareto.OBJECTIVES);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (optimal[i]) {
        SweepPoint p = points.get(i);
        List<String> parts = new ArrayList<>();
        for (String m : KEY_METRICS) {
          parts.add(ReplicationText.label(m) + " " + cell(p, m, false));
        }
        lines.add("point " + p.plan().index() + " (" + plan.label(p.plan()) + "): " + String.join(", ", parts));
      }
    }
    return lines;
  }

  static String report(SweepPlan plan, List<SweepPoint> points, String ext) {
    StringBuilder b = new StringBuilder();
    b.append("# Sweep of ").append(SummaryTable.md(plan.scenario())).append("\n\n");
    long runs = plan.units();
    b.append("`").append(plan.file()).append("` (").append(plan.strategy()).append(") with ");
    List<String> vary = new ArrayList<>();
    plan.axes().forEach(a -> vary.add("`" + a.key() + "` = " + String.join(", ", a.values())));
    b.append(String.join("; ", vary)).append(": ").append(Numbers.grouped(plan.points().size()))
        .append(plan.points().size() == 1 ? " point" : " points");
    if (plan.replications() > 1) {
      b.append(" x ").append(Numbers.grouped(plan.replications())).append(" replications = ")
          .append(Numbers.grouped(runs)).append(" runs");
    }
    b.append(", seed ").append(plan.seed()).append(".\n\n");
    b.append("## Pareto-optimal configurations\n\n");
    b.append("A configuration is Pareto-optimal when no other is at least as good on every objective and better")
        .append(" on one. Objectives (means over the replications): shorter deployment, higher lowest capacity,")
        .append(" fewer failed requests, fewer extra instance-hours; only the configurations with the highest")
        .append(" share of successful runs compete.\n\n");
    for (String l : optimalLines(plan, points)) {
      b.append("- ").append(SummaryTable.md(l)).append('\n');
    }
    b.append('\n');
    if (ext != null) {
      b.append("![duration against lowest capacity](").append(TRADEOFF_CAPACITY_CHART).append('.').append(ext).append(")\n\n");
      b.append("![duration against failed requests](").append(TRADEOFF_FAILED_CHART).append('.').append(ext).append(")\n\n");
      if (plan.axes().size() == 2) {
        b.append("![heat map](").append(HEATMAP_CHART).append('.').append(ext).append(")\n\n");
      }
    }
    b.append("## Every point\n\n");
    if (plan.replications() > 1) {
      b.append("Means ± the half-width of their 95% confidence interval.\n\n");
    }
    b.append(markdown(table(plan, points))).append('\n');
    List<String> notes = new ArrayList<>();
    for (SweepPlan.Point p : plan.points()) {
      for (String n : p.notes()) {
        notes.add("point " + p.index() + " (" + plan.label(p) + "): " + n);
      }
    }
    if (!notes.isEmpty()) {
      b.append("Dropped for a changed strategy type (its default applies):\n\n");
      notes.forEach(n -> b.append("- ").append(SummaryTable.md(n)).append('\n'));
      b.append('\n');
    }
    b.append("## Rerunning one point\n\n");
    b.append("A point's seed comes from the sweep's seed and the point's values, not from its place in the")
        .append(" grid, so a sweep of that point alone gives the same numbers, e.g. for point 0:\n\n");
    b.append("```sh\n").append(rerun(plan, plan.points().get(0))).append("\n```\n\n");
    b.append("The `seed` column of `").append(SWEEP_CSV).append("` is the point's seed: write the point's values into")
        .append(" the file and `sim run FILE --seed SEED");
    if (plan.replications() > 1) {
      b.append(" --replications ").append(plan.replications());
    }
    b.append("` gives the same runs with every output file.\n");
    return b.toString();
  }

  // --- writing -----------------------------------------------------------------------------------

  /** Writes every file but replications.csv; returns the paths written. */
  public static List<Path> write(SweepPlan plan, List<SweepPoint> points, OutputFolder folder, Set<OutputFormat> formats) {
    List<Path> written = new ArrayList<>();
    written.add(folder.write(SWEEP_CSV, csv(plan, points)));
    written.add(folder.write(SWEEP_JSON, Json.write(json(plan, points)) + "\n"));
    if (!formats.isEmpty()) {
      ChartWriter.write(folder, TRADEOFF_CAPACITY_CHART, SweepCharts.tradeoff(plan, points, "minCapacityPercent"),
          SweepCharts.WIDTH, SweepCharts.HEIGHT, formats, written);
      ChartWriter.write(folder, TRADEOFF_FAILED_CHART, SweepCharts.tradeoff(plan, points, "failedRequests"), SweepCharts.WIDTH,
          SweepCharts.HEIGHT, formats, written);
      if (plan.axes().size() == 2) {
        ChartWriter.write(folder, HEATMAP_CHART, SweepCharts.heatmap(plan, points), SweepCharts.WIDTH,
            SweepCharts.heatmapHeight(plan), formats, written);
      }
    }
    String ext = ChartWriter.reportImages(formats);
    written.add(folder.write(REPORT, report(plan, points, ext)));
    return written;
  }
}
