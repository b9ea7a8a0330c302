package dev.deploysim.cli.output;

import static dev.deploysim.cli.output.OutputFiles.REPLICATIONS;
import static dev.deploysim.cli.output.OutputFiles.REPLICATIONS_CHART;

import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.ReplicationText;
import dev.deploysim.cli.text.SummaryTable;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.run.Replications;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code --replications N} adds: the {@code replications} object of summary.json,
 * replications.csv (one row per replication), and the lines of the human table and report.
 */
public final class ReplicationOutputs {
  private ReplicationOutputs() {}

  /** {@code "replications": {"count", "outcomes", "metrics"}} for summary.json. */
  public static Map<String, Object> json(Replications.Aggregate a) {
    Map<String, Object> o = Json.object();
    o.put("count", a.count());
    Map<String, Object> outcomes = Json.object();
    for (Outcome k : Outcome.values()) {
      outcomes.put(k.name(), a.outcomes().getOrDefault(k, 0));
    }
    o.put("outcomes", outcomes);
    Map<String, Object> metrics = Json.object();
    for (Replications.Metric m : Replications.METRICS) {
      Replications.Stats s = a.metric(m.name());
      Map<String, Object> st = Json.object();
      st.put("count", s.count());
      st.put("mean", real(m, s.mean()));
      st.put("ci95", real(m, s.ci95()));
      st.put("min", real(m, s.min()));
      st.put("p5", real(m, s.p5()));
      st.put("p50", real(m, s.p50()));
      st.put("p95", real(m, s.p95()));
      st.put("max", real(m, s.max()));
      metrics.put(m.name(), st);
    }
    o.put("metrics", metrics);
    return o;
  }

  /** The summary of replication 0 with the replications added after its own keys. */
  public static Map<String, Object> summaryJson(Summary first, Replications.Aggregate a) {
    Map<String, Object> o = SummaryJson.toJson(first);
    if (a != null) {
      o.put("replications", json(a));
    }
    return o;
  }

  private static Object real(Replications.Metric m, Double v) {
    return Json.real(v, decimals(m));
  }

  static int decimals(Replications.Metric m) {
    return m.kind() == Replications.Kind.SECONDS ? Numbers.SECONDS : Numbers.FRACTION;
  }

  /** replications.csv's header line: index, seed, outcome, then every metric. */
  public static String csvHeader() {
    StringBuilder b = new StringBuilder("index,seed,outcome");
    for (Replications.Metric m : Replications.METRICS) {
      b.append(',').append(m.name());
    }
    return b.append('\n').toString();
  }

  /** One line of replications.csv; empty where a metric has no value. */
  public static String csvRow(Replications.Row r) {
    StringBuilder b = new StringBuilder(160);
    b.append(r.index()).append(',').append(r.seed()).append(',');
    metricCells(b, r);
    return b.append('\n').toString();
  }

  /** The outcome and every metric of a row, comma-separated, as replications.csv writes them. */
  public static void metricCells(StringBuilder b, Replications.Row r) {
    b.append(r.outcome() == null ? "" : r.outcome().name());
    for (int i = 0; i < Replications.METRICS.size(); i++) {
      Replications.Metric m = Replications.METRICS.get(i);
      b.append(',');
      double v = r.values()[i];
      if (!Double.isNaN(v)) {
        b.append(m.kind() == Replications.Kind.COUNT ? Numbers.upTo(v, 0) : Numbers.upTo(v, decimals(m)));
      }
    }
  }

  /** The report's section: what the numbers mean, the table, the chart. */
  public static String markdown(Replications.Aggregate a, String chartExtension) {
    StringBuilder b = new StringBuilder("## Replications\n\n");
    b.append(Numbers.grouped(a.count())).append(" runs of the same scenario with derived seeds (replication 0 is the")
        .append(" run above). Each cell: the mean ± the half-width of its 95% confidence interval, then the")
        .append(" 95th percentile over the runs.\n\n");
    List<SummaryTable.Row> rows = new ArrayList<>();
    for (SummaryTable.Row r : ReplicationText.rows(a)) {
      rows.add(new SummaryTable.Row(r.label().strip(), r.value(), null));
    }
    b.append(SummaryTable.markdown(rows)).append('\n');
    if (chartExtension != null) {
      b.append("![distributions over the replications](").append(REPLICATIONS_CHART).append('.').append(chartExtension)
          .append(")\n\n");
    }
    b.append("Every replication's numbers are in `").append(REPLICATIONS).append("`.\n");
    return b.toString();
  }
}
