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
 * @param target the fleet the deployment deploys (its spec is {@link Scenario#fleet()}); null for
 *     the shorthand
 */
public record Topology(
    List<String> regions, Map<String, NamedFleet> fleets, Map<String, NamedLoadBalancer> loadBalancers, String target) {

  public Topology {
    regions = List.copyOf(regions);
    fleets = Collections.unmodifiableMap(new LinkedHashMap<>(fleets));
    loadBalancers = Collections.unmodifiableMap(new LinkedHashMap<>(loadBalancers));
  }

  private static final Topology SINGLE = new Topology(List.of(), Map.of(), Map.of(), null);

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

  /** A fleet with its region. */
  public record NamedFleet(String name, String region, FleetSpec spec) {}

  /** A load balancer with its region and the fleet behind it. */
  public record NamedLoadBalancer(String name, String region, String fleet, LoadBalancerSpec spec) {}
}
