package dev.deploysim.cli.chart;

import dev.deploysim.cli.sweep.SweepPlan;
import dev.deploysim.cli.sweep.SweepPoint;
import dev.deploysim.cli.text.ReplicationText;
import dev.deploysim.sweep.Pareto;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Drawable;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of {@code sim sweep}: trade-off scatters (duration against another objective, every
 * point a dot, the Pareto-optimal ones on those two objectives joined by a line and labelled with
 * their values) and, when two keys vary, a heat map of the key metrics over the grid.
 */
public final class SweepCharts {
  private SweepCharts() {}

  public static final int WIDTH = 1200;
  public static final int HEIGHT = 700;

  /** Height of the heat map: room for its rows (up to 60 px each), between 320 and 1,400 px. */
  public static int heatmapHeight(SweepPlan plan) {
    return Math.max(320, Math.min(1400, 150 + 60 * plan.axes().get(0).values().size()));
  }

  private static final Color POINT = new Color(0x4e, 0x79, 0xa7);
  private static final Color OPTIMAL = new Color(0xd6, 0x27, 0x28);
  private static final Color INELIGIBLE = new Color(0xaa, 0xaa, 0xaa);
  private static final Font CELL = new Font(ChartTheme.FAMILY, Font.PLAIN, 14);
  private static final Font CELL_BOLD = new Font(ChartTheme.FAMILY, Font.BOLD, 14);

