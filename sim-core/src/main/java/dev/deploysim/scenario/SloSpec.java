package dev.deploysim.scenario;

/**
 * A service level objective the summary counts violations of.
 *
 * @param latencyP99 seconds the 99th percentile of request latency should stay at or below, per
 *     sample interval
 */
public record SloSpec(double latencyP99) {}
