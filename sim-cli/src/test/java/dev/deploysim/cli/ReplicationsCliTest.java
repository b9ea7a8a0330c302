package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.engine.RandomStreams;
import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --replications N} and {@code --threads} on run and compare, with the real loader. */
class ReplicationsCliTest {
  /** Rolling in batches of 2 with an install time that varies: every replication differs. */
  static final String ROLLING = """
      name: rolling
      seed: 11
      fleet: {instances: 6, maxSize: 12, zones: [a, b, c], launchTime: {lognormal: {median: 40s, p95: 90s}}}
      loadBalancer: {type: alb, preset: elastic-beanstalk}
      traffic: {rps: 400}
      versions:
        v1: {install: 30s, start: 10s}
        v2: {install: {uniform: [20s, 40s]}, start: 10s}
      deployment:
        at: 2m
        version: v2
        strategy: {type: eb.rolling, batchSize: 2}
      """;

  static final String[] METRICS = {"durationSeconds", "minInServiceInstances", "minCapacityPercent", "peakInstances",
    "requests", "failedRequests", "availabilityPercent", "downtimeSeconds", "degradedSeconds",
    "requestsServedByNewVersion", "requestsServedByNewVersionBeforeRollback", "rollbackTriggered",
    "rollbackSeconds", "instanceHours", "extraInstanceHours", "usd",
    "mixedVersionSeconds", "detectionAfterStartSeconds", "latencyP99Seconds", "sloViolationSeconds",
    "recoveryDetectedSeconds", "rtoSeconds", "rpoSeconds", "failoverAtSeconds", "recoveryFailedRequests"};

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(dir).withParser(CliContext.loaderFor(Strategies.catalog()));
    Files.writeString(dir.resolve("rolling.yaml"), ROLLING);
  }

  @Test
  void anyReplicationRerunsAloneFromTheSeedReplicationsCsvPrints() throws IOException {
    // issue 17 item 7: every printed seed is a valid --seed (and seed:), 0 to 2^63-1; replication i
    // is the scenario with its seed, so sim run --seed <that seed> gives the same numbers
    assertThat(cli.run("run", "rolling.yaml", "--replications", "4", "-o", "reps", "--quiet", "--format", "png")
        .exit()).isZero();
    List<String> rows = Files.readAllLines(dir.resolve("reps/replications.csv"));
    assertThat(rows).hasSize(5);
    List<String> header = List.of(rows.get(0).split(","));
    for (int i = 1; i <= 4; i++) {
      String[] row = rows.get(i).split(",", -1);
      long seed = Long.parseLong(row[1]);
      // README: replication i's seed = mix(mix(11) + i x 0x9E3779B97F4A7C15), sign bit cleared; 0 is 11 itself
      assertThat(seed).isEqualTo(i == 1 ? 11 : RandomStreams.replicationSeed(11, i - 1)).isNotNegative();
      Cli.Result alone = cli.run("run", "rolling.yaml", "--seed", row[1], "--json", "-o", "alone" + i, "--format", "png");
      assertThat(alone.exit()).as(alone.err()).isZero();
      JsonNode s = new ObjectMapper().readTree(alone.out());
      assertThat(s.get("seed").asLong()).isEqualTo(seed);
      assertThat(row[header.indexOf("outcome")]).isEqualTo(s.get("outcome").asText());
      assertThat(Double.parseDouble(row[header.indexOf("durationSeconds")]))
          .isCloseTo(s.at("/deployment/durationSeconds").asDouble(), within(1e-9));
      assertThat(Long.parseLong(row[header.indexOf("requests")])).isEqualTo(s.at("/traffic/requests").asLong());
      assertThat(Long.parseLong(row[header.indexOf("failedRequests")]))
          .isEqualTo(s.at("/traffic/failedRequests").asLong());
    }
  }

  @Test
  void negativeSeedsAreRefusedAlikeOnTheCommandLineAndInAFile() throws IOException {
    Cli.Result cmd = cli.run("run", "rolling.yaml", "--seed", "-1");
    assertThat(cmd.exit()).isEqualTo(2);
    assertThat(cmd.err()).contains("--seed must be 0 to 9223372036854775807");
    Files.writeString(dir.resolve("negative.yaml"), ROLLING.replace("seed: 11", "seed: -1"));
    Cli.Result file = cli.run("validate", "negative.yaml");
    assertThat(file.exit()).isEqualTo(2);
    assertThat(file.err()).startsWith("negative.yaml:2:").contains(": seed: must be at least 0, got -1");
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() throws IOException {
    for (int threads = 1; threads <= 3; threads++) {
      Cli.Result r = cli.run("run", "rolling.yaml", "--replications", "7", "--threads", "" + threads, "-o", "t" + threads,
          "--quiet", "--format", "png");
      assertThat(r.exit()).as(r.err()).isZero();
    }
    for (String f : new String[] {"summary.json", "replications.csv", "timeseries.csv", "events.log", "report.md",
      "replications.png"}) {
      byte[] one = Files.readAllBytes(dir.resolve("t1").resolve(f));
      assertThat(Files.readAllBytes(dir.resolve("t2").resolve(f))).as(f + " with 2 threads").isEqualTo(one);
      assertThat(Files.readAllBytes(dir.resolve("t3").resolve(f))).as(f + " with 3 threads").isEqualTo(one);
    }
  }

  @Test
  void summaryJsonAddsStatisticsAndReplicationZeroIsTheScenarioItself() throws IOException {
    assertThat(cli.run("run", "rolling.yaml", "-o", "single", "--quiet", "--format", "png").exit()).isZero();
    Cli.Result r = cli.run("run", "rolling.yaml", "--replications", "5", "--threads", "2", "-o", "many",
        "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(RunCommandTest.list(dir.resolve("many"))).containsExactly("capacity.png", "events.log",
        "replications.csv", "replications.png", "report.md", "summary.json", "timeseries.csv", "versions.png");

    ObjectMapper json = new ObjectMapper();
    JsonNode single = json.readTree(dir.resolve("single/summary.json").toFile());
    JsonNode many = json.readTree(dir.resolve("many/summary.json").toFile());
    // the top-level keys are replication 0's: the run with the file's own seed
    JsonNode withoutReplications = many.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) withoutReplications).remove("replications");
    assertThat(withoutReplications).isEqualTo(single);
    assertThat(Files.readString(dir.resolve("many/timeseries.csv")))
        .isEqualTo(Files.readString(dir.resolve("single/timeseries.csv")));

    JsonNode rep = many.get("replications");
    assertThat(rep.get("count").asInt()).isEqualTo(5);
    assertThat(fieldNames(rep.get("outcomes"))).containsExactly("SUCCEEDED", "FAILED", "ROLLED_BACK");
    assertThat(rep.at("/outcomes/SUCCEEDED").asInt()).isEqualTo(5);
    assertThat(fieldNames(rep.get("metrics"))).containsExactly(METRICS);
    for (String m : METRICS) {
      assertThat(fieldNames(rep.get("metrics").get(m))).as(m)
          .containsExactly("count", "mean", "ci95", "min", "p5", "p50", "p95", "max");
    }
    // no rollback in any replication: no value, count 0; the rollback probability is 0 of 5
    assertThat(rep.at("/metrics/rollbackSeconds/count").asInt()).isZero();
    assertThat(rep.at("/metrics/rollbackTriggered/count").asInt()).isEqualTo(5);
    assertThat(rep.at("/metrics/rollbackTriggered/mean").asDouble()).isZero();
    assertThat(rep.at("/metrics/rollbackSeconds/mean").isNull()).isTrue();

    // replications.csv: one row per replication; the statistics are those of its columns
    List<String> lines = Files.readAllLines(dir.resolve("many/replications.csv"));
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).isEqualTo("index,seed,outcome," + String.join(",", METRICS));
    List<Double> durations = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String[] cells = lines.get(i + 1).split(",", -1);
      assertThat(cells[0]).isEqualTo("" + i);
      assertThat(Long.parseLong(cells[1])).isEqualTo(RandomStreams.replicationSeed(11, i));
      assertThat(cells[2]).isEqualTo("SUCCEEDED");
      durations.add(Double.parseDouble(cells[3]));
    }
    assertThat(durations.get(0)).isEqualTo(single.at("/deployment/durationSeconds").asDouble());
    assertThat(durations).doesNotHaveDuplicates();
    double mean = durations.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double ss = durations.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
    // Student t, 4 degrees of freedom, two-sided 95%: 2.7764
    double ci = 2.7764 * Math.sqrt(ss / 4) / Math.sqrt(5);
    assertThat(rep.at("/metrics/durationSeconds/mean").asDouble()).isCloseTo(mean, within(0.002));
    assertThat(rep.at("/metrics/durationSeconds/ci95").asDouble()).isCloseTo(ci, within(0.01));
    double min = durations.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    assertThat(rep.at("/metrics/durationSeconds/min").asDouble()).isEqualTo(min);
    // p5 by R-7 over the five sorted durations: h = (5 - 1) x 0.05 = 0.2, so d0 + 0.2 (d1 - d0)
    List<Double> sorted = durations.stream().sorted().toList();
    assertThat(rep.at("/metrics/durationSeconds/p5").asDouble())
        .isCloseTo(sorted.get(0) + 0.2 * (sorted.get(1) - sorted.get(0)), within(0.0011));

    // the table: outcome counts and mean ± ci95, p95 of the key metrics
    assertThat(r.out()).containsPattern("\nreplications +5: SUCCEEDED 5\n").containsPattern("\n  duration +\\S+ ± ")
        .contains(", p95 ");
    assertThat(Files.readString(dir.resolve("many/report.md"))).contains("## Replications",
        "![distributions over the replications](replications.png)");
  }

  @Test
  void oneReplicationIsAPlainRun() throws IOException {
    Cli.Result r = cli.run("run", "rolling.yaml", "--replications", "1", "--json", "-o", "one", "--format", "png");
    assertThat(r.exit()).isZero();
    assertThat(new ObjectMapper().readTree(r.out()).has("replications")).isFalse();
    assertThat(dir.resolve("one/replications.csv")).doesNotExist();
  }

  @Test
  void compareWithReplicationsShowsMeansAndWritesOneSummaryEach() throws IOException {
    Cli.Result r = cli.run("compare", "rolling.yaml", "--strategies", "eb.rolling,eb.immutable", "--replications", "4",
        "--threads", "2", "-o", "cmp", "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode arr = new ObjectMapper().readTree(dir.resolve("cmp/compare.json").toFile());
    assertThat(arr).hasSize(2);
    assertThat(arr.get(0).at("/replications/count").asInt()).isEqualTo(4);
    assertThat(arr.get(1).get("scenario").asText()).isEqualTo("rolling-eb.immutable");
    assertThat(r.out()).contains("SUCCEEDED 4", " ± ");
  }

  @Test
  void aProgressBarOnATerminalStderrUnlessQuiet() {
    Cli tty = cli.withTerminal(new Terminal(false, true, java.util.Map.of()));
    Cli.Result bar = tty.run("run", "rolling.yaml", "--replications", "4", "-o", "p", "--format", "png");
    assertThat(bar.exit()).isZero();
    assertThat(bar.err()).contains("replications").contains("\r");
    assertThat(bar.out()).doesNotContain("\r");
    assertThat(tty.run("run", "rolling.yaml", "--replications", "4", "-o", "p", "--format", "png", "--quiet").err())
        .isEmpty();
    Cli ci = cli.withTerminal(new Terminal(false, true, java.util.Map.of("CI", "true")));
    assertThat(ci.run("run", "rolling.yaml", "--replications", "4", "-o", "p", "--format", "png").err()).isEmpty();
  }

  @Test
  void compareChecksTheReplicationOptionsToo() {
    Cli.Result zero = cli.run("compare", "rolling.yaml", "--replications", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("--replications must be at least 1, got 0");
    Cli.Result threads = cli.run("compare", "rolling.yaml", "--threads", "0");
    assertThat(threads.exit()).isEqualTo(2);
    assertThat(threads.err()).contains("--threads must be at least 1, got 0");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void replicationsThatCannotFitAreRefusedBeforeAnythingRuns() {
    // 25 metrics x 8 bytes + 8 for the sorted copy = 208 bytes a replication; a 1 GiB heap less the
    // 256 MiB kept for the runs leaves 805,306,368 bytes: 805,306,368 / 208 = 3,871,665 replications
    long gib = 1L << 30;
    assertThat(Simulations.memoryProblem(1_000_000, "--replications 1000000", gib)).isNull();
    assertThat(Simulations.memoryProblem(3_871_665, "--replications 3871665", gib)).isNull();
    assertThat(Simulations.memoryProblem(3_871_666, "--replications 3871666", gib)).isNotNull();
    String tooMany = Simulations.memoryProblem(10_000_000, "--replications 10000000", gib);
    // 10,000,000 x 208 + 256 MiB = 2,348,435,456 bytes = 2.19 GiB; 1.25 x that = 2.73 GiB -> -Xmx3g
    assertThat(tooMany).isEqualTo("--replications 10000000 cannot fit: exact percentiles keep 208 bytes per"
        + " replication, about 2.2 GiB in all, and this Java may use 1.0 GiB (at most 3,871,665 replications)."
        + " Run fewer, or give Java more memory: SIM_JAVA_OPTS=-Xmx3g");

    // the command line: refused at once (no folder made), whatever heap this test runs with
    Cli.Result r = cli.run("run", "rolling.yaml", "--replications", "2000000000", "-o", "huge");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--replications 2000000000 cannot fit: exact percentiles keep 208 bytes");
    assertThat(dir.resolve("huge")).doesNotExist();
    assertThat(cli.run("compare", "rolling.yaml", "--replications", "2000000000").err()).contains("cannot fit");
  }

  @Test
  void helpDescribesTheOptionsWithoutFormatWarnings() {
    for (String command : new String[] {"run", "compare"}) {
      Cli.Result r = cli.run(command, "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("--replications=N", "--threads=N");
      assertThat(r.out() + r.err()).doesNotContain("WARN");
    }
    assertThat(cli.run("compare", "--help").out()).contains("--strategies=TYPE", "95% confidence");
    for (String command : new String[] {"sweep", "merge"}) {
      Cli.Result r = cli.run(command, "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out() + r.err()).doesNotContain("WARN").doesNotContain("Default: []");
    }
  }

  private static List<String> fieldNames(JsonNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
