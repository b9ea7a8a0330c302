package dev.deploysim.cli.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.result.Marker;
import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.strategies.Strategies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charts mark each injected fault's start and, when it ends within the run, its end. */
class EventMarkersTest {
  @Test
  void faultsAreMarkedAtTheirStartAndEndAmongTheRunsOwnMarkers() {
    String yaml = """
        name: faults
        fleet: {instances: 4, zones: [a, b]}
        traffic: {rps: 100}
        versions: {v1: {}, v2: {}}
        faults:
          - {at: 5m, type: zoneOutage, zone: a, duration: 5m}
          - {at: 12m, type: instanceFailure, count: 2}
          - {at: 14m, type: launchFailures, probability: 0.5, duration: 2h}
        horizon: 30m
        deployment: {at: 20m, version: v2, strategy: {type: eb.immutable}}
        """;
    LoadResult l = new ScenarioLoader(Strategies.catalog()).parse(yaml, "faults.yaml");
    assertThat(l.errors()).extracting(ScenarioError::format).isEmpty();
    RunResult r = ScenarioRunner.run(l.scenario(), Strategies.catalog());
    List<Marker> all = EventMarkers.of(r);
    // zone a: down at 300 s, back at 300 + 300 = 600 s; the launch failures outlast the 30m horizon
    assertThat(all).extracting(Marker::time, Marker::label, Marker::kind).contains(
        tuple(300.0, "zone a down", Marker.Kind.FAILURE), tuple(600.0, "zone a back", Marker.Kind.INFO),
        tuple(720.0, "2 instances fail", Marker.Kind.FAILURE), tuple(840.0, "launches fail", Marker.Kind.FAILURE));
    assertThat(all).extracting(Marker::label).doesNotContain("launches work");
    assertThat(all).containsAll(r.markers());
    assertThat(all).hasSize(r.markers().size() + 4);
    assertThat(all).isSortedAccordingTo((a, b) -> Double.compare(a.time(), b.time()));
  }
}
