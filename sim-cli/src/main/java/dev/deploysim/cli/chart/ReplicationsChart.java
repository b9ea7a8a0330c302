package dev.deploysim.cli.chart;

import dev.deploysim.engine.Tally;
import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.ReplicationText;
import dev.deploysim.result.Outcome;
import dev.deploysim.run.Replications;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Drawable;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * replications.png/svg: how the key metrics spread over the replications, as small multiples: one
 * histogram each for duration, failed requests, minimum capacity, rollback time and extra
 * instance-hours (the mean and the 95th percentile marked), and the outcome counts.
 */
public final class ReplicationsChart {
  private ReplicationsChart() {}

  public static final int WIDTH = 1200;
  public static final int HEIGHT = 820;

  static final List<String> METRICS = List.of("durationSeconds", "failedRequests", "minCapacityPercent",
      "rollbackSeconds", "extraInstanceHours");

  private static final Color BAR = new Color(0x4e, 0x79, 0xa7);
  private static final Font PANEL_TITLE = new Font(ChartTheme.FAMILY, Font.BOLD, 17);
  private static final Font PANEL_SUBTITLE = new Font(ChartTheme.FAMILY, Font.PLAIN, 13);
  private static final Font SMALL_TICK = new Font(ChartTheme.FAMILY, Font.PLAIN, 13);

  /** The whole figure: a title over a grid of 3 x 2 panels. */
  public static Drawable create(String title, Replications.Result r) {
    List<JFreeChart> panels = new ArrayList<>();
    for (String m : METRICS) {
      panels.add(histogram(m, r));
    }
    panels.add(outcomes(r.aggregate()));
    String subtitle = Numbers.grouped(r.count()) + " replications: " + ReplicationText.outcomes(r.aggregate());
    return (g2, area) -> draw(g2, area, title, subtitle, panels);
  }

  private static void draw(Graphics2D g2, Rectangle2D area, String title, String subtitle, List<JFreeChart> panels) {
    g2.setPaint(Color.WHITE);
    g2.fill(area);
    g2.setPaint(ChartTheme.TEXT);
    g2.setFont(ChartTheme.TITLE);
    double x = area.getX();
    double y = area.getY();
    double w = area.getWidth();
    g2.drawString(title, (float) (x + center(g2, title, w)), (float) (y + 30));
    g2.setFont(ChartTheme.SUBTITLE);
    g2.setPaint(new Color(0x55, 0x55, 0x55));
    g2.drawString(subtitle, (float) (x + center(g2, subtitle, w)), (float) (y + 54));
    double top = y + 66;
    int cols = 3;
    int rows = (panels.size() + cols - 1) / cols;
    double cw = w / cols;
    double ch = (area.getHeight() - (top - y)) / rows;
    for (int i = 0; i < panels.size(); i++) {
      int c = i % cols;
      int row = i / cols;
      panels.get(i).draw(g2, new Rectangle2D.Double(x + c * cw, top + row * ch, cw, ch));
    }
  }

  private static double center(Graphics2D g2, String text, double width) {
    return Math.max(0, (width - g2.getFontMetrics().stringWidth(text)) / 2);
  }

  /** A histogram of one metric over the replications where it has a value. */
  static JFreeChart histogram(String metric, Replications.Result r) {
    Replications.Metric m = Replications.metric(metric);
    Tally values = r.stats().tally(metric);
    Replications.Stats st = r.aggregate().metric(metric);
    boolean minutes = m.kind() == Replications.Kind.SECONDS && st.max() != null && st.max() >= 180;
    double scale = minutes ? 60 : 1;
    String unit = switch (m.kind()) {
      case SECONDS -> minutes ? "minutes" : "seconds";
      case COUNT -> "count";
      case REAL -> metric.endsWith("Percent") ? "% of baseline" : metric.endsWith("Hours") ? "hours" : "";
    };

    XYIntervalSeries series = new XYIntervalSeries("replications");
    double lo = 0;
    double hi = 1;
    double maxCount = 1;
    if (!(values.count() == 0)) {
      double min = st.min() / scale;
      double max = st.max() / scale;
      int bins;
      double width;
      if (max - min < 1e-9) {
        // every replication the same: one bar, centred, with room on both sides
        width = Math.max(Math.abs(min) * 0.05, m.kind() == Replications.Kind.COUNT ? 1 : 0.01);
        bins = 1;
        min -= width / 2;
      } else if (m.kind() == Replications.Kind.COUNT && max - min <= 30) {
        // small whole numbers: one bar per value
        width = 1;
        min -= 0.5;
        bins = (int) Math.round(max - min + 0.5);
      } else {
        bins = Math.min(30, Math.max(5, (int) Math.ceil(Math.sqrt(values.count()))));
        width = (max - min) / bins;
      }
      int[] counts = new int[bins];
      for (int i = 0; i < values.count(); i++) {
        double v = values.value(i);
        int b = (int) Math.floor((v / scale - min) / width);
        counts[Math.max(0, Math.min(bins - 1, b))]++;
      }
      for (int b = 0; b < bins; b++) {
        double x0 = min + b * width;
        series.add(x0 + width / 2, x0, x0 + width, counts[b], 0, counts[b]);
        maxCount = Math.max(maxCount, counts[b]);
      }
      lo = min - width * 0.6;
      hi = min + bins * width + width * 0.6;
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(series);

    NumberAxis xAxis = new NumberAxis(unit);
    style(xAxis);
    xAxis.setRange(lo, hi);
    xAxis.setStandardTickUnits(m.kind() == Replications.Kind.COUNT ? NumberAxis.createIntegerTickUnits(Locale.ROOT)
        : NumberAxis.createStandardTickUnits(Locale.ROOT));
    NumberAxis yAxis = new NumberAxis("replications");
    style(yAxis);
    yAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    yAxis.setRange(0, maxCount * 1.25);

    XYBarRenderer bars = new XYBarRenderer(0.04);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, BAR);
    bars.setDrawBarOutline(false);

    XYPlot plot = new XYPlot(data, xAxis, yAxis, bars);
    ChartTheme.stylePlot(plot);
    plot.setNoDataMessage(noData(metric));
    plot.setNoDataMessageFont(ChartTheme.ANNOTATION);
    if (!(values.count() == 0)) {
      // the mean's label left of its line, the p95's right of its own: they never overlap
      mark(plot, st.mean() / scale, "mean", new Color(0x22, 0x22, 0x22), TextAnchor.TOP_RIGHT, RectangleAnchor.TOP_LEFT);
      if (st.p95() - st.mean() > (hi - lo) * 0.02) {
        mark(plot, st.p95() / scale, "p95", ChartTheme.FAILED, TextAnchor.TOP_LEFT, RectangleAnchor.TOP_RIGHT);
      }
    }
    JFreeChart chart = new JFreeChart(ReplicationText.label(metric), PANEL_TITLE, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(6, 8, 6, 12));
    chart.getTitle().setPaint(ChartTheme.TEXT);
    String subtitle = (values.count() == 0) ? " "
        : st.min().equals(st.max()) ? "the same in all " + Numbers.grouped(st.count()) + " replications: "
            + ReplicationText.value(metric, st.min())
        : ReplicationText.cell(r.aggregate(), metric);
    TextTitle sub = new TextTitle(subtitle, PANEL_SUBTITLE);
    sub.setPaint(new Color(0x55, 0x55, 0x55));
    chart.addSubtitle(sub);
    return chart;
  }

