package dev.deploysim.scenario;

import dev.deploysim.engine.Distribution;

/**
 * An application version.
 *
 * @param id the key in the versions map
 * @param install time to install on an instance
 * @param start time from installed to accepting requests
 * @param health healthy, failing, or failing after a delay from its start
 * @param errorRate share of the requests it serves that fail (0..1)
 * @param capacityFactor multiplies the fleet's per-instance capacity
 * @param responseTime time to answer one request on an idle instance (its distribution over
 *     requests); null when the scenario models no latency
 * @param warmUp reduced capacity right after the application starts (cold caches); null when none
 * @param healthCheckTime how long its health endpoint takes to answer a load balancer health check
 *     (a distribution over checks); null: at once
 */
public record VersionSpec(
    String id,
    Distribution install,
    Distribution start,
    Health health,
    double errorRate,
    double capacityFactor,
    Distribution responseTime,
    WarmUp warmUp,
    Distribution healthCheckTime) {

  /** A version without latency or warm-up settings. */
  public VersionSpec(String id, Distribution install, Distribution start, Health health, double errorRate,
      double capacityFactor) {
    this(id, install, start, health, errorRate, capacityFactor, null, null, null);
  }

  /** A version whose health endpoint answers at once. */
  public VersionSpec(String id, Distribution install, Distribution start, Health health, double errorRate,
      double capacityFactor, Distribution responseTime, WarmUp warmUp) {
    this(id, install, start, health, errorRate, capacityFactor, responseTime, warmUp, null);
  }

  /**
   * For {@code duration} after the application starts, the instance needs {@code 1 / capacityFactor}
   * times the work per request: it serves {@code capacityFactor} of its capacity and each request
   * takes {@code 1 / capacityFactor} times as long.
   */
  public record WarmUp(double duration, double capacityFactor) {}

  /** The capacity factor of warm-up at {@code sinceStart} seconds after the application started. */
  public double warmUpFactor(double sinceStart) {
    return warmUp != null && sinceStart < warmUp.duration() ? warmUp.capacityFactor() : 1.0;
  }

  /** Whether the version passes health checks. */
  public sealed interface Health permits Healthy, Failing, FailingAfter {
    /** True when an instance that started this version {@code sinceStart} seconds ago passes. */
    boolean passes(double sinceStart);
  }

  public record Healthy() implements Health {
    @Override
    public boolean passes(double sinceStart) {
      return true;
    }
  }

  public record Failing() implements Health {
    @Override
    public boolean passes(double sinceStart) {
      return false;
    }
  }

  public record FailingAfter(double seconds) implements Health {
    @Override
    public boolean passes(double sinceStart) {
      return sinceStart < seconds;
    }
  }

  /** A bad version: fails health checks at some point or fails some of its requests. */
  public boolean isBad() {
    return !(health instanceof Healthy) || errorRate > 0;
  }
}
