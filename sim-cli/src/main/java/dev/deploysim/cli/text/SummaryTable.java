package dev.deploysim.cli.text;

import dev.deploysim.engine.Durations;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The summary as rows of label and value for people: the terminal table after {@code sim run}, the
 * table in report.md and the comparison table (one column per run).
 */
public final class SummaryTable {
  private SummaryTable() {}

  /** One line of the table; {@code outcome} is set on the outcome row (for colouring). */
  public record Row(String label, String value, Outcome outcome) {
    Row(String label, String value) {
      this(label, value, null);
    }
  }

  /** The rows for one run, in a fixed order (a row is present even when its value is "none"). */
  public static List<Row> rows(Summary s) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("scenario", s.scenario()));
    rows.add(new Row("strategy", s.strategy() + " (" + s.fromVersion() + " -> " + s.toVersion() + ")"));
    String outcome = s.outcome() == null ? "unknown" : s.outcome().name();
    if (s.outcomeReason() != null) {
      outcome += ": " + s.outcomeReason();
    }
    rows.add(new Row("outcome", outcome, s.outcome()));
    Summary.Deployment d = s.deployment();
    if (d.durationSeconds() == null) {
      rows.add(new Row("duration", "not finished (started at " + dur(d.startSeconds()) + ")"));
    } else {
      rows.add(new Row("duration", dur(d.durationSeconds()) + " (" + dur(d.startSeconds()) + " -> "
          + dur(d.endSeconds()) + ")"));
    }
    Summary.Capacity c = s.capacity();
    if (c == null || c.baselineInstances() == null) {
      rows.add(new Row("min in service", "n/a (no fleet)"));
      rows.add(new Row("peak instances", "n/a"));
    } else {
      String min = c.minInServiceInstances() == null ? "n/a" : c.minInServiceInstances().toString();
      String pct = c.minCapacityPercent() == null ? "n/a" : pct(c.minCapacityPercent());
      rows.add(new Row("min in service", min + " of " + c.baselineInstances() + " instances, " + pct + " of capacity"));
      rows.add(new Row("peak instances", c.peakInstances() == null ? "n/a" : c.peakInstances().toString()));
    }
    Summary.Traffic t = s.traffic();
    rows.add(new Row("requests", Numbers.grouped(t.requests()) + ", failed " + Numbers.grouped(t.failedRequests())
        + ", availability " + pct(t.availabilityPercent())));
    rows.add(new Row("downtime", dur(t.downtimeSeconds())));
    rows.add(new Row("degraded", dur(t.degradedSeconds())));
    Summary.Rollback r = s.rollback();
    boolean rolledBack = r != null && r.triggered();
    rows.add(new Row("new-version requests", Numbers.grouped(t.requestsServedByNewVersion())
        + (rolledBack ? " (" + Numbers.grouped(t.requestsServedByNewVersionBeforeRollback())
            + " before the rollback started)" : "")));
    if (r == null || !r.triggered()) {
      rows.add(new Row("rollback", "no"));
    } else {
      String when = r.startSeconds() == null ? "" : " (" + dur(r.startSeconds()) + " -> "
          + (r.endSeconds() == null ? "not finished" : dur(r.endSeconds()) + ", "
              + dur(r.endSeconds() - r.startSeconds())) + ")";
      rows.add(new Row("rollback", "yes" + (r.reason() == null ? "" : ": " + r.reason()) + when));
    }
    Summary.Detection det = s.detection();
    if (det == null || det.atSeconds() == null) {
      rows.add(new Row("detection", "none"));
    } else {
      rows.add(new Row("detection", (det.by() == null ? "detected" : det.by()) + ", "
          + dur(det.afterStartSeconds()) + " after the start"));
    }
    Summary.Cost k = s.cost();
    if (k == null || k.instanceHours() == null) {
      rows.add(new Row("extra instance-hours", "n/a"));
    } else {
      rows.add(new Row("extra instance-hours", Numbers.upTo(k.extraInstanceHours(), Numbers.FRACTION)
          + " (" + Numbers.upTo(k.instanceHours(), Numbers.FRACTION) + " in all)"));
      if (k.usd() != null) {
        rows.add(new Row("cost", "$" + Numbers.fixed(k.usd(), 2)));
      }
    }
    rows.add(new Row("mixed versions", dur(s.mixedVersionSeconds())));
    rows.add(new Row("final versions", versions(s.finalVersions())));
    // load rows (issue 11): only for runs that model latency or that scaled
    Summary.Latency l = s.latency();
    if (l != null && l.p50Seconds() != null) {
      String lat = "p50 " + ms(l.p50Seconds()) + ", p99 " + ms(l.p99Seconds())
          + (l.p99MaxSeconds() == null ? "" : ", worst p99 of a sample " + ms(l.p99MaxSeconds()));
      if (l.timedOutRequests() != null && l.timedOutRequests() > 0) {
        lat += ", " + Numbers.grouped(l.timedOutRequests()) + " timed out";
      }
      rows.add(new Row("latency", lat));
      if (l.sloViolationSeconds() != null) {
        rows.add(new Row("SLO violated", dur(l.sloViolationSeconds())));
      }
    }
    Summary.Scaling g = s.scaling();
    if (g != null && g.scaleOutActivities() != null && g.scaleOutActivities() + g.scaleInActivities() > 0) {
      rows.add(new Row("scaling", g.scaleOutActivities() + " out, " + g.scaleInActivities() + " in, desired at most "
          + g.maxDesired()));
    }
    // resilience row (issue 13): only for runs with a fault
    Summary.Recovery rv = s.recovery();
    if (rv != null && rv.failedRequests() != null) {
      String rec = "detected " + (rv.detectedSeconds() == null ? "never" : "after " + dur(rv.detectedSeconds()))
          + ", served again " + (rv.rtoSeconds() == null ? "never" : "after " + dur(rv.rtoSeconds()))
          + (rv.failoverAtSeconds() == null ? "" : ", failed over at " + dur(rv.failoverAtSeconds()))
          + (rv.rpoSeconds() == null ? "" : ", " + dur(rv.rpoSeconds()) + " of writes lost")
          + ", " + Numbers.grouped(rv.failedRequests()) + " requests failed";
      rows.add(new Row("recovery", rec));
    }
    return rows;
  }

  /** Seconds as milliseconds, at most 1 decimal: 80 ms, 1234.5 ms. */
  static String ms(Double seconds) {
    return seconds == null ? "n/a" : Numbers.upTo(seconds * 1000, 1) + " ms";
  }

  private static String versions(Map<String, Integer> fv) {
    if (fv == null) {
      return "n/a";
    }
    if (fv.isEmpty()) {
      return "none in service";
    }
    List<String> parts = new ArrayList<>();
    fv.forEach((v, n) -> parts.add(v + ": " + n));
    return String.join(", ", parts);
  }

  /** Seconds as a scenario duration, rounded to milliseconds: 2m40s, 47.406s, 7m11.193s. */
  public static String dur(Double seconds) {
    if (seconds == null) {
      return "n/a";
    }
    if (!Double.isFinite(seconds)) {
      return seconds > 0 ? "never" : "n/a";
    }
    long ms = Math.round(Math.abs(seconds) * 1000);
    String sign = seconds < 0 && ms > 0 ? "-" : "";
    if (ms % 1000 == 0 || ms < 60_000) {
      return sign + Durations.format(ms / 1000.0);
    }
    // whole hours and minutes as Durations writes them, then the seconds with their fraction
    long wholeMinutes = ms / 60_000;
    String head = Durations.format(wholeMinutes * 60.0);
    return sign + head + Numbers.upTo((ms % 60_000) / 1000.0, 3) + "s";
  }

  static String pct(double p) {
    return Numbers.upTo(p, Numbers.FRACTION) + "%";
  }

  // --- rendering -------------------------------------------------------------------------------

  /** Aligned two-column text; the outcome coloured when {@code color}. */
  public static String text(List<Row> rows, boolean color) {
    int w = 0;
    for (Row r : rows) {
      w = Math.max(w, r.label().length());
    }
    StringBuilder b = new StringBuilder();
    for (Row r : rows) {
      b.append(pad(r.label(), w)).append("  ").append(colored(r.value(), r.outcome(), color)).append('\n');
    }
    return b.toString();
  }

  /**
   * Several runs side by side: one column per run (the rows of every run must have the same
   * labels, as {@link #rows} guarantees except for the optional cost row, which is aligned by
   * label).
   */
  public static String text(List<List<Row>> runs, List<String> headers, boolean color) {
    List<String> labels = labels(runs);
    int lw = 0;
    for (String l : labels) {
      lw = Math.max(lw, l.length());
    }
    int[] widths = new int[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      widths[i] = headers.get(i).length();
      for (String l : labels) {
        widths[i] = Math.max(widths[i], find(runs.get(i), l).value().length());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append(pad("", lw));
    for (int i = 0; i < runs.size(); i++) {
      b.append("  ").append(i == runs.size() - 1 ? headers.get(i) : pad(headers.get(i), widths[i]));
    }
    b.append('\n');
    for (String l : labels) {
      b.append(pad(l, lw));
      for (int i = 0; i < runs.size(); i++) {
        Row r = find(runs.get(i), l);
        String v = i == runs.size() - 1 ? r.value() : pad(r.value(), widths[i]);
        b.append("  ").append(colored(v, r.outcome(), color));
      }
      b.append('\n');
    }
    return stripTrailing(b);
  }

  /** A Markdown table; several runs give one column each. */
  public static String markdown(List<List<Row>> runs, List<String> headers) {
    List<String> labels = labels(runs);
    StringBuilder b = new StringBuilder("| |");
    for (String h : headers) {
      b.append(' ').append(md(h)).append(" |");
    }
    b.append("\n| --- |");
    for (int i = 0; i < headers.size(); i++) {
      b.append(" --- |");
    }
    b.append('\n');
    for (String l : labels) {
      b.append("| ").append(md(l)).append(" |");
      for (List<Row> run : runs) {
        b.append(' ').append(md(find(run, l).value())).append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** A two-column Markdown table for one run. */
  public static String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder("| | |\n| --- | --- |\n");
    for (Row r : rows) {
      b.append("| ").append(md(r.label())).append(" | ").append(md(r.value())).append(" |\n");
    }
    return b.toString();
  }

  private static List<String> labels(List<List<Row>> runs) {
    List<String> labels = new ArrayList<>();
    for (List<Row> run : runs) {
      for (Row r : run) {
        if (!labels.contains(r.label())) {
          labels.add(r.label());
        }
      }
    }
    return labels;
  }

  private static Row find(List<Row> rows, String label) {
    for (Row r : rows) {
      if (r.label().equals(label)) {
        return r;
      }
    }
    return new Row(label, "", null);
  }

  /** Escapes what would break a Markdown table cell. */
  public static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
  }

  private static String pad(String s, int w) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < w) {
      b.append(' ');
    }
    return b.toString();
  }

  private static String stripTrailing(StringBuilder b) {
    StringBuilder out = new StringBuilder();
    for (String line : b.toString().split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.stripTrailing());
    }
    return out.toString();
  }

  private static String colored(String text, Outcome o, boolean color) {
    if (!color || o == null) {
      return text;
    }
    String code = switch (o) {
      case SUCCEEDED -> "32";
      case FAILED -> "31";
      case ROLLED_BACK -> "33";
    };
    // colour the outcome word only, padding stays outside the escape codes
    String trimmed = text.stripTrailing();
    return "\u001b[" + code + "m" + trimmed + "\u001b[0m" + text.substring(trimmed.length());
  }
}
