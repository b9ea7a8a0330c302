package dev.deploysim.cli.output;

import static dev.deploysim.cli.output.OutputFiles.POWER_CHART;
import static dev.deploysim.cli.output.OutputFiles.POWER_CSV;
import static dev.deploysim.cli.output.OutputFiles.POWER_JSON;
import static dev.deploysim.cli.output.OutputFiles.REPORT;

import dev.deploysim.cli.chart.ChartTheme;
import dev.deploysim.cli.chart.PowerChart;
import dev.deploysim.cli.sweep.PowerPoint;
import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.ReplicationText;
import dev.deploysim.cli.text.SummaryTable;
import dev.deploysim.run.Replications;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;

/**
 * The files of {@code sim power} (docs/outputs.md#sim-power): power.csv and power.json (a row per
 * error rate: rollbacks, their share with its Wilson 95% interval, time to detection, blast radius,
 * failed requests), the power chart, and report.md.
 */
public final class PowerOutputs {
  private PowerOutputs() {}

  /**
   * What a power run was.
   *
   * @param file the scenario file as typed
   * @param baselineErrorRate the old version's error rate (and the good new version's)
   */
  public record Plan(String file, String scenario, String strategy, String fromVersion, String toVersion, long seed,
      int replications, double baselineErrorRate) {}

  static final List<String> COLUMNS = List.of("errorRate", "version", "seed", "replications", "rollbacks",
      "rollbackProbability", "rollbackLow95", "rollbackHigh95", "detectionAfterStartSecondsMean",
      "detectionAfterStartSecondsCi95", "detectionAfterStartSecondsP95", "blastRadiusRequestsMean",
      "blastRadiusRequestsCi95", "failedRequestsMean", "failedRequestsCi95");

  public static String csv(List<PowerPoint> points) {
    StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (PowerPoint p : points) {
      double[] ci = p.interval();
      Replications.Stats det = p.metric("detectionAfterStartSeconds");
      Replications.Stats blast = p.metric("requestsServedByNewVersionBeforeRollback");
      Replications.Stats failed = p.metric("failedRequests");
      List<String> cells = List.of(Numbers.upTo(p.errorRate(), 6), p.good() ? "good" : "bad",
          Long.toString(p.seed()), Integer.toString(p.runs()), Long.toString(p.rollbacks()),
          Numbers.fixed(p.probability(), 4), Numbers.fixed(ci[0], 4), Numbers.fixed(ci[1], 4),
          num(det.mean(), 3), num(det.ci95(), 3), num(det.p95(), 3), num(blast.mean(), 1), num(blast.ci95(), 1),
          num(failed.mean(), 1), num(failed.ci95(), 1));
      b.append(String.join(",", cells)).append('\n');
    }
    return b.toString();
  }

  private static String num(Double v, int decimals) {
    return v == null ? "" : Numbers.upTo(v, decimals);
  }

  public static Map<String, Object> json(Plan plan, List<PowerPoint> points) {
    Map<String, Object> o = Json.object();
    o.put("file", plan.file());
    o.put("scenario", plan.scenario());
    o.put("strategy", plan.strategy());
    o.put("seed", plan.seed());
    o.put("replications", plan.replications());
    o.put("versions", Map.of("from", plan.fromVersion(), "to", plan.toVersion()));
    o.put("baselineErrorRate", Json.real(plan.baselineErrorRate(), 6));
    List<Object> rows = new ArrayList<>();
    for (PowerPoint p : points) {
      Map<String, Object> r = Json.object();
      r.put("errorRate", Json.real(p.errorRate(), 6));
      r.put("version", p.good() ? "good" : "bad");
      r.put("seed", p.seed());
      r.put("replications", p.runs());
      r.put("rollbacks", p.rollbacks());
      double[] ci = p.interval();
      r.put("rollbackProbability", Json.real(p.probability(), Numbers.FRACTION));
      r.put("rollbackLow95", Json.real(ci[0], Numbers.FRACTION));
      r.put("rollbackHigh95", Json.real(ci[1], Numbers.FRACTION));
      r.put("detectionAfterStartSeconds", stats(p.metric("detectionAfterStartSeconds"), true));
      r.put("blastRadiusRequests", stats(p.metric("requestsServedByNewVersionBeforeRollback"), false));
      r.put("failedRequests", stats(p.metric("failedRequests"), false));
      rows.add(r);
    }
    o.put("points", rows);
    return o;
  }

  private static Map<String, Object> stats(Replications.Stats s, boolean seconds) {
    Map<String, Object> o = Json.object();
    o.put("count", s.count());
    o.put("mean", value(s.mean(), seconds));
    o.put("ci95", value(s.ci95(), seconds));
    o.put("p50", value(s.p50(), seconds));
    o.put("p95", value(s.p95(), seconds));
    return o;
  }

  private static Object value(Double v, boolean seconds) {
    return seconds ? Json.seconds(v) : Json.real(v, 1);
  }

