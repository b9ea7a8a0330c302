package dev.deploysim.load;

import dev.deploysim.scenario.StrategySpec;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.format.Wording;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Checks a YAML node tree against a {@link ParamType} description and binds it to values (see
 * {@link ParamType} for what each type binds to), reporting every problem with its key path and
 * remembering where each key is. A value with a problem is left out (null), so checks that depend
 * on it can skip themselves.
 */
final class Walker {
  /** Thrown when a document expands (through aliases) to more values than any scenario needs. */
  static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  /** Values (scalars, lists, mappings) visited at most: far above any real scenario. */
  static final int MAX_VISITS = 200_000;

  private static final List<String> DISTRIBUTIONS = List.of("uniform", "exponential", "normal", "lognormal", "triangular");

  private static final ParamType DIST_DURATION = new ParamType.DurationType(0, Double.POSITIVE_INFINITY, false);
  private static final List<ParamSpec> EXPONENTIAL = List.of(
      ParamSpec.required("mean", DIST_DURATION, null, "mean"));
  private static final List<ParamSpec> NORMAL = List.of(
      ParamSpec.required("mean", DIST_DURATION, null, "mean"),
      ParamSpec.required("sd", DIST_DURATION, null, "standard deviation"));
  private static final List<ParamSpec> LOGNORMAL = List.of(
      ParamSpec.required("median", DIST_DURATION, null, "median"),
      ParamSpec.required("p95", DIST_DURATION, null, "95th percentile"));

  private final Diagnostics diag;
  private final StrategyCatalog catalog;
  private final Set<Node> tagged;
  private final int maxVisits;
  private int visits;

  /**
   * @param tagged nodes with a forbidden type tag; each is reported (with its key path) when the
   *     walk meets it and removed from the set, so the caller can report the rest
   */
  Walker(Diagnostics diag, StrategyCatalog catalog, Set<Node> tagged) {
    this(diag, catalog, tagged, MAX_VISITS);
  }

  Walker(Diagnostics diag, StrategyCatalog catalog, Set<Node> tagged, int maxVisits) {
    this.diag = diag;
    this.catalog = catalog;
    this.tagged = tagged;
    this.maxVisits = maxVisits;
  }

  /** True (after reporting it) when the node carries a forbidden type tag. */
  private boolean forbiddenTag(Node node, String path) {
    if (tagged.isEmpty() || !tagged.contains(node)) {
      return false;
    }
    tagged.remove(node);
    YamlReader.reportTag(node, path, diag);
    return true;
  }

  // ---- entry points -----------------------------------------------------------------------------

  /** The value of a key described by {@code spec}; the strategy (keys by its type) by name. */
  Object field(Node node, ParamSpec spec, String path) {
    if (forbiddenTag(node, path)) {
      return null;
    }
    if (spec == ScenarioFormat.STRATEGY) {
      return strategy(node, path);
    }
    return value(node, spec.type(), path);
  }

  /** A value of the given type, or null after reporting why it is not one. */
  Object value(Node node, ParamType type, String path) {
    count();
    if (forbiddenTag(node, path)) {
      return null;
    }
    if (type == ScenarioFormat.FAULT) {
      return fault(node, path);
    }
    if (type instanceof ParamType.OneOfType o) {
      return oneOf(node, o, path);
    }
    if (type instanceof ParamType.ObjectType o) {
      return object(node, o.fields(), path, Set.of(), this::unknownKey);
    }
    if (type instanceof ParamType.ListType l) {
      return list(node, l, path);
    }
    if (type instanceof ParamType.MapType m) {
      return map(node, m, path);
    }
    if (type instanceof ParamType.DistributionType && !(node instanceof ScalarNode)) {
      return distribution(node, path);
    }
    if (!(node instanceof ScalarNode s)) {
      return typeError(node, path, Wording.expected(type));
    }
    ScalarReader.Read read = ScalarReader.read(s, type);
    if (read.problem() != null) {
      diag.error(path, read.problem(), read.hint());
    }
    return read.value();
  }

  /** Reports an unknown key of a mapping; {@code fields} are the keys allowed there. */
  interface UnknownKey {
    void report(String key, String path, List<ParamSpec> fields);
  }

  void unknownKey(String key, String path, List<ParamSpec> fields) {
    List<String> names = Wording.names(fields);
    String hint = DidYouMean.hint(key, names);
    if (hint == null) {
      hint = names.isEmpty() ? "no keys are allowed here" : "expected one of: " + String.join(", ", names);
    }
    diag.error(path, "unknown key", hint);
  }

