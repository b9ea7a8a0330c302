package dev.deploysim.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The strategy types a run can use, by name. */
public final class StrategyCatalog {
  private final Map<String, StrategyType> types = new LinkedHashMap<>();

  public StrategyCatalog(List<StrategyType> all) {
    for (StrategyType t : all) {
      if (types.putIfAbsent(t.name(), t) != null) {
        throw new IllegalArgumentException("duplicate strategy type " + t.name());
      }
    }
  }

  public Optional<StrategyType> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /** All types sorted by name. */
  public List<StrategyType> all() {
    List<StrategyType> list = new ArrayList<>(types.values());
    list.sort(Comparator.comparing(StrategyType::name));
    return list;
  }

  public List<String> names() {
    return all().stream().map(StrategyType::name).toList();
  }
}
