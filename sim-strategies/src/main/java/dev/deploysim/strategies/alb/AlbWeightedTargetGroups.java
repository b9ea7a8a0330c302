package dev.deploysim.strategies.alb;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.DescribedStrategyType;
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
import dev.deploysim.engine.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Auto Scaling groups behind one Application Load Balancer listener with weighted target groups
 * (a forward action to up to 5 target groups, weights 0-999, each gets its weight over the sum of
 * the requests): the scenario's group in its target group (old, blue), a second group with the new
 * version in a new target group on the same load balancer (new, green), and up to three more groups
 * with versions of their own ({@code extraTargetGroups}, for an A/B/n test). A pipeline moves the
 * weights step by step. Unlike Route 53 weights no DNS cache is involved: the load balancer applies
 * the new weights to the next request, so a shift, and a rollback, take effect at once, except for
 * clients bound by target-group stickiness ({@code stickiness}), who stay with their group until
 * their binding expires (see {@link LoadBalancer}).
 *
 * <p>Weights: a step of p percent gives the green target group weight p and the blue one 100 - p;
 * a step with {@code weights} gives each target group its weight by name. Choices: the old group
 * (and the extra ones) are deleted right after the last step's hold by default (give the last step
 * a hold to keep it for a fast rollback); a rollback puts all weight back on blue and deletes the
 * green and extra groups once no sticky client can be bound to them. See
 * docs/platforms/load-balancing.md#weighted-target-groups.
 */
public final class AlbWeightedTargetGroups extends DescribedStrategyType {

  static final ParamSpec STEPS = ShiftSteps.weightedParam(LoadBalancer.MAX_WEIGHT, "A step of p% gives the new "
      + "target group weight p and the old one 100 - p on the listener's forward action; {weights: {old: 999, new: 1}} "
      + "sends 1/1000 to the new one; the load balancer applies weights to the next request (clients bound by "
      + "stickiness excepted)");

  /** Most extra target groups: the forward action takes 5 in all. */
  static final int MAX_EXTRA = LoadBalancer.MAX_TARGET_GROUPS - 2;
  /** Longest target-group stickiness accepted: 7 days (an assumption; AWS's bound is not in our sources). */
  static final double MAX_STICKINESS = 7 * 24 * 3600.0;

  static final ParamSpec EXTRA_TARGET_GROUPS = ParamSpec.optional("extraTargetGroups",
      new ParamType.ListType(new ParamType.ObjectType(List.of(
          ParamSpec.required("name", new ParamType.StringType(), null,
              "the target group's name in steps' weights (letters, digits and hyphens, at most 32, as AWS names "
                  + "target groups; not old or new)"),
          ParamSpec.required("version", new ParamType.StringType(), null, "the version its group runs (of versions)"),
          ParamSpec.optional("instances", new ParamType.IntegerType(1, 1000), null, null,
              "instances of its group (default: the fleet's desired capacity)"))), 1, MAX_EXTRA),
      null, "ForwardConfig.TargetGroups",
      "further target groups on the listener, each with its own Auto Scaling group and version (an A/B/n test): "
          + "they get weight only through steps' weights, must be healthy like the new stack, and are deleted with "
          + "the old group at the end (or with the new one on a rollback); at most 3 (5 target groups in all)");

  static final ParamSpec STICKINESS = ParamSpec.optional("stickiness", new ParamType.ObjectType(List.of(
          ParamSpec.required("duration", new ParamType.DurationType(1, MAX_STICKINESS, false),
              "TargetGroupStickinessConfig.DurationSeconds",
              "how long a client stays bound to the target group its requests went to: 1s to 7 days (an "
                  + "assumption: our sources do not give AWS's bounds)"),
          ParamSpec.optional("clientFraction", new ParamType.NumberType(0, 1), 1.0, null,
              "share of the clients that keep their session cookie (AWSALBTG) and so are bound (an assumption: 1, "
                  + "every client, as browsers do; API clients without cookies follow the weights)"))),
      null, "TargetGroupStickinessConfig",
      "target-group stickiness of the forward action (AWS default: off). A bound client keeps its target group "
          + "until the binding expires, whatever the weights, even a group without healthy targets (its requests "
          + "then fail): a shift reaches bound clients only as their bindings expire (bindings are spread evenly "
          + "over the duration, so linearly within one duration), and so does a rollback, which therefore ends one "
          + "duration after it started and only then deletes the new group. Deleting the old group sooner than one "
          + "duration after the last step (terminateOldAfter) fails the requests of clients still bound to it");

  static final ParamSpec TERMINATE_OLD_AFTER = ParamSpec.optional("terminateOldAfter",
      new ParamType.DurationType(0, ShiftSteps.MAX_HOLD, true), 0.0, null,
      "wait after the last step before the old group is deleted, or never (an assumption: 0s; a hold on the last "
          + "step does the same and keeps a rollback possible meanwhile)");

  public AlbWeightedTargetGroups() {
    super(new StrategyDescription("alb.weighted-target-groups",
        "two Auto Scaling groups behind one ALB listener with weighted target groups, shifted by a pipeline",
        "a second group with the new version in its own target group on the same ALB (and up to 3 more for an A/B/n "
            + "test); the listener's weights (0-999, share = weight / sum) move in steps and apply to the next request "
            + "(no DNS caches; clients bound by target-group stickiness follow as their bindings expire); the old group "
            + "is deleted after terminateOldAfter; a rollback puts all weight back on the old group (ALB only)",
        List.of(STEPS, StackShift.timeoutParam(), TERMINATE_OLD_AFTER, EXTRA_TARGET_GROUPS, STICKINESS),
        RollbackPolicy.configurable(true)));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    ShiftSteps.validate(params, problems);
    ListenerWeights.validate(params, scenario, problems);
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
    List<ListenerWeights.Extra> extras = ListenerWeights.extras(params);
    StrategyParams sticky = params.has("stickiness") ? params.object("stickiness") : null;
    double stickiness = sticky == null ? 0 : sticky.duration("duration");
    double clientFraction = sticky == null ? 0 : sticky.number("clientFraction");
    return d -> new Run(d, steps, timeout, terminateAfter, extras, stickiness, clientFraction).start();
  }

