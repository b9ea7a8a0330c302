package dev.deploysim.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regions, named fleets and named load balancers (docs/resilience.md). A scenario written with the
 * singular {@code fleet} and {@code loadBalancer} has the {@link #single()} topology: one unnamed
 * region, and the scenario's fleet and load balancer as the only ones.
 *
 * @param regions region names in file order; empty without {@code regions} (the singular fleet then
 *     lives in the first region when there are some)
 * @param fleets the named fleets in file order; empty for the shorthand
 * @param loadBalancers the named load balancers in file order; empty for the shorthand
 * @param targets the fleets the deployment deploys, in the order it deploys them, one after the
 *     other (docs/resilience.md#deploying-several-fleets); the first one's spec is {@link
 *     Scenario#fleet()}; empty for the shorthand
 */
public record Topology(
    List<String> regions, Map<String, NamedFleet> fleets, Map<String, NamedLoadBalancer> loadBalancers,
    List<String> targets) {

  public Topology {
    regions = List.copyOf(regions);
    fleets = Collections.unmodifiableMap(new LinkedHashMap<>(fleets));
    loadBalancers = Collections.unmodifiableMap(new LinkedHashMap<>(loadBalancers));
    targets = List.copyOf(targets);
  }

  private static final Topology SINGLE = new Topology(List.of(), Map.of(), Map.of(), List.of());

  /** One region, the scenario's fleet and load balancer (no names). */
  public static Topology single() {
    return SINGLE;
  }

  /** True when the file names its fleets and load balancers ({@code fleets}, {@code loadBalancers}). */
  public boolean isNamed() {
    return !fleets.isEmpty();
  }

  /** The first region: where unplaced things live; null without regions. */
  public String homeRegion() {
    return regions.isEmpty() ? null : regions.get(0);
  }

  /** The first fleet the deployment deploys; null for the shorthand. */
  public String target() {
    return targets.isEmpty() ? null : targets.get(0);
  }

  /** Whether the deployment deploys more than one fleet, one after the other. */
  public boolean deploysSeveralFleets() {
    return targets.size() > 1;
  }

  /** The first load balancer in front of a named fleet; null when it has none. */
  public NamedLoadBalancer loadBalancerOf(String fleet) {
    for (NamedLoadBalancer lb : loadBalancers.values()) {
      if (lb.fleet().equals(fleet)) {
        return lb;
      }
    }
    return null;
  }

  /** The same topology deploying only {@code fleet} (one of the targets). */
  public Topology targeting(String fleet) {
    if (!fleets.containsKey(fleet)) {
      throw new IllegalArgumentException("no fleet " + fleet);
    }
    return new Topology(regions, fleets, loadBalancers, List.of(fleet));
  }

  /**
   * Names a fleet for people: {@code app-eu (eu-west-1)}, or the bare name without regions.
   */
  public String describe(String fleet) {
    NamedFleet f = fleets.get(fleet);
    return f == null || f.region() == null ? fleet : fleet + " (" + f.region() + ")";
  }

  /** A fleet with its region. */
  public record NamedFleet(String name, String region, FleetSpec spec) {}

  /** A load balancer with its region and the fleet behind it. */
  public record NamedLoadBalancer(String name, String region, String fleet, LoadBalancerSpec spec) {}
}
