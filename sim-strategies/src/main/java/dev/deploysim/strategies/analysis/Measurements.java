package dev.deploysim.strategies.analysis;

import dev.deploysim.engine.Binomial;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.model.LatencyMix;
import dev.deploysim.model.Traffic;
import dev.deploysim.model.World;
import java.util.ArrayDeque;
import java.util.Deque;
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
 *
 * <p>With the latency model, the latency of the requests a version served is kept in segments of
 * {@value #SEGMENT} seconds; a query's 99th percentile is that of the n requests of the window
 * (whole segments from its start), drawn as an order statistic: the latency distribution's quantile
 * at a Beta(k, n + 1 - k) point, k = ceil(0.99 n), which is how the 99th percentile of n requests
 * scatters.
 */
public final class Measurements {
  /** The named random stream measurement noise is drawn from. */
  public static final String STREAM = "analysis-measurements";

  private final World world;
  private final RandomStream random;
  private final double keep;
  private final Map<String, RequestHistory> groups = new LinkedHashMap<>();
  private final Map<String, Integer> latencyVersions = new LinkedHashMap<>();
  /** Seconds per latency segment. */
  public static final double SEGMENT = 5;
  private final Deque<Segment> segments = new ArrayDeque<>();
  private Segment open;

  private record Segment(double start, LatencyMix mix) {}

  /**
   * @param keep the longest window a query will ask for, in seconds (older history is dropped)
   */
  public Measurements(World world, double keep) {
    this.world = world;
    this.random = world.random(STREAM);
    this.keep = keep;
    world.traffic().addUpdateListener(this::recordAll);
    if (world.traffic().modelsLatency()) {
      roll();
    }
  }

  /** Closes the latency segment that is open and opens the next one; old segments are dropped. */
  private void roll() {
    Traffic t = world.traffic();
    t.advance();
    double now = world.now();
    if (open != null) {
      t.closeLatencyWindow(open.mix());
      segments.addLast(open);
    }
    while (!segments.isEmpty() && segments.peekFirst().start() < now - keep - SEGMENT) {
      segments.removeFirst();
    }
    open = new Segment(now, t.openLatencyWindow());
    world.sim().after(SEGMENT, this::roll);
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

  /** Starts recording a group, whose latency is that of the requests {@code version} served. */
  public void track(String name, RequestHistory.Counts counts, String version) {
    track(name, counts);
    latencyVersions.put(name, world.traffic().versions().indexOf(version));
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
    Observation o = sample(c[0], c[0] <= 0 ? 0 : c[1] / c[0]);
    Integer vi = latencyVersions.get(group);
    if (open == null || vi == null || vi < 0 || !o.hasData()) {
      return o;
    }
    return new Observation(o.requests(), o.failed(), latencyP99(vi, from, to));
  }

  /** The 99th percentile of the latency of a version's requests in [from, to], as n requests show it. */
  private Double latencyP99(int versionIndex, double from, double to) {
    world.traffic().advance();
    LatencyMix mix = open.mix().emptyCopy();
    for (Segment seg : segments) {
      if (seg.start() >= from - 1e-9 && seg.start() < to - 1e-9) {
        mix.addVersion(seg.mix(), versionIndex);
      }
    }
    if (open.start() >= from - 1e-9 && open.start() < to - 1e-9) {
      mix.addVersion(open.mix(), versionIndex);
    }
    long n = Math.round(mix.requests());
    if (n <= 0) {
      return null;
    }
    long k = (long) Math.ceil(0.99 * n);
    double u = beta(random, k, n + 1 - k);
    return mix.percentile(Math.min(Math.max(u, 1e-12), 1 - 1e-12));
  }

  /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  static double beta(RandomStream r, double a, double b) {
    double x = gamma(r, a);
    double y = gamma(r, b);
    return x / (x + y);
  }

  /** Gamma(shape >= 1, scale 1): Marsaglia and Tsang, ACM TOMS 26(3), 2000. */
  static double gamma(RandomStream r, double shape) {
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = r.standardNormal();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = r.nextOpenDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
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
