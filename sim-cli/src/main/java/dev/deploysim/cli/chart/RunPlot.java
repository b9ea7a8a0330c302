package dev.deploysim.cli.chart;

import dev.deploysim.cli.text.RunHeadline;
import dev.deploysim.result.RunResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;

/**
 * The frame every time chart of one run shares (capacity, versions, latency): the time axis up to
 * the run's horizon, the value axis up to the data's maximum plus the headroom the phase labels
 * need, the phases shaded behind the data, and, once the chart adds its data, the deployment's
 * markers, the phase legend, the run's title and the chart's subtitle.
 */
final class RunPlot {
  private final RunResult run;
  private final double horizon;
  private final int labelRows;
  private final double upper;
  private final XYPlot plot;

  /**
   * A plot for {@code run} whose value axis, labelled {@code valueLabel} (whole numbers only when
   * {@code integers}), shows values up to {@code dataMax}, with the phases already shaded.
   */
  RunPlot(RunResult run, String valueLabel, double dataMax, boolean integers) {
    this.run = run;
    this.horizon = ChartTheme.horizon(run);
    this.labelRows = PhaseBands.phaseLabelRows(run.phases(), horizon);
    this.upper = PhaseBands.upperBound(dataMax, labelRows);
    this.plot = ChartTheme.timePlot(horizon, valueLabel, upper, integers);
    PhaseBands.addPhases(plot, run.phases(), horizon, upper);
  }

  XYPlot plot() {
    return plot;
  }

  /** The value axis' upper bound: the data's maximum plus the phase labels' headroom. */
  double upper() {
    return upper;
  }

  /** Rows of phase labels at the top of the plot. */
  int labelRows() {
    return labelRows;
  }

  /** The finished chart: the markers over the data, the phase legend, the run's title, {@code subtitle}. */
  JFreeChart chart(String subtitle) {
    EventMarkers.addMarkers(plot, EventMarkers.of(run), horizon, upper, labelRows);
    ChartTheme.setLegend(plot, PhaseBands.phaseLegend(run.phases()));
    JFreeChart chart = new JFreeChart(RunHeadline.title(run.summary()), ChartTheme.TITLE, plot, true);
    ChartTheme.decorate(chart, subtitle);
    return chart;
  }
}
