package dev.deploysim.strategies.route53;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.scenario.DnsSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * Two stacks behind Route 53 weighted records: the scenario's environment (blue: its group and load
 * balancer) and a second one with the new version (green: its own load balancer, target group and
 * group). A pipeline moves the weights step by step; clients follow as their cached DNS answers
 * expire, so every shift, and every rollback, is gradual: ordinary clients move within one TTL, the
 * share of clients that keep answers longer (dns.staleClientFraction) only after
 * dns.staleClientMaxAge, and they keep reaching the old stack that long after its weight went to 0.
 *
 * <p>Weights: a step of p percent gives the green record weight p and the blue record 100 - p (Route
 * 53 weights are 0-255; the share of a record is its weight over the sum, so these give exactly p%
 * of new answers; the pair never sums to 0, where Route 53 would answer with equal shares).
 *
 * <p>Choices: the old stack is deleted dns.staleClientMaxAge after the last step by default (when
 * no client can still hold an answer that names it); a rollback sets the weights back to 100/0 and
 * ends when the green stack gets less than 1% of the requests (clients are still leaving it), and
 * the green stack is deleted once no client can hold an answer that names it.
 *
 * <p>Health on the records ({@link RecordHealth}: {@code healthCheck}, {@code evaluateTargetHealth};
 * neither by default): Route 53 answers with the healthy records only, all of them when none is
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html),
 * a health change reaching the name servers after dns.propagation; so a green stack that fails leaves
 * the rotation without the pipeline, which then does not watch green's targets: it only refuses to
 * delete the old stack while green's record is unhealthy (a failure, rolled back as any other).
 */
public final class Route53Weighted extends DescribedStrategyType {
  /** The rollback ends when the new stack's share of requests falls below this (1%). */
  public static final double ROLLBACK_END_SHARE = 0.01;

  static final ParamSpec STEPS = ShiftSteps.param("A step of p% gives the new stack's weighted record weight p and "
      + "the old one 100 - p (Route 53 weights 0-255); clients follow as their cached answers expire");

  public static final ParamSpec TERMINATE_OLD_AFTER = ParamSpec.optional("terminateOldAfter",
      new ParamType.DurationType(0, ShiftSteps.MAX_HOLD, true), null, null,
      "wait after the last step before the old stack (its load balancer and group) is deleted, or never; when not "
          + "given: dns.staleClientMaxAge (at least dns.ttl), when no client can still hold an answer that names it. "
          + "Shorter fails the requests of clients that still do");

  public Route53Weighted() {
    super(new StrategyDescription("route53.weighted",
        "two stacks behind Route 53 weighted records, shifted by a pipeline",
        "a second stack (own load balancer and group) with the new version; Route 53 weights move in steps and clients "
            + "follow as DNS caches expire, stale ones much later; the old stack is deleted after terminateOldAfter; a "
            + "rollback sets the weights back and lasts as long as the caches do",
        List.of(STEPS, StackShift.timeoutParam(), TERMINATE_OLD_AFTER, RecordHealth.HEALTH_CHECK,
            RecordHealth.EVALUATE_TARGET_HEALTH),
        RollbackPolicy.configurable(true)));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    ShiftSteps.validate(params, problems);
    RecordHealth.validate(params, problems);
  }

  /** The wait before the old stack goes: the parameter, else until no client can hold its answer. */
  public static double terminateOldAfter(StrategyParams params, DnsSpec dns) {
    return params.optional("terminateOldAfter", Double.class)
        .orElseGet(() -> dns.lastOldAnswerAge());
  }

  /**
   * Why a DNS stack shift cannot run once per fleet (docs/resilience.md#deploying-several-fleets): it
   * steers the application's one name, which answers for every region.
   */
  public static final String SPANS_FLEETS = "it moves the application's DNS name from the old stack to a new one, and "
      + "that one name answers for every fleet and region, so it cannot run once per fleet";

  @Override
  public String whyNotPerFleet() {
    return SPANS_FLEETS;
  }

  @Override
  public Strategy create(StrategyParams params) {
    List<ShiftSteps.Step> steps = ShiftSteps.of(params);
    double timeout = params.duration("timeout");
    RecordHealth health = RecordHealth.of(params);
    return d -> new DnsStackShift(d, steps, timeout, terminateOldAfter(params, d.scenario().dns()), health).start();
  }
}
