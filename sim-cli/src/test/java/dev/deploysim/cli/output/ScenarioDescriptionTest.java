package dev.deploysim.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * report.md's `## Scenario` paragraph describes the whole system: regions, every fleet and load
 * balancer, Route 53 records, the database and every fault in words (docs/outputs.md). Each expected
 * phrase is written from the scenario text in the test (its keys and values put into words), not
 * copied from an output.
 */
class ScenarioDescriptionTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Strategies.catalog());

  static Scenario load(String yaml) {
    LoadResult r = LOADER.parse(yaml, "s.yaml");
    assertThat(r.errors()).extracting(ScenarioError::format).isEmpty();
    return r.scenario();
  }

  static String describe(String yaml) {
    Scenario s = load(yaml);
    StrategyType type = Strategies.catalog().find(s.deployment().strategy().type()).orElseThrow();
    return ScenarioDescription.paragraph(s, type, false);
  }

  /** Two regions, a fleet and a load balancer in each, a failover pair, a global database. */
  static final String TWO_REGIONS = """
      name: two-regions
      regions: [us-east-1, eu-west-1]
      fleets:
        app-us: {region: us-east-1, instances: 6, capacity: 100, zones: [a, b, c]}
        app-eu: {region: eu-west-1, instances: 3, capacity: 100, zones: [a, b]}
      loadBalancers:
        lb-us: {fleet: app-us, type: alb}
        lb-eu: {fleet: app-eu, type: alb}
      dns:
        ttl: 60s
        records:
          - {type: failover, role: PRIMARY, target: lb-us, healthCheck: {interval: 30s, failureThreshold: 3}}
          - {type: failover, role: SECONDARY, target: lb-eu}
      database:
        engine: aurora-global
        secondaryRegion: eu-west-1
        globalFailoverTime: 2m
        failoverTime: 30s
        replicationLag: 2s
      traffic: {rps: 400}
      versions: {v1: {}, v2: {}}
      faults:
        - {at: 20m, type: regionOutage, region: us-east-1, duration: 1h}
        - {at: 1h30m, type: databaseFailure, duration: 30m}
      horizon: 3h
      deployment: {at: 2h, target: app-us, version: v2, strategy: {type: eb.immutable}}
      """;

  @Test
  void regionsFleetsLoadBalancersRecordsAndAGlobalDatabase() {
    String p = describe(TWO_REGIONS);
    assertThat(p).contains("The system runs in regions us-east-1 and eu-west-1.")
        .contains("Fleet app-us, the one deployed, is an Auto Scaling group of 6 instances in region us-east-1, "
            + "spread over zones a, b and c; each serves up to 100 requests/s")
        .contains("Fleet app-eu is an Auto Scaling group of 3 instances in region eu-west-1, spread over zones a "
            + "and b;")
        // a load balancer is in its fleet's region
        .contains("Load balancer lb-us in us-east-1 sends requests to fleet app-us: an ALB checks each target")
        .contains("Load balancer lb-eu in eu-west-1 sends requests to fleet app-eu: an ALB checks each target")
        .contains("failover records: PRIMARY lb-us with a Route 53 health check every 30s (failure threshold 3) "
            + "and SECONDARY lb-eu without a health check")
        .contains("DNS answers have a TTL of 1m;")
        // dns.propagation's default: uniform 0s..60s
        .contains("reaches Route 53's name servers after between 0s and 1m.")
        .contains("an Aurora Global Database (aurora-global), its primary in region us-east-1,")
        .contains("while it has no writable primary, every request fails")
        // replicas default 1
        .contains("its Aurora replica is promoted after 30s, losing no writes")
        .contains("when us-east-1 goes down, the secondary cluster in eu-west-1 is promoted after 2m, losing the "
            + "last 2s of writes")
        // endpointTtl default 5s
        .contains("caches the endpoint's address for 5s")
        .contains("Injected faults: at 20m, region us-east-1 goes down for 1h (its instances, load balancers and "
            + "the database's primary stop, launches there fail); at 1h30m, the database's primary fails for 30m.")
        .doesNotContain("RegionOutage[").doesNotContain("DatabaseFailure[");
  }

  /** One region, the singular fleet, weighted records evaluating target health, a single-AZ database. */
  static final String ONE_REGION = """
      name: one-region
      regions: [us-west-2]
      fleets:
        blue: {instances: 4, zones: [a, b]}
        green: {instances: 2, zones: [a, b]}
      loadBalancers:
        lb-blue: {fleet: blue, type: alb}
        lb-green: {fleet: green, type: clb}
      dns:
        records:
          - {type: weighted, weight: 200, target: lb-blue, healthCheck: {interval: 10s, failureThreshold: 2}}
          - {type: weighted, weight: 55, target: lb-green, evaluateTargetHealth: true}
      database: {engine: rds-single-az, zone: b, restoreTime: 45m, backupRpo: 10m}
      traffic: {rps: 200}
      versions: {v1: {}, v2: {}}
      faults:
        - {at: 10m, type: zoneOutage, zone: b, duration: 20m}
        - {at: 40m, type: instanceFailure, count: 2, version: v1, zone: a}
        - {at: 50m, type: instanceFailure}
        - {at: 1h, type: launchFailures, probability: 0.25, duration: 10m}
        - {at: 1h10m, type: slowBoots, factor: 3, duration: 15m}
      horizon: 2h
      deployment: {at: 1h30m, target: blue, version: v2, strategy: {type: eb.immutable}}
      """;

  @Test
  void weightedRecordsASingleAzDatabaseAndEveryFleetFaultInWords() {
    String p = describe(ONE_REGION);
    assertThat(p).contains("The system runs in region us-west-2.")
        .contains("Fleet blue, the one deployed, is an Auto Scaling group of 4 instances in region us-west-2,")
        .contains("Fleet green is an Auto Scaling group of 2 instances in region us-west-2,")
        .contains("sends requests to fleet green: a CLB checks each target")
        .contains("weighted records: lb-blue (weight 200) with a Route 53 health check every 10s (failure "
            + "threshold 2) and lb-green (weight 55) following its load balancer's health (evaluateTargetHealth)")
        .contains("in proportion to its weight among the healthy ones")
        .contains("an RDS Single-AZ DB instance (rds-single-az), its primary in region us-west-2, in zone b")
        .contains("It has no standby: when the primary fails, it is down until the fault ends or a restore from a "
            + "backup completes after 45m, which loses the last 10m of writes")
        .contains("an outage of us-west-2 leaves it down until the region returns")
        .contains("at 10m, zone b of us-west-2 goes down for 20m (its instances fail and launches there fail; the database's "
            + "primary is there)")
        .contains("at 40m, 2 instances running v1 in zone a fail their EC2 status checks")
        // count defaults to 1
        .contains("at 50m, 1 instance fails its EC2 status checks")
        .contains("at 1h, 25% of launch attempts fail for 10m")
        .contains("at 1h10m, launches take 3x as long for 15m");
  }

  /** One region without names: two instances over zones a and b. */
  static final String SMALL = "name: small\nfleet: {instances: 2, zones: [a, b]}\ntraffic: {rps: 10}\n"
      + "versions: {v1: {}, v2: {}}\ndeployment: {at: 1m, version: v2, strategy: {type: eb.immutable}}\n";

  @Test
  void eachEngineSaysHowItFailsOver() {
    String single = SMALL;
    assertThat(describe(single + "database: {engine: rds-multi-az, failoverTime: 90s, endpointTtl: 30s}\n"))
        .contains("an RDS Multi-AZ DB instance (rds-multi-az), its primary in zone a:")
        .contains("its standby in another zone takes over after 1m30s, losing no writes.")
        .contains("caches the endpoint's address for 30s")
        // one region without regions: no region to name
        .doesNotContain("an outage of");
    assertThat(describe(single + "database: {engine: rds-multi-az-cluster, failoverTime: {uniform: [20s, 35s]}}\n"))
        .contains("an RDS Multi-AZ DB cluster (rds-multi-az-cluster)")
        .contains("one of its two readable standbys takes over after between 20s and 35s, losing no writes");
    assertThat(describe(single + "database: {engine: aurora, replicas: 2, failoverTime: 40s}\n"))
        .contains("one of its 2 Aurora replicas is promoted after 40s");
    assertThat(describe(single + "database: {engine: aurora, replicas: 0, failoverTime: 7m}\n"))
        .contains("It has no Aurora replica: when the writer fails, a new one is created after 7m");
  }

  @Test
  void aCopyInAnotherRegionSaysWhoDecidesAndWhatItLoses() {
    String regions = SMALL.replace("name: small\n", "name: small\nregions: [us-east-1, eu-west-1]\n");
    assertThat(describe(regions + "database: {engine: rds-multi-az, failoverTime: 90s, crossRegionReadReplica: "
        + "{region: eu-west-1, promoteAfter: 3m, promotionTime: 8m, replicationLag: 20s}}\n"))
        .contains("when us-east-1 goes down, its read replica in eu-west-1 is promoted if the region is still out 3m "
            + "later (an operator's decision), taking writes 8m after that and losing the last 20s of writes")
        .doesNotContain("leaves it down until the region returns");
    assertThat(describe(regions + "database: {engine: rds-single-az, restoreTime: 1h, backupRpo: 5m, "
        + "crossRegionBackups: {region: eu-west-1, restoreAfter: 10m}}\n"))
        .contains("its backups copied to eu-west-1 are restored there if the region is still out 10m later (an "
            + "operator's decision), taking writes 1h after that and losing the last 5m of writes");
    // a zone outage names its region; the primary (zone a of us-east-1) is not in eu-west-1
    assertThat(describe(regions + "database: {engine: rds-multi-az}\nfaults:\n"
        + "  - {at: 5m, type: zoneOutage, zone: a, region: eu-west-1, duration: 10m}\n"))
        .contains("Injected fault: at 5m, zone a of eu-west-1 goes down for 10m (its instances fail and launches "
            + "there fail).");
  }

  @Test
  void opsWorksAgentFailuresInWords() {
    String base = SMALL + "faults:\n";
    assertThat(describe(base + "  - {at: 5m, type: agentFailure, count: 0, duration: 1h}\n"))
        .contains("Injected fault: at 5m, for 1h the agent of every instance that boots does not start.");
    assertThat(describe(base + "  - {at: 2m, type: agentFailure, count: 2, zone: b, duration: 10m}\n"))
        .contains("at 2m, the OpsWorks agent stops on 2 instances in zone b (the application keeps running), and "
            + "for 10m the agent of every instance that boots does not start");
  }

  @Test
  void everyFaultTypeHasWords() {
    // the sealed interface's variants: each must be put into words, not printed as a record
    Set<String> covered = load(TWO_REGIONS).faults().stream().map(FaultSpec::type).collect(Collectors.toSet());
    covered.addAll(load(ONE_REGION).faults().stream().map(FaultSpec::type).toList());
    covered.add("agentFailure");
    List<String> all = java.util.Arrays.stream(FaultSpec.class.getPermittedSubclasses())
        .map(c -> Character.toLowerCase(c.getSimpleName().charAt(0)) + c.getSimpleName().substring(1)).toList();
    assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void aCopyOfTheDatabaseInAnotherRegionIsDescribedWithItsDecisionTimeAndLoss() throws java.io.IOException {
    // lesson 49's read replica: promoteAfter 5m, promotionTime {uniform: [5m, 10m]}, replicationLag 10s (defaults)
    String p = describe(java.nio.file.Files.readString(java.nio.file.Path.of("../scenarios/lessons/dr-read-replica.yaml")));
    assertThat(p).contains("when us-east-1 goes down, its read replica in eu-west-1 is promoted if the region is "
        + "still out 5m later (an operator's decision), taking writes between 5m and 10m after that and losing the "
        + "last 10s of writes");
  }
}
