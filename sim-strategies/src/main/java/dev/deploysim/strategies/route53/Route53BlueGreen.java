package dev.deploysim.strategies.route53;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.model.Environment;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyDescription;
import java.util.List;

/**
 * Blue/green by a DNS swap: the scenario's environment (blue) and a second stack with the new
 * version (green: its own load balancer, target group and Auto Scaling group). Once green's instances
 * are InService and healthy, a pipeline moves the application's alias record from blue's load
 * balancer to green's at once; clients follow as their cached answers expire (dns.ttl, stale clients
 * after dns.staleClientMaxAge). Blue is kept for {@code terminateOldAfter}, then deleted. Like
 * route53.weighted it is not a managed AWS deployment: the pipeline is an assumption
 * (docs/platforms/route53.md#blue-green-by-a-dns-swap).
 *
 * <p>Health ({@link RecordHealth}, neither by default): with a health check or evaluate target health
 * on the records, the swap makes a failover pair, green PRIMARY and blue SECONDARY, while blue is kept;
 * Route 53 answers blue while green's record is unhealthy and blue's is healthy, green when both are
 * unhealthy (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-failover-alias.html).
 * The pipeline then does not watch green's targets; it deletes blue only if green's record is healthy
 * when terminateOldAfter has passed, and fails the deployment otherwise. Without health on the records
 * the pipeline watches green's targets until blue is deleted; an unhealthy one fails the deployment.
 * A failure rolls back (deployment.rollback.onFailure, on by default): the record goes back to blue
 * and green is deleted once no client can hold an answer naming it.
 */
public final class Route53BlueGreen extends DescribedStrategyType {
  static final ParamSpec TERMINATE_OLD_AFTER = ParamSpec.optional("terminateOldAfter",
      new ParamType.DurationType(0, ShiftSteps.MAX_HOLD, true), null, null,
      "how long the old stack (its load balancer and group) is kept after the swap, or never; when not given: "
          + "dns.staleClientMaxAge (at least dns.ttl), when no client can still hold an answer that names it (an "
          + "assumption of the pipeline). Shorter fails the requests of clients that still do");

  public Route53BlueGreen() {
    super(new StrategyDescription("route53.blue-green",
        "two stacks, the application's Route 53 alias record swapped from one to the other by a pipeline",
        "a second stack (own load balancer and group) with the new version; once it is healthy the alias record "
            + "moves to it at once and clients follow as DNS caches expire; the old stack is kept for "
            + "terminateOldAfter (with health on the records, as the SECONDARY of a failover pair); a rollback swaps "
            + "the record back",
        List.of(StackShift.timeoutParam(), TERMINATE_OLD_AFTER, RecordHealth.HEALTH_CHECK,
            RecordHealth.EVALUATE_TARGET_HEALTH),
        RollbackPolicy.configurable(true)));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    RecordHealth.validate(params, problems);
  }

  @Override
  public String whyNotPerFleet() {
    return Route53Weighted.SPANS_FLEETS;
  }

  @Override
  public Strategy create(StrategyParams params) {
    double timeout = params.duration("timeout");
    RecordHealth health = RecordHealth.of(params);
    return d -> new Swap(d, timeout, Route53Weighted.terminateOldAfter(params, d.scenario().dns()), health).start();
  }

  /** One run: a {@link DnsStackShift} of one step, 100%, that moves the record instead of weights. */
  private static final class Swap extends DnsStackShift {
    Swap(Deployment d, double timeout, double terminateOldAfter, RecordHealth health) {
      super(d, List.of(new ShiftSteps.Step(100, 0)), timeout, terminateOldAfter, health);
    }

    @Override
    protected String recordsNote() {
      String note = "the application's name is an alias record of " + blue.loadBalancer().name() + "; it moves to "
          + green.loadBalancer().name() + " at once when " + green.loadBalancer().name() + "'s targets are healthy";
      if (health.any()) {
        note += ", as the PRIMARY of a failover pair with " + blue.loadBalancer().name() + " as SECONDARY while the "
            + "old stack is kept" + healthNote();
      }
      return note;
    }

    @Override
    protected String stepPhase(ShiftSteps.Step step) {
      return "swap the alias record to " + d.toVersion();
    }

    @Override
    protected String stepDone(ShiftSteps.Step step) {
      return health.any()
          ? "the name's PRIMARY alias record now names " + green.loadBalancer().name() + " (the new stack), "
              + blue.loadBalancer().name() + " is its SECONDARY"
          : "the alias record now names " + green.loadBalancer().name() + " (the new stack) instead of "
              + blue.loadBalancer().name();
    }

    @Override
    protected String healthRouting() {
      return "Route 53 answers the PRIMARY while its record is healthy, the SECONDARY while only that one is";
    }

    @Override
    protected String stepsPlan() {
      return "the alias record is swapped to the new stack's load balancer at once";
    }

    @Override
    protected void route(int percent) {
      Environment to = percent == 100 ? green : blue;
      if (!health.any()) {
        world.dns().pointTo(to.loadBalancer());
      } else if (to == green) {
        records().failover(green.loadBalancer(), blue.loadBalancer());
      } else {
        records().failover(blue.loadBalancer(), null);
      }
    }

    @Override
    protected void recordsOnly(Environment stack) {
      records.failover(stack.loadBalancer(), null);
    }
  }
}
