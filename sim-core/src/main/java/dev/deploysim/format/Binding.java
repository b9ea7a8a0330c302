package dev.deploysim.format;

import dev.deploysim.engine.Distribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Java values into the form a {@link ParamType} binds to (see its class comment): numbers to
 * the type's number class, mappings to {@link StrategyParams} with their own defaults, lists and
 * mappings item by item. Values already in bound form pass through.
 */
final class Binding {
  private Binding() {}

  @SuppressWarnings("unchecked")
  static Object normalize(ParamType type, Object v) {
    if (v == null) {
      return null;
    }
    if (type instanceof ParamType.OneOfType o) {
      ParamType alternative = o.alternativeFor(v);
      if (alternative == null && v instanceof Map<?, ?>) {
        alternative = o.alternatives().stream().filter(t -> t instanceof ParamType.ObjectType).findFirst().orElse(null);
      }
      return alternative == null ? v : normalize(alternative, v);
    }
    if (v instanceof Number n && !(v instanceof Double)
        && (type instanceof ParamType.DurationType || type instanceof ParamType.NumberType)) {
      return n.doubleValue();
    }
    if (v instanceof Number n && type instanceof ParamType.DistributionType) {
      return Distribution.constant(n.doubleValue());
    }
    if (v instanceof Number n && type instanceof ParamType.IntegerType && !(v instanceof Integer)) {
      long l = n.longValue();
      return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
    }
    if (v instanceof Map<?, ?> m && type instanceof ParamType.ObjectType o) {
      return StrategyParams.bind(o.fields(), (Map<String, ?>) m);
    }
    if (v instanceof List<?> l && type instanceof ParamType.ListType lt) {
      List<Object> out = new ArrayList<>();
      for (Object item : l) {
        out.add(normalize(lt.item(), item));
      }
      return List.copyOf(out);
    }
    if (v instanceof Map<?, ?> m && type instanceof ParamType.MapType mt) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, item) -> out.put(String.valueOf(k), normalize(mt.value(), item)));
      return out;
    }
    return v;
  }
}
