/**
 * The files a command writes and the folder they go into: their names, each given once ({@link
 * dev.deploysim.cli.output.OutputFiles}), a run's summary.json, timeseries.csv,
 * events.log, charts and report.md ({@link dev.deploysim.cli.output.RunOutputs}), what replications
 * add, the comparison of {@code sim compare}, and {@link dev.deploysim.cli.output.OutputFolder},
 * which writes a set of files so that a reader sees the old set or the new one, never half. Uses
 * {@code chart} for the pictures and {@code text} for every number and sentence.
 */
package dev.deploysim.cli.output;
