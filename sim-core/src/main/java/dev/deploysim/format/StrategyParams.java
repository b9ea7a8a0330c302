package dev.deploysim.format;

import dev.deploysim.engine.Distribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parameter values bound against their {@link ParamSpec}s, defaults applied, read with typed
 * accessors. Every key whose spec has a default has a value, so a strategy reads
 * {@code params.duration("timeout")} and never writes the default a second time; a key without a
 * default that the file left out reads as null ({@link #has} is false; {@link #optional} wraps it).
 *
 * <p>Two ways make one: the scenario loader (from YAML, with file:line:column errors), and {@link
 * #bind} (from Java values, for tests and for defaults that are mappings), which applies the same
 * defaults. Parameters from {@code bind} know their specs: reading a key that is not one of them
 * is a programming error and throws.
 */
public final class StrategyParams {
  private final Map<String, Object> values;
  private final Set<String> explicit;
  /** The specs the values were bound against, by name; null when the loader built them. */
  private final Map<String, ParamSpec> specs;

  /**
   * Values as the scenario loader bound them (defaults included).
   *
   * @param explicitKeys the keys the file wrote itself
   */
  public StrategyParams(Map<String, Object> values, Set<String> explicitKeys) {
    this(values, explicitKeys, null);
  }

  private StrategyParams(Map<String, Object> values, Set<String> explicitKeys, Map<String, ParamSpec> specs) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.explicit = Set.copyOf(explicitKeys);
    this.specs = specs;
  }

  public static StrategyParams empty() {
    return new StrategyParams(Map.of(), Set.of());
  }

  /**
   * Binds {@code given} against {@code specs} as the loader binds a file: each spec's default for a
   * key not given, numbers in the type's class, nested mappings as StrategyParams with their own
   * defaults. The given keys count as written ({@link #isExplicit}).
   *
   * @throws IllegalArgumentException for a key that is not a spec, or a required key not given
   */
  public static StrategyParams bind(List<ParamSpec> specs, Map<String, ?> given) {
    Map<String, ParamSpec> byName = new LinkedHashMap<>();
    for (ParamSpec s : specs) {
      byName.put(s.name(), s);
    }
    for (String key : given.keySet()) {
      if (!byName.containsKey(key)) {
        throw new IllegalArgumentException("no parameter " + key + "; the parameters are " + byName.keySet());
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParamSpec s : specs) {
      Object v = given.containsKey(s.name()) ? Binding.normalize(s.type(), given.get(s.name())) : s.boundDefault();
      if (v == null && s.required()) {
        throw new IllegalArgumentException("required parameter " + s.name() + " is missing");
      }
      if (v != null) {
        values.put(s.name(), v);
      }
    }
    return new StrategyParams(values, given.keySet(), byName);
  }

  /** These parameters with {@code key} set to {@code value} (bound as {@link #bind} binds it). */
  public StrategyParams with(String key, Object value) {
    if (specs == null) {
      throw new IllegalStateException("only parameters made by bind() know how to bind a value");
    }
    Map<String, Object> given = new LinkedHashMap<>();
    for (String k : explicit) {
      given.put(k, values.get(k));
    }
    given.put(key, value);
    return bind(List.copyOf(specs.values()), given);
  }

  /** The same values without one key. */
  public StrategyParams without(String key) {
    Map<String, Object> rest = new LinkedHashMap<>(values);
    rest.remove(key);
    Set<String> restExplicit = new java.util.LinkedHashSet<>(explicit);
    restExplicit.remove(key);
    Map<String, ParamSpec> restSpecs = null;
    if (specs != null) {
      restSpecs = new LinkedHashMap<>(specs);
      restSpecs.remove(key);
    }
    return new StrategyParams(rest, restExplicit, restSpecs);
  }

  /** True when the key has a value (given or defaulted). */
  public boolean has(String key) {
    return get(key) != null;
  }

  /** True when the scenario file wrote the key itself. */
  public boolean isExplicit(String key) {
    return explicit.contains(key);
  }

  /** The bound value, or null; see the class comment for the Java types. */
  public Object get(String key) {
    if (specs != null && !specs.containsKey(key)) {
      throw new IllegalArgumentException("no parameter " + key + "; the parameters are " + specs.keySet());
    }
    return values.get(key);
  }

  /** The value of a key without a default, when given. */
  public <T> Optional<T> optional(String key, Class<T> type) {
    return Optional.ofNullable(get(key)).map(type::cast);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public Integer integer(String key) {
    return (Integer) get(key);
  }

  public Double number(String key) {
    return (Double) get(key);
  }

  /** Seconds; positive infinity for "never". */
  public Double duration(String key) {
    return (Double) get(key);
  }

  public Boolean bool(String key) {
    return (Boolean) get(key);
  }

  public String string(String key) {
    return (String) get(key);
  }

  /**
   * The constant of {@code type} an enum parameter names, matched ignoring case, dashes and
   * underscores ({@code healthCheck} is HEALTH_CHECK, {@code Ok} is OK); null when not given.
   */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    String s = string(key);
    if (s == null) {
      return null;
    }
    String wanted = squash(s);
    for (E e : type.getEnumConstants()) {
      if (squash(e.name()).equals(wanted)) {
        return e;
      }
    }
    throw new IllegalArgumentException(key + ": " + s + " is none of " + List.of(type.getEnumConstants()));
  }

  private static String squash(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  public Distribution distribution(String key) {
    return (Distribution) get(key);
  }

  public CountOrPercent countOrPercent(String key) {
    return (CountOrPercent) get(key);
  }

  public StrategyParams object(String key) {
    return (StrategyParams) get(key);
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(String key) {
    return (List<Object>) get(key);
  }

  /** A list whose items are all of {@code type}; empty when the key has no value. */
  public <T> List<T> listOf(String key, Class<T> type) {
    List<Object> raw = list(key);
    List<T> out = new ArrayList<>();
    if (raw != null) {
      for (Object o : raw) {
        out.add(type.cast(o));
      }
    }
    return List.copyOf(out);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    return (Map<String, Object>) get(key);
  }

  @Override
  public String toString() {
    return values.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StrategyParams p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }
}
