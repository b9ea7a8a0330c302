package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.cli.output.CompareOutputs;
import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary's recovery block in the aggregate outputs (docs/outputs.md#replications,
 * docs/resilience.md#measuring-recovery): replications.csv, the replications statistics, and the
 * recovery columns of {@code sim compare}.
 *
 * <p>The database fails at 10m and its engine fails over in a fixed time F. While it has no writable
 * primary every request fails; then the application's instances move to the new primary as their
 * endpoint cache (endpointTtl, 5 s) expires, recomputed every second: the failing share is 1, 4/5,
 * 3/5, 2/5, 1/5 for a second each, 3 s of requests in all. So at 200 requests/s a failover of F
 * fails 200 x (F + 3) requests; the database is found failed at once (detected 0 s after the fault);
 * the new primary takes writes at 600 + F; served requests are back to 99% of demand 5 s after that
 * (the last step), so the RTO is F + 5.
 */
class RecoveryOutputsTest {
  static final String DB = """
      name: multi-az
      regions: [us-east-1]
      fleet: {instances: 4, zones: [a, b]}
      traffic: {rps: 200}
      versions: {v1: {}, v2: {}}
      database: {engine: rds-multi-az, failoverTime: 90s}
      faults:
        - {at: 10m, type: databaseFailure, duration: 30m}
      horizon: 40m
      deployment: {at: 15m, version: v2, strategy: {type: eb.immutable}}
      """;

  static final List<String> RECOVERY = List.of("recoveryDetectedSeconds", "rtoSeconds", "rpoSeconds",
      "failoverAtSeconds", "recoveryFailedRequests");

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(dir).withParser(CliContext.loaderFor(Strategies.catalog()));
    Files.writeString(dir.resolve("multi-az.yaml"), DB);
    Files.writeString(dir.resolve("cluster.yaml"), DB.replace("name: multi-az", "name: cluster")
        .replace("engine: rds-multi-az, failoverTime: 90s", "engine: rds-multi-az-cluster, failoverTime: 30s"));
    Files.writeString(dir.resolve("calm.yaml"), DB.replace("name: multi-az", "name: calm")
        .replace("faults:\n  - {at: 10m, type: databaseFailure, duration: 30m}\n", ""));
  }

  @Test
  void replicationsCsvAndTheStatisticsCarryTheRecoveryOfEveryReplication() throws IOException {
    Cli.Result r = cli.run("run", "multi-az.yaml", "--replications", "2", "-o", "rep", "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("rep/replications.csv"));
    List<String> header = Arrays.asList(lines.get(0).split(","));
    assertThat(header.subList(header.size() - 5, header.size())).isEqualTo(RECOVERY);
    for (String row : lines.subList(1, 3)) {
      List<String> cells = Arrays.asList(row.split(",", -1));
      // detected at once; F + 5 = 95 s; a synchronous standby loses nothing; 600 + 90 s; 200 x 93
      assertThat(cells.subList(cells.size() - 5, cells.size())).containsExactly("0", "95", "", "690", "18600");
    }
    JsonNode m = new ObjectMapper().readTree(dir.resolve("rep/summary.json").toFile()).at("/replications/metrics");
    assertThat(m.at("/rtoSeconds/count").asInt()).isEqualTo(2);
    assertThat(m.at("/rtoSeconds/mean").asDouble()).isEqualTo(95.0);
    assertThat(m.at("/rtoSeconds/p95").asDouble()).isEqualTo(95.0);
    assertThat(m.at("/failoverAtSeconds/p50").asDouble()).isEqualTo(690.0);
    assertThat(m.at("/recoveryFailedRequests/mean").asDouble()).isEqualTo(18600.0);
    assertThat(m.at("/rpoSeconds/count").asInt()).isZero();
    assertThat(m.at("/rpoSeconds/mean").isNull()).isTrue();
    // the table on stdout and report.md show the recovery rows of a scenario with a fault
    assertThat(r.out()).containsPattern("\n  recovery time \\(RTO\\) +1m35s ± 0s, p95 1m35s\n")
        .containsPattern("\n  failover at +11m30s");
    assertThat(Files.readString(dir.resolve("rep/report.md"))).contains("| recovery time (RTO) | 1m35s ± 0s");
  }

  @Test
  void withoutAFaultTheRecoveryColumnsAreThereAndEmpty() throws IOException {
    Cli.Result r = cli.run("run", "calm.yaml", "--replications", "2", "-o", "calm", "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("calm/replications.csv"));
    assertThat(lines.get(0)).endsWith("," + String.join(",", RECOVERY));
    assertThat(lines.get(1)).endsWith(",,,,,");
    assertThat(r.out()).doesNotContain("RTO");
  }

  @Test
  void compareAddsRecoveryColumnsWhenSomeRunHasAFault() throws IOException {
    Cli.Result calm = cli.run("compare", "calm.yaml", "-o", "c0", "--format", "png");
    assertThat(calm.exit()).as(calm.err()).isZero();
    assertThat(calm.out().lines().findFirst().orElseThrow()).doesNotContain("RTO");

    Cli.Result r = cli.run("compare", "multi-az.yaml", "cluster.yaml", "calm.yaml", "-o", "c", "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).endsWith("SLO violated  fault detected  RTO    RPO   failover at  failed until recovery");
    // multi-az: F = 90 s; cluster: F = 30 s, so RTO 35 s, failover at 10m30s, 200 x 33 = 6,600 failed
    assertThat(lines.get(1)).startsWith("multi-az").endsWith("0s              1m35s  none  11m30s       18,600");
    assertThat(lines.get(2)).startsWith("cluster").endsWith("0s              35s    none  10m30s       6,600");
    assertThat(lines.get(3)).startsWith("calm").endsWith("n/a             n/a    n/a   n/a          n/a");
    assertThat(r.out()).contains("cluster (eb.immutable): ").contains("recovered fastest (35s after the fault)");
    String report = Files.readString(dir.resolve("c/report.md"));
    assertThat(report).contains("| " + String.join(" | ", CompareOutputs.RECOVERY_COLUMNS) + " |");
  }
}
