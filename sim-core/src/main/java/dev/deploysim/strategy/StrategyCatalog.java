package dev.deploysim.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strategy types a run can use, by name. Whatever reads strategy types (the loader, the schema,
 * {@code sim strategies}, the contract tests) iterates this catalog, so a type registered here is
 * covered everywhere without touching a list.
 */
public final class StrategyCatalog {
  private final Map<String, StrategyType> types = new LinkedHashMap<>();

  public StrategyCatalog(List<StrategyType> all) {
    for (StrategyType t : all) {
      String name = t.description().name();
      if (types.putIfAbsent(name, t) != null) {
        throw new IllegalArgumentException("duplicate strategy type " + name);
      }
    }
  }

  public Optional<StrategyType> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /** All types sorted by name. */
  public List<StrategyType> all() {
    List<StrategyType> list = new ArrayList<>(types.values());
    list.sort(Comparator.comparing(t -> t.description().name()));
    return list;
  }

  public List<String> names() {
    return all().stream().map(t -> t.description().name()).toList();
  }
}
