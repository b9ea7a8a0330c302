package dev.deploysim.model;

import dev.deploysim.engine.Distribution;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.VersionSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Utilisation and latency of instances under load (docs/latency.md).
 *
 * <p>An instance serves at most its capacity C (requests/s: {@code fleet.capacity} x the version's
 * capacityFactor x its warm-up factor). Without a response time (the hard cap) it serves
 * min(lambda, C) and {@link Traffic} fails the rest at once. With a response time S (mean S-bar on
 * an idle instance) the instance is a queue:
 *
 * <ul>
 *   <li>Below saturation its mean latency is the M/G/1 processor-sharing one, E[T | S] = S / (1 -
 *       rho) with rho = lambda / C (Kleinrock, Queueing Systems Vol. 2, 1976, sec. 4.4;
 *       Harchol-Balter, Performance Modeling and Design of Computer Systems, 2013, ch. 22): the
 *       instance holds K = C x S-bar requests at full throughput (Little's law), each sharing it.
 *   <li>The mean number of requests X on the instance follows the pointwise stationary fluid flow
 *       approximation dX/dt = lambda - C X / (K + X) (Tipper and Sundareshan, IEEE JSAC 8(9),
 *       1990; Wang, Wang and Tipper, 1996), whose fixed point is the stationary X = K rho / (1 -
 *       rho), and whose growth above saturation is the fluid backlog lambda - C. A request's
 *       slowdown is 1 + X / K, so its latency is S (1 + X / K): S / (1 - rho) when stationary, S +
 *       X / C (the backlog's wait by Little's law) when saturated.
 *   <li>A request waiting longer than the load balancer's idle timeout tau fails with a 504: X is
 *       held at the level where S-bar (1 + X / K) = tau and arrivals beyond it time out (Whitt,
 *       Operations Research 54(1), 2006: in overload throughput stays C and the excess lambda - C
 *       abandons). With a response-time distribution, the requests whose own S (1 + X / K) exceeds
 *       tau time out as well.
 * </ul>
 *
 * <p>X is advanced by one implicit Euler step over every stretch of constant rates (a closed form:
 * the root of a quadratic), which is stable for any step and lands on the stationary value when the
 * load holds. Requests are accounted at arrival: a request is served (with its latency) or times
 * out, so served + failed = offered over every interval. The hard cap is the limit of this model as
 * S-bar and tau go to 0 (K to 0: X becomes a pure fluid backlog; tau to 0: the backlog holds no
 * request and the excess fails at once). Cost: O(1) per loaded instance per step.
 */
final class QueueModel {
  private final boolean latency;
  private final double timeout;
  private final Distribution[] responseTimes;
  private final double[] meanResponse;
  private final boolean[] constant;
  private final List<LatencyMix> sinks = new ArrayList<>();
  private final LatencyBins runBins;
  private double timedOutTotal;
  // the last step computed, reused while consecutive instances are in the same state
  private final Step last = new Step();

  QueueModel(Scenario scenario, List<String> versions) {
    this.latency = scenario.modelsLatency();
    LoadBalancerSpec lb = scenario.loadBalancer();
    this.timeout = lb == null ? LoadBalancerSpec.DEFAULT_IDLE_TIMEOUT : lb.idleTimeout();
    int n = versions.size();
    responseTimes = new Distribution[n];
    meanResponse = new double[n];
    constant = new boolean[n];
    for (int k = 0; k < n; k++) {
      VersionSpec v = scenario.version(versions.get(k));
      Distribution d = v.responseTime() != null ? v.responseTime() : Distribution.constant(0);
      responseTimes[k] = d;
      meanResponse[k] = d.mean();
      constant[k] = d instanceof Distribution.Constant;
    }
    runBins = latency ? new LatencyBins(responseTimes, timeout) : null;
  }

  boolean modelsLatency() {
    return latency;
  }

  double timeout() {
    return timeout;
  }

  /** A new, empty mixture that collects every served request's latency from now on. */
  LatencyMix openWindow() {
    LatencyMix m = new LatencyMix(responseTimes, timeout);
    sinks.add(m);
    return m;
  }

  void closeWindow(LatencyMix m) {
    sinks.remove(m);
  }

  LatencyBins runBins() {
    return runBins;
  }

  double timedOutTotal() {
    return timedOutTotal;
  }

  /**
   * Advances instance {@code id} over {@code dt} seconds at the rates of the last routing pass ({@code
   * lambda} requests/s offered, capacity {@code cap}); adds its utilisation to {@code busy} and its
   * served requests' latencies to the open windows.
   *
   * @return requests that timed out in the step (0 without a latency model)
   */
  double step(InstanceLoads loads, int id, double dt) {
    double lambda = loads.lambda[id];
    double cap = loads.cap[id];
    if (!latency) {
      loads.busy[id] += Math.min(lambda, cap) / cap * dt;
      return 0;
    }
    double queue = loads.queue[id];
    int vi = loads.version[id];
    double f = loads.warm[id];
    if (!last.matches(lambda, cap, queue, vi, f, dt)) {
      last.compute(this, lambda, cap, queue, vi, f, dt);
    }
    // an instance in the same state as the last one stepped ends in the same state: the same
    // results, added to its own busy time and to the windows in the same order as before
    loads.queue[id] = last.x;
    loads.busy[id] += last.busy;
    double admitted = last.admitted;
    if (admitted > 0) {
      for (int w = 0; w < sinks.size(); w++) {
        sinks.get(w).add(vi, last.scale, admitted);
      }
      runBins.addToBin(vi, last.bin, admitted);
    }
    timedOutTotal += last.timedOut;
    return last.timedOut;
  }

  /**
   * One instance's step from its state (requests offered and capacity, queue, version, warm-up
   * factor, length of the step): a pure function of that state, so instances in the same state
   * (every healthy instance of a version that shares the requests evenly) share one computation.
   */
  static final class Step {
    private boolean computed;
    private long lambda;
    private long cap;
    private long queue;
    private int version;
    private long warm;
    private long dt;
    /** The queue at the end of the step. */
    double x;
    /** Busy seconds added. */
    double busy;
    /** Slowdown of the requests served (latency over the idle response time). */
    double scale;
    /** Its bin in {@link LatencyBins}. */
    int bin;
    /** Requests served (arrivals that did not time out). */
    double admitted;
    /** Requests that timed out. */
    double timedOut;

    /** Whether the step was computed for exactly this state (the same bits). */
    boolean matches(double lambda, double cap, double queue, int version, double warm, double dt) {
      return computed && Double.doubleToRawLongBits(lambda) == this.lambda && Double.doubleToRawLongBits(cap) == this.cap
          && Double.doubleToRawLongBits(queue) == this.queue && version == this.version
          && Double.doubleToRawLongBits(warm) == this.warm && Double.doubleToRawLongBits(dt) == this.dt;
    }

    void compute(QueueModel m, double lambda, double cap, double queue, int vi, double f, double dt) {
      this.computed = true;
      this.lambda = Double.doubleToRawLongBits(lambda);
      this.cap = Double.doubleToRawLongBits(cap);
      this.queue = Double.doubleToRawLongBits(queue);
      this.version = vi;
      this.warm = Double.doubleToRawLongBits(f);
      this.dt = Double.doubleToRawLongBits(dt);
      double s = m.meanResponse[vi] / f; // mean response time on an idle instance, warm-up included
      double k = cap * s; // requests on the instance at full throughput (Little's law)
      double arrivals = lambda * dt;
      double x = nextLevel(queue, arrivals, cap * dt, k);
      double completed = queue + arrivals - x;
      double max = Math.max(0, k * (m.timeout / s - 1));
      double timedOut = 0;
      if (x > max) {
        // held at the cap: the step ends there, so it completes at the cap's rate C X_max / (K + X_max)
        // (whatever the step's length) and what neither stays nor completes timed out
        completed = Math.min(queue + arrivals - max, cap * dt * max / (k + max));
        // (capped at the step's arrivals: requests already queued were accounted as served on arrival)
        timedOut = Math.min(arrivals, queue + arrivals - max - completed);
        x = max;
      }
      this.x = x;
      this.busy = Math.min(dt, completed / cap);
      double scale = (1 + x / k) / f;
      double admitted = arrivals - timedOut;
      if (!m.constant[vi] && admitted > 0) {
        // requests whose own response time, slowed down, passes the idle timeout
        double tail = admitted * (1 - m.responseTimes[vi].cdf(m.timeout / scale));
        timedOut += tail;
        admitted -= tail;
      }
      this.scale = scale;
      this.bin = admitted > 0 ? LatencyBins.bin(scale) : 0;
      this.admitted = admitted;
      this.timedOut = timedOut;
    }
  }

  /** Requests answered without queueing (a Lambda alias): latency S, nothing times out. */
  void served(int versionIndex, double requests) {
    if (latency && requests > 0) {
      for (int w = 0; w < sinks.size(); w++) {
        sinks.get(w).add(versionIndex, 1, requests);
      }
      runBins.add(versionIndex, 1, requests);
    }
  }

  /**
   * One implicit Euler step of dX/dt = lambda - C X / (K + X): X' = X + a - c X' / (K + X') with
   * a = lambda dt and c = C dt, i.e. X'^2 + b X' - (X + a) K = 0 with b = K - (X + a) + c.
   */
  static double nextLevel(double x, double a, double c, double k) {
    double q = x + a;
    if (q <= 0) {
      return 0;
    }
    double b = k - q + c;
    double disc = Math.sqrt(b * b + 4 * q * k);
    // the positive root, in the form that does not cancel
    return b > 0 ? 2 * q * k / (b + disc) : (disc - b) / 2;
  }
}
