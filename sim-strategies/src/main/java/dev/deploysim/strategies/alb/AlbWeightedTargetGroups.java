package dev.deploysim.strategies.alb;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.LoadBalancer;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.route53.ShiftSteps;
import dev.deploysim.strategies.route53.StackShift;
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
 * Two Auto Scaling groups behind one Application Load Balancer listener with weighted target groups
 * (a forward action to up to 5 target groups, weights 0-999, each gets its weight over the sum of
 * the requests): the scenario's group in its target group (blue) and a second group with the new
 * version in a new target group on the same load balancer (green). A pipeline moves the weights
 * step by step. Unlike Route 53 weights no DNS cache is involved: the load balancer applies the new
 * weights to the next request, so a shift, and a rollback, take effect at once.
 *
 * <p>Weights: a step of p percent gives the green target group weight p and the blue one 100 - p.
 * Choices: the old group is deleted right after the last step's hold by default (give the last step
 * a hold to keep it for a fast rollback); a rollback sends all requests back to blue at once and
 * deletes the green group. Target group stickiness (which would pin clients to one group for its
 * duration) is not modelled.
 */
public final class AlbWeightedTargetGroups implements StrategyType {

  static final ParamSpec STEPS = ShiftSteps.param("A step of p% gives the new target group weight p and the old one "
      + "100 - p on the listener's forward action (ALB weights 0-999); the load balancer applies them to the next "
      + "request");

  static final ParamSpec TERMINATE_OLD_AFTER = ParamSpec.optional("terminateOldAfter",
      new ParamType.DurationType(0, ShiftSteps.MAX_HOLD, true), 0.0, null,
      "wait after the last step before the old group is deleted, or never (an assumption: 0s; a hold on the last "
          + "step does the same and keeps a rollback possible meanwhile)");

  static final StrategyDescription DESCRIPTION = new StrategyDescription("alb.weighted-target-groups",
      "two Auto Scaling groups behind one ALB listener with weighted target groups, shifted by a pipeline",
      "a second group with the new version in its own target group on the same ALB; the listener's weights move in "
          + "steps and apply to the next request (no DNS caches); the old group is deleted after terminateOldAfter; "
          + "a rollback puts all weight back on the old group at once (ALB only)",
      List.of(STEPS, StackShift.timeoutParam(), TERMINATE_OLD_AFTER),
      RollbackPolicy.configurable(true));

  @Override
  public StrategyDescription description() {
    return DESCRIPTION;
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    ShiftSteps.validate(params, problems);
    if (scenario.loadBalancer() != null && scenario.loadBalancer().type() == LoadBalancerSpec.Type.CLB) {
      problems.add("loadBalancer.type",
          "alb.weighted-target-groups needs an Application Load Balancer: weighted target groups are a feature of "
              + "ALB listeners, a Classic Load Balancer has none",
          "use type: alb, or route53.weighted to split traffic between two load balancers");
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    List<ShiftSteps.Step> steps = ShiftSteps.of(params);
    double timeout = params.duration("timeout");
    double terminateAfter = params.duration("terminateOldAfter");
    return d -> new Run(d, steps, timeout, terminateAfter).start();
  }

  private static final class Run extends StackShift {
    private final LoadBalancer lb;
    private final TargetGroup blueTg;
    private final AutoScalingGroup blue;
    private TargetGroup greenTg;
    private AutoScalingGroup green;

    Run(Deployment d, List<ShiftSteps.Step> steps, double timeout, double terminateOldAfter) {
      super(d, steps, timeout, terminateOldAfter);
      this.lb = d.environment().loadBalancer();
      this.blueTg = d.environment().targetGroup();
      this.blue = d.environment().group();
    }

    @Override
    protected void createNewStack(int n) {
      greenTg = world.createTargetGroup("green-tg");
      GroupSettings gs = blue.settings().withSizes(blue.minSize(), blue.maxSize(), n);
      green = world.createGroup("green-asg", gs, d.toVersion(), List.of(greenTg));
      d.log("target group " + greenTg.name() + " and group " + green.name() + " for the new version; the listener of "
          + lb.name() + " will forward to " + blueTg.name() + " and " + greenTg.name() + " by weight");
    }

    @Override
    protected AutoScalingGroup newGroup() {
      return green;
    }

    @Override
    protected TargetGroup newTargetGroup() {
      return greenTg;
    }

    @Override
    protected AutoScalingGroup oldGroup() {
      return blue;
    }

    @Override
    protected void route(int percent) {
      Map<TargetGroup, Integer> w = new LinkedHashMap<>();
      w.put(blueTg, 100 - percent);
      w.put(greenTg, percent);
      lb.setWeights(w);
    }

    @Override
    protected String routingNote() {
      return "the listener applies the weights to the next request";
    }

    @Override
    protected Task trafficBack(Scope scope) {
      return scope.done();
    }

    @Override
    protected Task removeOldStack(Scope scope) {
      lb.forward(greenTg);
      d.log("deleting the old group " + blue.name());
      // once the routing has seen the change, no old target is in the middle of a request
      return scope.sleep(0).then(() -> blue.delete(scope));
    }

    @Override
    protected void removeNewStack(Scope scope) {
      if (green == null) {
        return;
      }
      if (lb.weights().containsKey(greenTg)) {
        lb.forward(blueTg);
      }
      d.log("deleting the new group " + green.name());
      green.delete(scope);
    }
  }
}