  /** Duration (minutes) against {@code metric}, the two-objective Pareto front marked. */
  public static Drawable tradeoff(SweepPlan plan, List<SweepPoint> points, String metric) {
    Pareto.Objective other = Pareto.OBJECTIVES.stream().filter(o -> o.metric().equals(metric)).findFirst()
        .orElseThrow();
    boolean[] optimal = SweepPoint.pareto(points, List.of(Pareto.OBJECTIVES.get(0), other));
    boolean[] eligible = SweepPoint.eligible(points);
    XYSeries front = new XYSeries("Pareto-optimal", false, true);
    XYSeries rest = new XYSeries("other points", false, true);
    XYSeries out = new XYSeries("fewer successful runs", false, true);
    List<int[]> labelled = new ArrayList<>();
    int missing = 0;
    for (int i = 0; i < points.size(); i++) {
      SweepPoint p = points.get(i);
      double x = p.mean("durationSeconds") / 60;
      double y = p.mean(metric);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        missing++;
        continue;
      }
      if (optimal[i]) {
        front.add(x, y);
        labelled.add(new int[] {i});
      } else if (eligible[i]) {
        rest.add(x, y);
      } else {
        out.add(x, y);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(front);
    data.addSeries(rest);
    data.addSeries(out);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    r.setSeriesLinesVisible(0, true);
    r.setSeriesLinesVisible(1, false);
    r.setSeriesLinesVisible(2, false);
    r.setSeriesPaint(0, OPTIMAL);
    r.setSeriesPaint(1, POINT);
    r.setSeriesPaint(2, INELIGIBLE);
    r.setSeriesStroke(0, ChartTheme.dashed(1.5f));
    r.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
    r.setSeriesShape(1, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
    r.setSeriesShape(2, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
    NumberAxis xAxis = new NumberAxis("deployment duration (minutes, mean)");
    NumberAxis yAxis = new NumberAxis(ReplicationText.label(metric) + " ("
        + (metric.endsWith("Percent") ? "% of baseline, mean" : "mean") + ")");
    for (NumberAxis a : List.of(xAxis, yAxis)) {
      a.setLabelFont(ChartTheme.AXIS_LABEL);
      a.setTickLabelFont(ChartTheme.TICK);
      a.setLabelPaint(ChartTheme.TEXT);
      a.setTickLabelPaint(ChartTheme.TEXT);
      a.setAutoRangeIncludesZero(false);
      a.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
      a.setUpperMargin(0.12);
      a.setLowerMargin(0.08);
    }
    XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
    ChartTheme.stylePlot(plot);
    plot.setNoDataMessage("no point has both values");
    plot.setNoDataMessageFont(ChartTheme.ANNOTATION);
    // labels of the optimal points, sorted by duration, alternately above and below the line
    labelled.sort(Comparator.comparingDouble(a -> points.get(a[0]).mean("durationSeconds")));
    for (int k = 0; k < labelled.size(); k++) {
      SweepPoint p = points.get(labelled.get(k)[0]);
      XYTextAnnotation t = new XYTextAnnotation("  " + plan.label(p.plan()) + "  ", p.mean("durationSeconds") / 60,
          p.mean(metric));
      t.setFont(ChartTheme.MARKER_LABEL);
      t.setPaint(OPTIMAL);
      t.setTextAnchor(k % 2 == 0 ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT);
      plot.addAnnotation(t);
    }
    String better = other.direction() == Pareto.Direction.LOWER ? "lower" : "higher";
    JFreeChart chart = new JFreeChart(plan.scenario() + ": duration against " + ReplicationText.label(metric),
        ChartTheme.TITLE, plot, true);
    String sub = points.size() + " points; better is left and " + better + "; Pareto-optimal points (red) are beaten"
        + " by no other on both" + (missing > 0 ? "; " + missing + " without a value not shown" : "");
    ChartTheme.decorate(chart, sub);
    return (g2, area) -> chart.draw(g2, area);
  }

  /** The key metrics over the grid of two varied keys, one panel each, the optimal cells outlined. */
  public static Drawable heatmap(SweepPlan plan, List<SweepPoint> points) {
    boolean[] optimal = SweepPoint.pareto(points, Pareto.OBJECTIVES);
    List<String> metrics = List.of("durationSeconds", "minCapacityPercent", "failedRequests");
    return (g2, area) -> {
      g2.setPaint(Color.WHITE);
      g2.fill(area);
      g2.setPaint(ChartTheme.TEXT);
      g2.setFont(ChartTheme.TITLE);
      String title = plan.scenario() + ": key metrics over the grid";
      FontMetrics fm = g2.getFontMetrics();
      g2.drawString(title, (float) (area.getX() + (area.getWidth() - fm.stringWidth(title)) / 2), (float) (area.getY() + 30));
      g2.setFont(ChartTheme.SUBTITLE);
      g2.setPaint(new Color(0x55, 0x55, 0x55));
      String sub = "rows: " + plan.axes().get(0).key() + ", columns: " + plan.axes().get(1).key()
          + "; green is better; outlined: Pareto-optimal";
      fm = g2.getFontMetrics();
      g2.drawString(sub, (float) (area.getX() + (area.getWidth() - fm.stringWidth(sub)) / 2), (float) (area.getY() + 54));
      double top = area.getY() + 70;
      double pw = area.getWidth() / metrics.size();
      for (int m = 0; m < metrics.size(); m++) {
        panel(g2, new Rectangle2D.Double(area.getX() + m * pw, top, pw, area.getMaxY() - top), plan, points, optimal,
            metrics.get(m));
      }
    };
  }

  private static void panel(Graphics2D g2, Rectangle2D r, SweepPlan plan, List<SweepPoint> points,
      boolean[] optimal, String metric) {
    List<String> rows = plan.axes().get(0).values();
    List<String> cols = plan.axes().get(1).values();
    Pareto.Direction dir = Pareto.OBJECTIVES.stream().filter(o -> o.metric().equals(metric)).findFirst()
        .map(Pareto.Objective::direction).orElse(Pareto.Direction.LOWER);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (SweepPoint p : points) {
      double v = p.mean(metric);
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    g2.setFont(ChartTheme.MARKER_LABEL.deriveFont(16f));
    g2.setPaint(ChartTheme.TEXT);
    FontMetrics fm = g2.getFontMetrics();
    String name = ReplicationText.label(metric);
    g2.drawString(name, (float) (r.getX() + (r.getWidth() - fm.stringWidth(name)) / 2), (float) (r.getY() + 18));
    double left = r.getX() + 70;
    double right = r.getMaxX() - 12;
    double top = r.getY() + 48;
    double bottom = r.getMaxY() - 16;
    double cw = (right - left) / cols.size();
    double ch = Math.min(60, (bottom - top) / rows.size());
    g2.setFont(CELL);
    fm = g2.getFontMetrics();
    for (int c = 0; c < cols.size(); c++) {
      String t = clip(cols.get(c), fm, cw - 4);
      g2.setPaint(ChartTheme.TEXT);
      g2.drawString(t, (float) (left + c * cw + (cw - fm.stringWidth(t)) / 2), (float) (top - 6));
    }
    for (int row = 0; row < rows.size(); row++) {
      String t = clip(rows.get(row), fm, 62);
      g2.setPaint(ChartTheme.TEXT);
      g2.drawString(t, (float) (left - 6 - fm.stringWidth(t)), (float) (top + row * ch + ch / 2 + 5));
      for (int c = 0; c < cols.size(); c++) {
        int index = row * cols.size() + c;
        SweepPoint p = points.get(index);
        double v = p.mean(metric);
        Rectangle2D cell = new Rectangle2D.Double(left + c * cw + 1, top + row * ch + 1, cw - 2, ch - 2);
        double good = Double.isNaN(v) ? Double.NaN : hi - lo < 1e-12 ? 1 : (v - lo) / (hi - lo);
        if (!Double.isNaN(good) && dir == Pareto.Direction.LOWER) {
          good = 1 - good;
        }
        g2.setPaint(Double.isNaN(good) ? new Color(0xee, 0xee, 0xee) : shade(good));
        g2.fill(cell);
        if (optimal[index]) {
          g2.setPaint(ChartTheme.TEXT);
          g2.setStroke(new BasicStroke(3f));
          g2.draw(new Rectangle2D.Double(cell.getX() + 1.5, cell.getY() + 1.5, cell.getWidth() - 3, cell.getHeight() - 3));
        }
        String text = Double.isNaN(v) ? "n/a" : ReplicationText.value(metric, v);
        g2.setFont(optimal[index] ? CELL_BOLD : CELL);
        FontMetrics cf = g2.getFontMetrics();
        text = clip(text, cf, cw - 6);
        g2.setPaint(ChartTheme.TEXT);
        g2.drawString(text, (float) (cell.getCenterX() - cf.stringWidth(text) / 2.0), (float) (cell.getCenterY() + 5));
      }
    }
    g2.setFont(CELL);
    g2.setPaint(new Color(0x55, 0x55, 0x55));
    String range = Double.isInfinite(lo) ? "no values" : "from " + ReplicationText.value(metric, lo) + " to "
        + ReplicationText.value(metric, hi);
    g2.drawString(range, (float) left, (float) Math.min(bottom + 12, top + rows.size() * ch + 20));
  }

  /** From a pale red (worst) through pale yellow to green (best). */
  static Color shade(double good) {
    double g = Math.max(0, Math.min(1, good));
    Color bad = new Color(0xf4, 0xa5, 0x82);
    Color mid = new Color(0xfd, 0xf2, 0xb0);
    Color best = new Color(0x8f, 0xd1, 0x8a);
    return g < 0.5 ? mix(bad, mid, g * 2) : mix(mid, best, (g - 0.5) * 2);
  }

  private static Color mix(Color a, Color b, double t) {
    return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
  }

  private static String clip(String s, FontMetrics fm, double width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    String t = s;
    while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }
}
