package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.load.StrategyVariants;
import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code sim compare FILE --strategies a,b}: one scenario file, several strategy types. */
class CompareStrategiesTest {
  static final String ROLLING = """
      name: sys
      fleet: {instances: 6, maxSize: 12, zones: [a, b, c], launchTime: 40s}
      loadBalancer: {type: alb, preset: elastic-beanstalk}
      traffic: {rps: 400}
      versions:
        v1: {install: 30s, start: 10s}
        v2: {install: 30s, start: 10s}
      deployment:
        at: 2m
        version: v2
        strategy: {type: eb.rolling, batchSize: 2, timeout: 20m}
      """;

  /** A CodeDeploy file with alarm rollback and a config that only CodeDeploy EC2 types know. */
  static final String CODEDEPLOY = """
      name: cd
      fleet: {instances: 4, maxSize: 8, zones: [a, b]}
      loadBalancer: {type: alb, healthCheck: {interval: 15s, healthyThreshold: 3}, deregistrationDelay: 60s}
      traffic: {rps: 200}
      versions:
        v1: {install: 30s, start: 10s}
        v2: {install: 30s, start: 10s}
      alarms:
        - {name: errors, metric: errorRate, threshold: 0.05, period: 60s, evaluationPeriods: 1}
      deployment:
        at: 2m
        version: v2
        strategy: {type: codedeploy.in-place, config: CodeDeployDefault.HalfAtATime}
        rollback: {onFailure: true, onAlarms: [errors]}
      """;

