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
  private boolean failover;
  private final Distribution propagation;
  private final RandomStream random;
  private final Map<Rec, Boolean> targetHealth = new LinkedHashMap<>();
  private boolean steering = true;
  private final List<java.util.function.Consumer<LoadBalancer>> unhealthyListeners = new ArrayList<>();
  /** Records a deployment created (null for the scenario's dns.records): the health check each gets. */
  private final DnsRecordSpec.HealthCheckSpec checkEach;
  private final boolean evaluateEach;

  DnsRecords(World world, List<DnsRecordSpec> specs, Map<String, LoadBalancer> byName, Distribution propagation) {
    this.world = world;
    this.propagation = propagation;
    this.random = world.random("route53");
    this.checkEach = null;
    this.evaluateEach = false;
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

  /**
   * Records a deployment creates for the name (route53.weighted and route53.blue-green with health
   * checks): each record it names gets a health check of {@code check} (none when null) and, with
   * {@code evaluateTargetHealth}, follows its load balancer. They have no records until {@link
   * #weights} or {@link #failover} gives them some.
   */
  DnsRecords(World world, Distribution propagation, DnsRecordSpec.HealthCheckSpec check, boolean evaluateTargetHealth) {
    this.world = world;
    this.propagation = propagation;
    this.random = world.random("route53:deployment");
    this.checkEach = check;
    this.evaluateEach = evaluateTargetHealth;
    if (evaluateTargetHealth) {
      world.traffic().addUpdateListener(this::pollTargetHealth);
    }
  }

  /**
   * Weighted records, one per load balancer with its weight (0-255): the healthy ones answer by weight
   * over the sum, all of them when none is healthy. A record the map no longer names is deleted with its
   * health check. The change is visible to resolvers at once (docs/platforms/route53.md#not-modelled).
   */
  public void weights(Map<LoadBalancer, Integer> weights) {
    for (int v : weights.values()) {
      if (v < 0 || v > Dns.MAX_WEIGHT) {
        throw new IllegalArgumentException("Route 53 weights are 0-255, got " + v);
      }
    }
    List<Rec> next = new ArrayList<>();
    weights.forEach((lb, w) -> next.add(record(new DnsRecordSpec(DnsRecordSpec.Type.WEIGHTED, null, w, lb.name(),
        checkEach, evaluateEach), lb)));
    replace(false, next);
  }

  /**
   * A failover pair: {@code primary} while it is healthy, else {@code secondary} while that one is; both
   * unhealthy: {@code primary}. Without a secondary, one alias record of {@code primary}.
   */
  public void failover(LoadBalancer primary, LoadBalancer secondary) {
    List<Rec> next = new ArrayList<>();
    next.add(record(new DnsRecordSpec(DnsRecordSpec.Type.FAILOVER, DnsRecordSpec.Role.PRIMARY, null, primary.name(),
        checkEach, evaluateEach), primary));
    if (secondary != null) {
      next.add(record(new DnsRecordSpec(DnsRecordSpec.Type.FAILOVER, DnsRecordSpec.Role.SECONDARY, null,
          secondary.name(), checkEach, evaluateEach), secondary));
    }
    replace(true, next);
  }

  /** Whether the record of {@code lb} is healthy as Route 53 sees it now (false when it has none). */
  public boolean isHealthy(LoadBalancer lb) {
    for (Rec r : records) {
      if (r.lb == lb) {
        return healthy(r);
      }
    }
    return false;
  }

  /** A record of {@code lb}: it keeps the health check it had (a new one starts healthy, as in AWS). */
  private Rec record(DnsRecordSpec spec, LoadBalancer lb) {
    for (Rec r : records) {
      if (r.lb == lb) {
        return new Rec(spec, lb, r.check);
      }
    }
    Route53HealthCheck check = null;
    if (spec.healthCheck() != null) {
      check = new Route53HealthCheck(world, lb.name() + "-check", lb, spec.healthCheck(), world.random("route53:" + lb.name()));
      check.addListener(c -> healthChanged());
    }
    return new Rec(spec, lb, check);
  }

  private void replace(boolean failover, List<Rec> next) {
    if (failover == this.failover && next.equals(records)) {
      return; // the same records: nothing changes
    }
    Map<Rec, Boolean> health = new LinkedHashMap<>();
    for (Rec old : records) {
      Rec kept = null;
      for (Rec n : next) {
        if (n.lb == old.lb) {
          kept = n;
        }
      }
      if (kept == null) {
        if (old.check != null) {
          old.check.stop();
        }
      } else if (targetHealth.containsKey(old)) {
        health.put(kept, targetHealth.get(old));
      }
    }
    for (Rec n : next) {
      if (n.spec.evaluateTargetHealth() && !health.containsKey(n)) {
        health.put(n, true); // polled after this change, as every alias target is
      }
    }
    this.failover = failover;
    records.clear();
    records.addAll(next);
    targetHealth.clear();
    targetHealth.putAll(health);
    Map<Endpoint, Integer> answer = answer();
    world.dns().route(answer);
    world.log("route53", (failover ? "failover records: " + describeFailover() : "weighted records: "
        + describeWeights()) + "; name servers answer " + describe(answer) + " (TTL "
        + Durations.format(world.dns().ttl()) + ")");
  }

  private String describeFailover() {
    StringBuilder b = new StringBuilder();
    for (Rec r : records) {
      b.append(b.length() > 0 ? ", " : "").append(r.spec.role()).append(' ').append(r.lb.name());
    }
    return b + checks();
  }

  private String describeWeights() {
    StringBuilder b = new StringBuilder();
    for (Rec r : records) {
      b.append(b.length() > 0 ? ", " : "").append(r.lb.name()).append('=').append(r.spec.weight());
    }
    return b + checks();
  }

  private String checks() {
    List<String> parts = new ArrayList<>();
    if (checkEach != null) {
      parts.add("health checks every " + Durations.format(checkEach.interval()) + ", failure threshold "
          + checkEach.failureThreshold());
    }
    if (evaluateEach) {
      parts.add("evaluate target health");
    }
    List<String> unhealthy = new ArrayList<>();
    for (Rec r : records) {
      if (!healthy(r)) {
        unhealthy.add(r.lb.name());
      }
    }
    if (!unhealthy.isEmpty()) {
      parts.add("unhealthy: " + String.join(", ", unhealthy));
    }
    return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
  }

  /** The answer while every record is healthy (the name's answer at the start of the run). */
  Map<Endpoint, Integer> answer() {
    Map<Endpoint, Integer> out = new LinkedHashMap<>();
    if (failover) {
      Rec primary = role(DnsRecordSpec.Role.PRIMARY);
      Rec secondary = records.size() > 1 ? role(DnsRecordSpec.Role.SECONDARY) : null;
      Rec pick = secondary == null || healthy(primary) || !healthy(secondary) ? primary : secondary;
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

  /** "lb-us" (failover) or "blue-lb=90, green-lb=10" (weighted). */
  private String describe(Map<Endpoint, Integer> answer) {
    StringBuilder b = new StringBuilder();
    for (var e : answer.entrySet()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(e.getKey().name());
      if (!failover) {
        b.append('=').append(e.getValue());
      }
    }
    return b.toString();
  }

  /** Tells {@code l} the load balancer of each record that is unhealthy after a change of health. */
  public void onUnhealthy(java.util.function.Consumer<LoadBalancer> l) {
    unhealthyListeners.add(l);
  }

  private void healthChanged() {
    boolean anyUnhealthy = false;
    for (Rec r : records) {
      anyUnhealthy |= !healthy(r);
      if (!healthy(r)) {
        for (var l : List.copyOf(unhealthyListeners)) {
          l.accept(r.lb);
        }
      }
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
    String b = describe(next);
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
