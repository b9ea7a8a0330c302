package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered strategy type keeps, driven by the catalog so a type added later is
 * covered without touching a list: {@code scenarios/<type, dots as dashes>.yaml} (a healthy
 * deployment) and {@code ...-bad.yaml} (a bad version) exist, load and run; the healthy one
 * succeeds with the baseline's instances all on the new version; the bad one ends as the type's
 * declared {@link RollbackPolicy} says (a rollback leaves the baseline on the old version); two runs write byte-identical files (charts included); every
 * time-series sample conserves requests (served + failed = demand, within the CSV's rounding); and
 * the README's strategy table and {@code sim strategies} list the type.
 *
 * <p>Every other file in {@code scenarios/} is held to the same form (header, name, description,
 * conservation), and every {@code -bad.yaml} to its type's policy; what a file claims beyond that
 * is tested by its platform's own tests.
 */
class StrategyContractTest {
  static final StrategyCatalog CATALOG = Strategies.catalog();
  static final Path ROOT = SchemaFileTest.repositoryRoot();
  static final Path SCENARIOS = ROOT.resolve("scenarios");
  /** The CSV writes rates with 3 decimals: each of the three values is off by at most half of 0.001. */
  static final double CSV_ROUNDING = 3 * 0.0005 + 1e-9;

  @TempDir Path dir;

  static Stream<String> types() {
    return CATALOG.names().stream();
  }

  /** Every top-level scenario file of the repository. */
  static Stream<String> scenarioFiles() throws IOException {
    try (Stream<Path> s = Files.list(SCENARIOS)) {
      List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
      assertThat(names).isNotEmpty();
      return names.stream();
    }
  }

  static String fileOf(String type) {
    return type.replace('.', '-') + ".yaml";
  }

  static String badFileOf(String type) {
    return type.replace('.', '-') + "-bad.yaml";
  }

  // --- per type ------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void theHealthyScenarioSucceedsWithEveryInstanceOnTheNewVersion(String type) {
    Run run = runTwiceWithOutputs(fileOf(type), type);
    Summary s = run.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    if (s.finalVersions() != null) {
      assertThat(s.finalVersions()).as("final versions")
          .isEqualTo(Map.of(s.toVersion(), run.scenario().fleet().instances()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void theBadScenarioEndsAsTheRollbackPolicySays(String type) {
    Run run = runTwiceWithOutputs(badFileOf(type), type);
    assertEndsAsThePolicySays(run.scenario(), run.summary(), badFileOf(type));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void theReadmeTableAndSimStrategiesListTheType(String type) throws IOException {
    StrategyDescription d = CATALOG.find(type).orElseThrow().description();
    assertThat(readmeStrategyTable()).as("README strategy table").contains(type);
    String list = new Cli(dir).run("strategies").out();
    assertThat(list).contains("  " + type + "  " + d.models()).contains(d.summary());
    Cli.Result one = new Cli(dir).run("strategies", type);
    assertThat(one.exit()).isZero();
    assertThat(one.out()).startsWith(type + ": " + d.models()).contains(d.failureBehaviour());
  }

  // --- every scenario file ---------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioFiles")
  void everyScenarioFileHasTheFormAndConservesRequests(String file) throws IOException {
    List<String> lines = Files.readAllLines(SCENARIOS.resolve(file));
    assertThat(lines.get(0)).isEqualTo("# yaml-language-server: $schema=../scenario.schema.json");
    assertThat(lines).contains("name: " + file.replace(".yaml", ""));
    assertThat(lines).anyMatch(l -> l.startsWith("description: "));
    Scenario scenario = load(file);
    String type = scenario.deployment().strategy().type();
    assertThat(file).as("a scenario file is named after its platform")
        .startsWith(type.substring(0, type.indexOf('.')) + "-");
    RunResult r = ScenarioRunner.run(scenario, CATALOG);
    for (int i = 0; i < r.timeSeries().size(); i++) {
      double demand = r.timeSeries().value(i, "demandRps");
      double served = r.timeSeries().value(i, "servedRps");
      double failed = r.timeSeries().value(i, "failedRps");
      assertThat(served + failed).as("sample %d: served %s + failed %s", i, served, failed)
          .isCloseTo(demand, org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, demand)));
    }
    if (file.endsWith("-bad.yaml")) {
      assertEndsAsThePolicySays(scenario, r.summary(), file);
    }
  }

  // --- helpers -------------------------------------------------------------------------------------

  /**
   * ALWAYS_REVERTS: ROLLED_BACK; NEVER_REVERTS: FAILED; CONFIGURABLE: the file's onFailure, else the
   * type's default; NOT_A_SETTING: the parameter the policy names, as the file sets it. A rollback
   * leaves only the old version; a deployment that was not rolled back ran no rollback.
   */
  static void assertEndsAsThePolicySays(Scenario scenario, Summary s, String file) {
    StrategyType t = CATALOG.find(scenario.deployment().strategy().type()).orElseThrow();
    RollbackPolicy policy = t.description().rollback();
    boolean rollsBack = policy.rollsBack(scenario.deployment().rollback().onFailure(),
        scenario.deployment().strategy().params());
    assertThat(s.outcome()).as(file + " with " + policy.handling() + ": " + s.outcomeReason())
        .isEqualTo(rollsBack ? Outcome.ROLLED_BACK : Outcome.FAILED);
    if (rollsBack) {
      assertThat(s.rollback().triggered()).isTrue();
      if (s.finalVersions() != null) {
        assertThat(s.finalVersions()).as("after a rollback")
            .isEqualTo(Map.of(s.fromVersion(), scenario.fleet().instances()));
      }
    } else {
      assertThat(s.rollback().triggered()).as("no rollback runs").isFalse();
    }
  }

  record Run(Scenario scenario, Summary summary) {}

  /**
   * Loads the file (it must use {@code type}), runs it twice through {@code sim run} and checks that
   * both runs wrote the same files with the same bytes, and that every row of timeseries.csv
   * conserves requests within the CSV's rounding.
   */
  Run runTwiceWithOutputs(String file, String type) {
    Path path = SCENARIOS.resolve(file);
    assertThat(path).as("scenarios/" + file + " for " + type).exists();
    Scenario scenario = load(file);
    assertThat(scenario.deployment().strategy().type()).isEqualTo(type);
    Cli cli = new Cli(dir).withParser(CliContext.loaderFor(CATALOG));
    for (String out : List.of("first", "second")) {
      Cli.Result r = cli.run("run", path.toString(), "-o", out, "--quiet");
      assertThat(r.exit()).as(r.err()).isZero();
    }
    Map<String, byte[]> first = files(dir.resolve("first"));
    Map<String, byte[]> second = files(dir.resolve("second"));
    assertThat(first.keySet()).contains("summary.json", "timeseries.csv", "events.log", "report.md",
        "capacity.png", "capacity.svg", "versions.png", "versions.svg");
    assertThat(second.keySet()).isEqualTo(first.keySet());
    first.forEach((name, bytes) -> assertThat(second.get(name)).as(name + " is byte-identical").isEqualTo(bytes));
    assertConserved(new String(first.get("timeseries.csv"), java.nio.charset.StandardCharsets.UTF_8), file);
    return new Run(scenario, ScenarioRunner.run(scenario, CATALOG).summary());
  }

  static void assertConserved(String csv, String file) {
    List<String> rows = csv.lines().toList();
    List<String> header = List.of(rows.get(0).split(","));
    int demand = header.indexOf("demandRps");
    int served = header.indexOf("servedRps");
    int failed = header.indexOf("failedRps");
    assertThat(rows).hasSizeGreaterThan(1);
    for (String row : rows.subList(1, rows.size())) {
      String[] v = row.split(",");
      double d = Double.parseDouble(v[demand]);
      double sum = Double.parseDouble(v[served]) + Double.parseDouble(v[failed]);
      assertThat(Math.abs(sum - d)).as(file + " timeseries.csv row " + row).isLessThanOrEqualTo(CSV_ROUNDING);
    }
  }

  static Scenario load(String file) {
    LoadResult r = new ScenarioLoader(CATALOG).load(SCENARIOS.resolve(file));
    assertThat(r.errors()).as(file).extracting(ScenarioError::format).isEmpty();
    return r.scenario();
  }

  static Map<String, byte[]> files(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().collect(Collectors.toMap(p -> p.getFileName().toString(), p -> {
        try {
          return Files.readAllBytes(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, (a, b) -> a, java.util.TreeMap::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The strategy types in the first column of the README's table under "## Strategies". */
  static List<String> readmeStrategyTable() throws IOException {
    List<String> types = new ArrayList<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Strategies");
      } else if (inSection && line.startsWith("| `")) {
        types.add(line.substring(3, line.indexOf('`', 3)));
      }
    }
    return types;
  }
}
