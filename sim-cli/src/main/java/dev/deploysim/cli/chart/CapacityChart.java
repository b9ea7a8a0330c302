package dev.deploysim.cli.chart;

import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.RunHeadline;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimeSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * capacity.png/svg: demand, served and failed requests per second and the serving capacity over
 * time, with the deployment's phases shaded and its markers (detection, rollback, end) drawn as
 * vertical lines. Failed requests are a red area so an outage is seen at once.
 */
public final class CapacityChart {
  private CapacityChart() {}

  public static JFreeChart create(RunResult r) {
    TimeSeries ts = r.timeSeries();
    Summary s = r.summary();
    double[] time = ts.series("time");
    double[] demand = ts.series("demandRps");
    double[] served = ts.series("servedRps");
    double[] failed = ts.series("failedRps");
    // serverless runs have no instances, so no serving capacity to draw
    boolean fleet = s.capacity() != null && s.capacity().baselineInstances() != null;
    double[] capacity = fleet && ts.hasColumn("capacityRps") ? ts.series("capacityRps") : null;

    XYSeriesCollection failedData = new XYSeriesCollection();
    failedData.addSeries(series("failed", time, failed));
    XYSeriesCollection servedData = new XYSeriesCollection();
    servedData.addSeries(series("served", time, served));
    XYSeriesCollection capData = new XYSeriesCollection();
    if (capacity != null) {
      capData.addSeries(series("serving capacity", time, capacity));
    }
    XYSeriesCollection demandData = new XYSeriesCollection();
    demandData.addSeries(series("demand", time, demand));

    double dataMax = capacity == null ? ChartTheme.max(demand, served, failed)
        : ChartTheme.max(demand, served, failed, capacity);
    RunPlot frame = new RunPlot(r, "requests/s", dataMax, false);
    XYPlot plot = frame.plot();
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

    XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
    area.setSeriesPaint(0, new Color(0xd6, 0x27, 0x28, 0xd0));
    area.setOutline(true);
    area.setSeriesOutlinePaint(0, ChartTheme.FAILED);
    area.setSeriesOutlineStroke(0, new BasicStroke(1.5f));
    area.setLegendArea(new java.awt.Rectangle(-7, -7, 14, 14));
    plot.setDataset(0, failedData);
    plot.setRenderer(0, area);

    // drawn in this order: served (wide), capacity on it (narrower), demand dashed on top, so each
    // stays visible where they coincide
    ChartTheme.addLine(plot, 1, servedData, ChartTheme.SERVED, ChartTheme.line(6f));

    XYStepRenderer step = new XYStepRenderer();
    step.setSeriesPaint(0, ChartTheme.CAPACITY);
    step.setSeriesStroke(0, ChartTheme.line(2.5f));
    step.setDefaultShapesVisible(false);
    plot.setDataset(2, capData);
    plot.setRenderer(2, step);

    ChartTheme.addLine(plot, 3, demandData, ChartTheme.DEMAND, ChartTheme.dashed(2f));

    addFailureRug(plot, time, failed, frame.upper());
    return frame.chart(subtitle(r));
  }

  private static String subtitle(RunResult r) {
    Summary s = r.summary();
    Summary.Traffic t = s.traffic();
    StringBuilder b = new StringBuilder("requests per second and serving capacity; ");
    b.append(RunHeadline.outcome(r.summary()));
    if (t.failedRequests() > 0) {
      b.append("; ").append(Numbers.grouped(t.failedRequests())).append(" failed requests (availability ")
          .append(Numbers.upTo(t.availabilityPercent(), 2)).append("%)");
    } else {
      b.append("; no failed requests");
    }
    return b.toString();
  }

  /**
   * A red strip along the time axis wherever requests failed, so even a trickle of failures that
   * the area would hide at this scale is seen.
   */
  private static void addFailureRug(XYPlot plot, double[] time, double[] failed, double upper) {
    double h = upper * 0.012;
    Color red = ChartTheme.FAILED;
    int i = 0;
    while (i < time.length) {
      if (failed[i] > 1e-9) {
        // the row's rate covers the interval that ends at its time
        double start = i > 0 ? time[i - 1] : time[i];
        int j = i;
        while (j + 1 < time.length && failed[j + 1] > 1e-9) {
          j++;
        }
        double end = time[j];
        plot.addAnnotation(new XYBoxAnnotation(start / 60, 0, Math.max(end, start + 1) / 60, h,
            new BasicStroke(0f), red, red), false);
        i = j + 1;
      } else {
        i++;
      }
    }
  }

  /** A line series in minutes, thinned by {@link Decimate} (what is drawn stays the same). */
  static XYSeries series(String key, double[] x, double[] y) {
    double[] clean = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      clean[i] = Double.isFinite(y[i]) ? y[i] : 0;
    }
    XYSeries s = new XYSeries(key, false, true);
    for (int i : Decimate.rows(x, clean)) {
      s.add(x[i] / 60, clean[i], false);
    }
    return s;
  }
}
