package dev.deploysim.load;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.ScalarSyntax;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
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
    root.putAll(g.object(ScenarioFormat.ROOT, ""));
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
      defs.put("duration", durationSchema(0, Double.POSITIVE_INFINITY, false));
      defs.put("distribution", distributionSchema());
      return defs;
    }

    private static Map<String, Object> durationSchema(double min, double max, boolean never) {
      Map<String, Object> number = map("type", "number", "minimum", min);
      if (max != Double.POSITIVE_INFINITY) {
        number.put("maximum", max);
      }
      List<Object> any = new ArrayList<>();
      any.add(number);
      any.add(map("type", "string", "pattern", ScalarSyntax.durationPattern()));
      if (never) {
        any.add(map("const", "never"));
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("description", "a duration: 250ms, 30s, 5m, 1h30m, PT5M or a number of seconds"
          + (never ? ", or never" : ""));
      s.put("anyOf", any);
      return s;
    }

    private static Map<String, Object> distributionSchema() {
      Map<String, Object> duration = map("$ref", DEFS + "duration");
      List<Object> one = new ArrayList<>();
      one.add(duration);
      one.add(single("uniform", tuple(duration, 2), "uniform between [low, high]"));
      one.add(single("exponential", fields(duration, "mean"), "exponential with the given mean"));
      one.add(single("normal", fields(duration, "mean", "sd"), "normal, cut at 0"));
      one.add(single("lognormal", fields(duration, "median", "p95"), "lognormal given its median and 95th percentile"));
      one.add(single("triangular", tuple(duration, 3), "triangular [low, mode, high]"));
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("description", "a duration, or a distribution of durations");
      s.put("oneOf", one);
      return s;
    }

    private static Map<String, Object> single(String key, Object valueSchema, String description) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", "object");
      s.put("description", description);
      s.put("properties", map(key, valueSchema));
      s.put("required", List.of(key));
      s.put("additionalProperties", false);
      return s;
    }

    private static Map<String, Object> tuple(Object item, int n) {
      return map("type", "array", "items", item, "minItems", n, "maxItems", n);
    }

    private static Map<String, Object> fields(Object item, String... names) {
      Map<String, Object> props = new LinkedHashMap<>();
      for (String n : names) {
        props.put(n, item);
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", "object");
      s.put("properties", props);
      s.put("required", List.of(names));
      s.put("additionalProperties", false);
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
      if (type == ScenarioFormat.TRAFFIC) {
        s.put("oneOf", List.of(map("required", List.of("rps")), map("required", List.of("pattern"))));
      } else if (type == ScenarioFormat.TRAFFIC_PATTERN) {
        s.put("minProperties", 1);
        s.put("maxProperties", 1);
      } else if (type == ScenarioFormat.SCHEDULED_ACTION) {
        s.put("anyOf", List.of(map("required", List.of("minSize")), map("required", List.of("maxSize")),
            map("required", List.of("desired"))));
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
      if (spec == ScenarioFormat.STRATEGY) {
        s.putAll(strategy());
        return s;
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
      switch (path) {
        case "fleet.capacity", "versions.*.capacityFactor" -> s.put("exclusiveMinimum", 0);
        case "fleet.zones", "deployment.rollback.onAlarms" -> s.put("uniqueItems", true);
        case "versions" -> {
          s.put("minProperties", 2);
          s.put("propertyNames", map("pattern", ScenarioFormat.NAME_PATTERN, "maxLength", ScenarioFormat.NAME_MAX_LENGTH));
        }
        default -> { }
      }
      return s;
    }

    /** The schema of a type (without description). */
    Map<String, Object> type(ParamType type, String path) {
      if (type == ScenarioFormat.FAULT) {
        return fault();
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
          s.put("minimum", t.min());
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
        if (t.min() == 0 && t.max() == Double.POSITIVE_INFINITY && !t.allowNever()) {
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

    /** {@code type} from the catalog's names, then each type's parameters when type is that name. */
    private Map<String, Object> strategy() {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", "object");
      s.put("properties", map("type", map("description", "strategy type (`sim strategies` lists them)",
          "type", "string", "enum", catalog.names())));
      s.put("required", List.of("type"));
      List<Object> cases = new ArrayList<>();
      for (StrategyType type : catalog.all()) {
        StrategyDescription t = type.description();
        ParamType.ObjectType params = new ParamType.ObjectType(t.params());
        Map<String, Object> then = object(params, "deployment.strategy");
        then.put("description", t.models() + ": " + t.summary());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("type", map("const", t.name()));
        @SuppressWarnings("unchecked")
        Map<String, Object> own = (Map<String, Object>) then.get("properties");
        props.putAll(own);
        then.put("properties", props);
        cases.add(map("if", map("properties", map("type", map("const", t.name())), "required", List.of("type")),
            "then", then));
      }
      if (!cases.isEmpty()) {
        s.put("allOf", cases);
      }
      return s;
    }

    /** A fault: at and type, then the keys of that type. */
    private Map<String, Object> fault() {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", "object");
      Map<String, Object> props = new LinkedHashMap<>();
      for (ParamSpec f : ScenarioFormat.faultFields(ScenarioFormat.FAULT_TYPES.keySet().iterator().next()).subList(0, 2)) {
        props.put(f.name(), property(f, "faults[]." + f.name()));
      }
      s.put("properties", props);
      s.put("required", List.of("at", "type"));
      List<Object> cases = new ArrayList<>();
      for (String type : ScenarioFormat.FAULT_TYPES.keySet()) {
        Map<String, Object> then = object(new ParamType.ObjectType(ScenarioFormat.faultFields(type)), "faults[]");
        then.put("description", type + ": " + ScenarioFormat.FAULT_DESCRIPTIONS.get(type));
        if (type.equals("slowBoots")) {
          @SuppressWarnings("unchecked")
          Map<String, Object> p = (Map<String, Object>) then.get("properties");
          @SuppressWarnings("unchecked")
          Map<String, Object> factor = (Map<String, Object>) p.get("factor");
          factor.put("exclusiveMinimum", 1);
        }
        cases.add(map("if", map("properties", map("type", map("const", type)), "required", List.of("type")),
            "then", then));
      }
      s.put("allOf", cases);
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
        return distribution(d);
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

    private static Object distribution(Distribution d) {
      if (d instanceof Distribution.Constant c) {
        return Durations.format(c.value());
      }
      if (d instanceof Distribution.Uniform u) {
        return map("uniform", List.of(Durations.format(u.low()), Durations.format(u.high())));
      }
      if (d instanceof Distribution.Exponential e) {
        return map("exponential", map("mean", Durations.format(e.meanValue())));
      }
      if (d instanceof Distribution.Normal n) {
        return map("normal", map("mean", Durations.format(n.mu()), "sd", Durations.format(n.sigma())));
      }
      if (d instanceof Distribution.LogNormal l) {
        return map("lognormal", map("median", Durations.format(l.median()), "p95", Durations.format(l.p95())));
      }
      Distribution.Triangular t = (Distribution.Triangular) d;
      return map("triangular", List.of(Durations.format(t.low()), Durations.format(t.mode()),
          Durations.format(t.high())));
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