  @TempDir Path dir;
  Cli cli;
  ScenarioLoader loader = new ScenarioLoader(Strategies.catalog());

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(dir).withParser(CliContext.loaderFor(Strategies.catalog()));
    Files.writeString(dir.resolve("sys.yaml"), ROLLING);
    Files.writeString(dir.resolve("cd.yaml"), CODEDEPLOY);
  }

  @Test
  void eachStrategyKeepsTheParametersItHasAndDefaultsTheRest() {
    StrategyVariants.Variant immutable = StrategyVariants.of(loader, ROLLING, "sys.yaml", "eb.immutable");
    assertThat(immutable.result().ok()).as(immutable.result().errors().toString()).isTrue();
    Scenario s = immutable.result().scenario();
    assertThat(s.name()).isEqualTo("sys-eb.immutable");
    assertThat(s.deployment().strategy().type()).isEqualTo("eb.immutable");
    // timeout is an eb.immutable parameter: kept (20m); batchSize is not: dropped with a note
    assertThat(s.deployment().strategy().params().duration("timeout")).isEqualTo(1200.0);
    assertThat(immutable.notes()).containsExactly("batchSize: not used by eb.immutable");
    // the system is the file's
    Scenario original = loader.parse(ROLLING, "sys.yaml").scenario();
    assertThat(s.fleet()).isEqualTo(original.fleet());
    assertThat(s.loadBalancer()).isEqualTo(original.loadBalancer());
    assertThat(s.versions()).isEqualTo(original.versions());
    assertThat(s.deployment().at()).isEqualTo(original.deployment().at());

    StrategyVariants.Variant rab = StrategyVariants.of(loader, ROLLING, "sys.yaml", "eb.rolling-additional-batch");
    assertThat(rab.notes()).isEmpty();
    assertThat(rab.result().scenario().deployment().strategy().params().countOrPercent("batchSize"))
        .isEqualTo(original.deployment().strategy().params().countOrPercent("batchSize"));
  }

  @Test
  void rollbackSettingsATypeCannotUseAreDroppedWithANote() {
    StrategyVariants.Variant eb = StrategyVariants.of(loader, CODEDEPLOY, "cd.yaml", "eb.rolling");
    assertThat(eb.result().ok()).as(eb.result().errors().toString()).isTrue();
    assertThat(eb.result().scenario().deployment().rollback().onAlarms()).isEmpty();
    assertThat(eb.notes()).anyMatch(n -> n.startsWith("config: not used by eb.rolling"))
        .anyMatch(n -> n.startsWith("rollback.onAlarms: dropped; Elastic Beanstalk does not roll back on CloudWatch"))
        .anyMatch(n -> n.startsWith("rollback.onFailure: dropped"));
    // CodeDeploy blue/green has config too and accepts HalfAtATime, and can roll back on alarms
    StrategyVariants.Variant bg = StrategyVariants.of(loader, CODEDEPLOY, "cd.yaml", "codedeploy.blue-green");
    assertThat(bg.result().ok()).isTrue();
    assertThat(bg.notes()).isEmpty();
    assertThat(bg.result().scenario().deployment().rollback().onAlarms()).containsExactly("errors");
    assertThat(bg.result().scenario().deployment().strategy().params().string("config"))
        .isEqualTo("CodeDeployDefault.HalfAtATime");
  }

  @Test
  void aValueTheNewTypeRefusesGivesWayToItsDefault() {
    // 5 of 6 instances per batch is fine for eb.rolling; eb.rolling-additional-batch keeps it too
    String big = ROLLING.replace("batchSize: 2", "batchSize: 7");
    LoadResult own = loader.parse(big, "big.yaml");
    assertThat(own.ok()).isFalse(); // a batch larger than the fleet is refused for eb.rolling itself
    StrategyVariants.Variant v = StrategyVariants.of(loader, big, "big.yaml", "eb.rolling-additional-batch");
    assertThat(v.result().ok()).as(v.result().errors().toString()).isTrue();
    assertThat(v.notes()).singleElement().asString().startsWith("batchSize: 7 not valid for eb.rolling-additional-batch");
  }

  static Stream<Path> repositoryScenarios() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("..", "scenarios"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /** A variant with the file's own type is the file itself, but for its name. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("repositoryScenarios")
  void theFilesOwnTypeGivesTheSameScenario(Path file) throws IOException {
    String text = Files.readString(file);
    Scenario original = loader.parse(text, file.toString()).scenario();
    assertThat(original).isNotNull();
    String type = original.deployment().strategy().type();
    StrategyVariants.Variant v = StrategyVariants.of(loader, text, file.toString(), type);
    assertThat(v.result().ok()).as(v.result().errors().toString()).isTrue();
    assertThat(v.notes()).isEmpty();
    Scenario renamed = v.result().scenario();
    assertThat(renamed.name()).isEqualTo(original.name() + "-" + type);
    assertThat(renamed.withDeployment(original.name(), renamed.deployment())).isEqualTo(original);
  }

  @Test
  void compareRunsEveryStrategyAndNamesThem() throws IOException {
    Cli.Result r = cli.run("compare", "sys.yaml", "--strategies", "eb.all-at-once,eb.rolling,eb.immutable",
        "-o", "cmp", "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode arr = new ObjectMapper().readTree(dir.resolve("cmp/compare.json").toFile());
    assertThat(arr).hasSize(3);
    assertThat(arr.get(0).get("scenario").asText()).isEqualTo("sys-eb.all-at-once");
    assertThat(arr.get(2).get("strategy").asText()).isEqualTo("eb.immutable");
    assertThat(RunCommandTest.list(dir.resolve("cmp"))).containsExactly("compare-capacity.png", "compare-failed.png",
        "compare.json", "report.md");
    String report = Files.readString(dir.resolve("cmp/report.md"));
    assertThat(report).contains("## Strategy settings", "sys-eb.immutable: batchSize: not used by eb.immutable",
        "**sys-eb.all-at-once** (eb.all-at-once): fastest");
  }

  @Test
  void anUnknownTypeIsAUsageErrorWithAGuess() {
    Cli.Result r = cli.run("compare", "sys.yaml", "--strategies", "eb.rolling,eb.imutable");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--strategies: unknown strategy type 'eb.imutable' (did you mean 'eb.immutable'?)");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void strategiesTakeExactlyOneFile() {
    Cli.Result r = cli.run("compare", "sys.yaml", "cd.yaml", "--strategies", "eb.rolling");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--strategies compares strategies on one scenario file; got 2 files");
  }

  @Test
  void aVariantThatCannotWorkIsExit2WithItsProblems() {
    // a Lambda traffic shift needs its platform, which an EC2 file does not say
    Cli.Result r = cli.run("compare", "sys.yaml", "--strategies", "eb.rolling,codedeploy.traffic-shift");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("deployment.strategy.platform").contains("sys.yaml as codedeploy.traffic-shift:");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  static List<String> lines(String s) {
    return s.lines().toList();
  }
}
