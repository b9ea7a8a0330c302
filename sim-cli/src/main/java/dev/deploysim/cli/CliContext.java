package dev.deploysim.cli;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.load.StrategyVariants;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What the commands get from outside: the strategy catalog, how scenario text becomes a scenario,
 * the terminal, the folder relative paths start from, and the output streams. Tests build their
 * own (a fake strategy type, a temporary working folder, captured streams).
 */
public record CliContext(
    StrategyCatalog catalog,
    ScenarioParser parser,
    Terminal terminal,
    Path workingDir,
    PrintWriter out,
    PrintWriter err) {

  /** Turns scenario text into a validated scenario or located errors. */
  @FunctionalInterface
  public interface ScenarioParser {
    LoadResult parse(String yaml, String displayName);

    /**
     * The scenario in {@code yaml} deployed by another strategy type (compare --strategies); only
     * the YAML loader can rewrite a file's strategy block.
     */
    default StrategyVariants.Variant variant(String yaml, String displayName, String type) {
      throw new UnsupportedOperationException("this scenario parser cannot make strategy variants");
    }
  }

  /** The real thing: every strategy, the YAML loader, the process' terminal and folder. */
  public static CliContext system(PrintWriter out, PrintWriter err) {
    StrategyCatalog catalog = Strategies.catalog();
    return new CliContext(catalog, loaderFor(catalog), Terminal.detect(), Path.of("").toAbsolutePath(), out, err);
  }

  public static ScenarioParser loaderFor(StrategyCatalog catalog) {
    ScenarioLoader loader = new ScenarioLoader(catalog);
    return new ScenarioParser() {
      @Override
      public LoadResult parse(String yaml, String displayName) {
        return loader.parse(yaml, displayName);
      }

      @Override
      public StrategyVariants.Variant variant(String yaml, String displayName, String type) {
        return StrategyVariants.of(loader, yaml, displayName, type);
      }
    };
  }

  /** A path the user typed, resolved against the working folder. */
  public Path resolve(Path p) {
    return workingDir.resolve(p);
  }
}
