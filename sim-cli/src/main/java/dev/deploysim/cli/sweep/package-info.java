/**
 * A sweep as data, shared by the commands that run and merge sweeps, the writers of its files and
 * its charts: {@link dev.deploysim.cli.sweep.SweepPlan} (the grid of points, each point's values
 * and seed, as sweep.json records them) and {@link dev.deploysim.cli.sweep.SweepPoint} (a point's
 * statistics, which points are eligible and which Pareto-optimal). Below {@code chart}; uses
 * {@code text} only.
 */
package dev.deploysim.cli.sweep;
