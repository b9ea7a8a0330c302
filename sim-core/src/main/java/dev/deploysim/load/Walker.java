package dev.deploysim.load;

import dev.deploysim.scenario.StrategySpec;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.StrategyType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

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

  private static final String DURATION_EXAMPLES = "a duration like 30s, 5m, 1h30m, 250ms, PT5M or a number of seconds";
  private static final String DISTRIBUTION_EXAMPLES =
      "a duration like 30s or a distribution like {uniform: [20s, 40s]}, {exponential: {mean: 30s}}, "
          + "{normal: {mean: 60s, sd: 10s}}, {lognormal: {median: 45s, p95: 90s}} or {triangular: [20s, 30s, 60s]}";
  private static final List<String> DISTRIBUTIONS = List.of("uniform", "exponential", "normal", "lognormal", "triangular");
  private static final Pattern PERCENT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?");

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
    if (type instanceof ParamType.DistributionType) {
      return distribution(node, path);
    }
    if (!(node instanceof ScalarNode s)) {
      return typeError(node, path, expected(type));
    }
    if (type instanceof ParamType.IntegerType t) {
      return integer(s, t, path);
    }
    if (type instanceof ParamType.NumberType t) {
      return number(s, t, path);
    }
    if (type instanceof ParamType.BooleanType) {
      return bool(s, path);
    }
    if (type instanceof ParamType.StringType) {
      return string(s, path);
    }
    if (type instanceof ParamType.EnumType t) {
      return enumValue(s, t, path);
    }
    if (type instanceof ParamType.DurationType t) {
      return duration(s, t, path);
    }
    if (type instanceof ParamType.CountOrPercentType t) {
      return countOrPercent(s, t, path);
    }
    throw new IllegalStateException("unhandled parameter type " + type);
  }

  /** Reports an unknown key of a mapping; {@code fields} are the keys allowed there. */
  interface UnknownKey {
    void report(String key, String path, List<ParamSpec> fields);
  }

  void unknownKey(String key, String path, List<ParamSpec> fields) {
    List<String> names = names(fields);
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
      boolean empty = node instanceof ScalarNode s && kind(s) == Kind.NULL;
      boolean noneRequired = fields.stream().noneMatch(ParamSpec::required);
      diag.error(path, "expected a mapping of keys (key: value), got " + got(node),
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
        String guess = DidYouMean.suggest(key, names(fields));
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
        diag.error(childPath, "required key is missing", "add " + f.name() + ": <" + expectedShort(f.type()) + ">");
      } else if (f.defaultValue() != null) {
        values.put(f.name(), defaultValue(f));
      }
    }
    return new StrategyParams(values, explicit);
  }

  /** A spec's default as the type binds it (a default written as 600 for a duration reads as 600.0). */
  static Object defaultValue(ParamSpec f) {
    return bindDefault(f.type(), f.defaultValue());
  }

  private static Object bindDefault(ParamType type, Object v) {
    if (type instanceof ParamType.OneOfType o) {
      ParamType alternative = o.alternativeFor(v);
      return alternative == null ? v : bindDefault(alternative, v);
    }
    if (v instanceof Number n && !(v instanceof Double)
        && (type instanceof ParamType.DurationType || type instanceof ParamType.NumberType)) {
      return n.doubleValue();
    }
    if (v instanceof Number n && type instanceof ParamType.IntegerType && !(v instanceof Integer)) {
      long l = n.longValue();
      return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
    }
    return v;
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
        diag.errorAt(k, path, "keys must be plain names, not lists or mappings", null);
        continue;
      }
      String key = ks.getValue();
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
      typeError(node, path, "a list of " + expectedShort(type.item()) + " ([a, b] or '- ' lines)");
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
      typeError(node, path, "a mapping of names to " + expectedShort(type.value()));
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
    String hint = node instanceof ScalarNode s && kind(s) == Kind.STR ? DidYouMean.hint(s.getValue().trim(), words(type))
        : null;
    diag.error(path, "expected " + expected(type) + ", got " + got(node), hint);
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
    ScalarNode s = (ScalarNode) node;
    Kind k = kind(s);
    String v = s.getValue().trim();
    boolean number = k == Kind.INT || k == Kind.FLOAT;
    if (t instanceof ParamType.IntegerType || t instanceof ParamType.NumberType) {
      return number;
    }
    if (t instanceof ParamType.BooleanType) {
      return k == Kind.BOOL || k == Kind.STR && YAML11_BOOLEANS.contains(v.toLowerCase(Locale.ROOT));
    }
    if (t instanceof ParamType.StringType) {
      return k == Kind.STR;
    }
    if (t instanceof ParamType.EnumType e) {
      return k == Kind.STR && e.values().contains(v);
    }
    if (t instanceof ParamType.DurationType || t instanceof ParamType.DistributionType) {
      boolean never = t instanceof ParamType.DurationType d && d.allowNever() && v.equals("never");
      return number || k == Kind.STR && (never || readsAsDuration(v));
    }
    if (t instanceof ParamType.CountOrPercentType) {
      return number || k == Kind.STR && PERCENT.matcher(s.getValue()).matches();
    }
    return false;
  }

  /** Words that "yes", "on" ... that YAML 1.1 read as booleans; 1.2 reads them as text. */
  private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "y", "n", "on", "off", "true", "false");

  private static boolean readsAsDuration(String text) {
    try {
      return Double.isFinite(Durations.parse(text));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The keys a mapping of this type may have (empty when any key goes). */
  private static List<String> keysOf(ParamType t) {
    if (t instanceof ParamType.ObjectType o) {
      return names(o.fields());
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
        words.addAll(names(o.fields()));
      }
    }
    return words;
  }

  // ---- special shapes ---------------------------------------------------------------------------

  private StrategySpec strategy(Node node, String path) {
    count();
    if (!(node instanceof MappingNode m)) {
      String hint = node instanceof ScalarNode s && kind(s) == Kind.STR
          ? "write strategy: {type: " + s.getValue().trim() + "}" : null;
      diag.error(path, "expected a mapping with the strategy's type and parameters, e.g. {type: eb.rolling, "
          + "batchSize: 2}, got " + got(node), hint);
      return null;
    }
    Map<String, Node> given = keys(m, path);
    String typePath = path + ".type";
    Node typeNode = given.get("type");
    if (typeNode == null) {
      diag.error(typePath, "required key is missing", "add type: <strategy type>; `sim strategies` lists them");
      return null;
    }
    String name = typeNode instanceof ScalarNode s && kind(s) == Kind.STR ? s.getValue().trim() : null;
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
    StrategyParams params = object(node, type.params(), path, Set.of("type"), (key, keyPath, fields) -> {
      List<String> names = names(fields);
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
    String type = typeNode instanceof ScalarNode s && kind(s) == Kind.STR ? s.getValue().trim() : null;
    if (type == null || !ScenarioFormat.FAULT_TYPES.containsKey(type)) {
      diag.error(path + ".type", "unknown fault type " + got(typeNode),
          hintFor(type == null ? "" : type, ScenarioFormat.FAULT_TYPES.keySet()));
      return null;
    }
    List<ParamSpec> fields = ScenarioFormat.faultFields(type);
    return object(node, fields, path, Set.of(), (key, keyPath, f) -> {
      List<String> own = names(ScenarioFormat.FAULT_TYPES.get(type));
      if (ScenarioFormat.FAULT.field(key) != null) {
        diag.error(keyPath, "does not apply to " + type + " faults",
            own.isEmpty() ? null : type + " takes: " + String.join(", ", own));
      } else {
        String hint = DidYouMean.hint(key, names(f));
        diag.error(keyPath, "unknown key", hint != null ? hint : "a " + type + " fault takes: at, type, "
            + String.join(", ", own));
      }
    });
  }

  private Distribution distribution(Node node, String path) {
    if (node instanceof ScalarNode s) {
      Double d = durationScalar(s, DIST_DURATION, path, DISTRIBUTION_EXAMPLES);
      return d == null ? null : Distribution.constant(d);
    }
    if (!(node instanceof MappingNode m)) {
      typeError(node, path, DISTRIBUTION_EXAMPLES);
      return null;
    }
    Map<String, Node> given = keys(m, path);
    if (given.size() != 1) {
      diag.errorAt(node, path, given.isEmpty() ? "expected " + DISTRIBUTION_EXAMPLES + ", got an empty mapping"
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

  // ---- scalars ----------------------------------------------------------------------------------

  enum Kind {
    NULL,
    BOOL,
    INT,
    FLOAT,
    STR,
    OTHER
  }

  static Kind kind(ScalarNode s) {
    Tag t = s.getTag();
    if (t.equals(Tag.STR)) {
      return Kind.STR;
    }
    if (t.equals(Tag.INT)) {
      return Kind.INT;
    }
    if (t.equals(Tag.FLOAT)) {
      return Kind.FLOAT;
    }
    if (t.equals(Tag.BOOL)) {
      return Kind.BOOL;
    }
    if (t.equals(Tag.NULL)) {
      return Kind.NULL;
    }
    return Kind.OTHER;
  }

  /** The number a scalar holds (INT or FLOAT kind), or null when it is not a number. */
  private static BigDecimal numeric(ScalarNode s) {
    Kind k = kind(s);
    String v = s.getValue().trim();
    if (k == Kind.INT) {
      try {
        if (v.startsWith("0x")) {
          return new BigDecimal(new BigInteger(v.substring(2), 16));
        }
        if (v.startsWith("0o")) {
          return new BigDecimal(new BigInteger(v.substring(2), 8));
        }
        if (INT.matcher(v).matches()) {
          return new BigDecimal(new BigInteger(v));
        }
      } catch (NumberFormatException e) {
        return null;
      }
      return null;
    }
    if (k == Kind.FLOAT && FLOAT.matcher(v).matches()) {
      try {
        return new BigDecimal(v);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** True for .inf, -.inf, .nan and their capitalised forms. */
  private static boolean nonFinite(ScalarNode s) {
    if (kind(s) != Kind.FLOAT) {
      return false;
    }
    String v = s.getValue().trim().toLowerCase(Locale.ROOT);
    return v.endsWith(".inf") || v.equals(".nan");
  }

  private Object integer(ScalarNode s, ParamType.IntegerType t, String path) {
    if (nonFinite(s)) {
      return typeError(s, path, "a whole number");
    }
    BigDecimal n = numeric(s);
    if (n == null) {
      return typeError(s, path, expected(t));
    }
    BigInteger whole;
    try {
      whole = n.toBigIntegerExact();
    } catch (ArithmeticException e) {
      diag.error(path, "expected a whole number, got " + s.getValue().trim());
      return null;
    }
    if (whole.compareTo(BigInteger.valueOf(t.min())) < 0 || whole.compareTo(BigInteger.valueOf(t.max())) > 0) {
      diag.error(path, range(t) + ", got " + whole);
      return null;
    }
    long v = whole.longValue();
    // Integer as ParamType promises; only a value beyond int's range (a seed) stays a Long
    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
  }

  private static String range(ParamType.IntegerType t) {
    if (t.max() == Long.MAX_VALUE) {
      return "must be at least " + t.min();
    }
    return "must be between " + t.min() + " and " + t.max();
  }

  private Double number(ScalarNode s, ParamType.NumberType t, String path) {
    if (nonFinite(s)) {
      diag.error(path, "expected a finite number, got " + s.getValue().trim());
      return null;
    }
    BigDecimal n = numeric(s);
    if (n == null) {
      typeError(s, path, expected(t));
      return null;
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      diag.error(path, "expected a finite number, got " + s.getValue().trim());
      return null;
    }
    if (v < t.min() || v > t.max()) {
      diag.error(path, range(t.min(), t.max(), false) + ", got " + fmt(v));
      return null;
    }
    return v;
  }

  private Boolean bool(ScalarNode s, String path) {
    if (kind(s) == Kind.BOOL) {
      return s.getValue().trim().toLowerCase(Locale.ROOT).equals("true");
    }
    String v = s.getValue().trim().toLowerCase(Locale.ROOT);
    String hint = null;
    if (kind(s) == Kind.STR) {
      if (List.of("yes", "y", "on").contains(v)) {
        hint = "YAML 1.2 reads " + s.getValue().trim() + " as text; write true";
      } else if (List.of("no", "n", "off").contains(v)) {
        hint = "YAML 1.2 reads " + s.getValue().trim() + " as text; write false";
      } else if (v.equals("true") || v.equals("false")) {
        hint = "write it without quotes";
      }
    }
    diag.error(path, "expected true or false, got " + got(s), hint);
    return null;
  }

  private String string(ScalarNode s, String path) {
    Kind k = kind(s);
    if (k == Kind.STR) {
      return s.getValue();
    }
    if (k == Kind.NULL) {
      return (String) typeError(s, path, "text");
    }
    diag.error(path, "expected text, got " + got(s), "put it in quotes: \"" + s.getValue().trim() + "\"");
    return null;
  }

  private String enumValue(ScalarNode s, ParamType.EnumType t, String path) {
    String v = s.getValue().trim();
    if (kind(s) == Kind.STR && t.values().contains(v)) {
      return v;
    }
    if (kind(s) == Kind.NULL) {
      return (String) typeError(s, path, expected(t));
    }
    diag.error(path, "expected one of " + String.join(", ", t.values()) + ", got " + got(s), DidYouMean.hint(v, t.values()));
    return null;
  }

  private Double duration(ScalarNode s, ParamType.DurationType t, String path) {
    if (t.allowNever() && kind(s) == Kind.STR && s.getValue().trim().equals("never")) {
      return Double.POSITIVE_INFINITY;
    }
    return durationScalar(s, t, path, t.allowNever() ? DURATION_EXAMPLES + " or never" : DURATION_EXAMPLES);
  }

  private Double durationScalar(ScalarNode s, ParamType t, String path, String examples) {
    Kind k = kind(s);
    double v;
    if (nonFinite(s)) {
      diag.error(path, "expected " + examples + ", got " + s.getValue().trim());
      return null;
    }
    if (k == Kind.INT || k == Kind.FLOAT) {
      BigDecimal n = numeric(s);
      if (n == null) {
        return (Double) typeError(s, path, examples);
      }
      v = n.doubleValue();
    } else if (k == Kind.STR) {
      try {
        v = Durations.parse(s.getValue());
      } catch (IllegalArgumentException e) {
        diag.error(path, "expected " + examples + ", got " + got(s));
        return null;
      }
    } else {
      return (Double) typeError(s, path, examples);
    }
    if (!Double.isFinite(v)) {
      diag.error(path, "expected " + examples + ", got " + s.getValue().trim());
      return null;
    }
    double min = 0;
    double max = Double.POSITIVE_INFINITY;
    if (t instanceof ParamType.DurationType d) {
      min = d.min();
      max = d.max();
    }
    if (v < min || v > max) {
      diag.error(path, range(min, max, true) + ", got " + (v < 0 ? s.getValue().trim() : Durations.format(v)));
      return null;
    }
    return v;
  }

  private CountOrPercent countOrPercent(ScalarNode s, ParamType.CountOrPercentType t, String path) {
    String examples = "a count like 2 or a percentage like \"30%\"";
    Kind k = kind(s);
    if (k == Kind.INT) {
      BigDecimal n = numeric(s);
      if (n == null) {
        return (CountOrPercent) typeError(s, path, examples);
      }
      if (n.compareTo(BigDecimal.valueOf(t.minCount())) < 0) {
        diag.error(path, "a count must be at least " + t.minCount() + ", got " + n.toPlainString());
        return null;
      }
      if (n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
        diag.error(path, "count too large, got " + n.toPlainString());
        return null;
      }
      return CountOrPercent.count(n.intValueExact());
    }
    if (k == Kind.STR) {
      Matcher m = PERCENT.matcher(s.getValue());
      if (m.matches()) {
        double p = Double.parseDouble(m.group(1));
        if (p < t.minPercent() || p > t.maxPercent()) {
          diag.error(path, "a percentage must be between " + fmt(t.minPercent()) + "% and " + fmt(t.maxPercent())
              + "%, got " + m.group(1) + "%");
          return null;
        }
        return CountOrPercent.percent(p);
      }
    }
    if (k == Kind.FLOAT && !nonFinite(s)) {
      diag.error(path, "expected " + examples + ", got " + s.getValue().trim(),
          "a count is a whole number; write a fraction as a percentage");
      return null;
    }
    return (CountOrPercent) typeError(s, path, examples);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private void count() {
    if (++visits > maxVisits) {
      throw new TooLarge();
    }
  }

  private Object typeError(Node node, String path, String expected) {
    diag.error(path, "expected " + expected + ", got " + got(node));
    return null;
  }

  /** How a value of the file reads in a message. */
  static String got(Node n) {
    if (n instanceof ScalarNode s) {
      Kind k = kind(s);
      if (k == Kind.NULL) {
        return "nothing";
      }
      String v = s.getValue();
      if (k == Kind.STR) {
        String shown = v.length() > 60 ? v.substring(0, 57) + "..." : v;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
      }
      return v.trim();
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    return "a mapping";
  }

  /** What a value of the type looks like, for "expected ..." messages. */
  static String expected(ParamType type) {
    if (type instanceof ParamType.IntegerType t) {
      if (t.max() == Long.MAX_VALUE) {
        return t.min() == 0 ? "a whole number >= 0" : "a whole number >= " + t.min();
      }
      return "a whole number from " + t.min() + " to " + t.max();
    }
    if (type instanceof ParamType.NumberType t) {
      if (t.min() == Double.NEGATIVE_INFINITY && t.max() == Double.POSITIVE_INFINITY) {
        return "a number";
      }
      if (t.max() == Double.POSITIVE_INFINITY) {
        return "a number >= " + fmt(t.min());
      }
      return "a number from " + fmt(t.min()) + " to " + fmt(t.max());
    }
    if (type instanceof ParamType.BooleanType) {
      return "true or false";
    }
    if (type instanceof ParamType.StringType) {
      return "text";
    }
    if (type instanceof ParamType.EnumType t) {
      return "one of " + String.join(", ", t.values());
    }
    if (type instanceof ParamType.DurationType t) {
      return t.allowNever() ? DURATION_EXAMPLES + " or never" : DURATION_EXAMPLES;
    }
    if (type instanceof ParamType.DistributionType) {
      return DISTRIBUTION_EXAMPLES;
    }
    if (type instanceof ParamType.CountOrPercentType) {
      return "a count like 2 or a percentage like \"30%\"";
    }
    if (type instanceof ParamType.ListType) {
      return "a list";
    }
    if (type instanceof ParamType.OneOfType o) {
      return orList(forms(o));
    }
    return "a mapping";
  }

  /** Each form a value of the type may take, for a message listing several types' forms. */
  static List<String> forms(ParamType type) {
    if (type instanceof ParamType.BooleanType) {
      return List.of("true", "false");
    }
    if (type instanceof ParamType.EnumType e) {
      return e.values();
    }
    if (type instanceof ParamType.DurationType d) {
      return d.allowNever() ? List.of("a duration like 30s", "never") : List.of("a duration like 30s");
    }
    if (type instanceof ParamType.DistributionType) {
      return List.of("a duration like 30s", "a distribution like {uniform: [10s, 20s]}");
    }
    if (type instanceof ParamType.CountOrPercentType) {
      return List.of("a count like 2", "a percentage like \"30%\"");
    }
    if (type instanceof ParamType.ObjectType o) {
      if (o.fields().size() == 1) {
        ParamSpec f = o.fields().get(0);
        return List.of("{" + f.name() + ": <" + expectedShort(f.type()) + ">}");
      }
      return List.of("a mapping with " + String.join(", ", names(o.fields())));
    }
    if (type instanceof ParamType.ListType l) {
      return List.of("a list of " + expectedShort(l.item()));
    }
    if (type instanceof ParamType.MapType m) {
      return List.of("a mapping of names to " + expectedShort(m.value()));
    }
    if (type instanceof ParamType.OneOfType o) {
      Set<String> all = new LinkedHashSet<>();
      o.alternatives().forEach(t -> all.addAll(forms(t)));
      return List.copyOf(all);
    }
    return List.of(expected(type));
  }

  /** "a", "a or b", "a, b or c". */
  static String orList(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  /** A few words for "add key: <...>". */
  static String expectedShort(ParamType type) {
    if (type instanceof ParamType.IntegerType || type instanceof ParamType.NumberType) {
      return "number";
    }
    if (type instanceof ParamType.EnumType t) {
      return String.join("|", t.values());
    }
    if (type instanceof ParamType.DurationType) {
      return "duration";
    }
    if (type instanceof ParamType.DistributionType) {
      return "duration or distribution";
    }
    if (type instanceof ParamType.CountOrPercentType) {
      return "count or percentage";
    }
    if (type instanceof ParamType.StringType) {
      return "text";
    }
    if (type instanceof ParamType.BooleanType) {
      return "true|false";
    }
    if (type instanceof ParamType.ListType l) {
      return "list of " + expectedShort(l.item());
    }
    if (type instanceof ParamType.OneOfType o) {
      List<String> parts = new ArrayList<>();
      o.alternatives().forEach(t -> parts.add(expectedShort(t)));
      return String.join(" or ", parts);
    }
    return "mapping";
  }

  private static String range(double min, double max, boolean durations) {
    java.util.function.DoubleFunction<String> f = durations ? Durations::format : Walker::fmt;
    if (max == Double.POSITIVE_INFINITY) {
      return "must be at least " + f.apply(min);
    }
    if (min == Double.NEGATIVE_INFINITY) {
      return "must be at most " + f.apply(max);
    }
    return "must be between " + f.apply(min) + " and " + f.apply(max);
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String hintFor(String word, java.util.Collection<String> options) {
    String hint = DidYouMean.hint(word, options);
    return hint != null ? hint : "expected one of: " + String.join(", ", options);
  }

  static List<String> names(List<ParamSpec> fields) {
    List<String> names = new ArrayList<>(fields.size());
    for (ParamSpec f : fields) {
      names.add(f.name());
    }
    return names;
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
