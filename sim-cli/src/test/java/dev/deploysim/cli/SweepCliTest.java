package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sim sweep} and {@code sim merge} with the real loader and strategies. */
class SweepCliTest {
  /**
   * Elastic Beanstalk rolling over 6 instances, fixed install and start times. Per batch
   * (docs/platforms: EB rolling): deregister and drain 20 s, install 30 s, start 10 s, then 12
   * consecutive OK health reports 10 s apart = 180 s, plus up to one health-check interval (10 s
   * here) for the load balancer to see the instance healthy again.
   */
  static final String ROLLING = """
      name: rolling
      seed: 5
      fleet: {instances: 6, maxSize: 12, zones: [a, b, c], capacity: 100}
      loadBalancer: {type: alb, preset: elastic-beanstalk, healthCheck: {interval: 10s}}
      traffic: {rps: 400}
      versions:
        v1: {install: 30s, start: 10s}
        v2: {install: 30s, start: 10s}
      deployment:
        at: 2m
        version: v2
        strategy: {type: eb.rolling, batchSize: 2}
      """;

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(dir).withParser(CliContext.loaderFor(Strategies.catalog()));
    Files.writeString(dir.resolve("rolling.yaml"), ROLLING);
  }

  private static List<Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new java.util.LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  @Test
  void aSweepOfBatchSizesFollowsTheBatchArithmeticAndNamesTheTradeOff() throws IOException {
    Cli.Result r = cli.run("sweep", "rolling.yaml", "--vary", "deployment.strategy.batchSize=1..3", "-o", "sw",
        "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(RunCommandTest.list(dir.resolve("sw"))).containsExactly("report.md", "sweep.csv", "sweep.json",
        "tradeoff-capacity.png", "tradeoff-failed.png");

    List<Map<String, String>> rows = csv(dir.resolve("sw/sweep.csv"));
    assertThat(rows).hasSize(3);
    int[] batches = {6, 3, 2}; // batch sizes 1, 2, 3 over 6 instances
    for (int i = 0; i < 3; i++) {
      Map<String, String> row = rows.get(i);
      assertThat(row.get("deployment.strategy.batchSize")).isEqualTo("" + (i + 1));
      assertThat(row.get("outcome")).isEqualTo("SUCCEEDED");
      double duration = Double.parseDouble(row.get("durationSeconds"));
      assertThat(duration).as("batch size %d", i + 1).isBetween(batches[i] * 180.0, batches[i] * 190.0);
      // one batch out of service at a time: (6 - b) / 6 of the capacity
      assertThat(Double.parseDouble(row.get("minCapacityPercent"))).isEqualTo(
          Math.round((6.0 - (i + 1)) / 6 * 100 * 10_000) / 10_000.0);
    }
    // 4 instances x 100 requests/s meet the 400 requests/s; 3 do not
    assertThat(rows.get(0).get("failedRequests")).isEqualTo("0");
    assertThat(rows.get(1).get("failedRequests")).isEqualTo("0");
    assertThat(Long.parseLong(rows.get(2).get("failedRequests"))).isPositive();
    // each is better than the others on one objective: all three are Pareto-optimal
    assertThat(rows).extracting(m -> m.get("pareto")).containsExactly("true", "true", "true");

    JsonNode json = new ObjectMapper().readTree(dir.resolve("sw/sweep.json").toFile());
    assertThat(json.get("pareto")).hasSize(3);
    assertThat(json.at("/points/1/settings/deployment.strategy.batchSize").asText()).isEqualTo("2");
    assertThat(json.at("/points/1/replications/metrics/durationSeconds/mean").asDouble())
        .isEqualTo(Double.parseDouble(rows.get(1).get("durationSeconds")));
    assertThat(json.at("/objectives/1/better").asText()).isEqualTo("higher");
    assertThat(Files.readString(dir.resolve("sw/report.md"))).contains("## Pareto-optimal configurations",
        "point 1 (batchSize=2)", "![duration against failed requests](tradeoff-failed.png)");
    assertThat(r.out()).contains("Pareto-optimal", "point 0 (batchSize=1)", "output: sw");
  }

  @Test
  void aPointRerunAloneGivesTheSameNumbers() throws IOException {
    assertThat(cli.run("sweep", "rolling.yaml", "--vary", "deployment.strategy.batchSize=1,2",
        "--vary", "traffic.rps=300,400", "-o", "grid", "--format", "png", "-q").exit()).isZero();
    Map<String, String> inGrid = csv(dir.resolve("grid/sweep.csv")).get(3); // (2, 400)
    // the point alone, as sweep.json's rerun command says
    JsonNode json = new ObjectMapper().readTree(dir.resolve("grid/sweep.json").toFile());
    assertThat(json.at("/points/3/rerun").asText()).isEqualTo("sim sweep rolling.yaml --vary"
        + " deployment.strategy.batchSize=2 --vary traffic.rps=400 --seed 5");
    assertThat(cli.run("sweep", "rolling.yaml", "--vary", "traffic.rps=400", "--vary", "deployment.strategy.batchSize=2",
        "--seed", "5", "-o", "alone", "--format", "png", "-q").exit()).isZero();
    Map<String, String> alone = csv(dir.resolve("alone/sweep.csv")).get(0);
    assertThat(alone.get("seed")).isEqualTo(inGrid.get("seed"));
    for (String metric : ReplicationsCliTest.METRICS) {
      assertThat(alone.get(metric)).as(metric).isEqualTo(inGrid.get(metric));
    }
    // and sim run of the file with the values written in, seeded with the point's seed
    Files.writeString(dir.resolve("point.yaml"), ROLLING); // point 3 is the file as it is: batchSize 2, 400 rps
    Cli.Result run = cli.run("run", "point.yaml", "--seed", inGrid.get("seed"), "--json", "-o", "run", "--format", "png");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.at("/deployment/durationSeconds").asDouble())
        .isEqualTo(Double.parseDouble(inGrid.get("durationSeconds")));
    assertThat(summary.at("/traffic/requestsServedByNewVersion").asLong())
        .isEqualTo(Long.parseLong(inGrid.get("requestsServedByNewVersion")));
  }

  @Test
  void theThreadCountChangesNoByte() throws IOException {
    for (int threads : new int[] {1, 3}) {
      Cli.Result r = cli.run("sweep", "rolling.yaml", "--vary", "deployment.strategy.batchSize=2,3",
          "--vary", "fleet.launchTime={uniform: [20s, 60s]}", "--replications", "4", "--threads", "" + threads,
          "-o", "t" + threads, "--format", "svg", "-q");
      assertThat(r.exit()).as(r.err()).isZero();
    }
    List<String> files = RunCommandTest.list(dir.resolve("t1"));
    // two keys vary: a heat map too
    assertThat(files).containsExactly("heatmap.svg", "replications.csv", "report.md", "sweep.csv", "sweep.json",
        "tradeoff-capacity.svg", "tradeoff-failed.svg");
    for (String f : files) {
      assertThat(Files.readAllBytes(dir.resolve("t3").resolve(f))).as(f).isEqualTo(
          Files.readAllBytes(dir.resolve("t1").resolve(f)));
    }
    // replications.csv: 2 points x 4 replications; sweep.csv: means with ci95 and percentiles
    assertThat(Files.readAllLines(dir.resolve("t1/replications.csv"))).hasSize(1 + 8);
    assertThat(Files.readAllLines(dir.resolve("t1/sweep.csv")).get(0)).contains("succeeded,failed,rolledBack,pareto,",
        "durationSeconds,durationSeconds_ci95,durationSeconds_p5,durationSeconds_p50,durationSeconds_p95");
  }

  @Test
  void invalidPointsAreReportedWithTheirSettingsBeforeAnythingRuns() {
    Cli.Result r = cli.run("sweep", "rolling.yaml", "--vary", "deployment.strategy.batchSize=2,9",
        "--vary", "loadBalancer.healthCheck.interval=10s,30s", "-o", "bad");
    assertThat(r.exit()).isEqualTo(2);
    // batch size 9 is refused in 2 of the 4 points; the line names the setting and a point
    assertThat(r.err()).contains("rolling.yaml with deployment.strategy.batchSize=9: deployment.strategy.batchSize:")
        .contains("[in 2 points, e.g. point 2 (deployment.strategy.batchSize=9, loadBalancer.healthCheck.interval=10s)]")
        .contains("rolling.yaml: 1 problem in 2 of 4 points; nothing was run");
    assertThat(dir.resolve("bad")).doesNotExist();

    Cli.Result syntax = cli.run("sweep", "rolling.yaml", "--vary", "deployment.strategy.batchSize");
    assertThat(syntax.exit()).isEqualTo(2);
    assertThat(syntax.err()).contains("--vary deployment.strategy.batchSize: write KEY=V1,V2,...");
    Cli.Result twice = cli.run("sweep", "rolling.yaml", "--vary", "traffic.rps=1,2", "--vary", "traffic.rps=3");
    assertThat(twice.err()).contains("--vary traffic.rps is given twice");
    Cli.Result shard = cli.run("sweep", "rolling.yaml", "--vary", "traffic.rps=1,2", "--shard", "3/2");
    assertThat(shard.err()).contains("--shard '3/2': K counts from 1 to N");
  }

  @Test
  void anotherStrategyTypeDropsWhatItDoesNotUseAndSaysSo() throws IOException {
    Cli.Result r = cli.run("sweep", "rolling.yaml", "--vary", "deployment.strategy.type=eb.rolling,eb.immutable",
        "-o", "types", "--format", "png", "-q");
    assertThat(r.exit()).as(r.err()).isZero();
    List<Map<String, String>> rows = csv(dir.resolve("types/sweep.csv"));
    // immutable launches a second set of instances: its peak is above the 6 of the rolling run
    assertThat(rows.get(0).get("peakInstances")).isEqualTo("6");
    assertThat(Integer.parseInt(rows.get(1).get("peakInstances"))).isGreaterThan(6);
    assertThat(Files.readString(dir.resolve("types/report.md")))
        .contains("point 1 (type=eb.immutable): batchSize: not used by eb.immutable");
  }

  @Test
  void shardsRunAsSeparateProcessesMergeIntoTheBytesOfOneRun() throws Exception {
    String[] sweep = {"sweep", "rolling.yaml", "--vary", "deployment.strategy.batchSize=1,2,3",
      "--vary", "fleet.launchTime={uniform: [20s, 60s]}", "--replications", "3", "--format", "svg", "-q"};
    Cli.Result whole = cli.run(concat(sweep, "-o", "whole"));
    assertThat(whole.exit()).as(whole.err()).isZero();
    // 3 points x 3 replications = 9 runs in 4 shards of 2, 2, 2, 3: each a process of its own
    List<Process> shards = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      shards.add(process(concat(sweep, "-o", k % 2 == 0 ? "even" : "odd", "--shard", k + "/4")));
    }
    for (Process p : shards) {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
    }
    assertThat(RunCommandTest.list(dir.resolve("odd"))).containsExactly("shard-1-of-4.csv", "shard-1-of-4.json",
        "shard-3-of-4.csv", "shard-3-of-4.json");
    Process merge = process("merge", "odd", "even", "-o", "merged", "--format", "svg", "-q");
    assertThat(merge.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(merge.exitValue()).as(new String(merge.getErrorStream().readAllBytes())).isZero();
    List<String> files = RunCommandTest.list(dir.resolve("whole"));
    assertThat(RunCommandTest.list(dir.resolve("merged"))).isEqualTo(files);
    for (String f : files) {
      assertThat(Files.readAllBytes(dir.resolve("merged").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(dir.resolve("whole").resolve(f)));
    }

    // a missing shard, a shard twice, a shard of another sweep: refused, nothing written
    Cli.Result missing = cli.run("merge", "odd", "-o", "m1");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("missing shards 2/4, 4/4 of rolling's sweep");
    Files.createDirectories(dir.resolve("copy"));
    Files.copy(dir.resolve("odd/shard-1-of-4.json"), dir.resolve("copy/shard-1-of-4.json"));
    assertThat(cli.run("merge", "odd", "even", "copy", "-o", "m2").err()).contains("shard 1/4 is there twice");
    assertThat(cli.run(concat(sweep, "-o", "other", "--shard", "2/4", "--seed", "6")).exit()).isZero();
    assertThat(cli.run("merge", "odd", "other", "-o", "m3").err()).contains("is a shard of another sweep");
    assertThat(dir.resolve("m1")).doesNotExist();
    assertThat(dir.resolve("m3")).doesNotExist();
  }

  @Test
  void aProgressBarWithPointsOnATerminalOnly() {
    Cli tty = cli.withTerminal(new Terminal(false, true, Map.of()));
    Cli.Result bar = tty.run("sweep", "rolling.yaml", "--vary", "deployment.strategy.batchSize=2,3", "-o", "p",
        "--format", "png");
    assertThat(bar.exit()).isZero();
    assertThat(bar.err()).contains("sweep").contains("points done: ").contains("\r");
    Cli ci = cli.withTerminal(new Terminal(false, true, Map.of("CI", "true")));
    assertThat(ci.run("sweep", "rolling.yaml", "--vary", "deployment.strategy.batchSize=2,3", "-o", "p",
        "--format", "png").err()).isEmpty();
  }

  private Process process(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-Djava.awt.headless=true", "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
