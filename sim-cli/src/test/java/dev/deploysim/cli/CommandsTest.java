package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.load.ScenarioSchema;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command other than run: usage errors, help, version, validate, strategies, schema, compare. */
class CommandsTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
  }

  // --- usage -------------------------------------------------------------------------------------

  @Test
  void anUnknownCommandIsAUsageErrorWithExit2() {
    Cli.Result r = cli.run("bogus");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unmatched argument at index 0: 'bogus'").contains("sim --help")
        .doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMisspelledCommandGetsASuggestion() {
    Cli.Result r = cli.run("rnu");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Did you mean").contains("run");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Result r = cli.run();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("missing a command");
  }

  @Test
  void runWithoutFilesOrWithAnUnknownOptionIsAUsageError() {
    assertThat(cli.run("run").exit()).isEqualTo(2);
    assertThat(cli.run("run").err()).contains("Missing required parameter").contains("FILE");
    Cli.Result r = cli.run("run", "x.yaml", "--colour");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--colour'");
    Cli.Result seed = cli.run("run", "x.yaml", "--seed", "abc");
    assertThat(seed.exit()).isEqualTo(2);
    assertThat(seed.err()).contains("--seed").contains("abc");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Cli.Result r = cli.run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("run", "compare", "validate", "strategies", "schema", "generate-completion",
        "--version", "--stacktrace", "Exit codes");
  }

  @Test
  void runHelpShowsEveryOptionWithItsDefault() {
    Cli.Result r = cli.run("run", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("-o, --output=DIR", "--seed=N", "--replications=N", "--threads=N", "--json",
        "--format=FORMAT", "--quiet", "--stacktrace", "Default: png,svg", "Default: 1", "out/<scenario name>/");
  }

  @Test
  void versionNamesTheProject() {
    Cli.Result r = cli.run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("deploysim ").contains("Java ");
  }

  @Test
  void generateCompletionPrintsABashScript() {
    Cli.Result r = cli.run("generate-completion");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("complete -F").contains("run").contains("strategies");
  }

  // --- validate ----------------------------------------------------------------------------------

  @Test
  void validatePrintsOkForGoodFilesAndEveryProblemOfBadOnes() {
    String good = cli.file("good.yaml", "name=good");
    String bad = cli.file("bad.yaml", "error=3:1:fleet:missing key 'instances'");
    Cli.Result ok = cli.run("validate", good);
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).isEqualTo("good.yaml: ok\n");
    assertThat(ok.err()).isEmpty();

    Cli.Result mixed = cli.run("validate", good, bad, "missing.yaml");
    assertThat(mixed.exit()).isEqualTo(2);
    assertThat(mixed.out()).isEqualTo("good.yaml: ok\n");
    assertThat(mixed.err().lines()).containsExactly(
        "bad.yaml:3:1: fleet: missing key 'instances'", "bad.yaml: 1 problem", "missing.yaml: no such file");
    assertThat(cli.run("validate", "--quiet", good).out()).isEmpty();
    // validate never writes outputs
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aFileThatNeverEndsIsRefusedAsTooLarge() {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/zero")), "needs /dev/zero");
    Cli.Result r = cli.run("validate", "/dev/zero");
    assertThat(r.exit()).isEqualTo(2);
    // 8 MB of NUL characters: one line, and the limit is passed at its millionth and first character
    assertThat(r.err().lines()).containsExactly("/dev/zero:1:1000001: the file is too large: a scenario has at "
        + "most 1000000 characters, and this one goes on past here (a scenario is a few kilobytes)",
        "/dev/zero: 1 problem");
  }

  // --- strategies --------------------------------------------------------------------------------

  @Test
  void strategiesListsEveryTypeOfTheCatalogWithItsSummary() {
    Cli.Result r = cli.run("strategies");
    assertThat(r.exit()).isZero();
    for (StrategyType type : Strategies.catalog().all()) {
      StrategyDescription t = type.description();
      assertThat(r.out()).contains(t.name()).contains(t.summary());
    }
  }

  @Test
  void strategiesTypeShowsEachParameterWithAwsNameTypeDefaultAndMeaning() {
    Cli.Result r = cli.run("strategies", "eb.all-at-once");
    assertThat(r.exit()).isZero();
    // EB's command timeout defaults to 600 s, written as a duration
    assertThat(r.out()).contains("eb.all-at-once: Elastic Beanstalk AllAtOnce")
        .contains("timeout  (AWS: Timeout)").contains("type: duration; default: 10m")
        .contains("ignoreHealthCheck  (AWS: IgnoreHealthCheck)").contains("type: true or false; default: false")
        .contains("CloudWatch alarms (deployment.rollback.onAlarms): no");
    StrategyDescription t = Strategies.catalog().find("eb.all-at-once").orElseThrow().description();
    for (ParamSpec p : t.params()) {
      assertThat(r.out()).contains(p.name()).contains(p.type().describe()).contains(p.description());
    }
  }

  @Test
  void everyCatalogTypeCanBeDescribed() {
    for (String name : Strategies.catalog().names()) {
      Cli.Result r = cli.run("strategies", name);
      assertThat(r.exit()).as(name + ": " + r.err()).isZero();
      assertThat(r.out()).startsWith(name + ": ");
    }
  }

  @Test
  void anUnknownStrategyTypeIsExit2WithASuggestion() {
    Cli.Result r = cli.run("strategies", "eb.all-at-onse");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "sim: unknown strategy type 'eb.all-at-onse' (did you mean 'eb.all-at-once'?); 'sim strategies' lists them all\n");
    Cli.Result far = cli.run("strategies", "nothing-like-it");
    assertThat(far.exit()).isEqualTo(2);
    assertThat(far.err()).doesNotContain("did you mean");
  }

  // --- schema ------------------------------------------------------------------------------------

  @Test
  void schemaPrintsTheGeneratedJsonSchema() throws IOException {
    String expected;
    try {
      expected = ScenarioSchema.generate(Strategies.catalog());
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("ScenarioSchema.generate is not implemented yet");
      return;
    }
    Cli.Result r = cli.run("schema");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(expected.strip());
    JsonNode schema = new ObjectMapper().readTree(r.out());
    assertThat(schema.isObject()).isTrue();
  }

  // --- compare -----------------------------------------------------------------------------------

  @Test
  void compareWritesCompareJsonAndATable() throws IOException {
    String a = cli.file("a.yaml", "name=good");
    String b = cli.file("b.yaml", "name=bad", "bad=true");
    Cli.Result r = cli.run("compare", a, b, "-o", "cmp");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("good", "bad", "outcome", "SUCCEEDED", "FAILED", "cmp/");
    // one row per run, under a header row
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("run").contains("strategy", "outcome", "duration", "min in service", "peak",
        "failed requests", "downtime", "extra inst-h", "rollback");
    assertThat(lines.get(1)).startsWith("good").contains("SUCCEEDED");
    assertThat(lines.get(2)).startsWith("bad").contains("FAILED");
    assertThat(RunCommandTest.list(dir.resolve("cmp"))).containsExactly("compare-capacity.png",
        "compare-capacity.svg", "compare-failed.png", "compare-failed.svg", "compare.json", "report.md");
    JsonNode arr = new ObjectMapper().readTree(dir.resolve("cmp/compare.json").toFile());
    assertThat(arr.isArray()).isTrue();
    assertThat(arr).hasSize(2);
    assertThat(arr.get(0).get("scenario").asText()).isEqualTo("good");
    assertThat(arr.get(1).get("outcome").asText()).isEqualTo("FAILED");
    SummaryJsonTest.assertShape(arr.get(1));
    String report = Files.readString(dir.resolve("cmp/report.md"));
    assertThat(report).startsWith("# Comparison\n")
        .contains("| run | strategy | outcome |", "| good | eb.all-at-once | SUCCEEDED |",
            "| bad | eb.all-at-once | FAILED |", "## What stands out",
            "![serving capacity of every run](compare-capacity.png)",
            "![failed requests of every run](compare-failed.png)");

    Cli.Result json = cli.run("compare", a, b, "--json");
    assertThat(json.exit()).isZero();
    assertThat(new ObjectMapper().readTree(json.out())).hasSize(2);
    assertThat(dir.resolve("out/compare/compare.json")).exists();
  }

  @Test
  void theSameFileTwiceGetsNumberedRuns() {
    // two runs of one file would give two chart series and two table rows the same name
    String a = cli.file("a.yaml", "name=good");
    Cli.Result r = cli.run("compare", a, a, "-o", "twice");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(1)).startsWith("good (" + a + ") #1");
    assertThat(lines.get(2)).startsWith("good (" + a + ") #2");
    assertThat(dir.resolve("twice/compare-capacity.svg")).exists();
  }

  @Test
  void compareWithAnInvalidFileRunsNothing() {
    String a = cli.file("a.yaml", "name=good");
    String b = cli.file("b.yaml", "error=1:1:name:required");
    Cli.Result r = cli.run("compare", a, b);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines()).containsExactly("b.yaml:1:1: name: required", "b.yaml: 1 problem");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
