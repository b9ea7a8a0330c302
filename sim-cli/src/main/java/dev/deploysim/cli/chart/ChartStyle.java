package dev.deploysim.cli.chart;

import dev.deploysim.result.Marker;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * The look shared by every chart: sizes, fonts large enough to read when a PNG is pasted into a
 * Markdown page at 100%, colours, a time axis in minutes, deployment phases as shaded bands with
 * labels, and markers as labelled vertical lines. Compare charts (overlays of several runs) should
 * build on the same pieces.
 */
public final class ChartStyle {
  private ChartStyle() {}

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

  public static Color phaseColor(Phase.Kind kind) {
    return switch (kind) {
      case DEPLOY -> new Color(0x4e, 0x79, 0xa7);
      case WAIT -> new Color(0xe8, 0xb2, 0x2c);
      case SHIFT -> new Color(0x9b, 0x5f, 0xc0);
      case CLEANUP -> new Color(0x88, 0x88, 0x88);
      case ROLLBACK -> new Color(0xe0, 0x6c, 0x10);
    };
  }

  /** How a phase kind reads in legends. */
  public static String phaseName(Phase.Kind kind) {
    return switch (kind) {
      case DEPLOY -> "deploy";
      case WAIT -> "wait";
      case SHIFT -> "traffic shift";
      case CLEANUP -> "clean-up";
      case ROLLBACK -> "rollback";
    };
  }

  public static Color markerColor(Marker.Kind kind) {
    return switch (kind) {
      case INFO -> new Color(0x44, 0x44, 0x44);
      case WARNING -> new Color(0xc8, 0x52, 0x00);
      case FAILURE -> new Color(0xb0, 0x00, 0x00);
    };
  }

  public static final float PHASE_ALPHA = 0.13f;

