package dev.deploysim.strategies.analysis;

import dev.deploysim.engine.Binomial;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.model.Traffic;
import dev.deploysim.model.World;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What metric queries see of a run: the requests of named groups of pods ("canary", "stable") over
 * any window ending now, with the sampling noise of real counters. The simulated traffic is a
 * fluid, so the requests a group handled in a window and the share of them that fail are exact
 * expectations; a counter sees whole requests, each of which fails or not: the query returns n =
 * the requests rounded to a whole number and a failed count drawn from the binomial distribution
 * B(n, true error rate) (see docs/platforms/progressive-delivery.md, measurement noise). A small
 * canary at low traffic therefore reads noisy error rates, a large one nearly the true rate. The
 * draws come from the run's random stream {@value #STREAM}, so a seed gives the same measurements.
 */
public final class Measurements {
  /** The named random stream measurement noise is drawn from. */
  public static final String STREAM = "analysis-measurements";

  private final World world;
  private final RandomStream random;
  private final double keep;
  private final Map<String, RequestHistory> groups = new LinkedHashMap<>();

  /**
   * @param keep the longest window a query will ask for, in seconds (older history is dropped)
   */
  public Measurements(World world, double keep) {
    this.world = world;
    this.random = world.random(STREAM);
    this.keep = keep;
    world.traffic().addUpdateListener(this::recordAll);
  }

  /** The requests a version's pods handled and failed, whichever ReplicaSet or group they are in. */
  public static RequestHistory.Counts version(Traffic traffic, String version) {
    return new RequestHistory.Counts() {
      @Override
      public double requests() {
        return traffic.handledTotal(version);
      }

      @Override
      public double failures() {
        return traffic.errorsTotal(version);
      }
    };
  }

  /** Starts recording a group of pods under a name (recording from now: earlier requests are not seen). */
  public void track(String name, RequestHistory.Counts counts) {
    world.traffic().advance();
    groups.put(name, new RequestHistory(counts, keep, world.now()));
  }

  public boolean tracks(String name) {
    return groups.containsKey(name);
  }

  private void recordAll() {
    double now = world.now();
    for (RequestHistory h : groups.values()) {
      h.record(now);
    }
  }

  /** The exact (fluid) requests and failures of a group in [now - window, now]: {requests, failures}. */
  public double[] expected(String group, double window) {
    return expected(group, world.now() - window, world.now());
  }

  /** The exact (fluid) requests and failures of a group in [from, to], to <= now. */
  public double[] expected(String group, double from, double to) {
    RequestHistory h = groups.get(group);
    if (h == null) {
      throw new IllegalArgumentException("no group " + group + " is measured; the groups are " + groups.keySet());
    }
    world.traffic().advance();
    return h.window(from, to, world.now());
  }

  /** A query of a group over [now - window, now], as a counter reports it (binomial noise). */
  public Observation observe(String group, double window) {
    return observe(group, world.now() - window, world.now());
  }

  /** A query of a group over [from, to], to <= now, as a counter reports it. */
  public Observation observe(String group, double from, double to) {
    double[] c = expected(group, from, to);
    return sample(c[0], c[0] <= 0 ? 0 : c[1] / c[0]);
  }

  /**
   * A group of the same size as another would see: {@code requests} requests at the true error rate
   * of {@code group} over [from, to] (a same-size baseline of the old version next to a canary).
   */
  public Observation observeAtRateOf(String group, long requests, double from, double to) {
    double[] c = expected(group, from, to);
    double rate = c[0] <= 0 ? 0 : c[1] / c[0];
    return sample(requests, rate);
  }

  /** Whole requests (rounded) and a binomial count of failures at the true error rate. */
  private Observation sample(double requests, double errorRate) {
    long n = Math.round(requests);
    if (n <= 0) {
      return Observation.none();
    }
    double p = Math.max(0, Math.min(1, errorRate));
    return new Observation(n, Binomial.sample(random, n, p), null);
  }
}
