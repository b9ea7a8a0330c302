package dev.deploysim.strategies.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type of the catalog either deploys two fleets one after the other or is refused at its
 * {@code type} with its reason (docs/resilience.md#deploying-several-fleets). Each type's own healthy
 * scenario ({@code scenarios/<type>.yaml}) is turned into two regions with a copy of its fleet each,
 * and, unless it has its own DNS settings, weighted records giving each region half the requests.
 */
class EveryTypeOverTwoFleetsTest {
  private static final StrategyCatalog CATALOG = Strategies.catalog();
  private static final ScenarioLoader LOADER = new ScenarioLoader(CATALOG);
  private static final Path SCENARIOS = Path.of("..", "scenarios");

  static Stream<String> types() {
    return CATALOG.all().stream().map(t -> t.description().name());
  }

  /** The file with its {@code fleet} block copied into two fleets in two regions; empty without a fleet block. */
  static Optional<String> overTwoFleets(String yaml) {
    int at = yaml.indexOf("\nfleet:\n");
    if (at < 0) {
      return Optional.empty();
    }
    int end = at + "\nfleet:\n".length();
    StringBuilder body = new StringBuilder();
    for (String line : yaml.substring(end).split("\n", -1)) {
      if (!line.startsWith("  ") && !line.startsWith("#")) {
        break;
      }
      end += line.length() + 1;
      body.append("  ").append(line).append('\n');
    }
    String fleets = "\nregions: [us-east-1, eu-west-1]\nfleets:\n"
        + "  app-us:\n" + body + "    region: us-east-1\n"
        + "  app-eu:\n" + body + "    region: eu-west-1\n";
    if (!yaml.contains("\ndns:")) {
      fleets += "dns:\n  records:\n    - {type: weighted, weight: 1, target: app-us-lb}\n"
          + "    - {type: weighted, weight: 1, target: app-eu-lb}\n";
    }
    return Optional.of(yaml.substring(0, at) + fleets + yaml.substring(end));
  }

  private static double time(RunResult r, String message) {
    return r.timeline().stream().filter(e -> e.message().startsWith(message)).mapToDouble(TimelineEvent::time)
        .findFirst().orElse(Double.NaN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void deploysEachFleetInTurnOrIsRefusedWithItsReason(String name) throws IOException {
    StrategyType type = CATALOG.find(name).orElseThrow();
    String yaml = Files.readString(SCENARIOS.resolve(name.replace('.', '-') + ".yaml"));
    Optional<String> two = overTwoFleets(yaml);
    if (two.isEmpty()) {
      return; // a serverless scenario: no fleet to copy
    }
    LoadResult loaded = LOADER.parse(two.get(), name + "-two-fleets.yaml");
    List<String> errors = loaded.errors().stream().map(ScenarioError::format).toList();
    boolean serverless = loaded.scenario() != null && !type.needsFleet(loaded.scenario().deployment().strategy().params());
    if (type.whyNotPerFleet() != null) {
      assertThat(errors).singleElement().asString()
          .contains("deployment.strategy.type: " + name + " cannot deploy the 2 fleets (app-us, app-eu) one after the "
              + "other: " + type.whyNotPerFleet());
      return;
    }
    if (!errors.isEmpty()) {
      assertThat(errors).as("only a serverless deployment is refused").singleElement().asString()
          .contains("a serverless deployment has no fleet to deploy");
      return;
    }
    assertThat(serverless).isFalse();
    RunResult r = ScenarioRunner.run(loaded.scenario(), CATALOG);
    double at = loaded.scenario().deployment().at();
    assertThat(time(r, "app-us: deployment started")).isEqualTo(at);
    double usSucceeded = time(r, "app-us: deployment succeeded");
    if (Double.isNaN(usSucceeded)) {
      assertThat(r.summary().outcome()).isNotEqualTo(Outcome.SUCCEEDED);
      assertThat(r.timeline()).noneMatch(e -> e.message().startsWith("app-eu: "));
      return;
    }
    assertThat(time(r, "app-eu: deployment started")).as("eu-west-1 after us-east-1").isEqualTo(usSucceeded);
    boolean euSucceeded = !Double.isNaN(time(r, "app-eu: deployment succeeded"));
    assertThat(r.summary().outcome() == Outcome.SUCCEEDED).isEqualTo(euSucceeded);
    assertThat(r.phases()).allMatch(p -> p.fleet() != null && p.label().startsWith(p.fleet() + ": "));
  }
}
