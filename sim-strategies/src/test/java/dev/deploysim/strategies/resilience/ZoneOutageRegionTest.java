package dev.deploysim.strategies.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.strategies.Strategies;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A zoneOutage names its region (docs/resilience.md#region-outages): zone names repeat in every
 * region, so in a file with several regions the outage says whose zone a fails, and only that
 * region's instances and database primary are hit. Two fleets with a zone a each: app-us (6 in
 * a, b, c: 2 in a) and app-eu (4 in a, b: 2 in a).
 */
class ZoneOutageRegionTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Strategies.catalog());

  private static LoadResult load(String fault, String database) {
    String yaml = """
        name: zones
        regions: [us-east-1, eu-west-1]
        fleets:
          app-us: {region: us-east-1, instances: 6, zones: [a, b, c]}
          app-eu: {region: eu-west-1, instances: 4, zones: [a, b]}
        loadBalancers:
          lb-us: {fleet: app-us}
          lb-eu: {fleet: app-eu}
        traffic: {rps: 200}
        versions: {v1: {}, v2: {}}
        database: %s
        faults:
          - %s
        horizon: 1h
        deployment: {at: 59m, target: app-us, version: v2, strategy: {type: eb.immutable}}
        """.formatted(database, fault);
    return LOADER.parse(yaml, "zones.yaml");
  }

  private static RunResult run(String fault, String database) {
    LoadResult r = load(fault, database);
    assertThat(r.errors()).extracting(ScenarioError::format).isEmpty();
    return ScenarioRunner.run(r.scenario(), Strategies.catalog());
  }

  private static List<TimelineEvent> events(RunResult r, String text) {
    return r.timeline().stream().filter(e -> e.message().contains(text)).toList();
  }

  @Test
  void aZoneOutageHitsOnlyTheFleetsAndDatabaseOfItsRegion() {
    String db = "{engine: rds-multi-az, region: eu-west-1, zone: a, failoverTime: 90s}";
    RunResult eu = run("{at: 10m, type: zoneOutage, zone: a, region: eu-west-1, duration: 30m}", db);
    // the 2 instances of app-eu in zone a fail, none of app-us; the database's primary (eu-west-1 a) fails over
    List<TimelineEvent> marked = events(eu, "Unhealthy: EC2 status checks failed (faults[0]");
    assertThat(marked).hasSize(2).allSatisfy(e -> assertThat(e.message()).startsWith("app-eu-asg"));
    assertThat(eu.summary().recovery().failoverAtSeconds()).isEqualTo(600 + 90.0);
    // zone a of us-east-1: 2 of app-us's instances, and not the database in eu-west-1
    RunResult us = run("{at: 10m, type: zoneOutage, zone: a, region: us-east-1, duration: 30m}", db);
    assertThat(events(us, "Unhealthy: EC2 status checks failed (faults[0]")).hasSize(2)
        .allSatisfy(e -> assertThat(e.message()).startsWith("app-us-asg"));
    assertThat(events(us, "the primary fails")).isEmpty();
    assertThat(us.summary().recovery().failoverAtSeconds()).isNull();
  }

  @Test
  void withSeveralRegionsTheZonesRegionIsRequiredAtTheFaultsLine() {
    LoadResult r = load("{at: 10m, type: zoneOutage, zone: a, duration: 30m}", "{engine: rds-multi-az}");
    assertThat(r.errors()).extracting(ScenarioError::format).singleElement().satisfies(e -> assertThat(e)
        .contains("zones.yaml:13:").contains("faults[0]: required key is missing: region")
        .contains("us-east-1, eu-west-1").contains("region: us-east-1"));
  }

  @Test
  void aZoneIsCheckedAgainstTheFleetsOfItsRegion() {
    // zone c exists in us-east-1 only
    LoadResult r = load("{at: 10m, type: zoneOutage, zone: c, region: eu-west-1, duration: 30m}",
        "{engine: rds-multi-az}");
    assertThat(r.errors()).extracting(ScenarioError::format).singleElement().satisfies(e -> assertThat(e)
        .contains("faults[0].zone").contains("the zones of the fleets in eu-west-1").contains("a, b"));
  }

  @Test
  void aFileWithOneRegionTakesItAsTheZonesRegion() {
    String yaml = """
        name: one
        regions: [us-east-1]
        fleet: {instances: 4, zones: [a, b]}
        traffic: {rps: 200}
        versions: {v1: {}, v2: {}}
        faults:
          - {at: 10m, type: zoneOutage, zone: a, duration: 30m}
        horizon: 1h
        deployment: {at: 59m, version: v2, strategy: {type: eb.immutable}}
        """;
    LoadResult r = LOADER.parse(yaml, "one.yaml");
    assertThat(r.errors()).isEmpty();
    RunResult run = ScenarioRunner.run(r.scenario(), Strategies.catalog());
    assertThat(events(run, "zone a of us-east-1 outage")).hasSize(1);
    assertThat(events(run, "Unhealthy: EC2 status checks failed (faults[0]")).hasSize(2);
  }
}
