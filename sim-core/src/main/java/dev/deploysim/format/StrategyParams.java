package dev.deploysim.format;

import dev.deploysim.engine.Distribution;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validated parameter values with defaults applied, read with typed getters. A key that was not in
 * the file and has no default reads as null ({@link #has} is false).
 */
public final class StrategyParams {
  private final Map<String, Object> values;
  private final Set<String> explicit;

  public StrategyParams(Map<String, Object> values, Set<String> explicitKeys) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.explicit = Set.copyOf(explicitKeys);
  }

  public static StrategyParams empty() {
    return new StrategyParams(Map.of(), Set.of());
  }

  /** True when the key has a value (given or defaulted). */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** True when the scenario file wrote the key itself. */
  public boolean isExplicit(String key) {
    return explicit.contains(key);
  }

  public Object get(String key) {
    return values.get(key);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public Integer integer(String key) {
    return (Integer) values.get(key);
  }

  public Double number(String key) {
    return (Double) values.get(key);
  }

  /** Seconds; positive infinity for "never". */
  public Double duration(String key) {
    return (Double) values.get(key);
  }

  public Boolean bool(String key) {
    return (Boolean) values.get(key);
  }

  public String string(String key) {
    return (String) values.get(key);
  }

  public Distribution distribution(String key) {
    return (Distribution) values.get(key);
  }

  public CountOrPercent countOrPercent(String key) {
    return (CountOrPercent) values.get(key);
  }

  public StrategyParams object(String key) {
    return (StrategyParams) values.get(key);
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(String key) {
    return (List<Object>) values.get(key);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    return (Map<String, Object>) values.get(key);
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
