/**
 * The simulation engine: the simulated clock and its calendar-queue event list ({@link
 * dev.deploysim.engine.Simulator}), named seeded random streams, duration arithmetic, probability
 * distributions and the statistics of a run (tallies, time-weighted averages). Depends on nothing
 * else of deploysim; nothing here reads the wall clock or an unseeded random generator.
 */
package dev.deploysim.engine;
