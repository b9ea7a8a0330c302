package dev.deploysim.load;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.DistributionSyntax;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.ScalarSyntax;
import dev.deploysim.format.Wording;
import dev.deploysim.scenario.Limits;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import dev.deploysim.format.StrategyParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft-07) of the scenario format, for editors and `sim schema`, generated from
 * {@link ScenarioFormat} and the strategy catalog: types, enums, ranges, defaults, descriptions,
 * no unknown keys, and per strategy type the parameters that type takes.
 *
 * <p>The schema accepts every file the loader accepts; the loader checks more (rules across
 * sections, duration ranges written as text, names that must exist).
 *
 * <p>For editors (yaml-language-server and the JetBrains IDEs): shared definitions carry a {@code
 * title} and no description, so hover shows the key's own description; sections have titles;
 * {@code defaultSnippets} insert a valid value ({@link SchemaExamples}); a wrong duration gets an
 * {@code errorMessage} saying what a duration is; and what each strategy type refuses under {@code
 * deployment.rollback} is stated per type with the loader's own words.
 */
public final class ScenarioSchema {
  private ScenarioSchema() {}

  private static final String DEFS = "#/definitions/";

  /** What a wrong duration reads in an editor (yaml-language-server shows errorMessage). */
  static final String DURATION_MESSAGE = "expected " + ScalarSyntax.DURATION_EXAMPLES;

  /** The schema as pretty-printed JSON, identical for the same catalog. */
  public static String generate(StrategyCatalog catalog) {
    return JsonText.write(tree(catalog));
  }

