package dev.deploysim.load;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.DatabaseSpec;
import dev.deploysim.scenario.DnsRecordSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds the keys of several regions, named fleets and load balancers, Route 53 records and the
 * database (docs/resilience.md), with the rules that span them: names that refer to regions,
 * fleets and load balancers that exist, one PRIMARY and one SECONDARY failover record, the
 * engine's own keys.
 */
final class ResilienceBinder {
  private final Diagnostics diag;
  private final ScenarioBinder scenario;

  ResilienceBinder(Diagnostics diag, ScenarioBinder scenario) {
    this.diag = diag;
    this.scenario = scenario;
  }

  /** The region names, each once; empty without {@code regions}. */
  List<String> regions(StrategyParams root) {
    List<String> out = new ArrayList<>();
    List<Object> given = root.list("regions");
    if (given == null) {
      return out;
    }
    for (int i = 0; i < given.size(); i++) {
      String r = (String) given.get(i);
      if (r == null) {
        continue;
      }
      if (out.contains(r)) {
        diag.error("regions[" + i + "]", "region '" + r + "' is listed twice");
      } else {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The topology: {@link Topology#single()} for the singular fleet and loadBalancer; else the named
   * fleets and load balancers (a fleet without a load balancer in {@code loadBalancers} gets none;
   * {@code fleets} without {@code loadBalancers} gives each fleet one named FLEET-lb with the
   * {@code loadBalancer} settings). Null after a problem.
   */
  Topology topology(StrategyParams root, List<String> regions, LoadBalancerSpec sharedLoadBalancer) {
    boolean fleetsGiven = root.isExplicit("fleets");
    boolean lbsGiven = root.isExplicit("loadBalancers");
    if (fleetsGiven && root.isExplicit("fleet")) {
      diag.error("fleets", "give either fleet (one group) or fleets (named groups), not both");
      return null;
    }
    if (lbsGiven && root.isExplicit("loadBalancer")) {
      diag.error("loadBalancers", "give either loadBalancer or loadBalancers (named), not both",
          "loadBalancers: {NAME: {fleet: FLEET, type: alb}}");
      return null;
    }
    if (lbsGiven && !fleetsGiven) {
      diag.error("loadBalancers", "named load balancers need named fleets", "write fleets: {NAME: {...}} instead "
          + "of fleet:");
      return null;
    }
    StrategyParams deployment = root.object("deployment");
    Object targetValue = deployment == null ? null : deployment.get("target");
    if (!fleetsGiven) {
      if (targetValue != null) {
        diag.error("deployment.target", "there are no named fleets to choose from", "remove target, or use fleets");
      }
      // the singular fleet lives in the first region, as a named fleet without a region does
      return regions.isEmpty() ? Topology.single() : new Topology(regions, Map.of(), Map.of(), List.of());
    }
    Map<String, Object> fleetsMap = root.map("fleets");
    if (fleetsMap == null) {
      return null;
    }
    if (fleetsMap.isEmpty()) {
      diag.error("fleets", "needs at least one fleet");
      return null;
    }
    Map<String, Topology.NamedFleet> fleets = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fleetsMap.entrySet()) {
      String path = "fleets." + e.getKey();
      scenario.checkName(e.getKey(), path, "fleet names name Auto Scaling groups in events.log");
      if (!(e.getValue() instanceof StrategyParams f)) {
        continue;
      }
      String region = region(f.string("region"), regions, path + ".region");
      FleetSpec spec = scenario.fleet(f, path);
      if (spec != null && !diag.failed(path)) {
        fleets.put(e.getKey(), new Topology.NamedFleet(e.getKey(), region, spec));
      }
    }
    List<String> targets = targets(targetValue, fleetsMap.keySet(), fleets, regions);
    if (targets == null) {
      return null;
    }
    Map<String, Topology.NamedLoadBalancer> lbs = new LinkedHashMap<>();
    if (lbsGiven) {
      Map<String, Object> lbMap = root.map("loadBalancers");
      if (lbMap == null) {
        return null;
      }
      for (Map.Entry<String, Object> e : lbMap.entrySet()) {
        String path = "loadBalancers." + e.getKey();
        scenario.checkName(e.getKey(), path, "load balancer names name DNS record targets and events");
        if (!(e.getValue() instanceof StrategyParams lb)) {
          continue;
        }
        String fleet = lb.string("fleet");
        if (fleet == null) {
          if (fleetsMap.size() > 1) {
            diag.error(path + ".fleet", "required key is missing: there are " + fleetsMap.size() + " fleets",
                "fleet: one of " + String.join(", ", fleetsMap.keySet()));
            continue;
          }
          fleet = fleetsMap.keySet().iterator().next();
        } else if (!fleetsMap.containsKey(fleet)) {
          unknown(path + ".fleet", "fleet", fleet, fleetsMap.keySet());
          continue;
        }
        Topology.NamedFleet nf = fleets.get(fleet);
        String region = lb.string("region");
        if (region != null) {
          region = region(region, regions, path + ".region");
          if (nf != null && region != null && !region.equals(nf.region())) {
            diag.error(path + ".region", "a load balancer serves targets in its own region: fleet " + fleet
                + " is in " + nf.region() + ", not " + region);
          }
        } else if (nf != null) {
          region = nf.region();
        }
        LoadBalancerSpec spec = scenario.loadBalancer(lb, path);
        if (spec != null && !diag.failed(path)) {
          lbs.put(e.getKey(), new Topology.NamedLoadBalancer(e.getKey(), region, fleet, spec));
        }
      }
    } else if (sharedLoadBalancer != null) {
      for (Topology.NamedFleet f : fleets.values()) {
        String name = f.name() + "-lb";
        lbs.put(name, new Topology.NamedLoadBalancer(name, f.region(), f.name(), sharedLoadBalancer));
      }
    }
    if (diag.failed("fleets") || diag.failed("loadBalancers") || diag.failed("deployment.target")) {
      return null;
    }
    for (String t : targets) {
      if (lbs.values().stream().noneMatch(lb -> lb.fleet().equals(t))) {
        diag.error(lbsGiven ? "loadBalancers" : "deployment.target", "the deployed fleet " + t
            + " has no load balancer", "add one to loadBalancers with fleet: " + t);
        return null;
      }
    }
    return new Topology(regions, fleets, lbs, targets);
  }

  /**
   * The fleets to deploy, in order (docs/resilience.md#deploying-several-fleets): {@code target}
   * as one name or a list of names, in the order given; without it every fleet, in the order of
   * {@code regions} and in file order within a region. Null after a problem (reported).
   */
  private List<String> targets(Object given, Set<String> names, Map<String, Topology.NamedFleet> fleets,
      List<String> regions) {
    List<String> out = new ArrayList<>();
    if (given == null) {
      // a fleet whose region is unknown (reported) sorts last, where its problem stops the file anyway
      List<Topology.NamedFleet> all = new ArrayList<>(fleets.values());
      all.sort(java.util.Comparator.comparingInt(f -> f.region() == null ? 0 : regions.indexOf(f.region())));
      all.forEach(f -> out.add(f.name()));
      return out;
    }
    List<?> listed = given instanceof List<?> l ? l : List.of(given);
    boolean ok = true;
    for (int i = 0; i < listed.size(); i++) {
      String name = (String) listed.get(i);
      String path = given instanceof List<?> ? "deployment.target[" + i + "]" : "deployment.target";
      if (name == null) {
        ok = false;
      } else if (!names.contains(name)) {
        unknown(path, "fleet", name, names);
        ok = false;
      } else if (!out.contains(name)) { // a second listing is refused by the format (unique items)
        out.add(name);
      }
    }
    if (!ok) {
      return null;
    }
    for (String t : out) {
      if (!fleets.containsKey(t)) {
        return null; // its own problem is reported at fleets.NAME
      }
    }
    return out;
  }

  /** The primary load balancer of a named topology: the first in front of the deployed fleet. */
  static Topology.NamedLoadBalancer primaryLoadBalancer(Topology t) {
    Topology.NamedLoadBalancer lb = t.loadBalancerOf(t.target());
    if (lb == null) {
      throw new IllegalStateException("no load balancer in front of " + t.target());
    }
    return lb;
  }

  /** A region key: one of regions; the first region when absent; null (reported) when unknown. */
  private String region(String given, List<String> regions, String path) {
    if (given == null) {
      return regions.isEmpty() ? null : regions.get(0);
    }
    if (regions.isEmpty()) {
      diag.error(path, "there are no regions to place it in", "add regions: [" + given + ", ...]");
      return null;
    }
    if (!regions.contains(given)) {
      unknown(path, "region", given, regions);
      return null;
    }
    return given;
  }

  private void unknown(String path, String what, String name, Collection<String> names) {
    String hint = DidYouMean.hint(name, names);
    diag.error(path, "no " + what + " named \"" + name + "\"", hint != null ? hint : what + "s: " + String.join(", ", names));
  }

  // ---- Route 53 records ---------------------------------------------------------------------------

  /** The records of {@code dns}; empty without them; null after a problem. */
  List<DnsRecordSpec> records(StrategyParams dns, Topology topology) {
    List<Object> given = dns.list("records");
    List<DnsRecordSpec> out = new ArrayList<>();
    if (given == null) {
      return dns.isExplicit("records") ? null : out;
    }
    Set<String> types = new LinkedHashSet<>();
    Map<DnsRecordSpec.Role, Integer> roles = new LinkedHashMap<>();
    for (int i = 0; i < given.size(); i++) {
      if (!(given.get(i) instanceof StrategyParams r) || r.string("type") == null) {
        continue;
      }
      String path = "dns.records[" + i + "]";
      if (diag.failed(path + ".type") || diag.failed(path + ".role")) {
        continue;
      }
      String type = r.string("type");
      types.add(type);
      boolean failover = type.equals("failover");
      DnsRecordSpec.Role role = null;
      if (failover) {
        if (r.isExplicit("weight")) {
          diag.error(path + ".weight", "a failover record has no weight", "remove weight, or use type: weighted");
        }
        if (r.string("role") == null) {
          diag.error(path, "required key is missing: role", "role: PRIMARY or role: SECONDARY");
        } else {
          role = DnsRecordSpec.Role.valueOf(r.string("role"));
          Integer first = roles.putIfAbsent(role, i);
          if (first != null) {
            diag.error(path + ".role", "dns.records[" + first + "] is already the " + role + " record",
                "a failover name has one PRIMARY and one SECONDARY record");
          }
        }
      } else {
        if (r.isExplicit("role")) {
          diag.error(path + ".role", "a weighted record has no role", "remove role, or use type: failover");
        }
        if (r.integer("weight") == null && !diag.failed(path + ".weight")) {
          diag.error(path, "required key is missing: weight", "weight: 0..255");
        }
      }
      String target = r.string("target");
      if (target != null && !topology.loadBalancers().containsKey(target)) {
        if (topology.loadBalancers().isEmpty()) {
          diag.error(path + ".target", "no load balancer named \"" + target + "\": records are aliases of named "
              + "load balancers", "name them: loadBalancers: {" + target + ": {fleet: ...}} with fleets");
        } else {
          unknown(path + ".target", "load balancer", target, topology.loadBalancers().keySet());
        }
      }
      DnsRecordSpec.HealthCheckSpec hc = null;
      StrategyParams h = r.object("healthCheck");
      if (h != null) {
        Double interval = h.duration("interval");
        if (interval != null && !DnsRecordSpec.HealthCheckSpec.validInterval(interval)) {
          diag.error(path + ".healthCheck.interval", "Route 53 checks every 30s (standard) or 10s (fast), got "
              + dev.deploysim.engine.Durations.format(interval));
        }
        if (!diag.failed(path + ".healthCheck")) {
          hc = DnsRecordSpec.HealthCheckSpec.of(h);
        }
      }
      if (!diag.failed(path)) {
        out.add(new DnsRecordSpec(failover ? DnsRecordSpec.Type.FAILOVER : DnsRecordSpec.Type.WEIGHTED, role,
            r.integer("weight"), target, hc, Boolean.TRUE.equals(r.bool("evaluateTargetHealth"))));
      }
    }
    if (types.size() > 1) {
      diag.error("dns.records", "mixes failover and weighted records", "one routing policy per name");
    } else if (types.contains("failover") && roles.size() < 2) {
      DnsRecordSpec.Role missing = roles.containsKey(DnsRecordSpec.Role.PRIMARY) ? DnsRecordSpec.Role.SECONDARY
          : DnsRecordSpec.Role.PRIMARY;
      diag.error("dns.records", "failover records need a " + missing + " record",
          "add {type: failover, role: " + missing + ", target: ...}");
    }
    return diag.failed("dns.records") ? null : out;
  }

  // ---- the database -------------------------------------------------------------------------------

  /** The database; null when absent or after a problem. */
  DatabaseSpec database(StrategyParams d, List<String> regions, FleetSpec deployed) {
    if (d == null || d.string("engine") == null) {
      return null;
    }
    DatabaseSpec.Engine engine = DatabaseSpec.Engine.byKey(d.string("engine"));
    String region = region(d.string("region"), regions, "database.region");
    boolean aurora = engine == DatabaseSpec.Engine.AURORA || engine == DatabaseSpec.Engine.AURORA_GLOBAL;
    notFor(d, "replicas", !aurora, "Aurora engines (aurora, aurora-global)");
    notFor(d, "restoreTime", engine != DatabaseSpec.Engine.RDS_SINGLE_AZ, "rds-single-az");
    notFor(d, "backupRpo", engine != DatabaseSpec.Engine.RDS_SINGLE_AZ, "rds-single-az");
    notFor(d, "failoverTime", engine == DatabaseSpec.Engine.RDS_SINGLE_AZ,
        "engines with a standby (rds-single-az restores from a backup: restoreTime)");
    boolean global = engine == DatabaseSpec.Engine.AURORA_GLOBAL;
    notFor(d, "globalFailoverTime", !global, "aurora-global");
    notFor(d, "replicationLag", !global, "aurora-global");
    String secondary = null;
    if (global) {
      secondary = d.string("secondaryRegion");
      if (secondary == null) {
        diag.error("database", "required key is missing: secondaryRegion (aurora-global replicates to a second "
            + "region)", regions.size() > 1 ? "secondaryRegion: " + regions.get(1) : "add regions and secondaryRegion");
      } else {
        secondary = region(secondary, regions, "database.secondaryRegion");
        if (secondary != null && secondary.equals(region)) {
          diag.error("database.secondaryRegion", "must be another region than the primary's (" + region + ")");
        }
      }
    } else {
      notFor(d, "secondaryRegion", true, "aurora-global");
    }
    DatabaseSpec.RegionalCopy copy = regionalCopy(d, engine, region, regions);
    String zone = d.string("zone");
    if (zone == null) {
      zone = deployed == null ? "a" : deployed.zones().get(0);
    }
    if (diag.failed("database")) {
      return null;
    }
    int replicas = d.integer("replicas");
    Distribution failover = d.distribution("failoverTime");
    if (failover == null) {
      failover = defaultFailoverTime(engine, replicas);
    }
    double rpo = switch (engine) {
      case RDS_SINGLE_AZ -> d.duration("backupRpo");
      case AURORA_GLOBAL -> d.duration("replicationLag");
      default -> 0;
    };
    return new DatabaseSpec(engine, region, zone, replicas, failover, d.distribution("restoreTime"),
        d.duration("endpointTtl"), secondary, d.distribution("globalFailoverTime"), rpo, copy);
  }

  /**
   * database.crossRegionReadReplica (rds-*) or crossRegionBackups (rds-single-az), at most one, in
   * another region than the primary's; null when absent.
   */
  private DatabaseSpec.RegionalCopy regionalCopy(StrategyParams d, DatabaseSpec.Engine engine, String primary,
      List<String> regions) {
    StrategyParams replica = d.object("crossRegionReadReplica");
    StrategyParams backups = d.object("crossRegionBackups");
    if (replica == null && backups == null) {
      return null;
    }
    if (replica != null && backups != null) {
      diag.error("database.crossRegionBackups", "give one copy in another region: crossRegionReadReplica or "
          + "crossRegionBackups", "remove crossRegionBackups: the replica is promoted, faster than a restore");
      return null;
    }
    String key = replica != null ? "crossRegionReadReplica" : "crossRegionBackups";
    boolean aurora = engine == DatabaseSpec.Engine.AURORA || engine == DatabaseSpec.Engine.AURORA_GLOBAL;
    if (replica != null && aurora) {
      diag.error("database." + key, "applies only to rds-single-az, rds-multi-az and rds-multi-az-cluster, not to "
          + engine.key(), engine == DatabaseSpec.Engine.AURORA
          ? "engine: aurora-global with secondaryRegion replicates an Aurora cluster to another region"
          : "remove crossRegionReadReplica: secondaryRegion is aurora-global's copy in another region");
      return null;
    }
    if (backups != null && engine != DatabaseSpec.Engine.RDS_SINGLE_AZ) {
      diag.error("database." + key, "applies only to rds-single-az (its restoreTime and backupRpo), not to "
          + engine.key(), "crossRegionReadReplica: {region: ...} for a copy of " + engine.key() + " in another region");
      return null;
    }
    StrategyParams r = replica != null ? replica : backups;
    String path = "database." + key + ".region";
    String region = r.string("region");
    if (region == null || diag.failed(path)) {
      return null;
    }
    if (regions.size() < 2) {
      diag.error(path, "a copy in another region needs a second region: the file has "
          + (regions.isEmpty() ? "no regions" : "only " + regions.get(0)),
          "regions: [" + (regions.isEmpty() ? "us-east-1" : regions.get(0)) + ", " + region + "]");
      return null;
    }
    region = region(region, regions, path);
    if (region != null && region.equals(primary)) {
      String other = regions.stream().filter(x -> !x.equals(primary)).findFirst().orElseThrow();
      diag.error(path, "must be another region than the primary's (" + primary + ")", "region: " + other);
      return null;
    }
    if (region == null || diag.failed("database." + key)) {
      return null;
    }
    return replica != null
        ? new DatabaseSpec.RegionalCopy(DatabaseSpec.RegionalCopy.Kind.READ_REPLICA, region,
            r.duration("promoteAfter"), r.distribution("promotionTime"), r.duration("replicationLag"))
        : new DatabaseSpec.RegionalCopy(DatabaseSpec.RegionalCopy.Kind.BACKUPS, region, r.duration("restoreAfter"),
            d.distribution("restoreTime"), d.duration("backupRpo"));
  }

  /**
   * The engine's documented failover time: Multi-AZ instance "typically 60-120 seconds"
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html),
   * Multi-AZ cluster "typically under 35 seconds"
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html),
   * Aurora "less than 60 seconds, and often less than 30 seconds" with a replica and "less than 10
   * minutes" without (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html);
   * lower bounds AWS does not give are assumptions (docs/resilience.md). Null for rds-single-az.
   */
  static Distribution defaultFailoverTime(DatabaseSpec.Engine engine, int replicas) {
    return switch (engine) {
      case RDS_SINGLE_AZ -> null;
      case RDS_MULTI_AZ -> new Distribution.Uniform(60, 120);
      case RDS_MULTI_AZ_CLUSTER -> new Distribution.Uniform(20, 35);
      case AURORA, AURORA_GLOBAL -> replicas > 0 ? new Distribution.Uniform(10, 60) : new Distribution.Uniform(300, 600);
    };
  }

  private void notFor(StrategyParams d, String key, boolean refused, String onlyFor) {
    if (refused && d.isExplicit(key)) {
      diag.error("database." + key, "applies only to " + onlyFor + ", not to " + d.string("engine").toLowerCase(Locale.ROOT),
          "remove " + key);
    }
  }
}
