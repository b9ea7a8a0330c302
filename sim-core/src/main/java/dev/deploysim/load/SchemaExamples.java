package dev.deploysim.load;

import dev.deploysim.engine.Durations;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values an editor inserts when it completes a key (the schema's {@code defaultSnippets}): a key's
 * default where it has one, else an example that is valid for the key's type, so completion never
 * writes {@code [object Object]}, a bare key, or a value out of range. ScenarioSchemaEditorTest
 * validates every one against the schema.
 */
final class SchemaExamples {
  private SchemaExamples() {}

  /** Whether completing a key of this type gains from a snippet (editors handle enums, booleans, text). */
  static boolean wantsSnippet(ParamType t) {
    return t instanceof ParamType.DurationType || t instanceof ParamType.DistributionType
        || t instanceof ParamType.IntegerType || t instanceof ParamType.NumberType
        || t instanceof ParamType.CountOrPercentType
        || t instanceof ParamType.ListType l && (l.item() instanceof ParamType.ObjectType
            || l.item() instanceof ParamType.TaggedUnionType);
  }

  /** A valid value of type {@code t}, as JSON (strings, numbers, lists, maps). */
  static Object snippetFor(ParamType t) {
    if (t instanceof ParamType.DurationType d) {
      return Durations.format(firstIn(d.min(), d.max(), false, 30, 60, 1).doubleValue());
    }
    if (t instanceof ParamType.DistributionType) {
      return "30s";
    }
    if (t instanceof ParamType.IntegerType i) {
      return Math.max(i.min(), Math.min(i.max(), 1L));
    }
    if (t instanceof ParamType.NumberType n) {
      return firstIn(n.min(), n.max(), n.minExclusive(), 1, 0.5, 0.05);
    }
    if (t instanceof ParamType.CountOrPercentType c) {
      return (long) Math.max(c.minCount(), 1);
    }
    if (t instanceof ParamType.EnumType e) {
      return e.values().get(0);
    }
    if (t instanceof ParamType.BooleanType) {
      return false;
    }
    if (t instanceof ParamType.StringType) {
      return "example";
    }
    if (t instanceof ParamType.OneOfType o) {
      return snippetFor(o.alternatives().get(0));
    }
    if (t instanceof ParamType.ObjectType o) {
      return object(o.fields(), o.rules());
    }
    if (t instanceof ParamType.TaggedUnionType u) {
      ParamType.TaggedUnionType.Variant v = u.variants().get(0);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(u.tag().name(), v.name());
      m.putAll(object(u.fields(v), List.of()));
      return m;
    }
    if (t instanceof ParamType.ListType l) {
      List<Object> items = new ArrayList<>();
      int n = Math.max(1, l.minItems());
      for (int k = 0; k < n; k++) {
        Object item = snippetFor(l.item());
        if (l.unique() && item instanceof String s) {
          item = l.item() instanceof ParamType.EnumType e ? e.values().get(k) : s + (k + 1);
        }
        items.add(item);
      }
      return items;
    }
    if (t instanceof ParamType.MapType m) {
      String key = m.keys() != null ? m.keys().values().get(0) : "example";
      Map<String, Object> out = new LinkedHashMap<>();
      out.put(key, snippetFor(m.value()));
      return out;
    }
    throw new IllegalArgumentException("no example for " + t);
  }

  /** The required keys with examples, and the first key of each rule that wants one of several. */
  private static Map<String, Object> object(List<ParamSpec> fields, List<ParamType.KeyRule> rules) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (ParamSpec f : fields) {
      if (f.required()) {
        m.put(f.name(), snippetFor(f.type()));
      }
    }
    for (ParamType.KeyRule r : rules) {
      if (r.min() >= 1 && r.keys().stream().noneMatch(m::containsKey)) {
        String key = r.keys().get(0);
        fields.stream().filter(f -> f.name().equals(key)).findFirst()
            .ifPresent(f -> m.put(key, snippetFor(f.type())));
      }
    }
    return m;
  }

  /** The first candidate within the bounds, else the lower bound (or the middle of an open one). */
  private static Number firstIn(double min, double max, boolean minExclusive, double... candidates) {
    for (double c : candidates) {
      if ((minExclusive ? c > min : c >= min) && c <= max) {
        return c == Math.rint(c) ? (Number) (long) c : (Number) c;
      }
    }
    double v = minExclusive ? (max == Double.POSITIVE_INFINITY ? min + 1 : (min + max) / 2) : min;
    return v == Math.rint(v) ? (Number) (long) v : (Number) v;
  }

  /** How completion lists a snippet: flow YAML, as a file writes it. */
  static String label(Object v) {
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      l.forEach(x -> items.add(label(x)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> entries = new ArrayList<>();
      m.forEach((k, x) -> entries.add(k + ": " + label(x)));
      return "{" + String.join(", ", entries) + "}";
    }
    return String.valueOf(v);
  }
}
