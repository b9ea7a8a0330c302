package dev.deploysim.cli.output;

import dev.deploysim.cli.chart.LatencyChart;
import dev.deploysim.cli.text.RunHeadline;
import dev.deploysim.cli.text.SummaryTable;
import dev.deploysim.engine.Durations;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;

/**
 * report.md: a page for study notes: the scenario in one paragraph, the summary table, the two
 * charts (relative links, so the folder can be moved or committed as a whole) and what happened,
 * from the timeline's key deployment events.
 */
public final class ReportMarkdown {
  private ReportMarkdown() {}

  /**
   * @param type the strategy type, for parameter formatting; may be null
   * @param chartExtension "png" or "svg": the chart files written next to the report, or null when
   *     no chart was written
   */
  public static String text(RunResult r, StrategyType type, String chartExtension) {
    Summary s = r.summary();
    StringBuilder b = new StringBuilder();
    b.append("# ").append(RunHeadline.title(s)).append("\n\n");
    String description = r.scenario().description();
    if (description != null && !description.isBlank()) {
      b.append(description.strip()).append("\n\n");
    }
    b.append("## Scenario\n\n");
    b.append(ScenarioDescription.paragraph(r.scenario(), type, usesDns(r))).append("\n\n");
    b.append("## Summary\n\n");
    b.append(SummaryTable.markdown(SummaryTable.rows(s))).append('\n');
    if (chartExtension != null) {
      b.append("## Charts\n\n");
      b.append("Requests per second (demand, served, failed) and serving capacity; phases shaded, events marked:\n\n");
      b.append("![requests and capacity over time](capacity.").append(chartExtension).append(")\n\n");
      b.append("Instances per version, in service and not serving:\n\n");
      b.append("![instances per version over time](versions.").append(chartExtension).append(")\n\n");
      if (LatencyChart.applies(r)) {
        b.append("Request latency per sample interval (p50, p99")
            .append(r.scenario().slo() == null ? "" : ", the SLO as a dashed line").append("):\n\n");
        b.append("![request latency over time](latency.").append(chartExtension).append(")\n\n");
      }
    }
    b.append("## What happened\n\n");
    for (String line : keyEvents(r)) {
      b.append("- ").append(line).append('\n');
    }
    b.append("\nThe full timeline is in `events.log`, the samples in `timeseries.csv`, the numbers in `summary.json`.\n");
    return b.toString();
  }

  /** {@code section} inserted before the first line that starts with {@code heading} (at the end if none). */
  static String insertBefore(String report, String heading, String section) {
    int at = report.startsWith(heading) ? 0 : report.indexOf("\n" + heading);
    if (at < 0) {
      return report + "\n" + section;
    }
    int cut = at == 0 ? 0 : at + 1;
    return report.substring(0, cut) + section + "\n" + report.substring(cut);
  }

  private static boolean usesDns(RunResult r) {
    for (TimelineEvent e : r.timeline()) {
      if ("dns".equals(e.source())) {
        return true;
      }
    }
    return false;
  }

  /**
   * What the deployment handle itself logs (start, phases, detection, stop, rollback, outcome);
   * strategies' own detail lines (per instance, per hook) stay in events.log.
   */
  private static final List<String> MILESTONES = List.of("deployment started", "phase: ", "problem detected",
      "deployment stopped", "rollback started", "rollback finished", "deployment succeeded", "deployment failed",
      "deployment rolled back", "deployment still running");

  static boolean isMilestone(String message) {
    // a deployment of several fleets names the fleet first ("app-eu: deployment started ..."), and
    // says which fleets it left out (docs/resilience.md#deploying-several-fleets)
    int fleet = message.indexOf(": ");
    if (fleet > 0 && message.lastIndexOf(' ', fleet) < 0 && !message.startsWith("phase: ")
        && isMilestone(message.substring(fleet + 2))) {
      return true;
    }
    if (message.contains(" not deployed: ")) {
      return true;
    }
    for (String m : MILESTONES) {
      if (message.startsWith(m)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The deployment's own events (start, phases, detection, stop, rollback, outcome), alarms going to
   * ALARM, injected faults, Route 53 health checks and failovers and the database's failures and
   * failovers (docs/resilience.md); not the per-instance infrastructure chatter.
   */
  static List<String> keyEvents(RunResult r) {
    List<String> out = new ArrayList<>();
    for (TimelineEvent e : r.timeline()) {
      String src = e.source() == null ? "" : e.source();
      boolean key = switch (src) {
        case "deployment" -> isMilestone(e.message());
        case "alarm" -> e.message().contains("-> ALARM");
        case "fault", "database" -> true;
        // health checks changing state and the name servers' new answers; not the records' set-up
        case "route53" -> e.message().startsWith("health check ") || e.message().startsWith("name servers ")
            || e.message().startsWith("alias target ");
        default -> false;
      };
      if (key) {
        String msg = e.message().replace('\n', ' ');
        if (!src.equals("deployment")) {
          msg = src + ": " + msg;
        }
        out.add("`" + Durations.clock(e.time()) + "` " + SummaryTable.md(msg));
      }
    }
    Summary s = r.summary();
    String outcome = "**" + (s.outcome() == null ? "unknown" : s.outcome().name()) + "**";
    if (s.outcomeReason() != null) {
      outcome += ": " + SummaryTable.md(s.outcomeReason());
    }
    out.add("outcome " + outcome);
    return out;
  }
}
