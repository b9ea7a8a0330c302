package dev.deploysim.strategies.codedeploy;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.List;
import java.util.Map;

/**
 * CodeDeploy traffic shifting for AWS Lambda (alias weights between two function versions) and
 * Amazon ECS (a replacement task set behind the same load balancer, weighted target groups on the
 * production listener): canary, linear or all at once, by a predefined configuration or a custom
 * {@code canary} / {@code linear} one.
 *
 * <p>Lambda: BeforeAllowTraffic, the shifts, AfterAllowTraffic. ECS: BeforeInstall, Install (the
 * replacement task set starts and its tasks become healthy in a second target group), AfterInstall,
 * AfterAllowTestTraffic, BeforeAllowTraffic, the shifts, AfterAllowTraffic, then after a wait the
 * original task set is removed. A validation hook that has not reported after one hour fails the
 * deployment. A rollback moves all traffic back to the original version at once (ECS: and removes
 * the replacement task set).
 *
 * <p>Choices: ECS tasks are modelled as instances of a second group that start in {@code
 * taskStartTime} (30 s by default, an assumption); the original task set is removed one hour after
 * the shift by default (the console's default; the AWS CDK uses 0); without a config the platform's
 * AllAtOnce applies; rollback on failure defaults to on (the AWS CDK default).
 */
public final class CodeDeployTrafficShift extends DescribedStrategyType {
  /** Lambda: at most 2880 minutes between the first and the last shift. */
  static final double LAMBDA_MAX_SPAN = 2880 * 60.0;
  static final double MAX_INTERVAL = 2880 * 60.0;

  public CodeDeployTrafficShift() {
    super(new StrategyDescription("codedeploy.traffic-shift",
        "CodeDeploy Lambda / ECS traffic shifting (canary, linear, all at once)",
        "shift traffic from the old Lambda version or ECS task set to the new one in timed increments",
        List.of(
            ParamSpec.required("platform", new ParamType.EnumType(List.of("lambda", "ecs")), "computePlatform",
                "lambda: a function alias; ecs: a service's task sets behind the load balancer"),
            config(DeploymentConfigs.trafficShifting()),
            ParamSpec.optional("canary", shape("canary"), null, "trafficRoutingConfig.timeBasedCanary",
                "custom canary: {percent, interval} (instead of config)"),
            ParamSpec.optional("linear", shape("linear"), null, "trafficRoutingConfig.timeBasedLinear",
                "custom linear: {percent, interval} (instead of config)"),
            hooks(LifecycleEvent.ECS_HOOKS),
            ParamSpec.optional("taskStartTime", new ParamType.DistributionType(), Distribution.constant(30), null,
                "ecs: time for a task of the replacement task set to start (an assumption, not documented)"),
            ParamSpec.optional("terminateOriginalAfter",
                new ParamType.DurationType(0, CodeDeployBlueGreen.MAX_TERMINATION_WAIT_SECONDS, false), 3600.0,
                "terminateBlueInstancesOnDeploymentSuccess.terminationWaitTimeInMinutes",
                "ecs: wait after the shift before the original task set is removed (at most 2880 min; 1 h is the "
                    + "console's default)"),
            CodeDeployParams.alarmPollInterval()),
        RollbackPolicy.configurable(true))
        .atMostOneOf("config", "canary", "linear")
        .when("platform", "lambda", config(DeploymentConfigs.LAMBDA), hooks(LifecycleEvent.LAMBDA_HOOKS))
        .when("platform", "ecs", config(DeploymentConfigs.ECS), hooks(LifecycleEvent.ECS_HOOKS)));
  }

  /** The config key, taking {@code names}: both platforms' in the type, one platform's in its case. */
  private static ParamSpec config(List<String> names) {
    return ParamSpec.optional("config", new ParamType.EnumType(names), null, "deploymentConfigName",
        "predefined configuration of the platform; default CodeDeployDefault.LambdaAllAtOnce / ECSAllAtOnce");
  }

  /** The hooks key, taking {@code events}: ECS's (a superset of Lambda's) in the type, one platform's in its case. */
  private static ParamSpec hooks(List<LifecycleEvent> events) {
    return Hooks.param(events,
        "validation functions per lifecycle event: how long each runs or {duration, fails, timeout} (fails: "
            + "true, false or a probability; duration: never for one that never reports); Lambda has "
            + "BeforeAllowTraffic and AfterAllowTraffic; one that has not reported after 1 h fails the "
            + "deployment");
  }

  private static ParamType.ObjectType shape(String kind) {
    return new ParamType.ObjectType(List.of(
        ParamSpec.required("percent", new ParamType.IntegerType(1, 99), kind + "Percentage",
            "percent of traffic shifted " + (kind.equals("canary") ? "first" : "in each increment")),
        ParamSpec.required("interval", new ParamType.DurationType(60, MAX_INTERVAL, false), kind + "Interval",
            (kind.equals("canary") ? "wait before the rest is shifted" : "wait between increments")
                + "; whole minutes, as AWS counts it")));
  }

