package dev.deploysim.load;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.strategy.StrategyType;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * One scenario file deployed by another strategy type ({@code sim compare --strategies}): the same
 * system, traffic, versions, alarms and faults; the strategy block keeps each parameter the new
 * type also has and accepts, and the new type's default stands for the rest. What had to go is
 * reported as notes (a parameter the new type does not have, a value it refuses, a rollback setting
 * it cannot use), never as an error.
 *
 * <p>The file is read as YAML, its strategy block rewritten, and the result loaded by the real
 * {@link ScenarioLoader}, so a variant is validated exactly as a file written by hand would be.
 */
public final class StrategyVariants {
  private StrategyVariants() {}

  /**
   * A variant: the loaded scenario (or the problems that remain) and what was dropped.
   *
   * @param notes one line each, e.g. "batchSize: not used by eb.immutable"
   */
  public record Variant(String type, LoadResult result, List<String> notes) {
    public Variant {
      notes = List.copyOf(notes);
    }
  }

  /** The variant's scenario name: {@code <scenario>-<type>}. */
  public static String name(String scenarioName, String type) {
    return scenarioName + "-" + type;
  }

  /**
   * The scenario in {@code yaml} deployed with {@code typeName}, named {@code <name>-<type>}.
   *
   * @throws IllegalArgumentException when the type is unknown (callers check first)
   */
  public static Variant of(ScenarioLoader loader, String yaml, String displayName, String typeName) {
    StrategyType type = loader.catalog().find(typeName)
        .orElseThrow(() -> new IllegalArgumentException("unknown strategy type " + typeName));
    Diagnostics diag = new Diagnostics(displayName);
    MappingNode root = YamlReader.read(yaml, diag);
    if (root == null) {
      return new Variant(typeName, diag.result(null), List.of());
    }
    List<String> notes = new ArrayList<>();
    MappingNode deployment = mapping(root, "deployment").orElse(null);
    MappingNode strategy = deployment == null ? null : mapping(deployment, "strategy").orElse(null);
    if (strategy == null) {
      // nothing to rewrite: let the loader say what is missing
      return new Variant(typeName, loader.parse(yaml, displayName), List.of());
    }
    String oldType = scalar(strategy, "type").orElse("?");
    ScalarNode name = scalarNode(root, "name").orElse(null);
    if (name != null) {
      set(root, "name", plain(name(name.getValue().trim(), typeName)));
    }
    set(strategy, "type", plain(typeName));
    Set<String> known = dropUnusable(deployment, strategy, type, notes);

    // load; a kept parameter the new type refuses is dropped (its default stands) and loaded again
    for (int round = 0; ; round++) {
      LoadResult r = loader.parse(dump(root), displayName + " as " + typeName);
      if (r.ok() || round > known.size()) {
        return new Variant(typeName, r, notes);
      }
      List<String> refused = new ArrayList<>();
      for (ScenarioError e : r.errors()) {
        String key = strategyKey(e.path());
        if (key != null && !key.equals("type") && has(strategy, key) && !refused.contains(key)) {
          refused.add(key);
          notes.add(key + ": " + describe(strategy, key) + " not valid for " + typeName + " (" + e.message()
              + "); its default is used");
        }
      }
      if (refused.isEmpty()) {
        return new Variant(typeName, withoutPositions(r, displayName, typeName, oldType), notes);
      }
      refused.forEach(k -> remove(strategy, k));
    }
  }

  /**
   * Makes a strategy block fit {@code type} (already named in it): drops each parameter the type
   * does not have and each rollback setting it cannot use, with a note for each. Returns the
   * type's parameter names.
   */
  static Set<String> dropUnusable(MappingNode deployment, MappingNode strategy, StrategyType type,
      List<String> notes) {
    String typeName = type.description().name();
    Set<String> known = new LinkedHashSet<>();
    for (ParamSpec p : type.description().params()) {
      known.add(p.name());
    }
    for (NodeTuple t : List.copyOf(strategy.getValue())) {
      String key = keyOf(t);
      if (key != null && !key.equals("type") && !known.contains(key)) {
        remove(strategy, key);
        notes.add(key + ": not used by " + typeName);
      }
    }
    MappingNode rollback = mapping(deployment, "rollback").orElse(null);
    if (rollback != null) {
      if (!type.description().rollback().rollsBackOnAlarms() && has(rollback, "onAlarms")) {
        remove(rollback, "onAlarms");
        notes.add("rollback.onAlarms: dropped; " + type.description().alarmRollbackRefusal());
      }
      String onFailure = scalar(rollback, "onFailure").orElse(null);
      String refusal = "true".equals(onFailure) || "false".equals(onFailure)
          ? type.description().rollbackOnFailureRefusal(Boolean.parseBoolean(onFailure)) : null;
      if (refusal != null) {
        remove(rollback, "onFailure");
        notes.add("rollback.onFailure: dropped; " + refusal);
      }
      if (rollback.getValue().isEmpty()) {
        remove(deployment, "rollback");
      }
    }
    return known;
  }

