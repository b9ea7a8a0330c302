package dev.deploysim.cli.chart;

import dev.deploysim.result.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

/**
 * The look shared by every chart: sizes, fonts large enough to read when a PNG is pasted into a
 * Markdown page at 100%, colours and strokes, a white plot with light grid lines, a time axis in
 * minutes and value axes. Phase bands ({@link PhaseBands}) and event markers ({@link EventMarkers})
 * are drawn on top of it; every chart, compare overlays included, builds on these pieces.
 */
public final class ChartTheme {
  private ChartTheme() {}

  public static final int WIDTH = 1200;
  public static final int HEIGHT = 600;

  /** "SansSerif" is Java's logical font: DejaVu Sans or similar on Linux, present everywhere. */
  public static final String FAMILY = Font.SANS_SERIF;
  public static final Font TITLE = new Font(FAMILY, Font.BOLD, 22);
  public static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 16);
  public static final Font AXIS_LABEL = new Font(FAMILY, Font.PLAIN, 17);
  public static final Font TICK = new Font(FAMILY, Font.PLAIN, 15);
  public static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 15);
  public static final Font ANNOTATION = new Font(FAMILY, Font.PLAIN, 14);
  public static final Font MARKER_LABEL = new Font(FAMILY, Font.BOLD, 13);

  public static final Color TEXT = new Color(0x22, 0x22, 0x22);
  public static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  public static final Color DEMAND = new Color(0x33, 0x33, 0x33);
  public static final Color SERVED = new Color(0x1f, 0x77, 0xb4);
  public static final Color CAPACITY = new Color(0x2c, 0xa0, 0x2c);
  public static final Color FAILED = new Color(0xd6, 0x27, 0x28);

  /** Colours for versions, in the order the scenario lists them. */
  private static final Color[] VERSION_COLORS = {
    new Color(0x4e, 0x79, 0xa7), // blue
    new Color(0xf2, 0x8e, 0x2b), // orange
    new Color(0x59, 0xa1, 0x4f), // green
    new Color(0xb0, 0x7a, 0xa1), // purple
    new Color(0x76, 0xb7, 0xb2), // teal
    new Color(0x9c, 0x75, 0x5f), // brown
    new Color(0xed, 0xc9, 0x48), // yellow
    new Color(0xba, 0xb0, 0xac), // grey
  };

  public static Color versionColor(int index) {
    return VERSION_COLORS[index % VERSION_COLORS.length];
  }


  /** {@code c} mixed with white: {@code amount} 0 keeps it, 1 is white. */
  public static Color tint(Color c, double amount) {
    return new Color(
        (int) Math.round(c.getRed() + (255 - c.getRed()) * amount),
        (int) Math.round(c.getGreen() + (255 - c.getGreen()) * amount),
        (int) Math.round(c.getBlue() + (255 - c.getBlue()) * amount));
  }

  public static Stroke line(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  public static Stroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f);
  }

  /** Rough width of the plot area in pixels at the standard size (axis and margins removed). */
  static final double PLOT_WIDTH_PX = WIDTH - 130;

  /** Measures text as the charts draw it (anti-aliased, fractional metrics). */
  static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  /** Applies fonts, white background, the legend at the bottom and a subtitle line. */
  public static void decorate(JFreeChart chart, String subtitle) {
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(8, 8, 4, 16));
    chart.getTitle().setFont(TITLE);
    chart.getTitle().setPaint(TEXT);
    if (subtitle != null) {
      TextTitle sub = new TextTitle(subtitle, SUBTITLE);
      sub.setPaint(new Color(0x55, 0x55, 0x55));
      sub.setPadding(new RectangleInsets(2, 0, 6, 0));
      chart.addSubtitle(sub);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LEGEND);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setHorizontalAlignment(HorizontalAlignment.CENTER);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
      legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 12));
    }
  }

  /** A styled plot over time: the time axis up to {@code horizon}, the value axis up to {@code upper}. */
  public static XYPlot timePlot(double horizon, String valueLabel, double upper, boolean integers) {
    XYPlot plot = new XYPlot();
    stylePlot(plot);
    plot.setDomainAxis(timeAxis(horizon));
    plot.setRangeAxis(valueAxis(valueLabel, upper, integers));
    return plot;
  }

  /** White plot with light grid lines and no outline. */
  public static void stylePlot(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(1f));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
  }

  /** A time axis in minutes from 0 to {@code horizonSeconds}. */
  public static NumberAxis timeAxis(double horizonSeconds) {
    NumberAxis axis = new NumberAxis("time (minutes)");
    styleAxis(axis);
    axis.setLowerMargin(0);
    axis.setUpperMargin(0);
    double minutes = Math.max(horizonSeconds / 60.0, 1.0 / 60);
    axis.setRange(0, minutes);
    TickUnits units = new TickUnits();
    // fractions of a minute only for short runs: whole minutes read better
    double[] candidates = minutes < 5
        ? new double[] {0.25, 0.5, 1, 2, 5}
        : new double[] {1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 360, 720, 1440, 2880, 10080};
    for (double u : candidates) {
      units.add(new NumberTickUnit(u, new java.text.DecimalFormat("0.##",
          java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))));
    }
    axis.setStandardTickUnits(units);
    return axis;
  }

  /** A value axis from 0 to {@code upper} with integer-friendly ticks when {@code integers}. */
  public static NumberAxis valueAxis(String label, double upper, boolean integers) {
    NumberAxis axis = new NumberAxis(label);
    styleAxis(axis);
    axis.setRange(0, upper);
    if (integers) {
      axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    } else {
      axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    }
    return axis;
  }

  private static void styleAxis(NumberAxis axis) {
    axis.setLabelFont(AXIS_LABEL);
    axis.setTickLabelFont(TICK);
    axis.setLabelPaint(TEXT);
    axis.setTickLabelPaint(TEXT);
    axis.setAxisLinePaint(new Color(0x99, 0x99, 0x99));
    axis.setTickMarkPaint(new Color(0x99, 0x99, 0x99));
  }

  /** Replaces the plot's legend with its own items followed by {@code extra}. */
  public static void setLegend(XYPlot plot, List<LegendItem> extra) {
    LegendItemCollection items = new LegendItemCollection();
    LegendItemCollection own = plot.getLegendItems();
    for (int i = 0; i < own.getItemCount(); i++) {
      items.add(own.get(i));
    }
    for (LegendItem e : extra) {
      items.add(e);
    }
    plot.setFixedLegendItems(items);
  }

  /** Draws {@code data}'s one series as a line of {@code paint} and {@code stroke}, as layer {@code index} of the plot. */
  public static void addLine(XYPlot plot, int index, XYDataset data, Paint paint,
      Stroke stroke) {
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, paint);
    line.setSeriesStroke(0, stroke);
    plot.setDataset(index, data);
    plot.setRenderer(index, line);
  }

  /** Where a run's time axis ends: at its horizon, or at its last sample when that is later. */
  public static double horizon(RunResult r) {
    double[] time = r.timeSeries().series("time");
    return Math.max(r.summary().horizonSeconds(), time.length == 0 ? 0 : time[time.length - 1]);
  }

  /** The largest finite value of the given arrays (0 when none is larger). */
  public static double max(double[]... arrays) {
    double m = 0;
    for (double[] a : arrays) {
      for (double v : a) {
        if (Double.isFinite(v) && v > m) {
          m = v;
        }
      }
    }
    return m;
  }
}
