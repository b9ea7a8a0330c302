package dev.deploysim.strategies.route53;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Endpoint;
import dev.deploysim.model.Environment;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.scenario.DnsSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.StrategyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * the green stack is deleted once no client can hold an answer that names it. Route 53 health
 * checks on the records (failover away from an unhealthy stack) are not modelled.
 */
public final class Route53Weighted implements StrategyType {
  /** The rollback ends when the new stack's share of requests falls below this (1%). */
  public static final double ROLLBACK_END_SHARE = 0.01;

  static final ParamSpec STEPS = ShiftSteps.param("A step of p% gives the new stack's weighted record weight p and "
      + "the old one 100 - p (Route 53 weights 0-255); clients follow as their cached answers expire");

  static final ParamSpec TERMINATE_OLD_AFTER = ParamSpec.optional("terminateOldAfter",
      new ParamType.DurationType(0, ShiftSteps.MAX_HOLD, true), null, null,
      "wait after the last step before the old stack (its load balancer and group) is deleted, or never; when not "
          + "given: dns.staleClientMaxAge (at least dns.ttl), when no client can still hold an answer that names it. "
          + "Shorter fails the requests of clients that still do");

  static final StrategyDescription DESCRIPTION = new StrategyDescription("route53.weighted",
      "two stacks behind Route 53 weighted records, shifted by a pipeline",
      "a second stack (own load balancer and group) with the new version; Route 53 weights move in steps and clients "
          + "follow as DNS caches expire, stale ones much later; the old stack is deleted after terminateOldAfter; a "
          + "rollback sets the weights back and lasts as long as the caches do",
      List.of(STEPS, StackShift.timeoutParam(), TERMINATE_OLD_AFTER),
      RollbackPolicy.configurable(true));

  @Override
  public StrategyDescription description() {
    return DESCRIPTION;
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    ShiftSteps.validate(params, problems);
  }

  /** The wait before the old stack goes: the parameter, else until no client can hold its answer. */
  static double terminateOldAfter(StrategyParams params, DnsSpec dns) {
    return params.optional("terminateOldAfter", Double.class)
        .orElseGet(() -> Math.max(dns.staleClientMaxAge(), dns.ttl()));
  }

  @Override
  public Strategy create(StrategyParams params) {
    List<ShiftSteps.Step> steps = ShiftSteps.of(params);
    double timeout = params.duration("timeout");
    return d -> new Run(d, steps, timeout, terminateOldAfter(params, d.scenario().dns())).start();
  }

  private static final class Run extends StackShift {
    private final Environment blue;
    private Environment green;

    Run(Deployment d, List<ShiftSteps.Step> steps, double timeout, double terminateOldAfter) {
      super(d, steps, timeout, terminateOldAfter);
      this.blue = d.environment();
    }

    @Override
    protected void createNewStack(int n) {
      AutoScalingGroup g = blue.group();
      GroupSettings gs = g.settings().withSizes(g.minSize(), g.maxSize(), n);
      green = world.createEnvironment("green", gs, d.toVersion());
      d.log("second stack green: load balancer " + green.loadBalancer().name() + " and group " + green.group().name()
          + "; the application's name gets weighted records for " + blue.loadBalancer().name() + " and "
          + green.loadBalancer().name());
    }

    @Override
    protected AutoScalingGroup newGroup() {
      return green.group();
    }

    @Override
    protected TargetGroup newTargetGroup() {
      return green.targetGroup();
    }

    @Override
    protected AutoScalingGroup oldGroup() {
      return blue.group();
    }

    @Override
    protected void route(int percent) {
      Map<Endpoint, Integer> w = new LinkedHashMap<>();
      w.put(blue.loadBalancer(), 100 - percent);
      w.put(green.loadBalancer(), percent);
      world.dns().setWeights(w);
    }

    @Override
    protected String routingNote() {
      DnsSpec dns = d.scenario().dns();
      String note = "clients follow as their cached answers expire, most within the TTL "
          + Durations.format(dns.ttl());
      if (dns.staleClientFraction() > 0) {
        note += ", " + percent(dns.staleClientFraction()) + " of them only after up to "
            + Durations.format(Math.max(dns.staleClientMaxAge(), dns.ttl()));
      }
      return note;
    }

    private double greenShare() {
      return world.dns().shares(world.now()).getOrDefault(green.loadBalancer(), 0.0);
    }

    @Override
    protected Task trafficBack(Scope scope) {
      d.log("the rollback ends when the new stack gets less than " + percent(ROLLBACK_END_SHARE)
          + " of the requests");
      return world.until(scope, () -> green == null || greenShare() < ROLLBACK_END_SHARE, null,
          Double.POSITIVE_INFINITY, "clients to leave the new stack");
    }

    @Override
    protected void oldStackNote() {
      DnsSpec dns = d.scenario().dns();
      double stale = Math.max(dns.staleClientMaxAge(), dns.ttl());
      if (dns.staleClientFraction() > 0 && terminateOldAfter < stale) {
        d.log("note: terminateOldAfter " + Durations.format(terminateOldAfter) + " is shorter than "
            + "dns.staleClientMaxAge " + Durations.format(stale) + ": clients with stale answers will fail");
      }
    }

    @Override
    protected Task removeOldStack(Scope scope) {
      d.log("deleting the old stack: load balancer " + blue.loadBalancer().name() + " and group "
          + blue.group().name());
      blue.loadBalancer().delete();
      // once the routing has seen the deletion, no target is in the middle of a request: no draining
      return scope.sleep(0).then(() -> blue.group().delete(scope));
    }

    @Override
    protected void removeNewStack(Scope scope) {
      if (green == null) {
        return;
      }
      // the pipeline deletes the new stack once no client can still hold an answer that names it
      world.until(scope, () -> greenShare() <= 0, null, Double.POSITIVE_INFINITY, "no client to hold the new stack")
          .whenDone(t -> {
            d.log("no client holds an answer with " + green.loadBalancer().name() + " any more: deleting the new "
                + "stack");
            green.loadBalancer().delete();
            scope.sleep(0).then(() -> green.group().delete(scope));
          });
    }

    private static String percent(double share) {
      double p = 100 * share;
      return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }
  }
}
