package dev.deploysim.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated scenario: the system, the traffic, the versions and the deployment to simulate. Every
 * default has been applied; nothing here is null unless documented as optional.
 *
 * @param name names the output folder
 * @param description one line for reports; empty when not given
 * @param seed the random seed (default 1)
 * @param horizonSeconds end of the simulation; null means the deployment's end plus {@link
 *     #COOL_DOWN_SECONDS}
 * @param fleet the Auto Scaling group; null only for serverless (Lambda) scenarios
 * @param versions application versions in the order the file lists them
 * @param initialVersion the version serving when the run starts
 * @param alarms CloudWatch alarms, in file order
 * @param faults injected faults, in file order
 * @param slo service level objective counted in the summary; null when none
 * @param budgets limits {@code sim check} tests the run against; {@link BudgetsSpec#NONE} when the
 *     file has none
 * @param topology regions, named fleets and load balancers; {@link Topology#single()} for the
 *     singular fleet and loadBalancer
 * @param database the database the application depends on; null when none
 */
public record Scenario(
    String name,
    String description,
    long seed,
    Double horizonSeconds,
    FleetSpec fleet,
    LoadBalancerSpec loadBalancer,
    DnsSpec dns,
    TrafficSpec traffic,
    Map<String, VersionSpec> versions,
    String initialVersion,
    DeploymentSpec deployment,
    List<AlarmSpec> alarms,
    List<FaultSpec> faults,
    OutputSpec output,
    SloSpec slo,
    BudgetsSpec budgets,
    Topology topology,
    DatabaseSpec database) {

  /** A scenario of one region without a database. */
  public Scenario(String name, String description, long seed, Double horizonSeconds, FleetSpec fleet,
      LoadBalancerSpec loadBalancer, DnsSpec dns, TrafficSpec traffic, Map<String, VersionSpec> versions,
      String initialVersion, DeploymentSpec deployment, List<AlarmSpec> alarms, List<FaultSpec> faults,
      OutputSpec output, SloSpec slo, BudgetsSpec budgets) {
    this(name, description, seed, horizonSeconds, fleet, loadBalancer, dns, traffic, versions, initialVersion,
        deployment, alarms, faults, output, slo, budgets, Topology.single(), null);
  }

  /** A scenario without a service level objective. */
  public Scenario(String name, String description, long seed, Double horizonSeconds, FleetSpec fleet,
      LoadBalancerSpec loadBalancer, DnsSpec dns, TrafficSpec traffic, Map<String, VersionSpec> versions,
      String initialVersion, DeploymentSpec deployment, List<AlarmSpec> alarms, List<FaultSpec> faults,
      OutputSpec output) {
    this(name, description, seed, horizonSeconds, fleet, loadBalancer, dns, traffic, versions, initialVersion,
        deployment, alarms, faults, output, null, BudgetsSpec.NONE);
  }

  /** A scenario without budgets. */
  public Scenario(String name, String description, long seed, Double horizonSeconds, FleetSpec fleet,
      LoadBalancerSpec loadBalancer, DnsSpec dns, TrafficSpec traffic, Map<String, VersionSpec> versions,
      String initialVersion, DeploymentSpec deployment, List<AlarmSpec> alarms, List<FaultSpec> faults,
      OutputSpec output, SloSpec slo) {
    this(name, description, seed, horizonSeconds, fleet, loadBalancer, dns, traffic, versions, initialVersion,
        deployment, alarms, faults, output, slo, BudgetsSpec.NONE);
  }

  /** Simulated time after the deployment ends that a run keeps going when no horizon is given. */
  public static final double COOL_DOWN_SECONDS = 600;

  /** Longest a deployment may run when the scenario sets no horizon (simulated seconds: 7 days). */
  public static final double MAX_DEPLOYMENT_SECONDS = 7 * 24 * 3600.0;

  /**
   * The latest simulated time a run may reach: its horizon, or else the deployment's start plus
   * {@link #MAX_DEPLOYMENT_SECONDS}, and never past {@link Limits#MAX_SECONDS}.
   */
  public static double latestEnd(Double horizonSeconds, double deploymentAt) {
    return horizonSeconds != null ? horizonSeconds : Math.min(deploymentAt + MAX_DEPLOYMENT_SECONDS, Limits.MAX_SECONDS);
  }

  /** {@link #latestEnd(Double, double)} of this scenario. */
  public double latestEndSeconds() {
    return latestEnd(horizonSeconds, deployment.at());
  }

  public Scenario {
    budgets = budgets == null ? BudgetsSpec.NONE : budgets;
    topology = topology == null ? Topology.single() : topology;
    versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    alarms = List.copyOf(alarms);
    faults = List.copyOf(faults);
  }

  /**
   * Whether requests have a latency: some version has a {@code responseTime}. Without one the
   * model keeps the hard capacity cap (the excess over capacity fails at once).
   */
  public boolean modelsLatency() {
    for (VersionSpec v : versions.values()) {
      if (v.responseTime() != null) {
        return true;
      }
    }
    return false;
  }

  public VersionSpec version(String id) {
    VersionSpec v = versions.get(id);
    if (v == null) {
      throw new IllegalArgumentException("unknown version " + id);
    }
    return v;
  }

  /** Same scenario with another seed (replications, --seed). */
  public Scenario withSeed(long newSeed) {
    return new Scenario(name, description, newSeed, horizonSeconds, fleet, loadBalancer, dns, traffic,
        versions, initialVersion, deployment, alarms, faults, output, slo, budgets, topology, database);
  }

  /**
   * The scenario as the deployment of one of several fleets sees it (docs/resilience.md#deploying-several-fleets):
   * {@link #fleet()} is that fleet, {@link #loadBalancer()} its first load balancer's settings, and the
   * topology deploys that fleet alone.
   */
  public Scenario forFleet(String fleetName) {
    Topology.NamedFleet f = topology.fleets().get(fleetName);
    Topology.NamedLoadBalancer lb = topology.loadBalancerOf(fleetName);
    if (f == null || lb == null) {
      throw new IllegalArgumentException("no fleet " + fleetName + " with a load balancer");
    }
    return new Scenario(name, description, seed, horizonSeconds, f.spec(), lb.spec(), dns, traffic, versions,
        initialVersion, deployment, alarms, faults, output, slo, budgets, topology.targeting(fleetName), database);
  }

  /** Same scenario with another deployment (compare --strategies). */
  public Scenario withDeployment(String newName, DeploymentSpec newDeployment) {
    return new Scenario(newName, description, seed, horizonSeconds, fleet, loadBalancer, dns, traffic,
        versions, initialVersion, newDeployment, alarms, faults, output, slo, budgets, topology, database);
  }
}
