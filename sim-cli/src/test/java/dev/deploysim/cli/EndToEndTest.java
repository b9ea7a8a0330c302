package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line with the real YAML loader and strategy catalog, on files in a temp folder. */
class EndToEndTest {
  static final String ALL_AT_ONCE = """
      name: aao
      description: six instances, all at once
      seed: 3
      fleet: {instances: 6, zones: [a, b, c], launchTime: 40s}
      loadBalancer:
        healthCheck: {interval: 15s, timeout: 5s, healthyThreshold: 3, unhealthyThreshold: 5}
        deregistrationDelay: 20s
      traffic: {rps: 400}
      versions:
        v1: {install: 30s, start: 10s}
        v2: {install: 30s, start: 10s}
      deployment:
        at: 5m
        version: v2
        strategy: {type: eb.all-at-once}
      """;

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir).withParser(CliContext.loaderFor(Strategies.catalog()));
  }

  @Test
  void aYamlScenarioRunsAndWritesItsFolder() throws IOException {
    Files.writeString(dir.resolve("aao.yaml"), ALL_AT_ONCE);
    Cli.Result r = cli.run("run", "aao.yaml", "--json", "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode o = new ObjectMapper().readTree(r.out());
    SummaryJsonTest.assertShape(o);
    assertThat(o.get("scenario").asText()).isEqualTo("aao");
    assertThat(o.get("seed").asLong()).isEqualTo(3);
    // deployment.at 5m = 300 s
    assertThat(o.at("/deployment/startSeconds").asDouble()).isEqualTo(300.0);
    assertThat(RunCommandTest.list(dir.resolve("out/aao"))).containsExactly("capacity.png", "events.log",
        "report.md", "summary.json", "timeseries.csv", "versions.png");
    String report = Files.readString(dir.resolve("out/aao/report.md"));
    assertThat(report).startsWith("# aao: eb.all-at-once, v1 -> v2\n")
        .contains("six instances, all at once", "6 instances", "zones a, b and c", "every 15s",
            "drain for 20s", "400 requests/s", "eb.all-at-once (Elastic Beanstalk AllAtOnce)",
            "![requests and capacity over time](capacity.png)", "## What happened",
            "deployment started: eb.all-at-once v1 -> v2");
    assertThat(Files.readString(dir.resolve("out/aao/events.log")))
        .contains("00:05:00.000 deployment started: eb.all-at-once v1 -> v2\n");
  }

  @Test
  void validateAcceptsTheFile() throws IOException {
    Files.writeString(dir.resolve("aao.yaml"), ALL_AT_ONCE);
    Cli.Result r = cli.run("validate", "aao.yaml");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("aao.yaml: ok\n");
  }

  @Test
  void aMisspelledKeyIsReportedWithItsLocationAndACount() throws IOException {
    Files.writeString(dir.resolve("x.yaml"), ALL_AT_ONCE.replace("fleet: {instances: 6,", "fleet: {instanses: 6,"));
    Cli.Result r = cli.run("run", "x.yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    // line 4 of the file, column 9: the key inside "fleet: {"
    assertThat(r.err()).contains("x.yaml:4:9: fleet.instanses: ")
        .doesNotContain("Exception", "\tat ");
    assertThat(r.err().lines().reduce((a, b) -> b).orElseThrow()).matches("x\\.yaml: \\d+ problems?");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void notYamlAtAllIsExit2WithoutAStackTrace() throws IOException {
    Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    Cli.Result r = cli.run("run", "binary.yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("binary.yaml").doesNotContain("Exception");
    Files.writeString(dir.resolve("list.yaml"), "- just\n- a list\n");
    Cli.Result list = cli.run("validate", "list.yaml");
    assertThat(list.exit()).isEqualTo(2);
    assertThat(list.err()).startsWith("list.yaml").doesNotContain("Exception");
  }
}
