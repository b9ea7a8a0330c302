package dev.deploysim.strategies;

import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import java.util.stream.Collectors;

/** Test helper: loads scenario YAML with the real strategy catalog and runs it. */
public final class Simulate {
  private Simulate() {}

  /** Parses and validates scenario text; fails the test with every problem when it is invalid. */
  public static Scenario scenario(String yaml) {
    LoadResult r = new ScenarioLoader(Strategies.catalog()).parse(yaml, "test.yaml");
    if (!r.ok()) {
      throw new AssertionError("invalid test scenario:\n"
          + r.errors().stream().map(ScenarioError::format).collect(Collectors.joining("\n")));
    }
    return r.scenario();
  }

  /** Parses and runs scenario text. */
  public static RunResult run(String yaml) {
    return ScenarioRunner.run(scenario(yaml), Strategies.catalog());
  }

  /** Runs a scenario. */
  public static RunResult run(Scenario s) {
    return ScenarioRunner.run(s, Strategies.catalog());
  }
}
