package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.RunResult;
import dev.deploysim.run.Replications;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replications after the first run lean (no time-series rows, no timeline): the summary must be
 * exactly the one a full run gives, for every scenario of the repository and a few seeds.
 */
class LeanRunTest {
  static Stream<Path> scenarios() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("..", "scenarios"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /** A repository scenario loaded with its strategy type. */
  record Loaded(Scenario scenario, StrategyType type) {}

  /** The file's scenario and type; null for a lesson that shows a refused setting (nothing to run). */
  static Loaded load(Path file) throws IOException {
    LoadResult r = new ScenarioLoader(Strategies.catalog()).parse(Files.readString(file), file.toString());
    if (!r.ok()) {
      return null;
    }
    return new Loaded(r.scenario(),
        Strategies.catalog().find(r.scenario().deployment().strategy().type()).orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aLeanRunHasTheSameSummary(Path file) throws IOException {
    Loaded r = load(file);
    if (r == null) {
      return;
    }
    StrategyType type = r.type();
    for (int i = 0; i < 2; i++) {
      Scenario s = r.scenario().withSeed(Replications.seed(r.scenario().seed(), i + 1));
      RunResult full = ScenarioRunner.run(s, type, true);
      RunResult lean = ScenarioRunner.run(s, type, false);
      assertThat(lean.summary()).isEqualTo(full.summary());
      assertThat(lean.timeSeries().size()).isZero();
      assertThat(lean.timeline()).isEmpty();
    }
  }
}
