package dev.deploysim.cli.output;

import dev.deploysim.engine.Durations;
import dev.deploysim.result.TimelineEvent;
import java.util.List;

/**
 * events.log: one line per timeline event, time first ({@code HH:MM:SS.mmm} of simulated time).
 * The deployment's own events read as they are ({@code 00:05:00.000 deployment started: eb.immutable
 * v1 -> v2}); events of the infrastructure name their source ({@code 00:05:12.000 lb: i-3
 * registered with blue-tg}), so the deployment's story stands out and every line stays greppable.
 */
public final class EventsLog {
  private EventsLog() {}

  public static String text(List<TimelineEvent> timeline) {
    StringBuilder b = new StringBuilder();
    for (TimelineEvent e : timeline) {
      b.append(line(e)).append('\n');
    }
    return b.toString();
  }

  public static String line(TimelineEvent e) {
    String message = oneLine(e.message());
    String source = e.source();
    if (source == null || source.isEmpty() || source.equals("deployment")) {
      return Durations.clock(e.time()) + " " + message;
    }
    return Durations.clock(e.time()) + " " + source + ": " + message;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
