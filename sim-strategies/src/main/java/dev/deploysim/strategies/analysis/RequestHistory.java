package dev.deploysim.strategies.analysis;

import java.util.Arrays;

/**
 * The requests of a group of pods (a version, the canary's test traffic ...) over time, so that a
 * query can ask for any window ending now. The model's traffic is a fluid whose rates only change
 * when the world changes; recording the cumulative counts at each change gives the breakpoints
 * between which they grow linearly, so the counts at any earlier time are exact by interpolation.
 * Breakpoints older than the longest window anybody asks for are dropped.
 */
public final class RequestHistory {

  /** Cumulative requests and failed requests of some pods since the start of the run (fluid counts). */
  public interface Counts {
    double requests();

    double failures();

    /** Brings the counts up to {@code now} (sources that integrate themselves); most do nothing. */
    default void advanceTo(double now) {}

    /** The sum of two sources. */
    static Counts sum(Counts a, Counts b) {
      return new Counts() {
        @Override
        public double requests() {
          return a.requests() + b.requests();
        }

        @Override
        public double failures() {
          return a.failures() + b.failures();
        }

        @Override
        public void advanceTo(double now) {
          a.advanceTo(now);
          b.advanceTo(now);
        }
      };
    }
  }

  private final Counts counts;
  private final double keep;
  private double[] times = new double[64];
  private double[] requests = new double[64];
  private double[] failures = new double[64];
  private int first;
  private int size;

  /**
   * @param keep seconds of history to keep (the longest window asked for)
   * @param now the time recording starts: nothing before it is known (a window reaching further back
   *     starts here)
   */
  public RequestHistory(Counts counts, double keep, double now) {
    this.counts = counts;
    this.keep = keep;
    record(now);
  }

  public Counts counts() {
    return counts;
  }

  /** Records the counts at {@code now}, after the traffic was brought up to now. */
  public void record(double now) {
    counts.advanceTo(now);
    double r = counts.requests();
    double f = counts.failures();
    if (size > 0 && times[first + size - 1] >= now) {
      requests[first + size - 1] = r;
      failures[first + size - 1] = f;
      return;
    }
    // drop breakpoints that no window reaches any more (keep the one before the oldest window start)
    while (size > 1 && times[first + 1] < now - keep) {
      first++;
      size--;
    }
    if (first + size == times.length) {
      if (first > times.length / 2) {
        System.arraycopy(times, first, times, 0, size);
        System.arraycopy(requests, first, requests, 0, size);
        System.arraycopy(failures, first, failures, 0, size);
        first = 0;
      } else {
        times = Arrays.copyOf(times, times.length * 2);
        requests = Arrays.copyOf(requests, requests.length * 2);
        failures = Arrays.copyOf(failures, failures.length * 2);
      }
    }
    times[first + size] = now;
    requests[first + size] = r;
    failures[first + size] = f;
    size++;
  }

  /**
   * Requests and failed requests in [from, to]: {requests, failures}. {@code now} is the time the
   * counts are current at (the caller brought the traffic up to it, and {@code to <= now}); the part
   * of the window before recording started counts nothing.
   */
  public double[] window(double from, double to, double now) {
    counts.advanceTo(now);
    double[] a = at(from, now);
    double[] b = at(to, now);
    return new double[] {Math.max(0, b[0] - a[0]), Math.max(0, b[1] - a[1])};
  }

  /** Cumulative counts at t: interpolated between breakpoints; after the last one, towards now. */
  private double[] at(double t, double now) {
    int last = first + size - 1;
    if (t <= times[first]) {
      return new double[] {requests[first], failures[first]};
    }
    if (t >= times[last]) {
      double span = now - times[last];
      if (span <= 0) {
        return new double[] {requests[last], failures[last]};
      }
      double w = Math.min(1, (t - times[last]) / span);
      return new double[] {requests[last] + w * (counts.requests() - requests[last]),
          failures[last] + w * (counts.failures() - failures[last])};
    }
    int lo = first;
    int hi = last;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] <= t) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double w = (t - times[lo]) / (times[hi] - times[lo]);
    return new double[] {requests[lo] + w * (requests[hi] - requests[lo]),
        failures[lo] + w * (failures[hi] - failures[lo])};
  }
}
