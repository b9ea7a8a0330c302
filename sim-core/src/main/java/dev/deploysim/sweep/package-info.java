/**
 * Sweeps: a scenario over a grid of values ({@code sim sweep}). The grid and its points, the seed
 * of each point, deterministic shards of the runs, running them with rows in run order, and Pareto
 * optimality over the points. The top layer of sim-core: it uses {@code run} and {@code load}.
 */
package dev.deploysim.sweep;