  /**
   * A mapping with known keys: each key once, no unknown keys, required keys present, defaults for
   * absent optional keys. Keys in {@code skipKeys} were handled by the caller.
   */
  StrategyParams object(Node node, List<ParamSpec> fields, String path, Set<String> skipKeys, UnknownKey unknown) {
    if (!(node instanceof MappingNode m)) {
      boolean empty = node instanceof ScalarNode s && ScalarReader.kind(s) == ScalarReader.Kind.NULL;
      boolean noneRequired = fields.stream().noneMatch(ParamSpec::required);
      diag.error(path, "expected a mapping of keys (key: value), got " + ScalarReader.got(node),
          empty && noneRequired ? "write {} to take every default" : null);
      return null;
    }
    Map<String, Node> given = keys(m, path);
    Map<String, Object> values = new LinkedHashMap<>();
    Set<String> explicit = new LinkedHashSet<>();
    Map<String, ParamSpec> byName = new HashMap<>();
    for (ParamSpec f : fields) {
      byName.put(f.name(), f);
    }
    Set<String> meant = new HashSet<>();
    for (Map.Entry<String, Node> e : given.entrySet()) {
      String key = e.getKey();
      if (!byName.containsKey(key) && !skipKeys.contains(key)) {
        unknown.report(key, join(path, key), fields);
        String guess = DidYouMean.suggest(key, Wording.names(fields));
        if (guess != null) {
          meant.add(guess);
        }
      }
    }
    for (ParamSpec f : fields) {
      String childPath = join(path, f.name());
      Node v = given.get(f.name());
      if (skipKeys.contains(f.name())) {
        continue;
      }
      if (v != null) {
        explicit.add(f.name());
        Object bound = field(v, f, childPath);
        if (bound != null) {
          values.put(f.name(), bound);
        }
      } else if (f.required() && !meant.contains(f.name())) {
        // (a misspelt key already reported with "did you mean" needs no second message)
        diag.error(childPath, "required key is missing", "add " + f.name() + ": <" + Wording.placeholder(f.type()) + ">");
      } else if (f.defaultValue() != null) {
        values.put(f.name(), defaultValue(f));
      }
    }
    return new StrategyParams(values, explicit);
  }

  /** A spec's default as the type binds it (a default written as 600 for a duration reads as 600.0). */
  static Object defaultValue(ParamSpec f) {
    return f.boundDefault();
  }

