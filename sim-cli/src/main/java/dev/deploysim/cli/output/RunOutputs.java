package dev.deploysim.cli.output;

import dev.deploysim.cli.chart.CapacityChart;
import dev.deploysim.cli.chart.ChartFiles;
import dev.deploysim.cli.chart.ChartStyle;
import dev.deploysim.cli.chart.VersionsChart;
import dev.deploysim.result.RunResult;
import dev.deploysim.strategy.StrategyType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;

/**
 * Writes the files of one run (scenario contract, section 4) into its output folder: summary.json,
 * timeseries.csv, events.log, capacity and versions charts in the chosen formats, report.md. Only
 * these names are ever written; anything else in the folder is left alone.
 */
public final class RunOutputs {
  private RunOutputs() {}

  public static final String SUMMARY = "summary.json";
  public static final String TIMESERIES = "timeseries.csv";
  public static final String EVENTS = "events.log";
  public static final String REPORT = "report.md";
  public static final String CAPACITY = "capacity";
  public static final String VERSIONS = "versions";

  /** The file names a run writes with these chart formats, in writing order. */
  public static List<String> fileNames(Set<OutputFormat> formats) {
    List<String> names = new ArrayList<>(List.of(SUMMARY, TIMESERIES, EVENTS));
    for (String chart : List.of(CAPACITY, VERSIONS)) {
      for (OutputFormat f : OutputFormat.values()) {
        if (formats.contains(f)) {
          names.add(chart + "." + f.extension());
        }
      }
    }
    names.add(REPORT);
    return names;
  }

  /**
   * Writes every file; returns the paths written.
   *
   * @param type the run's strategy type (for the report); may be null
   */
  public static List<Path> write(RunResult r, StrategyType type, OutputFolder folder, Set<OutputFormat> formats) {
    List<Path> written = new ArrayList<>();
    written.add(folder.write(SUMMARY, SummaryJson.text(r.summary())));
    written.add(folder.write(TIMESERIES, TimeSeriesCsv.text(r.timeSeries())));
    written.add(folder.write(EVENTS, EventsLog.text(r.timeline())));
    if (!formats.isEmpty()) {
      writeChart(folder, CAPACITY, CapacityChart.create(r), formats, written);
      writeChart(folder, VERSIONS, VersionsChart.create(r), formats, written);
    }
    String ext = formats.contains(OutputFormat.PNG) ? "png" : formats.contains(OutputFormat.SVG) ? "svg" : null;
    written.add(folder.write(REPORT, ReportMarkdown.text(r, type, ext)));
    return written;
  }

  private static void writeChart(OutputFolder folder, String name, JFreeChart chart, Set<OutputFormat> formats,
      List<Path> written) {
    if (formats.contains(OutputFormat.PNG)) {
      written.add(folder.write(name + ".png", ChartFiles.png(chart, ChartStyle.WIDTH, ChartStyle.HEIGHT)));
    }
    if (formats.contains(OutputFormat.SVG)) {
      written.add(folder.write(name + ".svg", ChartFiles.svg(chart, ChartStyle.WIDTH, ChartStyle.HEIGHT, name + "-")));
    }
  }
}
