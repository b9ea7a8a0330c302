package dev.deploysim.model;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.scenario.DnsRecordSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Route 53 records of the application's name (dns.records; docs/platforms/route53.md) and the
 * answer they give, as
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
 * and resource-record-sets-values-failover-alias.html describe it:
 *
 * <ul>
 *   <li>failover: the PRIMARY record while it is healthy, else the SECONDARY while it is healthy;
 *       both unhealthy: the PRIMARY;
 *   <li>weighted: the healthy records by weight; none healthy: every record, as if all were;
 *   <li>a record is healthy while its health check is (none: always) and, with {@code
 *       evaluateTargetHealth}, while its load balancer is: reachable, and every target group it
 *       forwards to has a healthy target (a group without targets is unhealthy).
 * </ul>
 *
 * A change of health reaches Route 53's name servers after {@code dns.propagation} ("generally
 * within 60 seconds"); then the answer changes and clients move to it as their caches expire
 * ({@link Dns}). Once a strategy sets the name itself (a DNS swap, weights), its setting stands and
 * the records no longer steer.
 */
public final class DnsRecords {
  private record Rec(DnsRecordSpec spec, LoadBalancer lb, Route53HealthCheck check) {}

  private final World world;
  private final List<Rec> records = new ArrayList<>();
  private final boolean failover;
  private final Distribution propagation;
  private final RandomStream random;
  private final Map<Rec, Boolean> targetHealth = new LinkedHashMap<>();
  private boolean steering = true;

  DnsRecords(World world, List<DnsRecordSpec> specs, Map<String, LoadBalancer> byName, Distribution propagation) {
    this.world = world;
    this.propagation = propagation;
    this.random = world.random("route53");
    this.failover = specs.get(0).type() == DnsRecordSpec.Type.FAILOVER;
    for (DnsRecordSpec s : specs) {
      LoadBalancer lb = byName.get(s.target());
      Route53HealthCheck check = null;
      if (s.healthCheck() != null) {
        String name = s.target() + (s.role() != null ? "-" + s.role().name().toLowerCase(java.util.Locale.ROOT) : "");
        check = new Route53HealthCheck(world, name, lb, s.healthCheck(), world.random("route53:" + name));
        check.addListener(c -> healthChanged());
      }
      Rec r = new Rec(s, lb, check);
      records.add(r);
      if (s.evaluateTargetHealth()) {
        targetHealth.put(r, true);
      }
    }
    if (!targetHealth.isEmpty()) {
      world.traffic().addUpdateListener(this::pollTargetHealth);
    }
  }

  /** The answer while every record is healthy (the name's answer at the start of the run). */
  Map<Endpoint, Integer> answer() {
    Map<Endpoint, Integer> out = new LinkedHashMap<>();
    if (failover) {
      Rec primary = role(DnsRecordSpec.Role.PRIMARY);
      Rec secondary = role(DnsRecordSpec.Role.SECONDARY);
      Rec pick = healthy(primary) || !healthy(secondary) ? primary : secondary;
      out.put(pick.lb, 1);
      return out;
    }
    for (Rec r : records) {
      if (healthy(r)) {
        out.put(r.lb, r.spec.weight());
      }
    }
    if (out.isEmpty()) {
      for (Rec r : records) {
        out.put(r.lb, r.spec.weight());
      }
    }
    return out;
  }

  private Rec role(DnsRecordSpec.Role role) {
    for (Rec r : records) {
      if (r.spec.role() == role) {
        return r;
      }
    }
    throw new IllegalStateException("no " + role + " record");
  }

  private boolean healthy(Rec r) {
    boolean ok = r.check == null || r.check.isHealthy();
    Boolean target = targetHealth.get(r);
    return ok && (target == null || target);
  }

  /** A strategy set the name itself: the records stop steering. */
  void overridden() {
    if (steering) {
      steering = false;
      world.log("route53", "the deployment sets the name itself; the records no longer steer it");
    }
  }

  /** evaluateTargetHealth: the load balancers' health as Route 53 sees it, after every change. */
  private void pollTargetHealth() {
    boolean changed = false;
    for (Map.Entry<Rec, Boolean> e : targetHealth.entrySet()) {
      boolean now = targetHealthy(e.getKey().lb);
      if (now != e.getValue()) {
        e.setValue(now);
        changed = true;
        world.log("route53", "alias target " + e.getKey().lb.name() + " is " + (now ? "healthy" : "unhealthy")
            + " (evaluate target health)");
      }
    }
    if (changed) {
      healthChanged();
    }
  }

  /**
   * Evaluate target health of an ALB alias: unhealthy when it cannot be reached or when a target
   * group it forwards to has no healthy target (no targets at all included).
   */
  static boolean targetHealthy(LoadBalancer lb) {
    if (!Route53HealthCheck.reachable(lb)) {
      return false;
    }
    for (var e : lb.weights().entrySet()) {
      if (e.getValue() <= 0) {
        continue;
      }
      boolean any = false;
      for (TargetGroup.Target t : e.getKey().targets()) {
        if (t.state() == TargetState.HEALTHY) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private void healthChanged() {
    boolean anyUnhealthy = false;
    for (Rec r : records) {
      anyUnhealthy |= !healthy(r);
    }
    if (anyUnhealthy) {
      world.incidents().detected();
    }
    double delay = propagation.sample(random);
    world.sim().after(delay, this::publish);
  }

  /** Route 53's name servers answer with the records' current health. */
  private void publish() {
    if (!steering) {
      return;
    }
    Map<Endpoint, Integer> next = answer();
    if (next.equals(world.dns().current())) {
      return;
    }
    StringBuilder b = new StringBuilder();
    for (var e : next.entrySet()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(e.getKey().name());
      if (!failover) {
        b.append('=').append(e.getValue());
      }
    }
    boolean toPreferred = failover ? next.containsKey(role(DnsRecordSpec.Role.PRIMARY).lb) : next.size() == records.size();
    world.dns().route(next);
    world.log("route53", "name servers now answer " + b + (failover ? (toPreferred ? " (PRIMARY)" : " (failover to SECONDARY)") : "")
        + " (TTL " + Durations.format(world.dns().ttl()) + ")");
    world.incidents().mark("DNS: " + b, dev.deploysim.result.Marker.Kind.INFO);
    if (!toPreferred) {
      world.incidents().failedOver();
    }
  }
}