  /** The schema as a tree of maps and lists. */
  static Map<String, Object> tree(StrategyCatalog catalog) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("title", "deploysim scenario");
    root.put("description", "A system (fleet, load balancer, DNS, traffic, alarms, faults) and one deployment "
        + "from a version to another by a strategy. Durations: 250ms, 30s, 5m, 1h30m, PT5M or a number of "
        + "seconds. `sim strategies` documents each strategy type.");
    Generator g = new Generator(catalog);
    root.putAll(g.object(ScenarioFormat.root(catalog), ""));
    List<Object> rules = rollbackRules(catalog);
    if (!rules.isEmpty()) {
      Generator.constrain(root, "allOf", rules);
    }
    root.put("definitions", g.definitions());
    return root;
  }

  /**
   * Per strategy type, what its {@link dev.deploysim.strategy.RollbackPolicy} refuses under {@code
   * deployment.rollback} (alarms for a platform that does not watch them, an {@code onFailure} that
   * contradicts it), with the loader's own words as the error message.
   */
  private static List<Object> rollbackRules(StrategyCatalog catalog) {
    List<Object> rules = new ArrayList<>();
    for (StrategyType type : catalog.all()) {
      StrategyDescription d = type.description();
      Map<String, Object> refused = new LinkedHashMap<>();
      if (!d.rollback().rollsBackOnAlarms()) {
        refused.put("onAlarms", map("maxItems", 0, "errorMessage", d.alarmRollbackRefusal()));
      }
      String refusesTrue = d.rollbackOnFailureRefusal(true);
      String refusesFalse = d.rollbackOnFailureRefusal(false);
      if (refusesTrue != null && refusesFalse != null) {
        refused.put("onFailure", map("not", map(), "errorMessage", refusesTrue));
      } else if (refusesTrue != null) {
        refused.put("onFailure", map("const", false, "errorMessage", refusesTrue));
      } else if (refusesFalse != null) {
        refused.put("onFailure", map("const", true, "errorMessage", refusesFalse));
      }
      if (refused.isEmpty()) {
        continue;
      }
      Map<String, Object> strategy = map("properties", map("type", map("const", d.name())), "required", List.of("type"));
      Map<String, Object> deployment = map("properties", map("strategy", strategy), "required", List.of("strategy"));
      rules.add(map(
          "if", map("properties", map("deployment", deployment), "required", List.of("deployment")),
          "then", map("properties", map("deployment", map("properties", map("rollback",
              map("properties", refused)))))));
    }
    return rules;
  }

  private static final class Generator {
    private final StrategyCatalog catalog;

    Generator(StrategyCatalog catalog) {
      this.catalog = catalog;
    }

    Map<String, Object> definitions() {
      Map<String, Object> defs = new LinkedHashMap<>();
      defs.put("duration", durationSchema(0, Limits.MAX_SECONDS, false));
      defs.put("distribution", distributionSchema());
      return defs;
    }

    private static Map<String, Object> durationSchema(double min, double max, boolean never) {
      // no duration is longer than a run may be, whatever the key allows
      Map<String, Object> number = map("type", "number", "minimum", min, "maximum", Math.min(max, Limits.MAX_SECONDS));
      List<Object> any = new ArrayList<>();
      any.add(number);
      any.add(map("type", "string", "pattern", ScalarSyntax.durationPattern()));
      if (never) {
        any.add(map("const", "never"));
      }
      Map<String, Object> s = new LinkedHashMap<>();
      // a title, not a description: an editor's hover shows the key's own description
      s.put("title", never ? "duration or never" : "duration");
      s.put("anyOf", any);
      String range = max < Limits.MAX_SECONDS ? Wording.range(min, max, true)
          : (min > 0 ? "at least " + Durations.format(min) + " and " : "") + "at most " + Limits.MAX_TIME_WORDS
              + ", the longest time a run simulates";
      s.put("errorMessage", DURATION_MESSAGE + (never ? ", or never" : "") + "; " + range);
      return s;
    }

    /** A duration, or a mapping with one key of {@link DistributionSyntax#KINDS}. */
    private Map<String, Object> distributionSchema() {
      List<Object> one = new ArrayList<>();
      one.add(map("$ref", DEFS + "duration"));
      for (DistributionSyntax.Kind k : DistributionSyntax.KINDS) {
        Map<String, Object> kind = object(DistributionSyntax.mapping(k), "");
        kind.put("description", k.description());
        one.add(kind);
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("title", "duration or distribution");
      s.put("oneOf", one);
      s.put("errorMessage", DURATION_MESSAGE + ", or a distribution of durations such as "
          + "{lognormal: {median: 40s, p95: 90s}} (one of " + String.join(", ", DistributionSyntax.names()) + ")");
      return s;
    }

    /** An object with known keys; {@code path} is the key path with "*" for map entries. */
    Map<String, Object> object(ParamType.ObjectType type, String path) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", "object");
      Map<String, Object> props = new LinkedHashMap<>();
      List<Object> required = new ArrayList<>();
      for (ParamSpec f : type.fields()) {
        props.put(f.name(), property(f, join(path, f.name())));
        if (f.required()) {
          required.add(f.name());
        }
      }
      s.put("properties", props);
      if (!required.isEmpty()) {
        s.put("required", required);
      }
      s.put("additionalProperties", false);
      for (ParamType.KeyRule rule : type.rules()) {
        List<Object> each = new ArrayList<>();
        rule.keys().forEach(k -> each.add(map("required", List.of(k))));
        if (rule.min() == 1 && rule.max() == 1) {
          constrain(s, "oneOf", each); // exactly one
        } else if (rule.min() == 1 && rule.max() >= rule.keys().size()) {
          constrain(s, "anyOf", each); // at least one
        } else if (rule.min() == 0 && rule.max() == 1) {
          constrain(s, "not", map("anyOf", pairs(rule.keys()))); // at most one: no two together
        }
      }
      for (ParamType.ValueCase c : type.cases()) {
        Map<String, Object> narrowed = new LinkedHashMap<>();
        for (ParamSpec f : c.narrowed()) {
          narrowed.put(f.name(), type(f.type(), join(path, f.name())));
        }
        constrain(s, "allOf", List.of(map(
            "if", map("properties", map(c.key(), map("const", c.value())), "required", List.of(c.key())),
            "then", map("properties", narrowed))));
      }
      return s;
    }

    /** Every two of {@code keys} given together. */
    private static List<Object> pairs(List<String> keys) {
      List<Object> pairs = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        for (int j = i + 1; j < keys.size(); j++) {
          pairs.add(map("required", List.of(keys.get(i), keys.get(j))));
        }
      }
      return pairs;
    }

    /** Adds a constraint; a second one of the same keyword, or any allOf, goes into allOf. */
    @SuppressWarnings("unchecked")
    static void constrain(Map<String, Object> s, String keyword, Object value) {
      if (!s.containsKey(keyword) && !keyword.equals("allOf")) {
        s.put(keyword, value);
        return;
      }
      List<Object> all = new ArrayList<>((List<Object>) s.getOrDefault("allOf", List.of()));
      if (keyword.equals("allOf")) {
        all.addAll((List<Object>) value);
      } else {
        all.add(map(keyword, value));
      }
      s.put("allOf", all);
    }

    /** One key: its type's schema with the description and default. */
    private Map<String, Object> property(ParamSpec spec, String path) {
      Map<String, Object> s = new LinkedHashMap<>();
      String description = spec.description();
      if (spec.awsName() != null && !spec.awsName().equals(spec.name())) {
        description = description + " (AWS: " + spec.awsName() + ")";
      }
      s.put("description", description);
      Object def = json(spec.type(), spec.defaultValue());
      if (def != null) {
        s.put("default", def);
      }
      if (spec == ScenarioFormat.NAME) {
        s.put("type", "string");
        s.put("pattern", ScenarioFormat.NAME_PATTERN);
        s.put("maxLength", ScenarioFormat.NAME_MAX_LENGTH);
        return s;
      }
      Map<String, Object> t = type(spec.type(), path);
      if (t.containsKey("$ref")) {
        s.put("allOf", List.of(t)); // draft-07 ignores keys beside $ref; keep the description
      } else {
        s.putAll(t);
      }
      if (spec.type() instanceof ParamType.ObjectType || spec.type() instanceof ParamType.TaggedUnionType
          || spec.type() instanceof ParamType.MapType) {
        s.put("title", spec.name()); // completion names the section, not the root's title
      }
      if (SchemaExamples.wantsSnippet(spec.type())) {
        Object snippet = def != null ? def : SchemaExamples.snippetFor(spec.type());
        s.put("defaultSnippets", List.of(map("label", SchemaExamples.label(snippet), "body", snippet)));
      }
      if (path.equals("versions")) {
        s.put("minProperties", 2);
        s.put("propertyNames", map("pattern", ScenarioFormat.NAME_PATTERN, "maxLength", ScenarioFormat.NAME_MAX_LENGTH));
      }
      return s;
    }

    /** The schema of a type (without description). */
    Map<String, Object> type(ParamType type, String path) {
      if (type instanceof ParamType.TaggedUnionType u) {
        return taggedUnion(u, path);
      }
      if (type instanceof ParamType.IntegerType t) {
        return map("type", "integer", "minimum", t.min(), "maximum", t.max());
      }
      if (type instanceof ParamType.NumberType t) {
        Map<String, Object> s = map("type", "number");
        if (t.min() != Double.NEGATIVE_INFINITY) {
          s.put(t.minExclusive() ? "exclusiveMinimum" : "minimum", t.min());
        }
        if (t.max() != Double.POSITIVE_INFINITY) {
          s.put("maximum", t.max());
        }
        return s;
      }
      if (type instanceof ParamType.BooleanType) {
        return map("type", "boolean");
      }
      if (type instanceof ParamType.StringType) {
        return map("type", "string");
      }
      if (type instanceof ParamType.EnumType t) {
        return map("type", "string", "enum", t.values());
      }
      if (type instanceof ParamType.DurationType t) {
        if (t.min() == 0 && t.max() >= Limits.MAX_SECONDS && !t.allowNever()) {
          return map("$ref", DEFS + "duration");
        }
        return durationSchema(t.min(), t.max(), t.allowNever());
      }
      if (type instanceof ParamType.DistributionType) {
        return map("$ref", DEFS + "distribution");
      }
      if (type instanceof ParamType.CountOrPercentType t) {
        return map("anyOf", List.of(map("type", "integer", "minimum", t.minCount()),
            map("type", "string", "pattern", ScalarSyntax.percentPattern(t.minPercent(), t.maxPercent()))));
      }
      if (type instanceof ParamType.ObjectType o) {
        return object(o, path);
      }
      if (type instanceof ParamType.OneOfType o) {
        // anyOf, not oneOf: alternatives may overlap (a number is a duration and a probability)
        List<Object> any = new ArrayList<>();
        for (ParamType t : o.alternatives()) {
          any.add(type(t, path));
        }
        return map("anyOf", any);
      }
      if (type instanceof ParamType.ListType l) {
        Map<String, Object> s = map("type", "array", "items", type(l.item(), path + "[]"));
        if (l.minItems() > 0) {
          s.put("minItems", l.minItems());
        }
        if (l.maxItems() != Integer.MAX_VALUE) {
          s.put("maxItems", l.maxItems());
        }
        if (l.unique()) {
          s.put("uniqueItems", true);
        }
        return s;
      }
      if (type instanceof ParamType.MapType m) {
        Map<String, Object> s = map("type", "object", "additionalProperties", type(m.value(), path + ".*"));
        if (m.keys() != null) {
          s.put("propertyNames", map("enum", m.keys().values()));
        }
        return s;
      }
      throw new IllegalArgumentException("unhandled parameter type " + type);
    }

    /**
     * A tagged mapping: the tag (one of the variants' names) and the common keys, then per variant
     * an if/then with that variant's keys, so editors complete and check the keys of the type given.
     */
    private Map<String, Object> taggedUnion(ParamType.TaggedUnionType u, String path) {
      List<ParamSpec> shared = new ArrayList<>(u.common());
      shared.add(u.tag());
      Map<String, Object> s = object(new ParamType.ObjectType(shared), path);
      s.remove("additionalProperties"); // the variant's keys are allowed by its case below
      @SuppressWarnings("unchecked")
      Map<String, Object> tag = (Map<String, Object>) ((Map<String, Object>) s.get("properties")).get(u.tag().name());
      tag.put("enum", u.names());
      List<Object> cases = new ArrayList<>();
      for (ParamType.TaggedUnionType.Variant v : u.variants()) {
        Map<String, Object> then = object(u.shape(v), path);
        then.put("description", v.description());
        @SuppressWarnings("unchecked")
        Map<String, Object> own = (Map<String, Object>) then.get("properties");
        own.put(u.tag().name(), map("const", v.name()));
        cases.add(map("if", map("properties", map(u.tag().name(), map("const", v.name())),
            "required", List.of(u.tag().name())), "then", then));
      }
      if (!cases.isEmpty()) {
        s.put("allOf", cases);
      }
      return s;
    }

    /** A bound default value as JSON, or null when it has no JSON form. */
    static Object json(ParamType type, Object v) {
      if (v == null) {
        return null;
      }
      if (type instanceof ParamType.OneOfType o) {
        ParamType alternative = o.alternativeFor(v);
        return alternative == null ? null : json(alternative, v);
      }
      if (type instanceof ParamType.DurationType && v instanceof Number n) {
        double d = n.doubleValue();
        // as the scenario would write it: "5m" rather than 300
        return d == Double.POSITIVE_INFINITY ? "never" : Double.isFinite(d) && d >= 0 ? Durations.format(d) : null;
      }
      if (v instanceof Distribution d) {
        return DistributionSyntax.written(d);
      }
      if (v instanceof CountOrPercent c) {
        return c.percent() ? c.toString() : (Object) (long) c.value();
      }
      if (v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
        return v;
      }
      if (v instanceof Double d) {
        return Double.isFinite(d) ? d : null;
      }
      if (v instanceof List<?> l) {
        ParamType item = type instanceof ParamType.ListType lt ? lt.item() : null;
        List<Object> out = new ArrayList<>();
        for (Object x : l) {
          Object j = json(item, x);
          if (j == null) {
            return null;
          }
          out.add(j);
        }
        return out;
      }
      if (v instanceof StrategyParams p && type instanceof ParamType.ObjectType o) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParamSpec f : o.fields()) {
          Object j = json(f.type(), p.get(f.name()));
          if (j != null) {
            out.put(f.name(), j);
          }
        }
        return out;
      }
      if (v instanceof Map<?, ?> m) {
        ParamType value = type instanceof ParamType.MapType mt ? mt.value() : null;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          Object j = json(value, e.getValue());
          if (j == null) {
            return null;
          }
          out.put(String.valueOf(e.getKey()), j);
        }
        return out;
      }
      return null;
    }

    private static String join(String path, String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