  /** Problems of a rewritten file have no position in the user's file: name the variant instead. */
  private static LoadResult withoutPositions(LoadResult r, String displayName, String type, String oldType) {
    List<ScenarioError> errors = new ArrayList<>();
    for (ScenarioError e : r.errors()) {
      errors.add(new ScenarioError(displayName + " (its " + oldType + " strategy replaced by " + type + ")", 0, 0,
          e.path(), e.message(), e.hint()));
    }
    return new LoadResult(null, errors);
  }

  /** {@code deployment.strategy.batchSize[...]} -> {@code batchSize}; null for other paths. */
  static String strategyKey(String path) {
    String prefix = "deployment.strategy.";
    if (path == null || !path.startsWith(prefix)) {
      return null;
    }
    return firstKey(path.substring(prefix.length()));
  }

  /** The first key of a key path: all before its first '.' or '[' ({@code a} of {@code a.b} and {@code a[0]}). */
  static String firstKey(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.' || c == '[') {
        return path.substring(0, i);
      }
    }
    return path;
  }

  // ---- node tree helpers ----------------------------------------------------------------------

  private static String keyOf(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode s ? s.getValue().trim() : null;
  }

  private static Optional<Node> value(MappingNode m, String key) {
    for (NodeTuple t : m.getValue()) {
      if (key.equals(keyOf(t))) {
        return Optional.of(t.getValueNode());
      }
    }
    return Optional.empty();
  }

  private static boolean has(MappingNode m, String key) {
    return value(m, key).isPresent();
  }

  static Optional<MappingNode> mapping(MappingNode m, String key) {
    return value(m, key).filter(n -> n instanceof MappingNode).map(n -> (MappingNode) n);
  }

  private static Optional<ScalarNode> scalarNode(MappingNode m, String key) {
    return value(m, key).filter(n -> n instanceof ScalarNode).map(n -> (ScalarNode) n);
  }

  private static Optional<String> scalar(MappingNode m, String key) {
    return scalarNode(m, key).map(s -> s.getValue().trim());
  }

  private static String describe(MappingNode m, String key) {
    Node n = value(m, key).orElse(null);
    if (n instanceof ScalarNode s) {
      return s.getValue().trim();
    }
    return "its value";
  }

  private static ScalarNode plain(String text) {
    return new ScalarNode(Tag.STR, text, ScalarStyle.PLAIN);
  }

  private static void set(MappingNode m, String key, Node value) {
    List<NodeTuple> tuples = new ArrayList<>(m.getValue());
    for (int i = 0; i < tuples.size(); i++) {
      if (key.equals(keyOf(tuples.get(i)))) {
        tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), value));
        m.setValue(tuples);
        return;
      }
    }
    tuples.add(new NodeTuple(plain(key), value));
    m.setValue(tuples);
  }

  private static void remove(MappingNode m, String key) {
    List<NodeTuple> tuples = new ArrayList<>(m.getValue());
    tuples.removeIf(t -> key.equals(keyOf(t)));
    m.setValue(tuples);
  }

  private static String dump(Node root) {
    DumpSettings settings = DumpSettings.builder()
        .setSchema(new CoreSchema())
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setWidth(1000)
        .build();
    StringWriter out = new StringWriter();
    new Dump(settings).dumpNode(root, new StreamDataWriter() {
      @Override
      public void write(String str) {
        out.write(str);
      }

      @Override
      public void write(String str, int off, int len) {
        out.write(str, off, len);
      }
    });
    return out.toString();
  }
}