  private static String noData(String metric) {
    return switch (metric) {
      case "rollbackSeconds" -> "no rollback in any replication";
      case "durationSeconds" -> "no replication finished";
      default -> "no value in any replication";
    };
  }

  private static void mark(XYPlot plot, double x, String label, Color c, TextAnchor text, RectangleAnchor anchor) {
    ValueMarker mk = new ValueMarker(x, c, ChartTheme.dashed(1.6f));
    mk.setLabel(label);
    mk.setLabelFont(ChartTheme.MARKER_LABEL);
    mk.setLabelPaint(c);
    mk.setLabelAnchor(anchor);
    mk.setLabelTextAnchor(text);
    mk.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
    plot.addDomainMarker(mk, Layer.FOREGROUND);
  }

  private static void style(NumberAxis axis) {
    axis.setLabelFont(SMALL_TICK);
    axis.setTickLabelFont(SMALL_TICK);
    axis.setLabelPaint(ChartTheme.TEXT);
    axis.setTickLabelPaint(ChartTheme.TEXT);
    axis.setAxisLinePaint(new Color(0x99, 0x99, 0x99));
    axis.setTickMarkPaint(new Color(0x99, 0x99, 0x99));
  }

  /** Replications per outcome, coloured as the table colours them. */
  static JFreeChart outcomes(Replications.Aggregate a) {
    Outcome[] all = Outcome.values();
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    XYBarRenderer bars = new XYBarRenderer(0);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    double max = 1;
    for (int i = 0; i < all.length; i++) {
      XYIntervalSeries s = new XYIntervalSeries(all[i].name());
      int n = a.outcomes().getOrDefault(all[i], 0);
      s.add(i, i - 0.35, i + 0.35, n, 0, n);
      data.addSeries(s);
      bars.setSeriesPaint(i, color(all[i]));
      max = Math.max(max, n);
    }
    String[] names = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      names[i] = all[i].name();
    }
    SymbolAxis xAxis = new SymbolAxis(null, names);
    xAxis.setTickLabelFont(SMALL_TICK);
    xAxis.setTickLabelPaint(ChartTheme.TEXT);
    xAxis.setGridBandsVisible(false);
    xAxis.setRange(-0.6, all.length - 0.4);
    NumberAxis yAxis = new NumberAxis("replications");
    style(yAxis);
    yAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    yAxis.setRange(0, max * 1.2);
    XYPlot plot = new XYPlot(data, xAxis, yAxis, bars);
    ChartTheme.stylePlot(plot);
    for (int i = 0; i < all.length; i++) {
      int n = a.outcomes().getOrDefault(all[i], 0);
      org.jfree.chart.annotations.XYTextAnnotation t = new org.jfree.chart.annotations.XYTextAnnotation(
          Numbers.grouped(n), i, n + max * 0.03);
      t.setFont(ChartTheme.MARKER_LABEL);
      t.setPaint(ChartTheme.TEXT);
      t.setTextAnchor(TextAnchor.BOTTOM_CENTER);
      plot.addAnnotation(t);
    }
    JFreeChart chart = new JFreeChart("outcomes", PANEL_TITLE, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(6, 8, 6, 12));
    chart.getTitle().setPaint(ChartTheme.TEXT);
    TextTitle sub = new TextTitle(ReplicationText.outcomes(a), PANEL_SUBTITLE);
    sub.setPaint(new Color(0x55, 0x55, 0x55));
    chart.addSubtitle(sub);
    return chart;
  }

  static Color color(Outcome o) {
    return switch (o) {
      case SUCCEEDED -> new Color(0x2c, 0xa0, 0x2c);
      case FAILED -> ChartTheme.FAILED;
      case ROLLED_BACK -> new Color(0xe0, 0x8c, 0x10);
    };
  }
}
