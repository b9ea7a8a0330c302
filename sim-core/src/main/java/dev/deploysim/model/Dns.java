package dev.deploysim.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application's DNS name: weighted records (0-255) pointing at endpoints, and clients that
 * cache answers.
 *
 * <p>Client model (a fluid, {@link ShareEpochs}): a share {@code 1 - f} of clients re-resolves every
 * TTL, the rest ({@code f = staleClientFraction}) every {@code staleClientMaxAge}. At any moment the
 * age of a client's cached answer is uniform over its caching period, so after a change the share of
 * clients still using the old answer falls linearly to 0 over one TTL for ordinary clients and over
 * staleClientMaxAge for stale ones. Within one answer, traffic splits by record weight (all weights
 * 0: equal shares, as Route 53 does).
 */
public final class Dns {
  public static final int MAX_WEIGHT = 255;

  private final World world;
  private final double ttl;
  private final double staleFraction;
  private final double staleMaxAge;
  private final ShareEpochs<Endpoint> epochs;

  private DnsRecords records;

  Dns(World world, double ttl, double staleFraction, double staleMaxAge, Endpoint initial) {
    this(world, ttl, staleFraction, staleMaxAge, java.util.Collections.singletonMap(initial, 1));
  }

  /** A name whose records answered {@code initial} since before the run (weights by endpoint). */
  Dns(World world, double ttl, double staleFraction, double staleMaxAge, Map<Endpoint, Integer> initial) {
    this.world = world;
    this.ttl = ttl;
    this.staleFraction = staleFraction;
    this.staleMaxAge = Math.max(staleMaxAge, ttl);
    this.epochs = new ShareEpochs<>(new LinkedHashMap<>(initial));
  }

  /** The Route 53 records that steer the name (dns.records); they stop when a strategy sets it. */
  void steeredBy(DnsRecords r) {
    this.records = r;
  }

  /**
   * Route 53 records a deployment creates for the name, with a health check of {@code check} on each
   * record (none when null) and evaluate target health on each alias when {@code evaluateTargetHealth}:
   * from now on they steer the name (the scenario's dns.records stop). Their health changes reach the
   * name servers after {@code dns.propagation}; see {@link DnsRecords}.
   */
  public DnsRecords deploymentRecords(dev.deploysim.scenario.DnsRecordSpec.HealthCheckSpec check,
      boolean evaluateTargetHealth) {
    if (records != null) {
      records.overridden();
    }
    DnsRecords r = new DnsRecords(world, world.scenario().dns().propagation(), check, evaluateTargetHealth);
    records = r;
    return r;
  }

  /** The records' new answer (a health-driven change; the records log it). */
  void route(Map<Endpoint, Integer> answer) {
    change(new LinkedHashMap<>(answer));
  }

  public double ttl() {
    return ttl;
  }

  /** The records as they are now. */
  public Map<Endpoint, Integer> current() {
    return java.util.Collections.unmodifiableMap(epochs.last().weights());
  }

  /**
   * Makes {@code e} the answer the name has always had (at the start of the run only: what clients
   * resolved before the run began), with no transition.
   */
  void answerSinceBefore(Endpoint e) {
    if (world.now() != 0 || epochs.epochs().size() != 1) {
      throw new IllegalStateException("the name's first answer can only be set at the start of the run");
    }
    Map<Endpoint, Integer> w = new LinkedHashMap<>();
    w.put(e, 1);
    epochs.alwaysHad(w);
    world.changed();
  }

  /** Points the name at one endpoint (a CNAME change or an environment URL swap). */
  public void pointTo(Endpoint e) {
    if (records != null) {
      records.overridden();
    }
    Map<Endpoint, Integer> w = new LinkedHashMap<>();
    w.put(e, 1);
    change(w);
    world.log("dns", "app name now points to " + e.name() + " (TTL " + fmt(ttl) + ")");
  }

  /** Sets weighted records (Route 53 weights 0-255). */
  public void setWeights(Map<? extends Endpoint, Integer> weights) {
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("at least one record");
    }
    for (int v : weights.values()) {
      if (v < 0 || v > MAX_WEIGHT) {
        throw new IllegalArgumentException("Route 53 weights are 0-255, got " + v);
      }
    }
    if (records != null) {
      records.overridden();
    }
    change(new LinkedHashMap<>(weights));
    StringBuilder b = new StringBuilder();
    for (var e : weights.entrySet()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(e.getKey().name()).append('=').append(e.getValue());
    }
    world.log("dns", "weighted records: " + b + " (TTL " + fmt(ttl) + ")");
  }

  private void change(Map<Endpoint, Integer> w) {
    epochs.change(world.now(), w, staleMaxAge);
    world.changed();
  }

  /** True while clients hold answers from more than one record set (shares change over time). */
  public boolean inTransition(double now) {
    return epochs.inTransition(now, staleFraction > 0 ? staleMaxAge : ttl);
  }

  /** Share of all requests that each endpoint receives at {@code now} (sums to 1). */
  public Map<Endpoint, Double> shares(double now) {
    if (epochs.epochs().size() == 1 && epochs.last().weights().size() == 1) {
      return single(now);
    }
    Map<Endpoint, Double> out = new LinkedHashMap<>();
    epochs.addWindow(out, now, ttl, 1 - staleFraction);
    if (staleFraction > 0) {
      epochs.addWindow(out, now, staleMaxAge, staleFraction);
    }
    return out;
  }

  /**
   * {@link #shares} when the name has only ever had one answer with one record (most runs): the
   * same arithmetic as {@link #addWindow} on that one epoch (start -infinity, end +infinity, one
   * weight: f = 1), without building a map for every traffic recomputation.
   */
  private Map<Endpoint, Double> single(double now) {
    Map.Entry<Endpoint, Integer> only = epochs.last().weights().entrySet().iterator().next();
    int n = 1;
    int sum = only.getValue();
    double f = sum == 0 ? 1.0 / n : (double) only.getValue() / sum;
    if (!(f > 0)) {
      return Map.of();
    }
    Double value = null;
    double a = singleWindow(now, ttl, 1 - staleFraction, f);
    if (a >= 0) {
      value = a;
    }
    if (staleFraction > 0) {
      double b = singleWindow(now, staleMaxAge, staleFraction, f);
      if (b >= 0) {
        value = value == null ? b : value + b;
      }
    }
    return value == null ? Map.of() : java.util.Collections.singletonMap(only.getKey(), value);
  }

  /** One window's contribution of the only epoch; -1 when it has none. */
  private static double singleWindow(double now, double window, double mass, double f) {
    if (mass <= 0) {
      return -1;
    }
    double share;
    if (window <= 0) {
      share = 1; // now is always within (-infinity, +infinity)
    } else {
      double lo = now - window; // max(now - window, -infinity)
      double hi = now; //          min(now, +infinity)
      share = hi > lo ? (hi - lo) / window : 0;
    }
    return share > 0 ? mass * share * f : -1;
  }

  private static String fmt(double s) {
    return dev.deploysim.engine.Durations.format(s);
  }
}
