package dev.deploysim.result;

import dev.deploysim.scenario.Scenario;
import java.util.List;

/** Everything one simulated run produced. */
public record RunResult(
    Scenario scenario,
    Summary summary,
    TimeSeries timeSeries,
    List<TimelineEvent> timeline,
    List<Phase> phases,
    List<Marker> markers) {
  public RunResult {
    timeline = List.copyOf(timeline);
    phases = List.copyOf(phases);
    markers = List.copyOf(markers);
  }
}
