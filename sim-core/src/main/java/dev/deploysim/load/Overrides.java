package dev.deploysim.load;

import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A scenario file with some values replaced (one point of {@code sim sweep}): each override sets
 * the value at a key path ({@code deployment.strategy.batchSize}, {@code faults[0].at}) in the
 * file's YAML node tree, creating mappings that the file leaves out, and the edited tree is loaded
 * by the real {@link ScenarioLoader}. So a point is validated exactly as a file written by hand
 * would be, and problems elsewhere in the file keep their line and column.
 *
 * <p>Overriding {@code deployment.strategy.type} deploys the file's system with another type, as
 * {@link StrategyVariants} does: parameters the type does not have and rollback settings it cannot
 * use are dropped, each with a note.
 */
public final class Overrides {
  private Overrides() {}

  /** The key that changes the strategy type. */
  public static final String STRATEGY_TYPE = "deployment.strategy.type";

  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_-]+)((?:\\[[0-9]{1,9}])*)");
  private static final Pattern INDEX = Pattern.compile("\\[([0-9]{1,9})]");

  /** A value for a key path, as typed (YAML: {@code 30s}, {@code "50%"}, {@code [a, b]}). */
  public record Setting(String key, String value) {
    @java.lang.Override
    public String toString() {
      return key + "=" + value;
    }
  }

  /**
   * A problem of a loaded point.
   *
   * @param error the loader's problem (located in the file when it is about the file's text)
   * @param override the override it is about ({@code key=value}), or null when it is about the file
   */
  public record Problem(ScenarioError error, Setting override) {
    /**
     * One line: {@code file:line:column: path: message} when the problem is in the file's text,
     * {@code file with key=value: path: message} when an override caused it.
     */
    public String format() {
      if (override == null) {
        return error.format();
      }
      ScenarioError e = error;
      return new ScenarioError(e.file() + " with " + override, 0, 0, e.path(), e.message(), e.hint()).format();
    }
  }

  /**
   * The result of loading a file with overrides.
   *
   * @param scenario null when there are problems
   * @param notes what had to go for a changed strategy type (a parameter it does not have ...)
   */
  public record Loaded(Scenario scenario, List<Problem> problems, List<String> notes) {
    public Loaded {
      problems = List.copyOf(problems);
      notes = List.copyOf(notes);
    }

    public boolean ok() {
      return scenario != null;
    }
  }

  /**
   * Why {@code key} is not a key path; null when it is one. A path is names joined by dots, where
   * a name may pick a list item by its 0-based index: {@code faults[0].at}.
   */
  public static String keyProblem(String key) {
    if (key == null || key.isBlank()) {
      return "empty key; name a key path such as deployment.strategy.batchSize";
    }
    for (String seg : key.split("\\.", -1)) {
      if (!SEGMENT.matcher(seg).matches()) {
        return "'" + key + "' is not a key path (names joined by dots, such as deployment.strategy.batchSize"
            + " or faults[0].at)";
      }
    }
    return null;
  }

  /** Loads {@code yaml} with the overrides applied in order. */
  public static Loaded load(ScenarioLoader loader, String yaml, String displayName, List<Setting> overrides) {
    Diagnostics diag = new Diagnostics(displayName);
    MappingNode root = YamlReader.read(yaml, diag);
    if (root == null) {
      return new Loaded(null, fileProblems(diag.errors()), List.of());
    }
    List<Problem> problems = new ArrayList<>();
    for (Setting o : overrides) {
      String p = keyProblem(o.key());
      if (p == null) {
        Diagnostics valueDiag = new Diagnostics(displayName);
        MappingNode holder = YamlReader.read("value: " + o.value(), valueDiag);
        Node value = holder == null ? null : holder.getValue().get(0).getValueNode();
        if (value == null || holder.getValue().size() != 1) {
          p = "'" + o.value() + "' is not a YAML value";
        } else {
          p = set(root, o.key(), value);
        }
      }
      if (p != null) {
        problems.add(new Problem(new ScenarioError(displayName, 0, 0, o.key(), p, null), o));
      }
    }
    if (!problems.isEmpty()) {
      return new Loaded(null, problems, List.of());
    }
    List<String> notes = new ArrayList<>();
    for (Setting o : overrides) {
      if (o.key().equals(STRATEGY_TYPE)) {
        retype(loader, root, o.value().strip(), notes);
      }
    }
    LoadResult r = loader.load(root, diag, Walker.MAX_VISITS);
    for (ScenarioError e : r.errors()) {
      problems.add(new Problem(e, about(e.path(), overrides)));
    }
    return new Loaded(r.ok() ? r.scenario() : null, problems, notes);
  }

  private static List<Problem> fileProblems(List<ScenarioError> errors) {
    return errors.stream().map(e -> new Problem(e, null)).toList();
  }

  /** The last override whose key is the path or one of its ancestors; null when none is. */
  private static Setting about(String path, List<Setting> overrides) {
    Setting found = null;
    for (Setting o : overrides) {
      String k = o.key();
      if (path != null && (path.equals(k) || path.startsWith(k + ".") || path.startsWith(k + "["))) {
        found = o;
      }
    }
    return found;
  }

  private static void retype(ScenarioLoader loader, MappingNode root, String typeName, List<String> notes) {
    StrategyType type = loader.catalog().find(typeName).orElse(null);
    MappingNode deployment = StrategyVariants.mapping(root, "deployment").orElse(null);
    MappingNode strategy = deployment == null ? null : StrategyVariants.mapping(deployment, "strategy").orElse(null);
    if (type != null && strategy != null) {
      StrategyVariants.dropUnusable(deployment, strategy, type, notes);
    }
  }

  /** Sets the value at {@code key}; returns why it cannot, or null. */
  static String set(MappingNode root, String key, Node value) {
    String[] segments = key.split("\\.");
    Node current = root;
    StringBuilder done = new StringBuilder();
    for (int s = 0; s < segments.length; s++) {
      Matcher m = SEGMENT.matcher(segments[s]);
      if (!m.matches()) {
        return "not a key path";
      }
      String name = m.group(1);
      List<Integer> indexes = new ArrayList<>();
      Matcher im = INDEX.matcher(m.group(2));
      while (im.find()) {
        indexes.add(Integer.parseInt(im.group(1)));
      }
      boolean last = s == segments.length - 1;
      if (!(current instanceof MappingNode map)) {
        return done + " is not a mapping in the file, so it has no key '" + name + "'";
      }
      if (done.length() > 0) {
        done.append('.');
      }
      done.append(name);
      int at = find(map, name);
      if (indexes.isEmpty()) {
        if (last) {
          put(map, at, name, value);
          return null;
        }
        if (at < 0) {
          MappingNode created = new MappingNode(Tag.MAP, true, new ArrayList<>(), FlowStyle.BLOCK,
              map.getStartMark(), map.getEndMark());
          put(map, -1, name, created);
          current = created;
        } else {
          current = map.getValue().get(at).getValueNode();
        }
        continue;
      }
      if (at < 0) {
        return "the file has no " + done + " to pick an item from";
      }
      Node item = map.getValue().get(at).getValueNode();
      for (int k = 0; k < indexes.size(); k++) {
        int index = indexes.get(k);
        if (!(item instanceof SequenceNode seq)) {
          return done + " is not a list in the file";
        }
        if (index >= seq.getValue().size()) {
          int size = seq.getValue().size();
          return "the file's " + done + " has " + size + (size == 1 ? " item" : " items") + " (indexes 0.."
              + (size - 1) + "), not [" + index + "]";
        }
        done.append('[').append(index).append(']');
        if (last && k == indexes.size() - 1) {
          List<Node> items = new ArrayList<>(seq.getValue());
          items.set(index, value);
          seq.getValue().clear();
          seq.getValue().addAll(items);
          return null;
        }
        item = seq.getValue().get(index);
      }
      current = item;
    }
    return null;
  }

  private static int find(MappingNode map, String name) {
    List<NodeTuple> tuples = map.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().trim().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static void put(MappingNode map, int at, String name, Node value) {
    List<NodeTuple> tuples = new ArrayList<>(map.getValue());
    if (at >= 0) {
      tuples.set(at, new NodeTuple(tuples.get(at).getKeyNode(), value));
    } else {
      tuples.add(new NodeTuple(new ScalarNode(Tag.STR, true, name, org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN,
          map.getStartMark(), map.getEndMark()), value));
    }
    map.setValue(tuples);
  }
}
