package dev.deploysim.strategies.route53;

import dev.deploysim.engine.Durations;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.DnsRecordSpec.HealthCheckSpec;

/**
 * Route 53 health on a strategy's own records (route53.weighted, route53.blue-green): a health check
 * on each record ({@code healthCheck}) and evaluate target health on each alias ({@code
 * evaluateTargetHealth}). Rules (docs/platforms/route53.md#failover-weighted-records-with-health-checks-evaluate-target-health),
 * from https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
 * and https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-failover-alias.html:
 * an unhealthy weighted record leaves the rotation (all unhealthy: all answer); an unhealthy PRIMARY
 * gives way to a healthy SECONDARY. Neither is on by default, so the records behave as before.
 *
 * @param check the health check on each record; null for none
 * @param evaluateTargetHealth whether each alias record follows its load balancer's targets
 */
public record RecordHealth(HealthCheckSpec check, boolean evaluateTargetHealth) {
  public static final ParamSpec HEALTH_CHECK = ParamSpec.optional("healthCheck", HealthCheckSpec.FORMAT, null,
      "HealthCheckId",
      "a Route 53 health check on each of the deployment's records, {interval: 30s|10s, failureThreshold: 1-10} "
          + "(AWS defaults 30s and 3; 15 checkers, derived from AWS's \"about every 2 seconds\", the number is not "
          + "published); a record whose check fails leaves the answer. The pipeline then does not watch the new "
          + "stack's targets and deletes the old stack only if the new record is healthy (an assumption: no AWS "
          + "service runs this pipeline). Default: none, the records are always healthy");

  public static final ParamSpec EVALUATE_TARGET_HEALTH = ParamSpec.optional("evaluateTargetHealth",
      new ParamType.BooleanType(), false, "EvaluateTargetHealth",
      "each alias record is healthy only while its load balancer is (every target group with targets has a healthy "
          + "one; none registered: unhealthy); as healthCheck, an unhealthy record leaves the answer; default false");

  /** The two parameters' values. */
  public static RecordHealth of(StrategyParams params) {
    StrategyParams h = params.object("healthCheck");
    return new RecordHealth(h == null ? null : HealthCheckSpec.of(h),
        Boolean.TRUE.equals(params.bool("evaluateTargetHealth")));
  }

  /** Route 53 checks every 30 s or 10 s, nothing in between. */
  public static void validate(StrategyParams params, Problems problems) {
    StrategyParams h = params.object("healthCheck");
    if (h != null && h.duration("interval") != null && !HealthCheckSpec.validInterval(h.duration("interval"))) {
      problems.add("deployment.strategy.healthCheck.interval", "Route 53 checks every 30s (standard) or 10s (fast), "
          + "got " + Durations.format(h.duration("interval")), "interval: 30s or interval: 10s");
    }
  }

  /** Whether the records have any health at all (else they are always healthy, as without these keys). */
  public boolean any() {
    return check != null || evaluateTargetHealth;
  }
}
