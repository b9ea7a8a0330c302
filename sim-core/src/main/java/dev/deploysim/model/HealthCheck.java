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
    Distribution firstCheckDelay) {}
