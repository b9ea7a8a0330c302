/**
 * Playing a scenario out: {@link dev.deploysim.run.ScenarioRunner} builds the world, starts the
 * strategy at the deployment time and measures the run (the {@code Recorder}); {@code
 * Replications} runs a scenario many times with derived seeds and aggregates the results.
 */
package dev.deploysim.run;
