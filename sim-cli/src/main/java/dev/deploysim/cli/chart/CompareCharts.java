package dev.deploysim.cli.chart;

import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.RunHeadline;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimeSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The overlay charts of {@code sim compare}, every run on one time axis (simulated time since the
 * start of each run, so deployments start where their scenarios start them):
 * compare-capacity (serving capacity as a share of each run's baseline) and compare-failed (failed
 * requests per second). Each run has its own colour and line style; the legend names them.
 */
public final class CompareCharts {
  private CompareCharts() {}

  /** Ten colours that stay apart from each other (Tableau 10). */
  private static final Color[] COLORS = {
    new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e), new Color(0x2c, 0xa0, 0x2c),
    new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b),
    new Color(0xe3, 0x77, 0xc2), new Color(0x7f, 0x7f, 0x7f), new Color(0xbc, 0xbd, 0x22),
    new Color(0x17, 0xbe, 0xcf),
  };

  public static Color color(int i) {
    return COLORS[i % COLORS.length];
  }

  /**
   * Run {@code i} of {@code n}: earlier runs are drawn wider so a later line lying on top of them
   * leaves their edges visible; every other run is dashed.
   */
  static Stroke stroke(int i, int n) {
    float width = n <= 1 ? 3f : 2f + 4f * (n - 1 - i) / (n - 1);
    if (i % 2 == 0) {
      return ChartTheme.line(width);
    }
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
        new float[] {12f + 2 * i, 6f}, 0f);
  }

  /**
   * Serving capacity of every run with a fleet, in % of its baseline; when no run has a fleet
   * (serverless traffic shifting), the share of requests each run sends to its new version.
   */
  public static JFreeChart capacity(List<RunResult> runs, List<String> names) {
    boolean anyFleet = false;
    for (RunResult r : runs) {
      anyFleet |= r.summary().capacity() != null && r.summary().capacity().baselineInstances() != null;
    }
    if (!anyFleet) {
      return newVersionShare(runs, names);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYStepRenderer renderer = new XYStepRenderer();
    renderer.setDefaultShapesVisible(false);
    double horizon = horizon(runs);
    double max = 100;
    List<String> serverless = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < runs.size(); i++) {
      RunResult r = runs.get(i);
      TimeSeries ts = r.timeSeries();
      Summary s = r.summary();
      Integer baseline = s.capacity() == null ? null : s.capacity().baselineInstances();
      if (baseline == null || r.scenario().fleet() == null || !ts.hasColumn("capacityRps")) {
        serverless.add(names.get(i));
        continue;
      }
      double full = baseline * r.scenario().fleet().capacity();
      double[] cap = ts.series("capacityRps");
      double[] pct = new double[cap.length];
      for (int j = 0; j < cap.length; j++) {
        pct[j] = full > 0 ? 100 * cap[j] / full : 0;
      }
      max = Math.max(max, ChartTheme.max(pct));
      data.addSeries(CapacityChart.series(legend(names.get(i), r), ts.series("time"), pct));
      renderer.setSeriesPaint(k, color(i));
      renderer.setSeriesStroke(k, stroke(i, runs.size()));
      k++;
    }
    XYPlot plot = plot(horizon, "serving capacity (% of baseline)", PhaseBands.upperBound(max, 0));
    plot.setDataset(0, data);
    plot.setRenderer(0, renderer);
    ValueMarker full = new ValueMarker(100, new Color(0x88, 0x88, 0x88), ChartTheme.dashed(1.2f));
    full.setLabel("baseline");
    full.setLabelFont(ChartTheme.ANNOTATION);
    full.setLabelPaint(new Color(0x66, 0x66, 0x66));
    full.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
    full.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    plot.addRangeMarker(full, Layer.BACKGROUND);
    starts(plot, runs);
    String sub = "serving capacity of the in-service instances, as a share of each run's baseline";
    if (!serverless.isEmpty()) {
      sub += "; no fleet (not drawn): " + String.join(", ", serverless);
    }
    return chart("Serving capacity", sub, plot);
  }

  /** Share of requests sent to the new version, for runs without instances. */
  static JFreeChart newVersionShare(List<RunResult> runs, List<String> names) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYStepRenderer renderer = new XYStepRenderer();
    renderer.setDefaultShapesVisible(false);
    for (int i = 0; i < runs.size(); i++) {
      RunResult r = runs.get(i);
      TimeSeries ts = r.timeSeries();
      double[] share = ts.hasColumn("newVersionTrafficPercent") ? ts.series("newVersionTrafficPercent")
          : new double[ts.size()];
      data.addSeries(CapacityChart.series(legend(names.get(i), r), ts.series("time"), share));
      renderer.setSeriesPaint(i, color(i));
      renderer.setSeriesStroke(i, stroke(i, runs.size()));
    }
    XYPlot plot = plot(horizon(runs), "% of requests to the new version", PhaseBands.upperBound(100, 0));
    plot.setDataset(0, data);
    plot.setRenderer(0, renderer);
    starts(plot, runs);
    return chart("Traffic on the new version", "no run has instances (serverless): the share of requests each run"
        + " sends to its new version", plot);
  }

  /** Failed requests per second of every run. */
  public static JFreeChart failed(List<RunResult> runs, List<String> names) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    double horizon = horizon(runs);
    double max = 0;
    for (int i = 0; i < runs.size(); i++) {
      RunResult r = runs.get(i);
      TimeSeries ts = r.timeSeries();
      double[] failed = ts.series("failedRps");
      max = Math.max(max, ChartTheme.max(failed));
      data.addSeries(CapacityChart.series(legend(names.get(i), r), ts.series("time"), failed));
      renderer.setSeriesPaint(i, color(i));
      renderer.setSeriesStroke(i, stroke(i, runs.size()));
    }
    XYPlot plot = plot(horizon, "failed requests/s", PhaseBands.upperBound(max > 0 ? max : 10, 0));
    plot.setDataset(0, data);
    plot.setRenderer(0, renderer);
    starts(plot, runs);
    List<String> none = new ArrayList<>();
    List<String> some = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      (runs.get(i).summary().traffic().failedRequests() == 0 ? none : some).add(names.get(i));
    }
    String sub = "failed requests per second (no capacity, a bad version, a stale DNS answer)";
    if (some.isEmpty()) {
      sub += "; no run failed a request";
    } else if (!none.isEmpty()) {
      sub += some.size() <= none.size() ? "; requests failed only in " + String.join(", ", some)
          : "; none failed in " + String.join(", ", none);
    }
    return chart("Failed requests", sub, plot);
  }

  /**
   * The p99 request latency (milliseconds, per sample interval) of every run that models latency,
   * with each distinct SLO p99 as a line; runs without a latency model are named in the subtitle.
   */
  public static JFreeChart latency(List<RunResult> runs, List<String> names) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    double max = 0;
    TreeSet<Double> slos = new TreeSet<>();
    List<String> without = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < runs.size(); i++) {
      RunResult r = runs.get(i);
      if (!LatencyChart.applies(r)) {
        without.add(names.get(i));
        continue;
      }
      TimeSeries ts = r.timeSeries();
      double[] p99 = ts.series("latencyP99Ms");
      max = Math.max(max, ChartTheme.max(p99));
      if (r.scenario().slo() != null) {
        slos.add(r.scenario().slo().latencyP99() * 1000);
      }
      data.addSeries(LatencyChart.gapped(legend(names.get(i), r), ts.series("time"), p99));
      renderer.setSeriesPaint(k, color(i));
      renderer.setSeriesStroke(k, stroke(i, runs.size()));
      k++;
    }
    if (!slos.isEmpty()) {
      max = Math.max(max, slos.last() * 1.1);
    }
    XYPlot plot = plot(horizon(runs), "p99 latency (ms)", PhaseBands.upperBound(max > 0 ? max : 100, 0));
    plot.setDataset(0, data);
    plot.setRenderer(0, renderer);
    for (double slo : slos) {
      LatencyChart.sloLine(plot, slo, "SLO p99 " + Numbers.upTo(slo, 3) + " ms");
    }
    starts(plot, runs);
    String sub = "99th percentile of request latency per sample interval";
    if (!without.isEmpty()) {
      sub += "; no latency model (no responseTime), not drawn: " + String.join(", ", without);
    }
    return chart("Request latency (p99)", sub, plot);
  }

  private static String legend(String name, RunResult r) {
    Summary s = r.summary();
    String label = name.equals(s.strategy()) || name.endsWith(s.strategy()) ? name : name + " (" + s.strategy() + ")";
    return label + ": " + RunHeadline.outcome(r.summary());
  }

  private static double horizon(List<RunResult> runs) {
    double h = 60;
    for (RunResult r : runs) {
      h = Math.max(h, ChartTheme.horizon(r));
    }
    return h;
  }

  private static XYPlot plot(double horizon, String valueLabel, double upper) {
    return ChartTheme.timePlot(horizon, valueLabel, upper, false);
  }

  /** A thin grey line where deployments start (one per distinct start time). */
  private static void starts(XYPlot plot, List<RunResult> runs) {
    TreeSet<Double> times = new TreeSet<>();
    for (RunResult r : runs) {
      times.add(r.summary().deployment().startSeconds());
    }
    boolean first = true;
    for (double t : times) {
      ValueMarker m = new ValueMarker(t / 60, new Color(0x55, 0x55, 0x55), ChartTheme.dashed(1.2f));
      if (first) {
        m.setLabel(times.size() == 1 ? "deployments start" : "deployment starts");
        m.setLabelFont(ChartTheme.MARKER_LABEL);
        m.setLabelPaint(new Color(0x55, 0x55, 0x55));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        m.setLabelOffset(new RectangleInsets(6, 6, 6, 6));
        first = false;
      }
      plot.addDomainMarker(m, Layer.BACKGROUND);
    }
  }

  private static JFreeChart chart(String title, String subtitle, XYPlot plot) {
    JFreeChart chart = new JFreeChart(title, ChartTheme.TITLE, plot, true);
    ChartTheme.decorate(chart, subtitle);
    return chart;
  }
}
