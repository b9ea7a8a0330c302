package dev.deploysim.load;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.format.DistributionSyntax;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.Problems;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.format.Wording;
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

  private final Diagnostics diag;
  private final Set<Node> tagged;
  private final int maxVisits;
  private int visits;

  /**
   * @param tagged nodes with a forbidden type tag; each is reported (with its key path) when the
   *     walk meets it and removed from the set, so the caller can report the rest
   */
  Walker(Diagnostics diag, Set<Node> tagged) {
    this(diag, tagged, MAX_VISITS);
  }

  Walker(Diagnostics diag, Set<Node> tagged, int maxVisits) {
    this.diag = diag;
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

  /** The value of a key described by {@code spec}. */
  Object field(Node node, ParamSpec spec, String path) {
    if (forbiddenTag(node, path)) {
      return null;
    }
    return value(node, spec.type(), path);
  }

  /** A value of the given type, or null after reporting why it is not one. */
  Object value(Node node, ParamType type, String path) {
    count();
    if (forbiddenTag(node, path)) {
      return null;
    }
    if (type instanceof ParamType.TaggedUnionType u) {
      return taggedUnion(node, u, path);
    }
    if (type instanceof ParamType.OneOfType o) {
      return oneOf(node, o, path);
    }
    if (type instanceof ParamType.ObjectType o) {
      return object(node, o, path, this::unknownKey);
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
   * absent optional keys, and the type's rules on which keys go together.
   */
  StrategyParams object(Node node, ParamType.ObjectType type, String path, UnknownKey unknown) {
    List<ParamSpec> fields = type.fields();
    if (!(node instanceof MappingNode m)) {
      boolean empty = node instanceof ScalarNode s && ScalarReader.kind(s) == ScalarReader.Kind.NULL;
      boolean noneRequired = fields.stream().noneMatch(ParamSpec::required) && type.rules().isEmpty();
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
      if (!byName.containsKey(key)) {
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
    for (ParamType.KeyRule rule : type.rules()) {
      checkRule(rule, given.keySet(), path);
    }
    return new StrategyParams(values, explicit);
  }

  /** Too few of a rule's keys: a problem at the mapping; too many: at the first key too many. */
  private void checkRule(ParamType.KeyRule rule, Set<String> given, String path) {
    List<String> present = rule.keys().stream().filter(given::contains).toList();
    String keys = String.join(", ", rule.keys());
    if (present.size() < rule.min()) {
      diag.error(path, "needs " + (rule.max() == 1 ? "one of " : "at least one of ") + keys,
          "add " + rule.keys().get(0) + ": ...");
    } else if (present.size() > rule.max()) {
      String message = rule.max() == 1 && rule.keys().size() == 2
          ? "give either " + rule.keys().get(0) + " or " + rule.keys().get(1) + ", not both"
          : (rule.max() == 1 ? "give only one of " : "give at most " + rule.max() + " of ") + keys + ", not "
              + String.join(" and ", present);
      diag.error(join(path, present.get(rule.max())), message);
    }
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
    Map<Object, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = path + "[" + i + "]";
      diag.mark(itemPath, items.get(i));
      Object v = value(items.get(i), type.item(), itemPath);
      Integer first = type.unique() && v != null ? seen.putIfAbsent(v, i) : null;
      if (first != null) {
        diag.error(itemPath, ScalarReader.got(items.get(i)) + " is listed twice (first as [" + first + "])",
            "give each once");
      }
      out.add(v);
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
      return t instanceof ParamType.ObjectType || t instanceof ParamType.MapType || t instanceof ParamType.DistributionType
          || t instanceof ParamType.TaggedUnionType;
    }
    if (node instanceof SequenceNode) {
      return t instanceof ParamType.ListType;
    }
    return ScalarReader.isScalar(t);
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
      return DistributionSyntax.names();
    }
    if (t instanceof ParamType.TaggedUnionType u) {
      return Wording.names(u.anyVariant().fields());
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

  // ---- tagged unions and distributions ----------------------------------------------------------

  /**
   * A mapping whose keys depend on its tag: the tag first (present, text, one of the variants), then
   * the mapping as an object with that variant's keys. A key of another variant "does not apply";
   * any other is unknown, with the variant's keys as the hint.
   */
  private StrategyParams taggedUnion(Node node, ParamType.TaggedUnionType type, String path) {
    String tag = type.tag().name();
    if (!(node instanceof MappingNode m)) {
      String hint = node instanceof ScalarNode s && ScalarReader.kind(s) == ScalarReader.Kind.STR
          ? "write " + (lastKey(path) == null ? "" : lastKey(path) + ": ") + "{" + tag + ": " + s.getValue().trim()
              + "}" : null;
      diag.error(path, "expected a mapping with the " + type.noun() + "'s " + tag + " and " + type.keyWord()
          + "s, e.g. " + type.example() + ", got " + ScalarReader.got(node), hint);
      return null;
    }
    Node tagNode = null;
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(tag)) {
        tagNode = t.getValueNode();
        diag.mark(join(path, tag), k);
        break;
      }
    }
    String tagPath = join(path, tag);
    List<String> names = type.names();
    if (tagNode == null) {
      keys(m, path); // report what is wrong with the keys too
      diag.error(tagPath, "required key is missing", "add " + tag + ": " + (names.size() <= 8
          ? "one of " + String.join(", ", names) : "<" + type.noun() + " " + tag + "> (" + type.tag().description() + ")"));
      return null;
    }
    if (!(tagNode instanceof ScalarNode ts && ScalarReader.kind(ts) == ScalarReader.Kind.STR)) {
      typeError(tagNode, tagPath, "a " + type.noun() + " " + tag + " like " + names.get(0));
      return null;
    }
    String name = ts.getValue();
    ParamType.TaggedUnionType.Variant variant = type.variant(name);
    if (variant == null) {
      String hint = DidYouMean.hint(name, names);
      diag.error(tagPath, "unknown " + type.noun() + " " + tag + " " + ScalarReader.got(ts),
          hint != null ? hint : "known " + tag + "s: " + String.join(", ", names));
      return null;
    }
    List<String> own = Wording.names(variant.fields());
    String takes = own.isEmpty() ? name + " takes no " + type.keyWord() + "s" : name + " takes: " + String.join(", ", own);
    Set<String> otherKeys = new HashSet<>(Wording.names(type.anyVariant().fields()));
    return object(node, type.shape(variant), path, (key, keyPath, fields) -> {
      String hint = DidYouMean.hint(key, Wording.names(fields));
      if (otherKeys.contains(key) && hint == null) {
        diag.error(keyPath, "does not apply to " + type.noun() + " " + tag + " " + name, takes);
      } else {
        diag.error(keyPath, "unknown " + type.keyWord() + " of " + name, hint != null ? hint : takes);
      }
    });
  }

  /** The last key of a path ({@code deployment.strategy} -> strategy), or null for a list item. */
  private static String lastKey(String path) {
    if (path.isEmpty() || path.endsWith("]")) {
      return null;
    }
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /**
   * A distribution written as a mapping: exactly one key, a kind of {@link DistributionSyntax}, its
   * value that kind's parameters; then the distribution is built and its rules checked.
   */
  private Distribution distribution(Node node, String path) {
    if (!(node instanceof MappingNode m)) {
      typeError(node, path, Wording.DISTRIBUTION_EXAMPLES);
      return null;
    }
    if (m.getValue().size() != 1 || !(m.getValue().get(0).getKeyNode() instanceof ScalarNode k)) {
      Map<String, Node> given = keys(m, path); // reports keys that are not names
      if (m.getValue().isEmpty()) {
        diag.errorAt(node, path, "expected " + Wording.DISTRIBUTION_EXAMPLES + ", got an empty mapping", null);
      } else if (given.size() > 1) {
        diag.errorAt(node, path, "a distribution has exactly one of " + String.join(", ", DistributionSyntax.names())
            + "; got " + String.join(", ", given.keySet()), null);
      }
      return null;
    }
    DistributionSyntax.Kind kind = DistributionSyntax.kind(k.getValue());
    if (kind == null) {
      diag.mark(join(path, k.getValue()), k);
      diag.error(join(path, k.getValue()), "unknown distribution '" + k.getValue() + "'",
          hintFor(k.getValue(), DistributionSyntax.names()));
      return null;
    }
    StrategyParams bound = object(node, DistributionSyntax.mapping(kind), path, this::unknownKey);
    if (bound == null || bound.get(kind.name()) == null || diag.failed(join(path, kind.name()))) {
      return null;
    }
    Problems problems = new Problems();
    Distribution d = DistributionSyntax.build(kind, bound.get(kind.name()), problems);
    for (Problems.Problem p : problems.all()) {
      diag.error(join(path, p.path()), p.message(), p.hint());
    }
    return d;
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
