package dev.deploysim.cli.chart;

import dev.deploysim.cli.sweep.PowerPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The power curve of {@code sim power}: the probability that the deployment rolls back (its
 * analysis decides the version is bad) against the new version's error rate, one point per error
 * rate with its Wilson 95% interval, the bad versions joined by a line; the good version (at the
 * baseline's error rate) is a separate marker: its rollbacks are false alarms.
 */
public final class PowerChart {
  private PowerChart() {}

  private static final Color BAD = new Color(0xd6, 0x27, 0x28);
  private static final Color GOOD = new Color(0x2c, 0xa0, 0x2c);

  public static JFreeChart chart(String title, String subtitle, List<PowerPoint> points) {
    YIntervalSeries bad = new YIntervalSeries("bad version: probability of rollback (detection)", true, false);
    YIntervalSeries good = new YIntervalSeries("good version at the baseline's rate: false rollback", true, false);
    double maxRate = 0;
    for (PowerPoint p : points.stream().sorted(Comparator.comparingDouble(PowerPoint::errorRate)).toList()) {
      double[] ci = p.interval();
      (p.good() ? good : bad).add(100 * p.errorRate(), p.probability(), ci[0], ci[1]);
      maxRate = Math.max(maxRate, p.errorRate());
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    data.addSeries(bad);
    data.addSeries(good);
    NumberAxis x = new NumberAxis("error rate of the new version (% of its requests)");
    NumberAxis y = ChartTheme.valueAxis("probability of rollback", 1.0, false);
    y.setRange(0, 1.02);
    y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1, new java.text.DecimalFormat("0.0",
        java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))));
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawXError(false);
    r.setDrawYError(true);
    r.setCapLength(10);
    r.setErrorStroke(new BasicStroke(1.5f));
    r.setDefaultLinesVisible(false);
    r.setSeriesLinesVisible(0, true);
    r.setSeriesShapesVisible(0, true);
    r.setSeriesShapesVisible(1, true);
    r.setSeriesPaint(0, BAD);
    r.setSeriesPaint(1, GOOD);
    r.setSeriesStroke(0, new BasicStroke(2.5f));
    r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
    r.setSeriesShape(1, new Rectangle2D.Double(-6, -6, 12, 12));
    r.setErrorPaint(new Color(0x55, 0x55, 0x55));
    XYPlot plot = new XYPlot(data, x, y, r);
    ChartTheme.stylePlot(plot);
    x.setLabelFont(ChartTheme.AXIS_LABEL);
    x.setTickLabelFont(ChartTheme.TICK);
    x.setLowerBound(0);
    x.setUpperBound(100 * maxRate * 1.08 + 1e-9);
    x.setNumberFormatOverride(new java.text.DecimalFormat("0.###",
        java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
    JFreeChart chart = new JFreeChart(title, ChartTheme.TITLE, plot, true);
    ChartTheme.decorate(chart, subtitle);
    return chart;
  }
}
