package dev.deploysim.scenario;

/**
 * Measurement settings.
 *
 * @param sampleInterval seconds between rows of timeseries.csv (default 5)
 */
public record OutputSpec(double sampleInterval) {}
