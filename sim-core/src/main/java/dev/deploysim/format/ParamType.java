package dev.deploysim.format;

import dev.deploysim.engine.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The type of a scenario value: what the file may contain at a key, how it is shown in help and in
 * the JSON Schema. The scenario format itself and every strategy's parameters are described with
 * these types, so validation, binding, the schema and {@code sim strategies} share one definition.
 *
 * <p>Bound values: IntegerType to Integer, NumberType to Double, BooleanType to Boolean, StringType
 * and EnumType to String, DurationType to Double seconds (infinity for "never"), DistributionType
 * to {@link dev.deploysim.engine.Distribution}, CountOrPercentType to {@link CountOrPercent},
 * ObjectType to {@link StrategyParams}, ListType to List, MapType to an ordered Map, OneOfType to
 * whatever its alternative that took the value binds to ({@link OneOfType#alternativeFor} tells
 * which).
 */
public sealed interface ParamType {

  /** Short human name, e.g. "duration" or "count or percentage". */
  String describe();

  /** A whole number in [min, max]; Long.MIN_VALUE and Long.MAX_VALUE leave a side open. */
  record IntegerType(long min, long max) implements ParamType {
    @Override
    public String describe() {
      return "integer" + range(min == Long.MIN_VALUE ? null : Long.toString(min),
          max == Long.MAX_VALUE ? null : Long.toString(max));
    }
  }

  /**
   * A real number in [min, max] (above min, not at it, when {@code minExclusive}); an infinite bound
   * leaves that side open.
   */
  record NumberType(double min, double max, boolean minExclusive) implements ParamType {
    public NumberType(double min, double max) {
      this(min, max, false);
    }

    /** A number greater than {@code min} (a capacity above 0, a factor above 1). */
    public static NumberType above(double min) {
      return new NumberType(min, Double.POSITIVE_INFINITY, true);
    }

    @Override
    public String describe() {
      if (minExclusive) {
        return "number > " + Wording.number(min);
      }
      return "number" + range(min == Double.NEGATIVE_INFINITY ? null : Wording.number(min),
          max == Double.POSITIVE_INFINITY ? null : Wording.number(max));
    }
  }

  record BooleanType() implements ParamType {
    @Override
    public String describe() {
      return "true or false";
    }
  }

  record StringType() implements ParamType {
    @Override
    public String describe() {
      return "text";
    }
  }

  /** One of a fixed set of names; matching is exact (case-sensitive), as AWS names are. */
  record EnumType(List<String> values) implements ParamType {
    public EnumType {
      values = List.copyOf(values);
    }

    @Override
    public String describe() {
      return "one of " + String.join(", ", values);
    }
  }

  /**
   * A duration in seconds within [min, max]; {@code allowNever} accepts the word "never" (bound to
   * positive infinity).
   */
  record DurationType(double min, double max, boolean allowNever) implements ParamType {
    @Override
    public String describe() {
      return allowNever ? "duration or never" : "duration";
    }
  }

  /** A duration literal or a distribution of durations. */
  record DistributionType() implements ParamType {
    @Override
    public String describe() {
      return "duration or distribution";
    }
  }

  /** A count like 2 or a percentage like "30%". */
  record CountOrPercentType(int minCount, double minPercent, double maxPercent) implements ParamType {
    @Override
    public String describe() {
      return "count or percentage";
    }
  }

  /**
   * A mapping with known keys, and rules on which of them go together: each rule names keys of which
   * at least {@code min} and at most {@code max} are given (exactly one of rps and pattern; at least
   * one of minSize, maxSize, desired).
   */
  record ObjectType(List<ParamSpec> fields, List<KeyRule> rules, List<ValueCase> cases) implements ParamType {
    public ObjectType {
      fields = List.copyOf(fields);
      rules = List.copyOf(rules);
      cases = List.copyOf(cases);
    }

    public ObjectType(List<ParamSpec> fields, List<KeyRule> rules) {
      this(fields, rules, List.of());
    }

    public ObjectType(List<ParamSpec> fields) {
      this(fields, List.of());
    }

    /** The same keys, with at most one of {@code keys} given (a predefined config or a custom one). */
    public ObjectType atMostOneOf(String... keys) {
      return withRule(new KeyRule(List.of(keys), 0, 1));
    }

    /** The same keys and rules, with a case: when {@code key} is {@code value}, {@code narrowed} apply. */
    public ObjectType when(String key, String value, ParamSpec... narrowed) {
      List<ValueCase> all = new ArrayList<>(cases);
      all.add(new ValueCase(key, value, List.of(narrowed)));
      return new ObjectType(fields, rules, all);
    }

    /** The same keys, with exactly one of {@code keys} given. */
    public ObjectType exactlyOneOf(String... keys) {
      return withRule(new KeyRule(List.of(keys), 1, 1));
    }

    /** The same keys, with at least one of {@code keys} given. */
    public ObjectType atLeastOneOf(String... keys) {
      return withRule(new KeyRule(List.of(keys), 1, keys.length));
    }

    private ObjectType withRule(KeyRule rule) {
      List<KeyRule> all = new ArrayList<>(rules);
      all.add(rule);
      return new ObjectType(fields, all, cases);
    }

    @Override
    public String describe() {
      return "mapping";
    }

    public ParamSpec field(String name) {
      for (ParamSpec f : fields) {
        if (f.name().equals(name)) {
          return f;
        }
      }
      return null;
    }
  }

  /** Of {@code keys}, at least {@code min} and at most {@code max} are given. */
  record KeyRule(List<String> keys, int min, int max) {
    public KeyRule {
      keys = List.copyOf(keys);
    }
  }

  /**
   * When the key {@code key} of a mapping has the value {@code value}, the keys of {@code narrowed}
   * take these narrower specs instead (a Lambda traffic shift takes only Lambda's configurations and
   * hooks). The JSON Schema states each case as an if/then so that an editor refuses what the loader
   * refuses; the loader leaves the check to the strategy type's validation, which words the refusal
   * with a suggestion ("did you mean CodeDeployDefault.LambdaCanary10Percent5Minutes?").
   */
  record ValueCase(String key, String value, List<ParamSpec> narrowed) {
    public ValueCase {
      narrowed = List.copyOf(narrowed);
    }
  }

  /** A list of min to max items; with {@code unique}, no item twice (zones, alarm names). */
  record ListType(ParamType item, int minItems, int maxItems, boolean unique) implements ParamType {
    public ListType(ParamType item, int minItems, int maxItems) {
      this(item, minItems, maxItems, false);
    }

    @Override
    public String describe() {
      return "list of " + item.describe();
    }
  }

  /** A mapping from keys (any text, or one of {@code keys} when not null) to values. */
  record MapType(EnumType keys, ParamType value) implements ParamType {
    @Override
    public String describe() {
      return "mapping to " + value.describe();
    }
  }

  /**
   * A mapping whose keys depend on one of them, the tag (a fault's or a strategy's {@code type}):
   * the tag's value names a variant, and the variant says which other keys the mapping has. Keys
   * every variant has ({@code common}, a fault's {@code at}) come first, then the tag, then the
   * variant's own. Binds to {@link StrategyParams} of those keys, the tag included.
   *
   * @param noun what a value is, for messages ("strategy", "fault")
   * @param keyWord what the variant's keys are called ("parameter", "key")
   * @param example a whole value, for messages: {@code {type: eb.rolling, batchSize: 2}}
   */
  record TaggedUnionType(String noun, String keyWord, ParamSpec tag, List<ParamSpec> common, List<Variant> variants,
      String example) implements ParamType {
    public TaggedUnionType {
      common = List.copyOf(common);
      variants = List.copyOf(variants);
    }

    /** One variant: its tag value, one line of help, its own keys and the rules and cases among them. */
    public record Variant(String name, String description, List<ParamSpec> fields, List<KeyRule> rules,
        List<ValueCase> cases) {
      public Variant {
        fields = List.copyOf(fields);
        rules = List.copyOf(rules);
        cases = List.copyOf(cases);
      }

      public Variant(String name, String description, List<ParamSpec> fields) {
        this(name, description, fields, List.of(), List.of());
      }
    }

    @Override
    public String describe() {
      return "mapping {" + tag.name() + ", ...}";
    }

    public List<String> names() {
      List<String> names = new ArrayList<>();
      variants.forEach(v -> names.add(v.name()));
      return names;
    }

    /** The variant of that name, or null. */
    public Variant variant(String name) {
      for (Variant v : variants) {
        if (v.name().equals(name)) {
          return v;
        }
      }
      return null;
    }

    /** Every key of a value of the variant, in order: common keys, the tag, the variant's own. */
    public List<ParamSpec> fields(Variant v) {
      List<ParamSpec> all = new ArrayList<>(common);
      all.add(tag);
      all.addAll(v.fields());
      return all;
    }

    /** A value of the variant as a mapping: {@link #fields(Variant)} with the variant's rules and cases. */
    public ObjectType shape(Variant v) {
      return new ObjectType(fields(v), v.rules(), v.cases());
    }

    /** Every key any variant may have, each once (for help, and drafts that do not know the variant). */
    public ObjectType anyVariant() {
      Map<String, ParamSpec> all = new java.util.LinkedHashMap<>();
      common.forEach(f -> all.put(f.name(), f));
      all.put(tag.name(), tag);
      for (Variant v : variants) {
        v.fields().forEach(f -> all.putIfAbsent(f.name(), f));
      }
      return new ObjectType(new ArrayList<>(all.values()));
    }
  }

  /**
   * A value that may take one of several forms, e.g. a hook given as a duration, a distribution or
   * a mapping {@code {duration, fails, timeout}}. The loader picks the alternative by the shape of
   * the YAML value (scalar, mapping, list) and, where several alternatives take that shape, by what
   * the value looks like (a word of an enum, a number, a duration, the keys of a mapping), trying
   * them in order; a value no alternative takes gets one message listing every accepted form.
   * Nested OneOfTypes are flattened.
   */
  record OneOfType(List<ParamType> alternatives) implements ParamType {
    public OneOfType {
      List<ParamType> flat = new ArrayList<>();
      for (ParamType t : alternatives) {
        if (t instanceof OneOfType o) {
          flat.addAll(o.alternatives());
        } else {
          flat.add(Objects.requireNonNull(t, "alternative"));
        }
      }
      if (flat.size() < 2) {
        throw new IllegalArgumentException("a OneOfType needs at least two alternatives, got " + flat);
      }
      alternatives = List.copyOf(flat);
    }

    public static OneOfType of(ParamType... alternatives) {
      return new OneOfType(List.of(alternatives));
    }

    @Override
    public String describe() {
      List<String> parts = new ArrayList<>();
      for (ParamType t : alternatives) {
        if (t instanceof ObjectType o) {
          List<String> names = new ArrayList<>();
          o.fields().forEach(f -> names.add(f.name()));
          parts.add("mapping {" + String.join(", ", names) + "}");
        } else {
          parts.add(t.describe());
        }
      }
      return String.join(", or ", parts);
    }

    /** The alternative a bound value (or a default) belongs to: the first that holds it; null if none. */
    public ParamType alternativeFor(Object value) {
      for (ParamType t : alternatives) {
        if (holds(t, value)) {
          return t;
        }
      }
      return null;
    }
  }

  /** Whether a bound value is of the Java type the given type binds to (see the class comment). */
  static boolean holds(ParamType type, Object v) {
    if (v == null) {
      return false;
    }
    if (type instanceof IntegerType) {
      return v instanceof Integer || v instanceof Long;
    }
    if (type instanceof NumberType || type instanceof DurationType) {
      return v instanceof Number;
    }
    if (type instanceof BooleanType) {
      return v instanceof Boolean;
    }
    if (type instanceof StringType) {
      return v instanceof String;
    }
    if (type instanceof EnumType e) {
      return v instanceof String s && e.values().contains(s);
    }
    if (type instanceof DistributionType) {
      return v instanceof Distribution;
    }
    if (type instanceof CountOrPercentType) {
      return v instanceof CountOrPercent;
    }
    if (type instanceof ObjectType || type instanceof TaggedUnionType) {
      return v instanceof StrategyParams;
    }
    if (type instanceof ListType) {
      return v instanceof List<?>;
    }
    if (type instanceof MapType) {
      return v instanceof Map<?, ?>;
    }
    return ((OneOfType) type).alternativeFor(v) != null;
  }

  /** " 0..1", " >= 0", " <= 10" or nothing, for bounds given as text (null: open). */
  private static String range(String min, String max) {
    if (min != null && max != null) {
      return " " + min + ".." + max;
    }
    if (min != null) {
      return " >= " + min;
    }
    return max != null ? " <= " + max : "";
  }
}
