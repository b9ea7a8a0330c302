package dev.deploysim.load;

import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads scenario files: safe YAML, validation of every key and value with file:line:column
 * locations, defaults, and the domain rules. Never throws for a user's mistake.
 *
 * <p>Key paths in messages name list items from 0: {@code faults[0]} is the first fault.
 */
public final class ScenarioLoader {
  private final StrategyCatalog catalog;
  private final ParamType.ObjectType format;

  public ScenarioLoader(StrategyCatalog catalog) {
    this.catalog = catalog;
    this.format = ScenarioFormat.root(catalog);
  }

  public StrategyCatalog catalog() {
    return catalog;
  }

  /** Loads a file; I/O problems are reported as errors too. */
  public LoadResult load(Path file) {
    String name = file.toString();
    ScenarioText.Decoded text;
    try {
      if (Files.isDirectory(file)) {
        return failure(name, "is a directory, not a scenario file");
      }
      try (InputStream in = Files.newInputStream(file)) {
        text = ScenarioText.read(in, name);
      }
    } catch (NoSuchFileException e) {
      return failure(name, "no such file");
    } catch (IOException | SecurityException e) {
      return failure(name, "cannot read the file: " + e.getMessage());
    }
    return text.ok() ? parse(text.text(), name) : text.problem();
  }

  private static LoadResult failure(String file, String message) {
    return new LoadResult(null, List.of(new ScenarioError(file, 0, 0, "", message, null)));
  }

  /** Parses scenario text; {@code displayName} names it in messages. */
  public LoadResult parse(String yaml, String displayName) {
    return parse(yaml, displayName, Walker.MAX_VISITS);
  }

  LoadResult parse(String yaml, String displayName, int maxVisits) {
    Diagnostics diag = new Diagnostics(displayName);
    MappingNode root = YamlReader.read(yaml, diag);
    if (root == null) {
      return diag.result(null);
    }
    return load(root, diag, maxVisits);
  }

  /**
   * Loads a node tree read by {@link YamlReader} (and possibly edited, see {@link Overrides}):
   * errors keep the positions of the nodes they are about.
   */
  LoadResult load(MappingNode root, Diagnostics diag, int maxVisits) {
    Set<Node> tagged = YamlReader.forbiddenTags(root);
    Walker walker = new Walker(diag, tagged, maxVisits);
    Scenario scenario = null;
    try {
      StrategyParams values = walker.object(root, format, "", walker::unknownKey);
      for (Node n : tagged) {
        YamlReader.reportTag(n, "", diag);
      }
      scenario = new ScenarioBinder(diag, catalog).bind(values);
    } catch (Walker.TooLarge e) {
      diag.errorAt(1, 1, "", "the document is too large once aliases are expanded (more than "
          + maxVisits + " values); aliases (*name) repeat what they refer to", null);
    }
    return diag.result(scenario);
  }
}
