package dev.deploysim.cli.chart;

import dev.deploysim.cli.text.Numbers;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimeSeries;
import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * latency.png/svg: the median and 99th percentile of request latency per sample interval, in
 * milliseconds, with the deployment's phases shaded, its markers, and the slo's latencyP99 as a
 * horizontal line. Written only for runs with a latency model (versions with a responseTime).
 */
public final class LatencyChart {
  private LatencyChart() {}

  public static final Color P50 = new Color(0x1f, 0x77, 0xb4);
  public static final Color P99 = new Color(0xff, 0x7f, 0x0e);
  public static final Color SLO = new Color(0xd6, 0x27, 0x28);

  /** Whether the run has latencies to draw. */
  public static boolean applies(RunResult r) {
    return r.summary().latency() != null && r.summary().latency().p50Seconds() != null
        && r.timeSeries().hasColumn("latencyP99Ms");
  }

  public static JFreeChart create(RunResult r) {
    TimeSeries ts = r.timeSeries();
    double[] time = ts.series("time");
    double[] p50 = ts.series("latencyP50Ms");
    double[] p99 = ts.series("latencyP99Ms");
    Double slo = r.scenario().slo() == null ? null : r.scenario().slo().latencyP99() * 1000;

    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(gapped("p50", time, p50));
    data.addSeries(gapped("p99", time, p99));

    double dataMax = ChartTheme.max(p50, p99);
    if (slo != null) {
      dataMax = Math.max(dataMax, slo * 1.1);
    }
    RunPlot frame = new RunPlot(r, "latency (ms)", dataMax, false);
    XYPlot plot = frame.plot();
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    lines.setSeriesPaint(0, P50);
    lines.setSeriesStroke(0, ChartTheme.line(2.5f));
    lines.setSeriesPaint(1, P99);
    lines.setSeriesStroke(1, ChartTheme.line(2.5f));
    plot.setDataset(0, data);
    plot.setRenderer(0, lines);
    if (slo != null) {
      sloLine(plot, slo, "SLO p99 " + Numbers.upTo(slo, 3) + " ms");
    }
    return frame.chart(subtitle(r.summary()));
  }

  /** The SLO's p99 (milliseconds) as a dashed horizontal line. */
  static void sloLine(XYPlot plot, double sloMs, String label) {
    ValueMarker m = new ValueMarker(sloMs, SLO, ChartTheme.dashed(2f));
    m.setLabel(label);
    m.setLabelFont(ChartTheme.MARKER_LABEL);
    m.setLabelPaint(SLO);
    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    plot.addRangeMarker(m, Layer.FOREGROUND);
  }

  private static String subtitle(Summary s) {
    Summary.Latency l = s.latency();
    StringBuilder b = new StringBuilder("request latency per sample interval; p50 ")
        .append(Numbers.upTo(l.p50Seconds() * 1000, 1)).append(" ms, p99 ")
        .append(Numbers.upTo(l.p99Seconds() * 1000, 1)).append(" ms over the run");
    if (l.p99MaxSeconds() != null) {
      b.append(", worst p99 ").append(Numbers.upTo(l.p99MaxSeconds() * 1000, 1)).append(" ms");
    }
    if (l.sloViolationSeconds() != null) {
      b.append("; SLO violated ").append(Numbers.upTo(l.sloViolationSeconds(), 0)).append(" s");
    }
    if (l.timedOutRequests() != null && l.timedOutRequests() > 0) {
      b.append("; ").append(Numbers.grouped(l.timedOutRequests())).append(" timed out (504)");
    }
    return b.toString();
  }

  /** A line in minutes with gaps where a sample had no served request (no latency). */
  static XYSeries gapped(String key, double[] x, double[] y) {
    XYSeries s = new XYSeries(key, false, true);
    for (int i = 0; i < y.length; i++) {
      s.add(x[i] / 60, Double.isFinite(y[i]) ? y[i] : null, false);
    }
    return s;
  }
}
