package dev.deploysim.cli.output;

import static dev.deploysim.cli.output.OutputFiles.CAPACITY_CHART;
import static dev.deploysim.cli.output.OutputFiles.EVENTS;
import static dev.deploysim.cli.output.OutputFiles.LATENCY_CHART;
import static dev.deploysim.cli.output.OutputFiles.REPLICATIONS;
import static dev.deploysim.cli.output.OutputFiles.REPLICATIONS_CHART;
import static dev.deploysim.cli.output.OutputFiles.REPORT;
import static dev.deploysim.cli.output.OutputFiles.SUMMARY;
import static dev.deploysim.cli.output.OutputFiles.TIMESERIES;
import static dev.deploysim.cli.output.OutputFiles.VERSIONS_CHART;

import dev.deploysim.cli.chart.CapacityChart;
import dev.deploysim.cli.chart.LatencyChart;
import dev.deploysim.cli.chart.ChartTheme;
import dev.deploysim.cli.chart.ReplicationsChart;
import dev.deploysim.cli.chart.VersionsChart;
import dev.deploysim.cli.text.Json;
import dev.deploysim.result.RunResult;
import dev.deploysim.run.Replications;
import dev.deploysim.strategy.StrategyType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.Drawable;

/**
 * Writes the files of one run (docs/outputs.md#files-of-sim-run) into its output folder:
 * summary.json, timeseries.csv, events.log, capacity and versions charts in the chosen formats,
 * report.md. Only these names are ever written; anything else in the folder is left alone.
 */
public final class RunOutputs {
  private RunOutputs() {}

  /** The file names a run writes with these chart formats, in writing order. */
  public static List<String> fileNames(Set<OutputFormat> formats) {
    return fileNames(formats, false);
  }

  /** The same, with the files of {@code --replications N} (N > 1) when {@code replications}. */
  public static List<String> fileNames(Set<OutputFormat> formats, boolean replications) {
    return replications
        ? ChartWriter.fileNames(List.of(SUMMARY, TIMESERIES, EVENTS, REPLICATIONS),
            List.of(CAPACITY_CHART, VERSIONS_CHART, REPLICATIONS_CHART), formats)
        : ChartWriter.fileNames(List.of(SUMMARY, TIMESERIES, EVENTS), List.of(CAPACITY_CHART, VERSIONS_CHART), formats);
  }

  /**
   * Writes every file; returns the paths written.
   *
   * @param type the run's strategy type (for the report); may be null
   */
  public static List<Path> write(RunResult r, StrategyType type, OutputFolder folder, Set<OutputFormat> formats) {
    return write(r, null, type, folder, formats);
  }

  /**
   * Writes every file of a run; with replications (more than one), summary.json gains its
   * {@code replications} object, and the distribution chart and a report section are added (the
   * caller streams replications.csv while the replications run). The other files are replication
   * 0's.
   *
   * @param rep the replications, or null for a single run
   */
  public static List<Path> write(RunResult r, Replications.Result rep, StrategyType type, OutputFolder folder,
      Set<OutputFormat> formats) {
    boolean many = rep != null && rep.count() > 1;
    List<Path> written = new ArrayList<>();
    Map<String, Object> summary = ReplicationOutputs.summaryJson(r.summary(), many ? rep.aggregate() : null);
    written.add(folder.write(SUMMARY, Json.write(summary) + "\n"));
    written.add(folder.write(TIMESERIES, TimeSeriesCsv.text(r.timeSeries())));
    written.add(folder.write(EVENTS, EventsLog.text(r.timeline())));
    if (!formats.isEmpty()) {
      writeChart(folder, CAPACITY_CHART, CapacityChart.create(r), formats, written);
      writeChart(folder, VERSIONS_CHART, VersionsChart.create(r), formats, written);
      if (LatencyChart.applies(r)) {
        writeChart(folder, LATENCY_CHART, LatencyChart.create(r), formats, written);
      }
      if (many) {
        Drawable fig = ReplicationsChart.create(r.summary().scenario() + ": " + r.summary().strategy()
            + ", distributions over the replications", rep);
        ChartWriter.write(folder, REPLICATIONS_CHART, fig, ReplicationsChart.WIDTH, ReplicationsChart.HEIGHT,
            formats, written);
      }
    }
    String ext = ChartWriter.reportImages(formats);
    String report = ReportMarkdown.text(r, type, ext);
    if (many) {
      report = ReportMarkdown.insertBefore(report, "## What happened", ReplicationOutputs.markdown(rep.aggregate(), ext));
    }
    written.add(folder.write(REPORT, report));
    return written;
  }

  private static void writeChart(OutputFolder folder, String name, JFreeChart chart, Set<OutputFormat> formats,
      List<Path> written) {
    ChartWriter.write(folder, name, chart, ChartTheme.WIDTH, ChartTheme.HEIGHT, formats, written);
  }
}
