package dev.deploysim.cli.chart;

import dev.deploysim.cli.text.RunHeadline;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimeSeries;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;

/**
 * versions.png/svg: instances per version over time, stacked: for each version the instances in
 * service (registered, healthy, receiving requests) in its full colour, and those that exist but
 * serve nothing (launching, installing, unhealthy, draining) in a light tint of it. The baseline is
 * a dashed line, so a fleet that doubles (immutable, blue/green) or empties (all at once) shows.
 */
public final class VersionsChart {
  private VersionsChart() {}

  public static JFreeChart create(RunResult r) {
    TimeSeries ts = r.timeSeries();
    Summary s = r.summary();
    boolean anyInstances = false;
    for (String v : versionsOf(ts, r)) {
      anyInstances |= ChartTheme.max(ts.series("instances_" + v)) > 0;
    }
    if (!anyInstances && ts.hasColumn("newVersionTrafficPercent")) {
      return trafficShare(r);
    }
    double[] time = ts.series("time");
    List<String> versions = versionsOf(ts, r);

    List<String> keys = new ArrayList<>();
    List<Color> colors = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    double[] total = new double[time.length];
    for (int vi = 0; vi < versions.size(); vi++) {
      String v = versions.get(vi);
      double[] all = ts.series("instances_" + v);
      if (ChartTheme.max(all) <= 0) {
        continue; // a version that never ran stays out of the chart and its legend
      }
      double[] serving = ts.hasColumn("inService_" + v) ? ts.series("inService_" + v) : all.clone();
      double[] idle = new double[all.length];
      for (int i = 0; i < all.length; i++) {
        serving[i] = Math.max(0, Math.min(serving[i], all[i]));
        idle[i] = Math.max(0, all[i] - serving[i]);
        total[i] += all[i];
      }
      Color c = ChartTheme.versionColor(vi);
      if (ChartTheme.max(serving) > 0) {
        keys.add(v + " in service");
        colors.add(c);
        values.add(serving);
      }
      if (ChartTheme.max(idle) > 0) {
        keys.add(v + " not serving");
        colors.add(ChartTheme.tint(c, 0.6));
        values.add(idle);
      }
    }
    StackedXYAreaRenderer2 renderer = stackedRenderer();
    DefaultTableXYDataset data = stacked(time, keys, colors, values, renderer);

    Integer baseline = s.capacity() == null ? null : s.capacity().baselineInstances();
    double dataMax = Math.max(ChartTheme.max(total), baseline == null ? 0 : baseline);
    RunPlot frame = new RunPlot(r, "instances", Math.max(dataMax, 1), true);
    XYPlot plot = frame.plot();
    plot.setDataset(0, data);
    plot.setRenderer(0, renderer);
    addTrafficShare(plot, ts, s, time, frame.labelRows());

    if (baseline != null) {
      ValueMarker base = new ValueMarker(baseline, new Color(0x33, 0x33, 0x33), ChartTheme.dashed(1.8f));
      base.setLabel("baseline " + baseline);
      base.setLabelFont(ChartTheme.MARKER_LABEL);
      base.setLabelPaint(new Color(0x33, 0x33, 0x33));
      // below the line, at the right: the strip above it holds the phase labels
      base.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
      base.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      base.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 6));
      base.setLabelBackgroundColor(new Color(255, 255, 255, 200));
      plot.addRangeMarker(base, Layer.FOREGROUND);
    }
    return frame.chart(subtitle(r, ChartTheme.max(total)));
  }

  private static String subtitle(RunResult r, double peak) {
    Summary s = r.summary();
    StringBuilder b = new StringBuilder("instances per version: in service (dark) and not serving (light); ");
    b.append(RunHeadline.outcome(r.summary()));
    if (s.capacity() != null && s.capacity().peakInstances() != null) {
      b.append("; peak ").append(s.capacity().peakInstances()).append(" instances");
    }
    return b.toString();
  }

  /** Versions with an instances_ column, in the order of the columns (the scenario's order). */
  static List<String> versionsOf(TimeSeries ts, RunResult r) {
    List<String> out = new ArrayList<>();
    for (String c : ts.columns()) {
      if (c.startsWith("instances_")) {
        out.add(c.substring("instances_".length()));
      }
    }
    return out;
  }

  /** Purple, like the traffic-shift phases. */
  static final Color SHARE = new Color(0x6a, 0x3d, 0x9a);

  /**
   * The share of requests the new version handled, as a line on a right-hand axis whose 100% sits
   * level with the top of the data: shows canaries, linear shifts and URL swaps, which instance
   * counts alone do not.
   */
  private static void addTrafficShare(XYPlot plot, TimeSeries ts, Summary s, double[] time, int rows) {
    if (!ts.hasColumn("newVersionTrafficPercent")) {
      return;
    }
    double[] pct = ts.series("newVersionTrafficPercent");
    org.jfree.chart.axis.NumberAxis axis =
        ChartTheme.valueAxis("% of requests to " + s.toVersion(), PhaseBands.upperBound(100, rows), false);
    axis.setLabelPaint(SHARE);
    axis.setTickLabelPaint(SHARE);
    // ticks every 25%, labelled only up to 100 (the axis runs on into the phase-label strip)
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(25));
    axis.setNumberFormatOverride(new UpToHundred());
    plot.setRangeAxis(1, axis);
    org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection();
    // a white halo under the line keeps it readable over any area colour
    data.addSeries(CapacityChart.series("halo", time, pct));
    data.addSeries(CapacityChart.series("% of requests to " + s.toVersion(), time, pct));
    plot.setDataset(1, data);
    plot.mapDatasetToRangeAxis(1, 1);
    org.jfree.chart.renderer.xy.XYLineAndShapeRenderer line =
        new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, new Color(255, 255, 255, 220));
    line.setSeriesStroke(0, ChartTheme.line(6f));
    line.setSeriesVisibleInLegend(0, false);
    line.setSeriesPaint(1, SHARE);
    line.setSeriesStroke(1, ChartTheme.line(2.5f));
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
    plot.setRenderer(1, line);
    plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
  }

  /** Tick labels 0 to 100; none above. */
  static final class UpToHundred extends java.text.NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
      return number > 100.0001 ? toAppendTo : toAppendTo.append(Math.round(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
      return number > 100 ? toAppendTo : toAppendTo.append(number);
    }

    @Override
    public Number parse(String source, java.text.ParsePosition parsePosition) {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * Serverless runs (no instances): the share of requests each version handled, stacked to 100%,
   * which is what a canary or linear traffic shift changes.
   */
  private static JFreeChart trafficShare(RunResult r) {
    TimeSeries ts = r.timeSeries();
    Summary s = r.summary();
    double[] time = ts.series("time");
    double[] pct = ts.series("newVersionTrafficPercent");
    double[] demand = ts.hasColumn("demandRps") ? ts.series("demandRps") : null;
    double[] oldShare = new double[pct.length];
    double[] newShare = new double[pct.length];
    for (int i = 0; i < pct.length; i++) {
      boolean traffic = demand == null || demand[i] > 0;
      newShare[i] = traffic ? Math.max(0, Math.min(100, pct[i])) : 0;
      oldShare[i] = traffic ? 100 - newShare[i] : 0;
    }
    List<String> versions = versionsOf(ts, r);
    int fromIndex = Math.max(0, versions.indexOf(s.fromVersion()));
    int toIndex = Math.max(0, versions.indexOf(s.toVersion()));
    StackedXYAreaRenderer2 renderer = stackedRenderer();
    DefaultTableXYDataset data = stacked(time,
        List.of(s.fromVersion() + " (old version)", s.toVersion() + " (new version)"),
        List.of(ChartTheme.versionColor(fromIndex), ChartTheme.versionColor(toIndex)),
        List.of(oldShare, newShare), renderer);

    RunPlot frame = new RunPlot(r, "% of requests", 100, false);
    frame.plot().setDataset(0, data);
    frame.plot().setRenderer(0, renderer);
    return frame.chart("no instances (serverless): share of requests per version; " + RunHeadline.outcome(s));
  }

  private static StackedXYAreaRenderer2 stackedRenderer() {
    StackedXYAreaRenderer2 renderer = new StackedXYAreaRenderer2();
    renderer.setRoundXCoordinates(true);
    renderer.setLegendArea(new java.awt.Rectangle(-7, -7, 14, 14));
    return renderer;
  }

  /** The series, thinned together (a table dataset needs the same x values in every series). */
  private static DefaultTableXYDataset stacked(double[] time, List<String> keys, List<Color> colors,
      List<double[]> values, StackedXYAreaRenderer2 renderer) {
    int[] rows = Decimate.rows(time, values.toArray(new double[0][]));
    double[] t = Decimate.pick(time, rows);
    DefaultTableXYDataset data = new DefaultTableXYDataset();
    for (int k = 0; k < keys.size(); k++) {
      data.addSeries(series(keys.get(k), t, Decimate.pick(values.get(k), rows)));
      renderer.setSeriesPaint(k, colors.get(k));
    }
    return data;
  }

  /**
   * A stepped series: each sample holds until just before the next one, as instance counts do
   * (counts change at instants, not gradually). x values are unique, as the table dataset needs.
   */
  private static XYSeries series(String key, double[] time, double[] y) {
    XYSeries s = new XYSeries(key, true, false);
    for (int i = 0; i < time.length; i++) {
      if (i > 0 && time[i] - time[i - 1] > 2 * STEP_EDGE) {
        s.addOrUpdate((time[i] - STEP_EDGE) / 60, y[i - 1]);
      }
      s.addOrUpdate(time[i] / 60, y[i]);
    }
    return s;
  }

  /** Seconds before a sample at which the previous value ends (a near-vertical edge). */
  private static final double STEP_EDGE = 0.01;
}