  public static Stroke line(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  public static Stroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f);
  }

  // --- titles ----------------------------------------------------------------------------------

  /** "eb-immutable: eb.immutable, v1 -> v2" */
  public static String title(Summary s) {
    return s.scenario() + ": " + s.strategy() + ", " + s.fromVersion() + " -> " + s.toVersion();
  }

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

  // --- phases and markers ----------------------------------------------------------------------

  /** Rows of phase labels the chart needs at the top (0 when there are no phases). */
  public static int phaseLabelRows(List<Phase> phases, double horizonSeconds) {
    int rows = 0;
    for (PhaseLabel l : phaseLabels(phases, horizonSeconds)) {
      rows = Math.max(rows, l.row() + 1);
    }
    return rows;
  }

  /** Fraction of the value axis kept free at the top for phase labels. */
  public static double headroom(int labelRows) {
    return labelRows == 0 ? 0.06 : 0.04 + 0.065 * labelRows;
  }

  /** The value-axis upper bound that leaves {@link #headroom} above {@code dataMax}. */
  public static double upperBound(double dataMax, int labelRows) {
    double max = dataMax > 0 ? dataMax : 1;
    return max / (1 - headroom(labelRows));
  }

  /** At most this many rows of phase labels; beyond that labels are grouped, then dropped. */
  static final int MAX_LABEL_ROWS = 3;

  /** A phase label placed in a row at the top of the plot. */
  record PhaseLabel(String text, double start, Phase.Kind kind, int row) {}

  private record Span(String text, double start, double end, Phase.Kind kind) {}

  /** Rough width of the plot area in pixels at the standard size (axis and margins removed). */
  private static final double PLOT_WIDTH_PX = WIDTH - 130;

  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  private static double textWidthSeconds(String text, Font font, double horizonSeconds) {
    double px = font.getStringBounds(text, FRC).getWidth() + 12;
    return px / PLOT_WIDTH_PX * horizonSeconds;
  }

  /**
   * Where the phase labels go: each phase's own label when they all fit in {@link
   * #MAX_LABEL_ROWS} rows without overlapping; otherwise consecutive phases of the same kind share
   * one label ("deploy (4 steps)") and a label that still does not fit is left out (its band and
   * the legend still show the phase).
   */
  static List<PhaseLabel> phaseLabels(List<Phase> phases, double horizonSeconds) {
    List<Span> own = new ArrayList<>();
    for (Phase p : phases) {
      own.add(new Span(p.label(), p.start(), Math.max(p.end(), p.start()), p.kind()));
    }
    List<PhaseLabel> laid = layout(own, horizonSeconds, false);
    if (laid != null) {
      return laid;
    }
    return layout(grouped(phases, horizonSeconds), horizonSeconds, true);
  }

  private static List<Span> grouped(List<Phase> phases, double horizonSeconds) {
    List<Span> out = new ArrayList<>();
    int i = 0;
    double gap = horizonSeconds * 0.002;
    while (i < phases.size()) {
      Phase first = phases.get(i);
      int j = i;
      double end = Math.max(first.end(), first.start());
      while (j + 1 < phases.size() && phases.get(j + 1).kind() == first.kind()
          && phases.get(j + 1).start() <= end + gap) {
        j++;
        end = Math.max(end, phases.get(j).end());
      }
      int n = j - i + 1;
      String text = n == 1 ? first.label() : phaseVerb(first.kind()) + " (" + n + " steps)";
      out.add(new Span(text, first.start(), end, first.kind()));
      i = j + 1;
    }
    return out;
  }

  private static String phaseVerb(Phase.Kind kind) {
    return switch (kind) {
      case DEPLOY -> "deploy";
      case WAIT -> "wait";
      case SHIFT -> "shift traffic";
      case CLEANUP -> "clean up";
      case ROLLBACK -> "roll back";
    };
  }

  /** Greedy rows; null when a label does not fit and {@code drop} is false. */
  private static List<PhaseLabel> layout(List<Span> spans, double horizonSeconds, boolean drop) {
    List<PhaseLabel> out = new ArrayList<>();
    double[] rowEnds = new double[MAX_LABEL_ROWS];
    java.util.Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
    for (Span s : spans) {
      double end = s.start() + textWidthSeconds(s.text(), ANNOTATION, horizonSeconds);
      int row = -1;
      for (int r = 0; r < MAX_LABEL_ROWS; r++) {
        if (rowEnds[r] <= s.start()) {
          row = r;
          break;
        }
      }
      if (row < 0) {
        if (!drop) {
          return null;
        }
        continue;
      }
      rowEnds[row] = end;
      out.add(new PhaseLabel(s.text(), s.start(), s.kind(), row));
    }
    return out;
  }

  /**
   * Shades each phase as a band behind the data (with a stronger strip in the headroom at the
   * top) and writes the phase labels in that strip ({@code upper} is the value axis' upper bound).
   */
  public static void addPhases(XYPlot plot, List<Phase> phases, double horizonSeconds, double upper) {
    List<PhaseLabel> labels = phaseLabels(phases, horizonSeconds);
    int rows = 0;
    for (PhaseLabel l : labels) {
      rows = Math.max(rows, l.row() + 1);
    }
    double stripBottom = upper * (1 - headroom(rows));
    for (Phase p : phases) {
      Color c = phaseColor(p.kind());
      double start = p.start() / 60;
      double end = Math.max(p.end(), p.start()) / 60;
      IntervalMarker band = new IntervalMarker(start, end, c, new BasicStroke(0f), null, null, PHASE_ALPHA);
      plot.addDomainMarker(band, Layer.BACKGROUND);
      // a thin solid edge at the start makes back-to-back phases distinguishable
      ValueMarker edge = new ValueMarker(start, tint(c, 0.35), new BasicStroke(1.2f));
      plot.addDomainMarker(edge, Layer.BACKGROUND);
      // the strip in the headroom stays visible even where data (stacked areas) covers the band
      Color strip = new Color(c.getRed(), c.getGreen(), c.getBlue(), 70);
      plot.addAnnotation(new XYBoxAnnotation(start, stripBottom, end, upper, new BasicStroke(0f), strip, strip),
          false);
    }
    double rowHeight = upper * 0.065;
    for (PhaseLabel l : labels) {
      double y = upper - rowHeight * (l.row() + 0.5) - upper * 0.015;
      XYTextAnnotation label = new XYTextAnnotation(l.text(), l.start() / 60 + 5 * horizonSeconds / 60 / PLOT_WIDTH_PX, y);
      label.setFont(ANNOTATION);
      label.setPaint(phaseColor(l.kind()).darker());
      label.setTextAnchor(TextAnchor.CENTER_LEFT);
      plot.addAnnotation(label, false);
    }
  }

  /**
   * Draws each marker as a vertical line with a vertical label beside it, starting below the phase
   * labels; markers closer than 1% of the time axis share one line and one label.
   */
  public static void addMarkers(XYPlot plot, List<Marker> markers, double horizonSeconds, double upper, int labelRows) {
    List<Marker> sorted = new ArrayList<>(markers);
    sorted.sort((a, b) -> Double.compare(a.time(), b.time()));
    double near = horizonSeconds * 0.01;
    List<List<Marker>> groups = new ArrayList<>();
    for (Marker m : sorted) {
      if (!groups.isEmpty()) {
        List<Marker> last = groups.get(groups.size() - 1);
        if (m.time() - last.get(0).time() <= near) {
          last.add(m);
          continue;
        }
      }
      List<Marker> g = new ArrayList<>();
      g.add(m);
      groups.add(g);
    }
    double top = upper * (1 - headroom(labelRows)) + upper * 0.01;
    // vertical room for a label: the plot's height below the phase strip, in pixels (estimated)
    double roomPx = (HEIGHT - 190) * (1 - headroom(labelRows)) - 10;
    double columnMinutes = 17 * horizonSeconds / 60 / PLOT_WIDTH_PX;
    for (List<Marker> g : groups) {
      Marker.Kind kind = Marker.Kind.INFO;
      List<String> labels = new ArrayList<>();
      for (Marker m : g) {
        if (m.kind().ordinal() > kind.ordinal()) {
          kind = m.kind();
        }
        if (!labels.contains(m.label())) {
          labels.add(m.label());
        }
      }
      if (labels.contains("rolled back")) {
        labels.remove("rollback end"); // the same instant, said twice
      }
      Color c = markerColor(kind);
      double x = g.get(0).time() / 60;
      ValueMarker line = new ValueMarker(x, c, dashed(1.6f));
      plot.addDomainMarker(line, Layer.FOREGROUND);
      // labels that do not fit in one column of vertical text continue in the next column
      List<String> columns = new ArrayList<>();
      String current = "";
      for (String l : labels) {
        String joined = current.isEmpty() ? l : current + " / " + l;
        if (!current.isEmpty() && MARKER_LABEL.getStringBounds(joined, FRC).getWidth() > roomPx) {
          columns.add(current);
          current = l;
        } else {
          current = joined;
        }
      }
      columns.add(current);
      for (int i = 0; i < columns.size(); i++) {
        XYTextAnnotation label = new XYTextAnnotation(columns.get(i), x + i * columnMinutes, top);
        label.setFont(MARKER_LABEL);
        label.setPaint(c);
        label.setBackgroundPaint(new Color(255, 255, 255, 200));
        label.setTextAnchor(TextAnchor.TOP_RIGHT);
        label.setRotationAnchor(TextAnchor.TOP_RIGHT);
        label.setRotationAngle(-Math.PI / 2);
        plot.addAnnotation(label, false);
      }
    }
  }

  /** Legend entries for the phase kinds that occur, to add after the data series. */
  public static List<LegendItem> phaseLegend(List<Phase> phases) {
    Set<Phase.Kind> kinds = EnumSet.noneOf(Phase.Kind.class);
    for (Phase p : phases) {
      kinds.add(p.kind());
    }
    List<LegendItem> items = new ArrayList<>();
    for (Phase.Kind k : kinds) {
      Color c = phaseColor(k);
      Paint fill = tint(c, 1 - PHASE_ALPHA * 2.2);
      LegendItem item = new LegendItem(phaseName(k), null, null, null, new Rectangle(-7, -7, 14, 14), fill,
          new BasicStroke(1f), c);
      item.setLabelFont(LEGEND);
      items.add(item);
    }
    return items;
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

  /** The largest finite value of the given arrays. */
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

  /** Seconds since the start as minutes, for the x axis. */
  public static double minutes(double seconds) {
    return seconds / 60;
  }

  /** A short outcome phrase for subtitles. */
  public static String outcomePhrase(RunResult r) {
    Summary s = r.summary();
    StringBuilder b = new StringBuilder();
    b.append(s.outcome() == null ? "unknown" : s.outcome().name());
    if (s.deployment().durationSeconds() != null) {
      b.append(" after ").append(dev.deploysim.cli.output.SummaryTable.dur(s.deployment().durationSeconds()));
    } else {
      b.append(" (not finished)");
    }
    return b.toString();
  }
}
