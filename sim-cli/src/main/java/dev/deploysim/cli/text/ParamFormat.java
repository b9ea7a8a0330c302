package dev.deploysim.cli.text;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders parameter values the way a scenario file would write them (durations as {@code 10m},
 * distributions in their YAML form, percentages as {@code 30%}), for {@code sim strategies} and
 * reports.
 */
public final class ParamFormat {
  private ParamFormat() {}

  /** A bound value of the given type; null prints as "none". */
  public static String value(ParamType type, Object v) {
    if (v == null) {
      return "none";
    }
    if (type instanceof ParamType.OneOfType o && o.alternativeFor(v) != null) {
      return value(o.alternativeFor(v), v);
    }
    if (type instanceof ParamType.DurationType && v instanceof Number n) {
      double s = n.doubleValue();
      return s == Double.POSITIVE_INFINITY ? "never" : Durations.format(s);
    }
    if (type instanceof ParamType.ObjectType o && v instanceof StrategyParams p) {
      return object(o.fields(), p);
    }
    if (type instanceof ParamType.ListType l && v instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) {
        items.add(value(l.item(), item));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (type instanceof ParamType.MapType m && v instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      map.forEach((k, val) -> items.add(k + ": " + value(m.value(), val)));
      return "{" + String.join(", ", items) + "}";
    }
    return untyped(v);
  }

  /** A value without its type: best effort from the Java class. */
  public static String untyped(Object v) {
    if (v == null) {
      return "none";
    }
    if (v instanceof Distribution d) {
      return d.describe();
    }
    if (v instanceof CountOrPercent c) {
      return c.toString();
    }
    if (v instanceof Double d) {
      return d == Double.POSITIVE_INFINITY ? "never" : Numbers.upTo(d, 6);
    }
    if (v instanceof Float f) {
      return Numbers.upTo(f, 6);
    }
    if (v instanceof StrategyParams p) {
      List<String> items = new ArrayList<>();
      p.asMap().forEach((k, val) -> items.add(k + ": " + untyped(val)));
      return "{" + String.join(", ", items) + "}";
    }
    if (v instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(x -> items.add(untyped(x)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      map.forEach((k, val) -> items.add(k + ": " + untyped(val)));
      return "{" + String.join(", ", items) + "}";
    }
    return String.valueOf(v);
  }

  /** The parameters that have a value, {@code key: value} joined with commas, in spec order. */
  public static String object(List<ParamSpec> specs, StrategyParams p) {
    List<String> items = new ArrayList<>();
    for (ParamSpec s : specs) {
      if (p.has(s.name())) {
        items.add(s.name() + ": " + value(s.type(), p.get(s.name())));
      }
    }
    // keys the specs do not know (should not happen after validation) still show
    for (Map.Entry<String, Object> e : p.asMap().entrySet()) {
      boolean known = specs.stream().anyMatch(s -> s.name().equals(e.getKey()));
      if (!known && e.getValue() != null) {
        items.add(e.getKey() + ": " + untyped(e.getValue()));
      }
    }
    return "{" + String.join(", ", items) + "}";
  }

  /** Parameters as a list of "key value" phrases for prose, in spec order; empty collections left out. */
  public static List<String> phrases(List<ParamSpec> specs, StrategyParams p) {
    List<String> items = new ArrayList<>();
    for (ParamSpec s : specs) {
      Object v = p.get(s.name());
      boolean empty = v instanceof Map<?, ?> m && m.isEmpty() || v instanceof List<?> l && l.isEmpty()
          || v instanceof StrategyParams sp && sp.asMap().isEmpty();
      if (p.has(s.name()) && !empty) {
        items.add(s.name() + " " + value(s.type(), p.get(s.name())));
      }
    }
    return items;
  }
}
