package dev.deploysim.model;

import dev.deploysim.scenario.LoadBalancerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Application or Classic Load Balancer with one listener that forwards to one target group or
 * to several with weights (ALB weighted target groups: weights 0-999, at most 5 groups).
 */
public final class LoadBalancer implements Endpoint {
  public static final int MAX_WEIGHT = 999;
  public static final int MAX_TARGET_GROUPS = 5;

  private final World world;
  private final String name;
  private final LoadBalancerSpec.Type type;
  private final Map<TargetGroup, Integer> weights = new LinkedHashMap<>();
  private boolean exists = true;

  LoadBalancer(World world, String name, LoadBalancerSpec.Type type, TargetGroup initial) {
    this.world = world;
    this.name = name;
    this.type = type;
    weights.put(initial, 1);
  }

  @Override
  public String name() {
    return name;
  }

  public LoadBalancerSpec.Type type() {
    return type;
  }

  @Override
  public boolean exists() {
    return exists;
  }

  /** The target groups of the listener's forward action with their weights. */
  public Map<TargetGroup, Integer> weights() {
    return java.util.Collections.unmodifiableMap(weights);
  }

  public List<TargetGroup> targetGroups() {
    return new ArrayList<>(weights.keySet());
  }

  /** Forwards everything to one target group. */
  public void forward(TargetGroup tg) {
    Map<TargetGroup, Integer> w = new LinkedHashMap<>();
    w.put(tg, 1);
    setWeights(w);
  }

  /** Sets the weighted forward action (ALB only for more than one group). */
  public void setWeights(Map<TargetGroup, Integer> newWeights) {
    if (newWeights.isEmpty() || newWeights.size() > MAX_TARGET_GROUPS) {
      throw new IllegalArgumentException("a forward action has 1 to 5 target groups");
    }
    if (type == LoadBalancerSpec.Type.CLB && newWeights.size() > 1) {
      throw new IllegalArgumentException("a Classic Load Balancer has no weighted target groups");
    }
    int sum = 0;
    for (int w : newWeights.values()) {
      if (w < 0 || w > MAX_WEIGHT) {
        throw new IllegalArgumentException("target group weights are 0-999, got " + w);
      }
      sum += w;
    }
    if (sum == 0) {
      throw new IllegalArgumentException("at least one target group needs a weight above 0");
    }
    weights.clear();
    weights.putAll(newWeights);
    StringBuilder b = new StringBuilder();
    for (var e : newWeights.entrySet()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(e.getKey().name()).append('=').append(e.getValue());
    }
    world.log("lb", name + " forwards to " + b);
    world.changed();
  }

  /** Share of this load balancer's requests that a target group receives. */
  public double share(TargetGroup tg) {
    Integer w = weights.get(tg);
    if (w == null) {
      return 0;
    }
    int sum = 0;
    for (int v : weights.values()) {
      sum += v;
    }
    return sum == 0 ? 0 : (double) w / sum;
  }

  /** Deletes the load balancer: requests that still reach it fail. */
  public void delete() {
    if (exists) {
      exists = false;
      world.log("lb", name + " deleted");
      world.changed();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
