package dev.deploysim.strategies.eb;

import dev.deploysim.format.Keywords;
/**
 * Elastic Beanstalk enhanced-health statuses of one instance, from best to worst, plus Pending for
 * an instance on which an operation (boot, install, start, registration) is still under way.
 */
public enum HealthStatus {
  OK,
  WARNING,
  DEGRADED,
  SEVERE,
  /** An operation is in progress: neither healthy nor a failed check. */
  PENDING;

  /**
   * Failure shares at which an instance that receives requests drops to Warning, Degraded and
   * Severe. Elastic Beanstalk publishes no numbers (only "moderate", "high" and "very high"
   * numbers of request failures); these are our assumption.
   */
  public static final double WARNING_FAILURE_SHARE = 0.01;
  public static final double DEGRADED_FAILURE_SHARE = 0.10;
  public static final double SEVERE_FAILURE_SHARE = 0.25;

  public String awsName() {
    return Keywords.pascalCase(this);
  }

  /** The status for an instance whose requests fail at {@code share} (0..1). */
  public static HealthStatus forFailureShare(double share) {
    if (share >= SEVERE_FAILURE_SHARE) {
      return SEVERE;
    }
    if (share >= DEGRADED_FAILURE_SHARE) {
      return DEGRADED;
    }
    if (share >= WARNING_FAILURE_SHARE) {
      return WARNING;
    }
    return OK;
  }

  /** True when an instance with this status counts as healthy under {@code threshold}. */
  public boolean countsAsHealthy(HealthStatus threshold) {
    return this != PENDING && ordinal() <= threshold.ordinal();
  }

  /** True for a report that is worse than {@code threshold} (a failed check, not an operation in progress). */
  public boolean isFailure(HealthStatus threshold) {
    return this != PENDING && ordinal() > threshold.ordinal();
  }
}
