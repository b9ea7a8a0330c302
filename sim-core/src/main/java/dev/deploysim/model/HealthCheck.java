package dev.deploysim.model;

import dev.deploysim.engine.Distribution;

/**
 * Target group health-check settings.
 *
 * @param initialHealthyThreshold passes a newly registered target needs (ALB: 1)
 * @param firstCheckDelay time from registration to the first check; null: uniform within one
 *     interval
 */
public record HealthCheck(
    double interval,
    double timeout,
    int healthyThreshold,
    int unhealthyThreshold,
    int initialHealthyThreshold,
    Distribution firstCheckDelay) {

  /** ALB defaults: 30 s interval, 5 s timeout, healthy 5, unhealthy 2, one pass when registered. */
  public static HealthCheck albDefaults() {
    return new HealthCheck(30, 5, 5, 2, 1, null);
  }
}
