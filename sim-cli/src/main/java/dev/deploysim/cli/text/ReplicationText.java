package dev.deploysim.cli.text;

import dev.deploysim.result.Outcome;
import dev.deploysim.run.Replications;
import java.util.ArrayList;
import java.util.List;

/**
 * Replications in words and figures for people: the outcome counts, a metric's label and value, a
 * cell of mean, confidence interval and 95th percentile, and the rows {@code --replications N} adds to
 * the summary table (the terminal, report.md and the replications chart all say it this way).
 */
public final class ReplicationText {
  private ReplicationText() {}

  /** The metrics shown to people (table, report, chart), in that order. */
  public static final List<String> KEY_METRICS = List.of("durationSeconds", "minCapacityPercent", "failedRequests",
      "downtimeSeconds", "rollbackTriggered", "rollbackSeconds", "extraInstanceHours", "detectionAfterStartSeconds",
      "requestsServedByNewVersionBeforeRollback");

  /**
   * The recovery metrics shown after the key ones when some replication had a fault
   * (docs/resilience.md#measuring-recovery).
   */
  public static final List<String> RECOVERY_METRICS = List.of("recoveryDetectedSeconds", "rtoSeconds", "rpoSeconds",
      "failoverAtSeconds", "recoveryFailedRequests");

  /** Whether the replications had a fault: every recovery figure is empty without one. */
  public static boolean hasFault(Replications.Aggregate a) {
    return a.metric("recoveryFailedRequests").count() > 0;
  }

  /** "SUCCEEDED 1990, FAILED 10" (outcomes that occurred, in enum order). */
  public static String outcomes(Replications.Aggregate a) {
    List<String> parts = new ArrayList<>();
    for (Outcome o : Outcome.values()) {
      int n = a.outcomes().getOrDefault(o, 0);
      if (n > 0) {
        parts.add(o.name() + " " + Numbers.grouped(n));
      }
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /** How a metric reads in tables: "duration", "min capacity" ... */
  public static String label(String metric) {
    return switch (metric) {
      case "durationSeconds" -> "duration";
      case "minInServiceInstances" -> "min in service";
      case "minCapacityPercent" -> "min capacity";
      case "peakInstances" -> "peak instances";
      case "requests" -> "requests";
      case "failedRequests" -> "failed requests";
      case "availabilityPercent" -> "availability";
      case "downtimeSeconds" -> "downtime";
      case "degradedSeconds" -> "degraded";
      case "requestsServedByNewVersion" -> "new-version requests";
      case "requestsServedByNewVersionBeforeRollback" -> "blast radius";
      case "rollbackTriggered" -> "rollback probability";
      case "rollbackSeconds" -> "rollback time";
      case "instanceHours" -> "instance-hours";
      case "extraInstanceHours" -> "extra instance-hours";
      case "usd" -> "cost";
      case "mixedVersionSeconds" -> "mixed versions";
      case "detectionAfterStartSeconds" -> "detection";
      case "latencyP99Seconds" -> "p99 latency";
      case "sloViolationSeconds" -> "SLO violated";
      case "recoveryDetectedSeconds" -> "fault detected";
      case "rtoSeconds" -> "recovery time (RTO)";
      case "rpoSeconds" -> "writes lost (RPO)";
      case "failoverAtSeconds" -> "failover at";
      case "recoveryFailedRequests" -> "failed until recovery";
      default -> metric;
    };
  }

  /** One value of a metric for people: 9m3.2s, 66.67%, 1,234, 0.41. */
  public static String value(String metric, double v) {
    Replications.Metric m = Replications.metric(metric);
    return switch (m.kind()) {
      case SECONDS -> SummaryTable.dur(v);
      case COUNT -> v == Math.rint(v) ? Numbers.grouped((long) v) : Numbers.upTo(v, 1);
      case REAL -> metric.endsWith("Percent") ? Numbers.upTo(v, 2) + "%"
          : metric.equals("usd") ? "$" + Numbers.fixed(v, 2) : Numbers.upTo(v, 3);
    };
  }

  /** "9m3.2s ± 1.1s, p95 9m40s" or "none in any replication"; "(in 12 of 2,000)" when partial. */
  public static String cell(Replications.Aggregate a, String metric) {
    Replications.Stats s = a.metric(metric);
    if (s.count() == 0) {
      return "n/a";
    }
    if (metric.equals("rollbackTriggered")) {
      return probability(s);
    }
    StringBuilder b = new StringBuilder(value(metric, s.mean()));
    if (s.ci95() != null) {
      b.append(" ± ").append(value(metric, s.ci95()));
    }
    b.append(", p95 ").append(value(metric, s.p95()));
    if (s.count() < a.count()) {
      b.append(" (in ").append(Numbers.grouped(s.count())).append(" of ").append(Numbers.grouped(a.count()))
          .append(")");
    }
    return b.toString();
  }

  /**
   * A share of the replications with its Wilson 95% interval: "0.935 (187 of 200; 95%: 0.891-0.962)".
   * The Stats of a 0/1 metric hold its count and mean, so the successes are mean x count.
   */
  public static String probability(Replications.Stats s) {
    long hits = Math.round(s.mean() * s.count());
    double[] ci = Replications.wilson95(hits, s.count());
    return Numbers.fixed(s.mean(), 3) + " (" + Numbers.grouped(hits) + " of " + Numbers.grouped(s.count()) + "; 95%: "
        + Numbers.fixed(ci[0], 3) + "-" + Numbers.fixed(ci[1], 3) + ")";
  }

  /**
   * Rows for the human table and report: the count and outcomes, then mean ± ci95, p95 per key
   * metric, and per recovery metric when the scenario has a fault.
   */
  public static List<SummaryTable.Row> rows(Replications.Aggregate a) {
    List<SummaryTable.Row> rows = new ArrayList<>();
    rows.add(new SummaryTable.Row("replications", Numbers.grouped(a.count()) + ": " + outcomes(a), null));
    for (String m : KEY_METRICS) {
      rows.add(new SummaryTable.Row("  " + label(m), cell(a, m), null));
    }
    if (hasFault(a)) {
      for (String m : RECOVERY_METRICS) {
        rows.add(new SummaryTable.Row("  " + label(m), cell(a, m), null));
      }
    }
    return rows;
  }
}
