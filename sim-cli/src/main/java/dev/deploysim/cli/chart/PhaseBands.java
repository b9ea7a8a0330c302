package dev.deploysim.cli.chart;

import dev.deploysim.cli.text.PhaseWords;
import dev.deploysim.result.Phase;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jfree.chart.LegendItem;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;

/**
 * A deployment's phases on a time chart: each phase a shaded band behind the data, with its label
 * in a strip of headroom at the top of the plot. Lays the labels out in at most
 * {@link #MAX_LABEL_ROWS} rows (grouping, then dropping, what does not fit), says how much headroom
 * the value axis must leave for them, and adds the phase kinds to the legend.
 */
public final class PhaseBands {
  private PhaseBands() {}

  public static Color phaseColor(Phase.Kind kind) {
    return switch (kind) {
      case DEPLOY -> new Color(0x4e, 0x79, 0xa7);
      case WAIT -> new Color(0xe8, 0xb2, 0x2c);
      case SHIFT -> new Color(0x9b, 0x5f, 0xc0);
      case CLEANUP -> new Color(0x88, 0x88, 0x88);
      case ROLLBACK -> new Color(0xe0, 0x6c, 0x10);
    };
  }

  public static final float PHASE_ALPHA = 0.13f;

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

  private static double textWidthSeconds(String text, Font font, double horizonSeconds) {
    double px = font.getStringBounds(text, ChartTheme.FRC).getWidth() + 12;
    return px / ChartTheme.PLOT_WIDTH_PX * horizonSeconds;
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
          && phases.get(j + 1).start() <= end + gap && Objects.equals(phases.get(j + 1).fleet(), first.fleet())) {
        j++;
        end = Math.max(end, phases.get(j).end());
      }
      int n = j - i + 1;
      // phases of several fleets are grouped per fleet, named after it (docs/resilience.md#deploying-several-fleets)
      String text = n == 1 ? first.label() : (first.fleet() == null ? "" : first.fleet() + ": ")
          + PhaseWords.verb(first.kind()) + " (" + n + " steps)";
      out.add(new Span(text, first.start(), end, first.kind()));
      i = j + 1;
    }
    return out;
  }

  /** Greedy rows; null when a label does not fit and {@code drop} is false. */
  private static List<PhaseLabel> layout(List<Span> spans, double horizonSeconds, boolean drop) {
    List<PhaseLabel> out = new ArrayList<>();
    double[] rowEnds = new double[MAX_LABEL_ROWS];
    java.util.Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
    for (Span s : spans) {
      double end = s.start() + textWidthSeconds(s.text(), ChartTheme.ANNOTATION, horizonSeconds);
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
      ValueMarker edge = new ValueMarker(start, ChartTheme.tint(c, 0.35), new BasicStroke(1.2f));
      plot.addDomainMarker(edge, Layer.BACKGROUND);
      // the strip in the headroom stays visible even where data (stacked areas) covers the band
      Color strip = new Color(c.getRed(), c.getGreen(), c.getBlue(), 70);
      plot.addAnnotation(new XYBoxAnnotation(start, stripBottom, end, upper, new BasicStroke(0f), strip, strip),
          false);
    }
    double rowHeight = upper * 0.065;
    for (PhaseLabel l : labels) {
      double y = upper - rowHeight * (l.row() + 0.5) - upper * 0.015;
      XYTextAnnotation label = new XYTextAnnotation(l.text(), l.start() / 60 + 5 * horizonSeconds / 60 / ChartTheme.PLOT_WIDTH_PX, y);
      label.setFont(ChartTheme.ANNOTATION);
      label.setPaint(phaseColor(l.kind()).darker());
      label.setTextAnchor(TextAnchor.CENTER_LEFT);
      plot.addAnnotation(label, false);
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
      Paint fill = ChartTheme.tint(c, 1 - PHASE_ALPHA * 2.2);
      LegendItem item = new LegendItem(PhaseWords.name(k), null, null, null, new Rectangle(-7, -7, 14, 14), fill,
          new BasicStroke(1f), c);
      item.setLabelFont(ChartTheme.LEGEND);
      items.add(item);
    }
    return items;
  }
}