  private static final class Run extends StackShift {
    private final LoadBalancer lb;
    private final TargetGroup blueTg;
    private final AutoScalingGroup blue;
    private final List<ListenerWeights.Extra> extras;
    private final double stickiness;
    private final double clientFraction;
    private TargetGroup greenTg;
    private AutoScalingGroup green;
    private final Map<String, TargetGroup> extraTgs = new LinkedHashMap<>();
    private final Map<String, AutoScalingGroup> extraGroups = new LinkedHashMap<>();

    Run(Deployment d, List<ShiftSteps.Step> steps, double timeout, double terminateOldAfter,
        List<ListenerWeights.Extra> extras, double stickiness, double clientFraction) {
      super(d, steps, timeout, terminateOldAfter);
      this.lb = d.environment().loadBalancer();
      this.blueTg = d.environment().targetGroup();
      this.blue = d.environment().group();
      this.extras = List.copyOf(extras);
      this.stickiness = stickiness;
      this.clientFraction = clientFraction;
    }

    @Override
    protected void createNewStack(int n) {
      greenTg = world.createTargetGroup("green-tg");
      GroupSettings gs = blue.settings().withSizes(blue.minSize(), blue.maxSize(), n);
      green = world.createGroup("green-asg", gs, d.toVersion(), List.of(greenTg));
      d.log("target group " + greenTg.name() + " and group " + green.name() + " for the new version; the listener of "
          + lb.name() + " will forward to " + blueTg.name() + " and " + greenTg.name() + " by weight");
      for (ListenerWeights.Extra x : extras) {
        int size = x.instances() == null ? n : x.instances();
        TargetGroup tg = world.createTargetGroup(x.name() + "-tg");
        AutoScalingGroup g = world.createGroup(x.name() + "-asg",
            blue.settings().withSizes(Math.min(blue.minSize(), size), Math.max(blue.maxSize(), size), size),
            x.version(), List.of(tg));
        extraTgs.put(x.name(), tg);
        extraGroups.put(x.name(), g);
        d.log("target group " + tg.name() + " and group " + g.name() + " (" + size + " instances of " + x.version()
            + ") get weight as the steps say");
      }
      if (stickiness > 0) {
        lb.setStickiness(stickiness, clientFraction);
      }
    }

    @Override
    protected Task awaitFurtherStacks(Scope scope, double timeout) {
      List<Task> all = new ArrayList<>();
      for (var e : extraGroups.entrySet()) {
        AutoScalingGroup g = e.getValue();
        TargetGroup tg = extraTgs.get(e.getKey());
        double deadline = d.now() + timeout;
        all.add(g.awaitInService(scope, g.desired(), timeout)
            .then(() -> tg.awaitHealthy(scope, g.inService(), Math.max(0, deadline - d.now()))));
      }
      return Task.all(scope, all);
    }

    @Override
    protected List<TargetGroup> watchedTargetGroups() {
      List<TargetGroup> out = new ArrayList<>();
      out.add(greenTg);
      out.addAll(extraTgs.values());
      return out;
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
    protected void route(ShiftSteps.Step step) {
      if (step.weights() == null) {
        route(step.percent());
        return;
      }
      Map<TargetGroup, Integer> w = new LinkedHashMap<>();
      step.weights().forEach((name, weight) -> w.put(targetGroup(name), weight));
      lb.setWeights(w);
    }

    private TargetGroup targetGroup(String name) {
      return switch (name) {
        case ShiftSteps.OLD -> blueTg;
        case ShiftSteps.NEW -> greenTg;
        default -> extraTgs.get(name);
      };
    }

    @Override
    protected String routingNote() {
      return stickiness > 0
          ? "the listener applies the weights to the next request; clients bound by stickiness follow as their "
              + "bindings expire (within " + Durations.format(stickiness) + ")"
          : "the listener applies the weights to the next request";
    }

    @Override
    protected Task trafficBack(Scope scope) {
      if (stickiness <= 0 || clientFraction <= 0) {
        return scope.done();
      }
      d.log("clients bound to the new stack by stickiness come back as their bindings expire: the new stack stays "
          + "until " + Durations.format(stickiness) + " from now");
      return scope.sleep(stickiness);
    }

    @Override
    protected Task removeOldStack(Scope scope) {
      lb.forward(greenTg);
      d.log("deleting the old group " + blue.name());
      // once the routing has seen the change, no old target is in the middle of a request
      Task oldGone = scope.sleep(0).then(() -> blue.delete(scope));
      if (extraGroups.isEmpty()) {
        return oldGone;
      }
      List<Task> all = new ArrayList<>();
      all.add(oldGone);
      for (AutoScalingGroup g : extraGroups.values()) {
        d.log("deleting " + g.name());
        all.add(g.delete(scope));
      }
      return Task.all(scope, all);
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
      for (AutoScalingGroup g : extraGroups.values()) {
        d.log("deleting " + g.name());
        g.delete(scope);
      }
    }
  }
}
