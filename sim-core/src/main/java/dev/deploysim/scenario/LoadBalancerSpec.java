package dev.deploysim.scenario;

import dev.deploysim.engine.Distribution;

/**
 * The load balancer in front of the fleet.
 *
 * @param type alb or clb; sets the defaults as AWS does
 * @param healthCheck target health checks
 * @param deregistrationDelay seconds a deregistered target drains (ALB/CLB default 300; the
 *     elastic-beanstalk preset 20)
 * @param slowStart seconds of linear ramp for a newly healthy target (0 disables; AWS range 30-900)
 * @param idleTimeout seconds a request may wait for a target's answer before the load balancer
 *     answers 504 (ALB idle_timeout.timeout_seconds, default 60)
 */
public record LoadBalancerSpec(
    Type type, HealthCheckSpec healthCheck, double deregistrationDelay, double slowStart, double idleTimeout) {

  /** AWS's default idle timeout (ALB idle_timeout.timeout_seconds; CLB idle timeout). */
  public static final double DEFAULT_IDLE_TIMEOUT = 60;

  public LoadBalancerSpec(Type type, HealthCheckSpec healthCheck, double deregistrationDelay, double slowStart) {
    this(type, healthCheck, deregistrationDelay, slowStart, DEFAULT_IDLE_TIMEOUT);
  }

  public enum Type {
    ALB,
    CLB
  }

  /**
   * Health check settings.
   *
   * @param interval seconds between checks of one target
   * @param timeout seconds before a check without answer fails
   * @param healthyThreshold consecutive passes for an unhealthy target to become healthy
   * @param unhealthyThreshold consecutive failures for a target to become unhealthy
   * @param initialHealthyThreshold passes for a newly registered target (ALB: 1; CLB:
   *     healthyThreshold)
   * @param firstCheckDelay time from registration to the first check; null means uniformly random
   *     within one interval
   */
  public record HealthCheckSpec(
      double interval,
      double timeout,
      int healthyThreshold,
      int unhealthyThreshold,
      int initialHealthyThreshold,
      Distribution firstCheckDelay) {

    /** These settings with another time to the first check of a newly registered target. */
    public HealthCheckSpec withFirstCheckDelay(Distribution delay) {
      return new HealthCheckSpec(interval, timeout, healthyThreshold, unhealthyThreshold, initialHealthyThreshold,
          delay);
    }
  }
}
