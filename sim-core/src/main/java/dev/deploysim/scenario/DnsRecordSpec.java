package dev.deploysim.scenario;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import java.util.List;

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
  public record HealthCheckSpec(double interval, int failureThreshold) {
    /** How a health check is written, in dns.records and in strategies' parameters. */
    public static final ParamType.ObjectType FORMAT = new ParamType.ObjectType(List.of(
        ParamSpec.optional("interval", new ParamType.DurationType(10, 30, false), 30.0, "RequestInterval",
            "time between two checks of one Route 53 health checker: 30s (standard) or 10s (fast); checkers "
                + "in several regions check independently"),
        ParamSpec.optional("failureThreshold", new ParamType.IntegerType(1, 10), 3, "FailureThreshold",
            "consecutive failed (or passed) checks that change one checker's view of the endpoint, 1..10 "
                + "(AWS default 3); the endpoint is healthy while more than 18% of the checkers see it healthy")));

    /** Route 53 offers these two request intervals only (standard and fast). */
    public static boolean validInterval(double seconds) {
      return seconds == 10 || seconds == 30;
    }

    /** The health check a bound {@link #FORMAT} value gives. */
    public static HealthCheckSpec of(StrategyParams p) {
      return new HealthCheckSpec(p.duration("interval"), p.integer("failureThreshold"));
    }
  }
}
