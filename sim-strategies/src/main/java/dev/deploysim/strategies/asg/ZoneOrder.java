package dev.deploysim.strategies.asg;

import dev.deploysim.model.Instance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a replacement takes instances. AWS does not document which instances an
 * instance refresh or a CloudFormation rolling update picks first; we take the zones in turn (a,
 * b, c, a, b, c ...), lowest instance id first within a zone, so every set removes capacity from as
 * many zones as it can.
 */
public final class ZoneOrder {
  private ZoneOrder() {}

  public static List<Instance> spread(List<Instance> instances) {
    List<Instance> sorted = new ArrayList<>(instances);
    sorted.sort(Comparator.comparingInt(Instance::id));
    Map<String, List<Instance>> byZone = new LinkedHashMap<>();
    for (Instance i : sorted) {
      byZone.computeIfAbsent(i.zone(), z -> new ArrayList<>()).add(i);
    }
    List<Instance> order = new ArrayList<>();
    for (int k = 0; order.size() < sorted.size(); k++) {
      for (List<Instance> zone : byZone.values()) {
        if (k < zone.size()) {
          order.add(zone.get(k));
        }
      }
    }
    return order;
  }

  /** "i-0001, i-0002" for logs. */
  public static String names(List<Instance> instances) {
    List<String> n = new ArrayList<>();
    for (Instance i : instances) {
      n.add(i.name());
    }
    return String.join(", ", n);
  }
}
