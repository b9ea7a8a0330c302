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
 */
public record VersionSpec(
    String id,
    Distribution install,
    Distribution start,
    Health health,
    double errorRate,
    double capacityFactor) {

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
