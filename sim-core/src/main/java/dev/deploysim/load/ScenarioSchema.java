package dev.deploysim.load;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.DistributionSyntax;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.ScalarSyntax;
import dev.deploysim.scenario.Limits;
import dev.deploysim.strategy.StrategyCatalog;
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
 * <p>The schema accepts every file the loader accepts; the loader checks more (rules across keys,
 * duration ranges written as text, names that must exist).
 */
public final class ScenarioSchema {
  private ScenarioSchema() {}

  private static final String DEFS = "#/definitions/";

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
    root.put("definitions", g.definitions());
    return root;
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
      s.put("description", "a duration: 250ms, 30s, 5m, 1h30m, PT5M or a number of seconds"
          + (never ? ", or never" : "") + "; at most " + Limits.MAX_TIME_WORDS + ", the longest time a run simulates");
      s.put("anyOf", any);
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
      s.put("description", "a duration, or a distribution of durations");
      s.put("oneOf", one);
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
          s.put("oneOf", each); // exactly one
        } else if (rule.min() == 1 && rule.max() >= rule.keys().size()) {
          s.put("anyOf", each); // at least one
        }
      }
      return s;
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
        Map<String, Object> s = map("type", "integer", "minimum", t.min());
        if (t.max() != Long.MAX_VALUE) {
          s.put("maximum", t.max());
        }
        return s;
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
        Map<String, Object> s = durationSchema(t.min(), t.max(), t.allowNever());
        s.remove("description");
        return s;
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
        Map<String, Object> then = object(new ParamType.ObjectType(u.fields(v)), path);
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
