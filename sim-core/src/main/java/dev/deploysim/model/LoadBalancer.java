package dev.deploysim.model;

import dev.deploysim.scenario.LoadBalancerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Application or Classic Load Balancer with one listener that forwards to one target group or
 * to several with weights (ALB weighted target groups: weights 0-999, at most 5 groups, each gets
 * its weight over the sum of the requests).
 *
 * <p>Target-group stickiness of the forward action (ALB; off by default): a client that keeps its
 * session cookie is bound to the target group its first request went to for the stickiness
 * duration, even when the weights change meanwhile and even when that group has no healthy target
 * left (its requests then fail). Modelled as a fluid ({@link ShareEpochs}): bindings are renewed
 * at moments spread evenly over the duration, so after a weight change the share of sticky clients
 * still bound by the old weights falls linearly to 0 over one duration; clients without a session
 * follow the new weights with their next request. See docs/platforms/load-balancing.md.
 */
public final class LoadBalancer implements Endpoint {
  public static final int MAX_WEIGHT = 999;
  public static final int MAX_TARGET_GROUPS = 5;

  private final World world;
  private final String name;
  private final LoadBalancerSpec.Type type;
  private final Map<TargetGroup, Integer> weights = new LinkedHashMap<>();
  private boolean exists = true;
  private double stickiness;
  private double stickyFraction;
  private ShareEpochs<TargetGroup> bindings;
  private boolean down;

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

  /** True while its region is out: it exists but answers nothing, and requests sent to it fail. */
  public boolean isDown() {
    return down;
  }

  void setDown(boolean value) {
    if (down != value) {
      down = value;
      world.changed();
    }
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
    if (bindings != null) {
      bindings.change(world.now(), new LinkedHashMap<>(newWeights), stickiness);
    }
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

  /**
   * Turns on target-group stickiness for the forward action (ALB TargetGroupStickinessConfig).
   *
   * @param duration seconds a client stays bound to its target group (AWS: 1 s to 7 days)
   * @param clientFraction share of the clients that keep their session cookie (0-1)
   */
  public void setStickiness(double duration, double clientFraction) {
    if (type == LoadBalancerSpec.Type.CLB) {
      throw new IllegalArgumentException("a Classic Load Balancer has no target-group stickiness");
    }
    if (!(duration > 0) || clientFraction < 0 || clientFraction > 1) {
      throw new IllegalArgumentException("stickiness needs a duration above 0 and a fraction 0-1");
    }
    this.stickiness = duration;
    this.stickyFraction = clientFraction;
    // the current split has been in place for longer than any binding
    this.bindings = new ShareEpochs<>(new LinkedHashMap<>(weights));
    world.log("lb", name + " target group stickiness " + dev.deploysim.engine.Durations.format(duration)
        + " for " + Math.round(clientFraction * 100) + "% of the clients");
    world.changed();
  }

  /** Whether target-group stickiness is on. */
  public boolean isSticky() {
    return bindings != null;
  }

  /** The stickiness duration in seconds (0 when off). */
  public double stickiness() {
    return stickiness;
  }

  /**
   * Share of this load balancer's requests each target group receives at {@code now}, stickiness
   * included (sums to 1; a group bound by sticky clients gets its share even after it left the
   * forward action).
   */
  public Map<TargetGroup, Double> shares(double now) {
    Map<TargetGroup, Double> out = new LinkedHashMap<>();
    if (bindings == null) {
      for (TargetGroup tg : weights.keySet()) {
        out.put(tg, share(tg));
      }
      return out;
    }
    bindings.addWindow(out, now, 0, 1 - stickyFraction);
    bindings.addWindow(out, now, stickiness, stickyFraction);
    return out;
  }

  /** True while sticky clients are bound by more than one set of weights. */
  public boolean inTransition(double now) {
    return bindings != null && stickyFraction > 0 && bindings.inTransition(now, stickiness);
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
