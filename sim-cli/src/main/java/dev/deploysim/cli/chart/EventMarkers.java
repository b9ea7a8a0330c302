package dev.deploysim.cli.chart;

import dev.deploysim.result.Marker;
import dev.deploysim.result.RunResult;
import dev.deploysim.scenario.FaultSpec;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;

/**
 * A run's markers on a time chart: the deployment's (detection, rollback, the end), the
 * infrastructure's (Route 53 health checks and failovers, the database, scaling activities) and the
 * injected faults' start and end, as dashed vertical lines coloured by how serious the event is,
 * each with its label written vertically below the phase labels.
 */
public final class EventMarkers {
  private EventMarkers() {}

  /**
   * The run's own markers and one for each injected fault's start (and the end of one that lasts,
   * when it ends within the run), in time order; a fault's start comes before the run's markers of
   * the same instant. A databaseFailure has none of its own: the run marks the database's failure,
   * failover and return.
   */
  public static List<Marker> of(RunResult r) {
    List<Marker> faults = new ArrayList<>();
    double end = r.summary().horizonSeconds();
    for (FaultSpec f : r.scenario().faults()) {
      if (f.at() > end) {
        continue;
      }
      String down = null;
      String up = null;
      double duration = 0;
      if (f instanceof FaultSpec.RegionOutage x) {
        down = x.region() + " down";
        up = x.region() + " back";
        duration = x.duration();
      } else if (f instanceof FaultSpec.ZoneOutage x) {
        // zone names repeat in every region: name the region when there are several
        String zone = "zone " + x.zone()
            + (x.region() != null && r.scenario().topology().regions().size() > 1 ? " of " + x.region() : "");
        down = zone + " down";
        up = zone + " back";
        duration = x.duration();
      } else if (f instanceof FaultSpec.InstanceFailure x) {
        down = x.count() == 1 ? "instance fails" : x.count() + " instances fail";
      } else if (f instanceof FaultSpec.LaunchFailures x) {
        down = "launches fail";
        up = "launches work";
        duration = x.duration();
      } else if (f instanceof FaultSpec.SlowBoots x) {
        down = "slow boots";
        up = "boots normal";
        duration = x.duration();
      } else if (f instanceof FaultSpec.AgentFailure x) {
        down = "agents fail";
      }
      if (down == null) {
        continue;
      }
      faults.add(new Marker(f.at(), down, Marker.Kind.FAILURE));
      if (up != null && duration > 0 && f.at() + duration <= end) {
        faults.add(new Marker(f.at() + duration, up, Marker.Kind.INFO));
      }
    }
    if (faults.isEmpty()) {
      return r.markers();
    }
    List<Marker> all = new ArrayList<>(faults);
    all.addAll(r.markers());
    // stable: at the same instant the fault's marker stays first
    all.sort((a, b) -> Double.compare(a.time(), b.time()));
    return all;
  }

  public static Color markerColor(Marker.Kind kind) {
    return switch (kind) {
      case INFO -> new Color(0x44, 0x44, 0x44);
      case WARNING -> new Color(0xc8, 0x52, 0x00);
      case FAILURE -> new Color(0xb0, 0x00, 0x00);
    };
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
    double top = upper * (1 - PhaseBands.headroom(labelRows)) + upper * 0.01;
    // vertical room for a label: the plot's height below the phase strip, in pixels (estimated)
    double roomPx = (ChartTheme.HEIGHT - 190) * (1 - PhaseBands.headroom(labelRows)) - 10;
    double columnMinutes = 17 * horizonSeconds / 60 / ChartTheme.PLOT_WIDTH_PX;
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
      ValueMarker line = new ValueMarker(x, c, ChartTheme.dashed(1.6f));
      plot.addDomainMarker(line, Layer.FOREGROUND);
      // labels that do not fit in one column of vertical text continue in the next column
      List<String> columns = new ArrayList<>();
      String current = "";
      for (String l : labels) {
        String joined = current.isEmpty() ? l : current + " / " + l;
        if (!current.isEmpty() && ChartTheme.MARKER_LABEL.getStringBounds(joined, ChartTheme.FRC).getWidth() > roomPx) {
          columns.add(current);
          current = l;
        } else {
          current = joined;
        }
      }
      columns.add(current);
      for (int i = 0; i < columns.size(); i++) {
        XYTextAnnotation label = new XYTextAnnotation(columns.get(i), x + i * columnMinutes, top);
        label.setFont(ChartTheme.MARKER_LABEL);
        label.setPaint(c);
        label.setBackgroundPaint(new Color(255, 255, 255, 200));
        label.setTextAnchor(TextAnchor.TOP_RIGHT);
        label.setRotationAnchor(TextAnchor.TOP_RIGHT);
        label.setRotationAngle(-Math.PI / 2);
        plot.addAnnotation(label, false);
      }
    }
  }
}
