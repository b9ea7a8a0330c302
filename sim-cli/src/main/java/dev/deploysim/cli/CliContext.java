package dev.deploysim.cli;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.Overrides;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.load.StrategyVariants;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * The scenario in {@code yaml} with values set at key paths (a point of sim sweep); only the
     * YAML loader can edit a file's node tree.
     */
    default Overrides.Loaded withSettings(String yaml, String displayName, List<Overrides.Setting> settings) {
      throw new UnsupportedOperationException("this scenario parser cannot set values in a file");
    }
  }

  /** The real thing: every strategy, the YAML loader, the process' terminal and folder. */
  public static CliContext system(PrintWriter out, PrintWriter err) {
    return system(out, err, List.of());
  }

  /**
   * The real thing with the strategy types of plugin jars ({@link Plugins}) beside the built-in ones.
   *
   * @throws dev.deploysim.cli.text.UserError when a plugin cannot be loaded
   */
  public static CliContext system(PrintWriter out, PrintWriter err, List<Path> plugins) {
    Path workingDir = Path.of("").toAbsolutePath();
    StrategyCatalog catalog = Plugins.catalog(Strategies.catalog(), plugins, workingDir);
    return new CliContext(catalog, loaderFor(catalog), Terminal.detect(), workingDir, out, err);
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

      @Override
      public Overrides.Loaded withSettings(String yaml, String displayName, List<Overrides.Setting> settings) {
        return Overrides.load(loader, yaml, displayName, settings);
      }
    };
  }

  /** A path the user typed, resolved against the working folder. */
  public Path resolve(Path p) {
    return workingDir.resolve(p);
  }
}
