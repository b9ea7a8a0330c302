package dev.deploysim.strategies.analysis;

/**
 * What a metric query returns for one window: the requests counted and how many of them failed,
 * both whole numbers as counters give them, and the 99th percentile latency in seconds (null
 * without a latency model).
 */
public record Observation(long requests, long failed, Double latencyP99) {
  public Observation {
    if (requests < 0 || failed < 0 || failed > requests) {
      throw new IllegalArgumentException("observed " + failed + " failed of " + requests + " requests");
    }
  }

  public static Observation none() {
    return new Observation(0, 0, null);
  }

  /** Whether any request was counted (a query over no requests returns nothing). */
  public boolean hasData() {
    return requests > 0;
  }

  /** Failed over requests; NaN without data. */
  public double errorRate() {
    return requests == 0 ? Double.NaN : (double) failed / requests;
  }
}