  @Override
  public boolean needsFleet(StrategyParams params) {
    return !"lambda".equals(params.string("platform"));
  }

  /** The routing the parameters describe. */
  static TrafficRouting routing(StrategyParams p) {
    for (String kind : List.of("canary", "linear")) {
      if (p.has(kind)) {
        StrategyParams o = p.object(kind);
        int percent = o.integer("percent");
        double interval = o.duration("interval");
        return kind.equals("canary") ? TrafficRouting.canary(percent, interval) : TrafficRouting.linear(percent, interval);
      }
    }
    if (p.has("config")) {
      return DeploymentConfigs.routing(p.string("config"));
    }
    return TrafficRouting.allAtOnce();
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    String path = CodeDeployParams.PATH;
    String platform = params.string("platform");
    boolean lambda = "lambda".equals(platform);
    List<String> valid = lambda ? DeploymentConfigs.LAMBDA : DeploymentConfigs.ECS;
    if (params.has("config") && !valid.contains(params.string("config"))) {
      String name = params.string("config");
      String swapped = lambda ? name.replace("ECS", "Lambda") : name.replace("Lambda", "ECS");
      String hint = Suggest.closest(swapped, valid);
      problems.add(path + "config", "'" + name + "' is not a deployment configuration for platform " + platform,
          hint != null ? "did you mean '" + hint + "'?" : "one of " + String.join(", ", valid));
    }
    // at most one of config, canary and linear: a rule of the description, checked by the loader
    int given = (params.has("config") ? 1 : 0) + (params.has("canary") ? 1 : 0) + (params.has("linear") ? 1 : 0);
    for (String kind : List.of("canary", "linear")) {
      if (params.has(kind)) {
        Double interval = params.object(kind).duration("interval");
        if (interval != null && Math.abs(interval / 60 - Math.rint(interval / 60)) > 1e-9) {
          problems.add(path + kind + ".interval", "AWS counts the interval in whole minutes, got "
              + Durations.format(interval), "e.g. " + Durations.format(Math.max(60, Math.rint(interval / 60) * 60)));
        }
      }
    }
    if (lambda && given <= 1 && (params.has("canary") || params.has("linear"))) {
      TrafficRouting r = routing(params);
      if (r.span() > LAMBDA_MAX_SPAN) {
        problems.add(path + (params.has("canary") ? "canary" : "linear"),
            "Lambda allows at most 2880 minutes between the first and the last shift; this one takes "
                + Durations.format(r.span()));
      }
    }
    Object hooks = params.get("hooks");
    if (hooks instanceof Map<?, ?> m) {
      List<LifecycleEvent> allowed = lambda ? LifecycleEvent.LAMBDA_HOOKS : LifecycleEvent.ECS_HOOKS;
      for (Object k : m.keySet()) {
        LifecycleEvent e = LifecycleEvent.byAwsName(String.valueOf(k));
        if (e == null || !allowed.contains(e)) {
          problems.add(path + "hooks." + k, "not a lifecycle hook of platform " + platform,
              "one of " + String.join(", ", LifecycleEvent.names(allowed)));
        }
      }
    }
    if (lambda) {
      for (String ecsOnly : List.of("taskStartTime", "terminateOriginalAfter")) {
        if (params.isExplicit(ecsOnly)) {
          problems.add(path + ecsOnly, "applies to platform: ecs only");
        }
      }
    } else {
      if (scenario.fleet() == null) {
        problems.add("fleet", "platform: ecs needs a fleet (the service's tasks)");
      }
      if (scenario.loadBalancer() != null && scenario.loadBalancer().type() == LoadBalancerSpec.Type.CLB) {
        problems.add("loadBalancer.type", "ECS traffic shifting needs an Application Load Balancer (weighted target"
            + " groups); a Classic Load Balancer has none", "alb");
      }
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    boolean lambda = "lambda".equals(params.string("platform"));
    TrafficRouting routing = routing(params);
    String configName = params.has("config") ? params.string("config")
        : params.has("canary") || params.has("linear") ? "custom (" + routing.describe() + ")"
        : lambda ? DeploymentConfigs.LAMBDA_ALL_AT_ONCE : DeploymentConfigs.ECS_ALL_AT_ONCE;
    Hooks hooks = CodeDeployParams.hooks(params);
    Distribution taskStart = params.distribution("taskStartTime");
    double terminateAfter = params.duration("terminateOriginalAfter");
    double poll = params.duration("alarmPollInterval");
    return d -> new TrafficShiftRun(d, lambda, routing, configName, hooks, taskStart, terminateAfter, poll).start();
  }
}