  /** The table for people: a row per error rate. */
  public static List<List<String>> table(List<PowerPoint> points) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("error rate", "version", "rollback probability (95%)", "time to detection", "blast radius"));
    for (PowerPoint p : points) {
      Replications.Stats det = p.metric("detectionAfterStartSeconds");
      Replications.Stats blast = p.metric("requestsServedByNewVersionBeforeRollback");
      rows.add(List.of(Numbers.upTo(100 * p.errorRate(), 4) + "%", p.good() ? "good (false rollback)" : "bad",
          ReplicationText.probability(p.metric("rollbackTriggered")),
          det.count() == 0 ? "never detected" : ReplicationText.cell(p.aggregate(), "detectionAfterStartSeconds"),
          blast.count() == 0 ? "n/a" : ReplicationText.value("requestsServedByNewVersionBeforeRollback", blast.mean())
              + (blast.ci95() == null ? "" : " ± " + ReplicationText.value("requestsServedByNewVersionBeforeRollback",
                  blast.ci95()))));
    }
    return rows;
  }

  public static String text(List<List<String>> rows) {
    int[] w = new int[rows.get(0).size()];
    for (List<String> r : rows) {
      for (int c = 0; c < w.length; c++) {
        w[c] = Math.max(w[c], r.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder l = new StringBuilder();
      for (int c = 0; c < w.length; c++) {
        l.append(c == 0 ? "" : "  ").append(r.get(c)).append(" ".repeat(w[c] - r.get(c).length()));
      }
      b.append(l.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  static String title(Plan plan) {
    return "Power curve: " + plan.scenario() + " (" + plan.strategy() + ")";
  }

  static String subtitle(Plan plan) {
    return Numbers.grouped(plan.replications()) + " replications per error rate; the old version fails "
        + Numbers.upTo(100 * plan.baselineErrorRate(), 4) + "% of its requests; bars: Wilson 95% intervals";
  }

  public static JFreeChart chart(Plan plan, List<PowerPoint> points) {
    return PowerChart.chart(title(plan), subtitle(plan), points);
  }

  /** Writes every file; returns their paths in order. */
  public static List<Path> write(OutputFolder folder, Plan plan, List<PowerPoint> points, Set<OutputFormat> formats) {
    List<Path> written = new ArrayList<>();
    written.add(folder.write(POWER_CSV, csv(points)));
    written.add(folder.write(POWER_JSON, Json.write(json(plan, points)) + "\n"));
    ChartWriter.write(folder, POWER_CHART, chart(plan, points), ChartTheme.WIDTH, ChartTheme.HEIGHT, formats, written);
    String ext = ChartWriter.reportImages(formats);
    written.add(folder.write(REPORT, report(plan, points, ext)));
    return written;
  }

  static String report(Plan plan, List<PowerPoint> points, String ext) {
    StringBuilder b = new StringBuilder("# ").append(title(plan)).append("\n\n");
    b.append("`").append(SummaryTable.md(plan.file())).append("` deploys ").append(plan.toVersion()).append(" over ")
        .append(plan.fromVersion()).append(" with ").append(plan.strategy()).append(", ")
        .append(Numbers.grouped(plan.replications())).append(" times for each error rate of ")
        .append(plan.toVersion()).append(" (seed ").append(plan.seed()).append("). ").append(plan.fromVersion())
        .append(" fails ").append(Numbers.upTo(100 * plan.baselineErrorRate(), 4)).append("% of its requests; a ")
        .append("\"good\" ").append(plan.toVersion()).append(" fails as many, so every rollback of it is a false ")
        .append("alarm. For a \"bad\" one, the share of runs that rolled back is the probability that the analysis ")
        .append("catches it.\n\n");
    List<List<String>> rows = table(points);
    b.append('|');
    for (String h : rows.get(0)) {
      b.append(' ').append(SummaryTable.md(h)).append(" |");
    }
    b.append("\n|");
    for (int i = 0; i < rows.get(0).size(); i++) {
      b.append(i < 2 ? " --- |" : " ---: |");
    }
    b.append('\n');
    for (List<String> r : rows.subList(1, rows.size())) {
      b.append('|');
      for (String c : r) {
        b.append(' ').append(SummaryTable.md(c)).append(" |");
      }
      b.append('\n');
    }
    b.append("\nRollback probability: the share of replications in which a rollback started, with its Wilson 95% ")
        .append("interval. Time to detection: from the deployment's start to the decision, mean ± ci95 and p95 over ")
        .append("the replications that had one. Blast radius: requests the new version served before the rollback ")
        .append("started (all it served when none did), mean ± ci95.\n\n");
    if (ext != null) {
      b.append("![probability of rollback against the new version's error rate](").append(POWER_CHART).append('.')
          .append(ext).append(")\n\n");
    }
    b.append("The numbers are in `").append(POWER_CSV).append("` and `").append(POWER_JSON).append("`.\n");
    return b.toString();
  }
}
