package dev.deploysim.scenario;

/**
 * One Route 53 record of the application's name (dns.records; docs/platforms/route53.md).
 *
 * @param type failover or weighted
 * @param role PRIMARY or SECONDARY for failover records; null for weighted ones
 * @param weight 0-255 for weighted records; null for failover ones
 * @param target the load balancer (a key of loadBalancers) the record is an alias of
 * @param healthCheck the Route 53 health check of the record; null when none
 * @param evaluateTargetHealth alias records only: the record is healthy only while its load balancer
 *     is (every target group with targets has a healthy one)
 */
public record DnsRecordSpec(
    Type type, Role role, Integer weight, String target, HealthCheckSpec healthCheck, boolean evaluateTargetHealth) {

  public enum Type {
    FAILOVER,
    WEIGHTED
  }

  public enum Role {
    PRIMARY,
    SECONDARY
  }

  /**
   * A Route 53 health check of an endpoint
   * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html).
   *
   * @param interval seconds between two checks of one checker: 30 (standard) or 10 (fast)
   * @param failureThreshold consecutive results that flip one checker's view, 1-10 (default 3)
   */
  public record HealthCheckSpec(double interval, int failureThreshold) {}
}
