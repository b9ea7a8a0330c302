package dev.deploysim.scenario;

import dev.deploysim.strategy.StrategyCatalog;

/** The JSON Schema (draft-07) of the scenario format, for editors and `sim schema`. */
public final class ScenarioSchema {
  private ScenarioSchema() {}

  /** The schema as pretty-printed JSON, identical for the same catalog. */
  public static String generate(StrategyCatalog catalog) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
