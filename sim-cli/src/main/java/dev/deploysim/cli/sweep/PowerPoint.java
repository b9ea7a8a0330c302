package dev.deploysim.cli.sweep;

import dev.deploysim.run.Replications;

/**
 * One error rate of a power curve ({@code sim power}): the new version failing {@code errorRate} of
 * its requests, run {@code aggregate.count()} times. For a bad version the share of runs that rolled
 * back is the analysis's detection probability at that rate; for a good version (the baseline's
 * error rate) it is the false-rollback rate.
 *
 * @param good whether the new version is as good as the old one (its error rate the baseline's)
 * @param seed the point's seed (its replication 0)
 */
public record PowerPoint(double errorRate, boolean good, long seed, Replications.Aggregate aggregate) {

  public int runs() {
    return aggregate.count();
  }

  /** Replications in which a rollback started. */
  public long rollbacks() {
    Replications.Stats s = aggregate.metric("rollbackTriggered");
    return s.count() == 0 ? 0 : Math.round(s.mean() * s.count());
  }

  /** The share of replications that rolled back. */
  public double probability() {
    return runs() == 0 ? Double.NaN : (double) rollbacks() / runs();
  }

  /** The Wilson 95% interval of {@link #probability}: {low, high}. */
  public double[] interval() {
    return Replications.wilson95(rollbacks(), runs());
  }

  public Replications.Stats metric(String name) {
    return aggregate.metric(name);
  }
}