  /**
   * The keys of a mapping in file order, each marked; duplicate and non-scalar keys reported (the
   * first of duplicates wins).
   */
  private Map<String, Node> keys(MappingNode m, String path) {
    Map<String, Node> given = new LinkedHashMap<>();
    Map<String, Node> keyNodes = new HashMap<>();
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode ks)) {
        diag.errorAt(k, path, "a key must be a plain name, not a " + (k instanceof SequenceNode ? "list" : "mapping"),
            "write name: value; '? ' starts a complex key, which a scenario has no use for");
        continue;
      }
      String key = ks.getValue();
      if (key.isBlank()) {
        diag.errorAt(k, path, "a key must be a name, got an empty one (" + ScalarReader.got(k) + ")",
            "remove it, or give it its name");
        continue;
      }
      String childPath = join(path, key);
      if (forbiddenTag(k, childPath)) {
        continue;
      }
      Node first = keyNodes.get(key);
      if (first != null) {
        int line = first.getStartMark().map(x -> x.getLine() + 1).orElse(0);
        diag.errorAt(k, childPath, "duplicate key: '" + key + "' is already given" + (line > 0 ? " at line " + line : ""),
            "give each key once");
        continue;
      }
      keyNodes.put(key, k);
      diag.mark(childPath, k);
      given.put(key, t.getValueNode());
    }
    return given;
  }

  private List<Object> list(Node node, ParamType.ListType type, String path) {
    if (!(node instanceof SequenceNode s)) {
      typeError(node, path, "a list of " + Wording.placeholder(type.item()) + " ([a, b] or '- ' lines)");
      return null;
    }
    List<Node> items = s.getValue();
    if (items.size() < type.minItems()) {
      diag.error(path, "needs at least " + type.minItems() + (type.minItems() == 1 ? " item" : " items")
          + ", got " + items.size());
    }
    if (items.size() > type.maxItems()) {
      diag.error(path, "allows at most " + type.maxItems() + " items, got " + items.size());
    }
    List<Object> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String itemPath = path + "[" + i + "]";
      diag.mark(itemPath, items.get(i));
      out.add(value(items.get(i), type.item(), itemPath));
    }
    return Collections.unmodifiableList(out);
  }

  private Map<String, Object> map(Node node, ParamType.MapType type, String path) {
    if (!(node instanceof MappingNode m)) {
      typeError(node, path, "a mapping of names to " + Wording.placeholder(type.value()));
      return null;
    }
    Map<String, Node> given = keys(m, path);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : given.entrySet()) {
      String childPath = join(path, e.getKey());
      if (type.keys() != null && !type.keys().values().contains(e.getKey())) {
        diag.error(childPath, "unknown key", hintFor(e.getKey(), type.keys().values()));
        continue;
      }
      Object v = value(e.getValue(), type.value(), childPath);
      out.put(e.getKey(), v);
    }
    return out;
  }

  // ---- one of several types ---------------------------------------------------------------------

  /**
   * A value of a {@link ParamType.OneOfType}. The alternatives that take the node's shape (scalar,
   * mapping, list) are narrowed to those that claim it (a number for a number, a word of an enum,
   * text that reads as a duration, a mapping with one of an object's keys ...). One claimant binds
   * the value and reports its own problems (a probability of 2 is out of range, not of the wrong
   * type); several are tried in order and the first that takes the value without a problem wins;
   * a value nothing claims gets one message listing every accepted form.
   */
  private Object oneOf(Node node, ParamType.OneOfType type, String path) {
    List<ParamType> fits = new ArrayList<>();
    List<ParamType> claimants = new ArrayList<>();
    for (ParamType t : type.alternatives()) {
      if (fits(node, t)) {
        fits.add(t);
        if (claims(node, t)) {
          claimants.add(t);
        }
      }
    }
    if (!(node instanceof ScalarNode) && fits.size() == 1) {
      return value(node, fits.get(0), path);
    }
    if (claimants.isEmpty() && node instanceof MappingNode m) {
      ParamType meant = meantByKeys(m, fits);
      if (meant != null) {
        return value(node, meant, path);
      }
    }
    if (claimants.size() == 1) {
      return value(node, claimants.get(0), path);
    }
    // scalars only by a claimant; a mapping no alternative claims (e.g. {}) may still suit one
    List<ParamType> candidates = !claimants.isEmpty() || node instanceof ScalarNode ? claimants : fits;
    for (ParamType t : candidates) {
      Diagnostics.Checkpoint checkpoint = diag.checkpoint();
      Set<Node> taggedBefore = Collections.newSetFromMap(new IdentityHashMap<>());
      taggedBefore.addAll(tagged); // a tag reported by a form that is dropped is reported again later
      Object v = value(node, t, path);
      if (!diag.failedSince(checkpoint)) {
        return v;
      }
      diag.rollback(checkpoint);
      if (!taggedBefore.isEmpty()) {
        tagged.addAll(taggedBefore);
      }
    }
    if (!claimants.isEmpty()) {
      return value(node, claimants.get(0), path); // again, to report the first claimant's problems
    }
    String hint = node instanceof ScalarNode s && ScalarReader.kind(s) == ScalarReader.Kind.STR ? DidYouMean.hint(s.getValue().trim(), words(type))
        : null;
    diag.error(path, "expected " + Wording.expected(type) + ", got " + ScalarReader.got(node), hint);
    return null;
  }

  /** Whether an alternative takes values of the node's shape at all. */
  private static boolean fits(Node node, ParamType t) {
    if (node instanceof MappingNode) {
      return t instanceof ParamType.ObjectType || t instanceof ParamType.MapType || t instanceof ParamType.DistributionType;
    }
    if (node instanceof SequenceNode) {
      return t instanceof ParamType.ListType;
    }
    return !(t instanceof ParamType.ObjectType || t instanceof ParamType.MapType || t instanceof ParamType.ListType);
  }

  /** Whether the node looks like a value of the alternative (it may still be out of range). */
  private static boolean claims(Node node, ParamType t) {
    if (node instanceof SequenceNode) {
      return t instanceof ParamType.ListType;
    }
    if (node instanceof MappingNode m) {
      List<String> keys = new ArrayList<>();
      for (NodeTuple tuple : m.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k) {
          keys.add(k.getValue());
        }
      }
      if (t instanceof ParamType.MapType mt && mt.keys() == null) {
        return true;
      }
      List<String> known = keysOf(t);
      return keys.stream().anyMatch(known::contains);
    }
    return ScalarReader.claims((ScalarNode) node, t);
  }


  /** The keys a mapping of this type may have (empty when any key goes). */
  private static List<String> keysOf(ParamType t) {
    if (t instanceof ParamType.ObjectType o) {
      return Wording.names(o.fields());
    }
    if (t instanceof ParamType.MapType m && m.keys() != null) {
      return m.keys().values();
    }
    if (t instanceof ParamType.DistributionType) {
      return DISTRIBUTIONS;
    }
    return List.of();
  }

  /** The alternative whose keys a misspelt key of the mapping probably meant, or null. */
  private static ParamType meantByKeys(MappingNode m, List<ParamType> fits) {
    for (NodeTuple tuple : m.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode k)) {
        continue;
      }
      for (ParamType t : fits) {
        if (DidYouMean.suggest(k.getValue(), keysOf(t)) != null) {
          return t;
        }
      }
    }
    return null;
  }

  /** Words a misspelt scalar may have meant: the enum values and object keys of the alternatives. */
  private static List<String> words(ParamType.OneOfType type) {
    List<String> words = new ArrayList<>();
    for (ParamType t : type.alternatives()) {
      if (t instanceof ParamType.EnumType e) {
        words.addAll(e.values());
      } else if (t instanceof ParamType.ObjectType o) {
        words.addAll(Wording.names(o.fields()));
      }
    }
    return words;
  }

  // ---- special shapes ---------------------------------------------------------------------------

  private StrategySpec strategy(Node node, String path) {
    count();
    if (!(node instanceof MappingNode m)) {
      String hint = node instanceof ScalarNode s && ScalarReader.kind(s) == ScalarReader.Kind.STR
          ? "write strategy: {type: " + s.getValue().trim() + "}" : null;
      diag.error(path, "expected a mapping with the strategy's type and parameters, e.g. {type: eb.rolling, "
          + "batchSize: 2}, got " + ScalarReader.got(node), hint);
      return null;
    }
    Map<String, Node> given = keys(m, path);
    String typePath = path + ".type";
    Node typeNode = given.get("type");
    if (typeNode == null) {
      diag.error(typePath, "required key is missing", "add type: <strategy type>; `sim strategies` lists them");
      return null;
    }
    String name = typeNode instanceof ScalarNode s && ScalarReader.kind(s) == ScalarReader.Kind.STR ? s.getValue().trim() : null;
    if (name == null) {
      typeError(typeNode, typePath, "a strategy type name like eb.rolling");
      return null;
    }
    StrategyType type = catalog.find(name).orElse(null);
    if (type == null) {
      String hint = DidYouMean.hint(name, catalog.names());
      diag.error(typePath, "unknown strategy type \"" + name + "\"",
          hint != null ? hint : "known types: " + String.join(", ", catalog.names()));
      return null;
    }
    StrategyParams params = object(node, type.description().params(), path, Set.of("type"), (key, keyPath, fields) -> {
      List<String> names = Wording.names(fields);
      String hint = DidYouMean.hint(key, names);
      if (hint == null) {
        hint = names.isEmpty() ? name + " takes no parameters" : name + " takes: " + String.join(", ", names);
      }
      diag.error(keyPath, "unknown parameter of " + name, hint);
    });
    return new StrategySpec(name, params);
  }

  private StrategyParams fault(Node node, String path) {
    if (!(node instanceof MappingNode m)) {
      return (StrategyParams) typeError(node, path, "a fault like {at: 10m, type: zoneOutage, zone: a, duration: 5m}");
    }
    Map<String, Node> given = keys(m, path);
    Node typeNode = given.get("type");
    if (typeNode == null) {
      diag.error(path + ".type", "required key is missing",
          "add type: one of " + String.join(", ", ScenarioFormat.FAULT_TYPES.keySet()));
      return null;
    }
    String type = typeNode instanceof ScalarNode s && ScalarReader.kind(s) == ScalarReader.Kind.STR ? s.getValue().trim() : null;
    if (type == null || !ScenarioFormat.FAULT_TYPES.containsKey(type)) {
      diag.error(path + ".type", "unknown fault type " + ScalarReader.got(typeNode),
          hintFor(type == null ? "" : type, ScenarioFormat.FAULT_TYPES.keySet()));
      return null;
    }
    List<ParamSpec> fields = ScenarioFormat.faultFields(type);
    return object(node, fields, path, Set.of(), (key, keyPath, f) -> {
      List<String> own = Wording.names(ScenarioFormat.FAULT_TYPES.get(type));
      if (ScenarioFormat.FAULT.field(key) != null) {
        diag.error(keyPath, "does not apply to " + type + " faults",
            own.isEmpty() ? null : type + " takes: " + String.join(", ", own));
      } else {
        String hint = DidYouMean.hint(key, Wording.names(f));
        diag.error(keyPath, "unknown key", hint != null ? hint : "a " + type + " fault takes: at, type, "
            + String.join(", ", own));
      }
    });
  }

  private Distribution distribution(Node node, String path) {
    if (!(node instanceof MappingNode m)) {
      typeError(node, path, Wording.DISTRIBUTION_EXAMPLES);
      return null;
    }
    Map<String, Node> given = keys(m, path);
    if (given.size() != 1) {
      diag.errorAt(node, path, given.isEmpty() ? "expected " + Wording.DISTRIBUTION_EXAMPLES + ", got an empty mapping"
          : "a distribution has exactly one of uniform, exponential, normal, lognormal, triangular; got "
              + String.join(", ", given.keySet()), null);
      return null;
    }
    Map.Entry<String, Node> e = given.entrySet().iterator().next();
    String kind = e.getKey();
    String p = path + "." + kind;
    Node v = e.getValue();
    try {
      switch (kind) {
        case "uniform": {
          double[] a = durations(v, p, 2, "[low, high]");
          if (a == null) {
            return null;
          }
          if (a[0] > a[1]) {
            diag.error(p, "low " + Durations.format(a[0]) + " is above high " + Durations.format(a[1]),
                "write [low, high]");
            return null;
          }
          return new Distribution.Uniform(a[0], a[1]);
        }
        case "triangular": {
          double[] a = durations(v, p, 3, "[low, mode, high]");
          if (a == null) {
            return null;
          }
          if (!(a[0] <= a[1] && a[1] <= a[2]) || a[0] == a[2]) {
            diag.error(p, "needs low <= mode <= high and low < high, got [" + Durations.format(a[0]) + ", "
                + Durations.format(a[1]) + ", " + Durations.format(a[2]) + "]", "write [low, mode, high]");
            return null;
          }
          return new Distribution.Triangular(a[0], a[1], a[2]);
        }
        case "exponential": {
          StrategyParams q = object(v, EXPONENTIAL, p, Set.of(), this::unknownKey);
          Double mean = q.duration("mean");
          if (mean == null) {
            return null;
          }
          if (!(mean > 0)) {
            diag.error(p + ".mean", "must be greater than 0, got " + Durations.format(mean));
            return null;
          }
          return new Distribution.Exponential(mean);
        }
        case "normal": {
          StrategyParams q = object(v, NORMAL, p, Set.of(), this::unknownKey);
          Double mean = q.duration("mean");
          Double sd = q.duration("sd");
          if (mean == null || sd == null) {
            return null;
          }
          return new Distribution.Normal(mean, sd);
        }
        case "lognormal": {
          StrategyParams q = object(v, LOGNORMAL, p, Set.of(), this::unknownKey);
          Double median = q.duration("median");
          Double p95 = q.duration("p95");
          if (median == null || p95 == null) {
            return null;
          }
          if (!(median > 0)) {
            diag.error(p + ".median", "must be greater than 0, got " + Durations.format(median));
            return null;
          }
          if (!(p95 > median)) {
            diag.error(p + ".p95", "must be above the median " + Durations.format(median) + ", got "
                + Durations.format(p95));
            return null;
          }
          return new Distribution.LogNormal(median, p95);
        }
        default:
          diag.error(p, "unknown distribution '" + kind + "'", hintFor(kind, DISTRIBUTIONS));
          return null;
      }
    } catch (IllegalArgumentException ex) {
      diag.error(p, ex.getMessage());
      return null;
    }
  }

  /** A list of exactly n durations, or null after reporting. */
  private double[] durations(Node node, String path, int n, String shape) {
    count();
    if (!(node instanceof SequenceNode s)) {
      typeError(node, path, "a list of " + n + " durations " + shape);
      return null;
    }
    if (s.getValue().size() != n) {
      diag.error(path, "expected " + n + " durations " + shape + ", got " + s.getValue().size());
      return null;
    }
    double[] out = new double[n];
    boolean ok = true;
    for (int i = 0; i < n; i++) {
      Node item = s.getValue().get(i);
      String itemPath = path + "[" + i + "]";
      diag.mark(itemPath, item);
      Object v = value(item, DIST_DURATION, itemPath);
      if (v == null) {
        ok = false;
      } else {
        out[i] = (Double) v;
      }
    }
    return ok ? out : null;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private void count() {
    if (++visits > maxVisits) {
      throw new TooLarge();
    }
  }

  private Object typeError(Node node, String path, String expected) {
    diag.error(path, "expected " + expected + ", got " + ScalarReader.got(node));
    return null;
  }

  private static String hintFor(String word, java.util.Collection<String> options) {
    String hint = DidYouMean.hint(word, options);
    return hint != null ? hint : "expected one of: " + String.join(", ", options);
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
