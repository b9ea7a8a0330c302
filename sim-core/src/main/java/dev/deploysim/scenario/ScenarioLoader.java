package dev.deploysim.scenario;

import dev.deploysim.strategy.StrategyCatalog;
import java.nio.file.Path;

/**
 * Reads scenario files: safe YAML, validation of every key and value with file:line:column
 * locations, defaults, and the domain rules. Never throws for a user's mistake.
 */
public final class ScenarioLoader {
  private final StrategyCatalog catalog;

  public ScenarioLoader(StrategyCatalog catalog) {
    this.catalog = catalog;
  }

  public StrategyCatalog catalog() {
    return catalog;
  }

  /** Loads a file; I/O problems are reported as errors too. */
  public LoadResult load(Path file) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Parses scenario text; {@code displayName} names it in messages. */
  public LoadResult parse(String yaml, String displayName) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
