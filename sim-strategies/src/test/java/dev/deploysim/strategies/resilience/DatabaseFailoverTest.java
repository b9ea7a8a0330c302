package dev.deploysim.strategies.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.strategies.Strategies;
import org.junit.jupiter.api.Test;

/**
 * The database's failover (docs/resilience.md#the-database): while it has no writable primary every
 * request fails; after a new primary takes over, application instances move to its address as their
 * endpoint cache (endpointTtl, 5 s) expires, linearly. The routing is recomputed every second
 * while shares change (Traffic.TRANSITION_STEP), so over the 5 s the failing share is 1, 4/5, 3/5,
 * 2/5, 1/5 for a second each: {@link #RAMP} = 3 s of requests. A failover of F seconds fails
 * rps x (F + 3 s) requests. 200 requests/s, 4 instances (400 requests/s of capacity): nothing else
 * fails.
 */
class DatabaseFailoverTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Strategies.catalog());
  private static final double RPS = 200;
  private static final double TTL = 5;
  private static final double RAMP = 1 + 4 / 5.0 + 3 / 5.0 + 2 / 5.0 + 1 / 5.0;

  static RunResult run(String database, String faults) {
    return run(database, faults, 1);
  }

  static RunResult run(String database, String faults, long seed) {
    String yaml = """
        name: db
        seed: %d
        regions: [us-east-1, eu-west-1]
        fleet: {instances: 4, zones: [a, b]}
        traffic: {rps: 200}
        versions: {v1: {}, v2: {}}
        database: %s
        faults:
        %s
        horizon: 2h
        deployment: {at: 119m, version: v2, strategy: {type: eb.immutable}}
        """.formatted(seed, database, faults.indent(2));
    LoadResult r = LOADER.parse(yaml, "db.yaml");
    assertThat(r.errors()).extracting(ScenarioError::format).isEmpty();
    return ScenarioRunner.run(r.scenario(), Strategies.catalog());
  }

  private static final String FAILURE_AT_10M = "- {at: 10m, type: databaseFailure, duration: 30m}";

  static long failed(RunResult r) {
    return r.summary().traffic().failedRequests();
  }

  @Test
  void aMultiAzFailoverFailsRequestsForItsFailoverTimeAndHalfAnEndpointTtl() {
    // RDS Multi-AZ: "typically 60-120 seconds"; a fixed 90 s here
    RunResult r = run("{engine: rds-multi-az, failoverTime: 90s}", FAILURE_AT_10M);
    assertThat(failed(r)).isCloseTo(Math.round(RPS * (90 + RAMP)), within(1L));
    Summary.Recovery rec = r.summary().recovery();
    assertThat(rec.detectedSeconds()).isEqualTo(0.0);
    assertThat(rec.failoverAtSeconds()).isEqualTo(600 + 90.0);
    // served back to 99% once every instance has the new address (the 1 s steps: 5 s after it)
    assertThat(rec.rtoSeconds()).isCloseTo(90 + TTL, within(1e-9));
    assertThat(rec.failedRequests()).isEqualTo(failed(r));
    assertThat(rec.rpoSeconds()).as("synchronous standby: nothing lost").isNull();
  }

  @Test
  void theDefaultMultiAzFailoverTimeIsWithinTheDocumentedSixtyToOneHundredTwentySeconds() {
    for (long seed = 1; seed <= 5; seed++) {
      RunResult r = run("{engine: rds-multi-az}", FAILURE_AT_10M, seed);
      double down = failed(r) / RPS - RAMP;
      assertThat(down).isBetween(60.0 - 1e-6, 120.0 + 1e-6);
    }
  }

  @Test
  void aSingleAzDatabaseIsDownUntilTheFaultEndsOrARestoreCompletes() {
    // the default restore (2h) outlasts the 30-minute fault: down for the fault, the primary back as it was
    RunResult fault = run("{engine: rds-single-az}", FAILURE_AT_10M);
    assertThat(failed(fault)).isCloseTo(Math.round(RPS * 1800), within(1L));
    assertThat(fault.summary().recovery().rpoSeconds()).isNull();
    // a 10-minute restore comes first: down 600 s, then the endpoint's new address; 5 minutes of
    // writes lost (backupRpo)
    RunResult restore = run("{engine: rds-single-az, restoreTime: 10m}", FAILURE_AT_10M);
    assertThat(failed(restore)).isCloseTo(Math.round(RPS * (600 + RAMP)), within(1L));
    assertThat(restore.summary().recovery().rpoSeconds()).isEqualTo(300.0);
  }

  @Test
  void auroraWithoutReplicasRecreatesTheWriterInFiveToTenMinutes() {
    RunResult r = run("{engine: aurora, replicas: 0}", FAILURE_AT_10M);
    double down = failed(r) / RPS - RAMP;
    // "typically takes less than 10 minutes"; 5 minutes is the assumed lower bound
    assertThat(down).isBetween(300.0 - 1e-6, 600.0 + 1e-6);
  }

  @Test
  void aZoneOutageFailsOverOnlyWhenItTakesThePrimarysZone() {
    RunResult primaryZone = run("{engine: rds-multi-az-cluster, zone: a, failoverTime: 30s}",
        "- {at: 10m, type: zoneOutage, zone: a, region: us-east-1, duration: 30m}");
    assertThat(primaryZone.summary().recovery().failoverAtSeconds()).isEqualTo(600 + 30.0);
    RunResult otherZone = run("{engine: rds-multi-az-cluster, zone: b, failoverTime: 30s}",
        "- {at: 10m, type: zoneOutage, zone: a, region: us-east-1, duration: 30m}");
    assertThat(otherZone.summary().recovery().failoverAtSeconds()).isNull();
  }

  @Test
  void aRegionOutageLeavesAMultiAzDatabaseDownWhileAuroraGlobalPromotesItsSecondaryRegion() {
    String outage = "- {at: 10m, type: regionOutage, region: us-east-1, duration: 30m}";
    // the fleet is in us-east-1 too: no request is served while it is out, whatever the database
    RunResult multiAz = run("{engine: rds-multi-az}", outage);
    assertThat(multiAz.summary().recovery().failoverAtSeconds()).isNull();
    RunResult global = run("{engine: aurora-global, secondaryRegion: eu-west-1, globalFailoverTime: 2m}", outage);
    assertThat(global.summary().recovery().failoverAtSeconds()).isEqualTo(600 + 120.0);
    // unplanned failover of a global database: the writes not yet replicated (replicationLag 1 s)
    assertThat(global.summary().recovery().rpoSeconds()).isEqualTo(1.0);
  }

  /**
   * A copy in another region (docs/resilience.md#regional-outages-and-rds). The database's primary
   * is in eu-west-1 and its copy in us-east-1, where the fleet runs, so an outage of eu-west-1 takes
   * only the database: every request fails from the outage (10m) until the copy takes writes,
   * decideAfter + time later, then over one endpoint TTL (RAMP).
   */
  private static final String EU_OUT_AT_10M = "- {at: 10m, type: regionOutage, region: eu-west-1, duration: 1h}";

  @Test
  void aReadReplicaIsPromotedAfterTheDecisionAndItsRebootLosingItsReplicationLag() {
    RunResult r = run("{engine: rds-multi-az, region: eu-west-1, crossRegionReadReplica: {region: us-east-1, "
        + "promoteAfter: 4m, promotionTime: 6m, replicationLag: 30s}}", EU_OUT_AT_10M);
    Summary.Recovery rec = r.summary().recovery();
    // decided at 600 + 240 = 840 s, writable 360 s later: 1200 s
    assertThat(rec.failoverAtSeconds()).isEqualTo(600 + 240 + 360.0);
    assertThat(rec.rpoSeconds()).isEqualTo(30.0);
    assertThat(failed(r)).isCloseTo(Math.round(RPS * (240 + 360 + RAMP)), within(1L));
    assertThat(rec.rtoSeconds()).isCloseTo(240 + 360 + TTL, within(1e-9));
  }

  @Test
  void theDefaultPromotionIsFiveMinutesOfDecisionAndFiveToTenOfRebootWithTenSecondsLost() {
    for (long seed = 1; seed <= 3; seed++) {
      RunResult r = run("{engine: rds-single-az, region: eu-west-1, crossRegionReadReplica: {region: us-east-1}}",
          EU_OUT_AT_10M, seed);
      double down = failed(r) / RPS - RAMP;
      // promoteAfter 5m + promotionTime {uniform: [5m, 10m]}: 600..900 s
      assertThat(down).isBetween(300 + 300 - 1e-6, 300 + 600 + 1e-6);
      assertThat(r.summary().recovery().rpoSeconds()).isEqualTo(10.0);
    }
  }

  @Test
  void aRegionBackBeforeTheDecisionKeepsItsPrimaryButAPromotionUnderWayCompletes() {
    String db = "{engine: rds-multi-az, region: eu-west-1, crossRegionReadReplica: {region: us-east-1, "
        + "promoteAfter: 4m, promotionTime: 6m}}";
    // back after 3 minutes, before the decision at 4: the same primary, nothing lost, no failover
    RunResult early = run(db, "- {at: 10m, type: regionOutage, region: eu-west-1, duration: 3m}");
    assertThat(failed(early)).isCloseTo(Math.round(RPS * 180), within(1L));
    assertThat(early.summary().recovery().failoverAtSeconds()).isNull();
    assertThat(early.summary().recovery().rpoSeconds()).isNull();
    // back after 5 minutes, while the promotion decided at 4 runs: it completes at 4 + 6 = 10 minutes
    RunResult late = run(db, "- {at: 10m, type: regionOutage, region: eu-west-1, duration: 5m}");
    assertThat(late.summary().recovery().failoverAtSeconds()).isEqualTo(600 + 600.0);
    assertThat(failed(late)).isCloseTo(Math.round(RPS * (600 + RAMP)), within(1L));
  }

  @Test
  void singleAzBackupsCopiedToAnotherRegionAreRestoredThereAfterTheDecision() {
    RunResult r = run("{engine: rds-single-az, region: eu-west-1, restoreTime: 30m, crossRegionBackups: "
        + "{region: us-east-1, restoreAfter: 10m}}", EU_OUT_AT_10M);
    // restore decided at 600 + 600, done 1800 s later; backupRpo (default 5m) lost
    assertThat(r.summary().recovery().failoverAtSeconds()).isEqualTo(600 + 600 + 1800.0);
    assertThat(r.summary().recovery().rpoSeconds()).isEqualTo(300.0);
    assertThat(failed(r)).isCloseTo(Math.round(RPS * (600 + 1800 + RAMP)), within(1L));
  }

  @Test
  void aCopyInAnotherRegionIsRefusedWhereItDoesNotApply() {
    assertThat(errors("{engine: aurora, crossRegionReadReplica: {region: eu-west-1}}"))
        .anySatisfy(e -> assertThat(e).contains("database.crossRegionReadReplica").contains("not to aurora")
            .contains("aurora-global"));
    assertThat(errors("{engine: rds-multi-az, crossRegionBackups: {region: eu-west-1}}"))
        .anySatisfy(e -> assertThat(e).contains("database.crossRegionBackups").contains("only to rds-single-az"));
    assertThat(errors("{engine: rds-multi-az, crossRegionReadReplica: {region: us-east-1}}"))
        .anySatisfy(e -> assertThat(e).contains("database.crossRegionReadReplica.region")
            .contains("another region than the primary's (us-east-1)").contains("region: eu-west-1"));
    assertThat(errors("{engine: rds-single-az, crossRegionReadReplica: {region: eu-west-1}, crossRegionBackups: "
        + "{region: eu-west-1}}")).anySatisfy(e -> assertThat(e).contains("give one copy in another region"));
  }

  private static java.util.List<String> errors(String database) {
    String yaml = """
        name: db
        regions: [us-east-1, eu-west-1]
        fleet: {instances: 4, zones: [a, b]}
        traffic: {rps: 200}
        versions: {v1: {}, v2: {}}
        database: %s
        deployment: {at: 10m, version: v2, strategy: {type: eb.immutable}}
        """.formatted(database);
    return LOADER.parse(yaml, "db.yaml").errors().stream().map(ScenarioError::format).toList();
  }
}
