package dev.deploysim.strategies.eb;

import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Environment;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LoadBalancer;
import dev.deploysim.control.Task;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic Beanstalk TrafficSplitting (a canary): a temporary Auto Scaling group as large as the
 * original one launches the new version into its own target group on the same ALB listener; once
 * they are healthy the listener sends NewVersionPercent of the requests to them (weighted target
 * groups) and Elastic Beanstalk watches their health for EvaluationTime; then all traffic moves to
 * the new instances, they join the original group, the old instances are terminated and the
 * temporary group removed. If health drops, traffic returns to the old instances and the new ones
 * are terminated. Requires an Application Load Balancer.
 *
 * <p>During evaluation a failure is declared when a new instance reports worse than the threshold
 * three times within one minute (the documented rule for downgrading environment health); with
 * basic health, when a new target turns unhealthy.
 */
public final class EbTrafficSplitting extends EbStrategyType {

  static final ParamSpec NEW_VERSION_PERCENT = ParamSpec.optional("newVersionPercent",
      new ParamType.IntegerType(1, 100), 10, "NewVersionPercent",
      "share of requests (1-100%) the listener sends to the new instances while they are evaluated");

  static final ParamSpec EVALUATION_TIME = ParamSpec.optional("evaluationTime",
      new ParamType.DurationType(180, 36000, false), 300.0, "EvaluationTime",
      "how long the new instances serve their share while their health is watched, counted from when they are "
          + "first healthy, before all traffic moves to them (3m to 600m; AWS gives it in minutes)");

  public EbTrafficSplitting() {
    super(new StrategyDescription("eb.traffic-splitting",
        "Elastic Beanstalk TrafficSplitting",
        "a full set of new instances in their own target group gets newVersionPercent of the traffic for "
            + "evaluationTime, then all of it; failure sends traffic back and terminates them (ROLLED_BACK; ALB only)",
        List.of(NEW_VERSION_PERCENT, EVALUATION_TIME, EbParams.TIMEOUT, EbParams.ENHANCED_HEALTH,
            EbParams.HEALTH_CHECK_SUCCESS_THRESHOLD),
        alwaysReverts("always rolled back: all traffic goes back to the old instances and the new ones are terminated "
            + "(outcome ROLLED_BACK; onFailure may only be true)",
            "eb.traffic-splitting always sends all traffic back to the old instances and terminates the new ones when "
                + "the deployment fails; remove onFailure or set it to true")));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    super.validate(params, scenario, problems);
    if (scenario.loadBalancer() != null && scenario.loadBalancer().type() == LoadBalancerSpec.Type.CLB) {
      problems.add("loadBalancer.type",
          "eb.traffic-splitting needs an Application Load Balancer: Elastic Beanstalk splits traffic with "
              + "weighted target groups, which a Classic Load Balancer does not have",
          "use type: alb, or another policy such as eb.immutable");
    }
    int p = params.integer("newVersionPercent");
    if (p < 1 || p > 100) {
      problems.add("deployment.strategy.newVersionPercent", "must be between 1 and 100 (percent), got " + p);
    }
    double t = params.duration("evaluationTime");
    if (t < 180 || t > 36000) {
      problems.add("deployment.strategy.evaluationTime",
          "must be between 3m and 600m (AWS range), got " + Durations.format(t));
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    EbParams.Settings settings = EbParams.Settings.withoutIgnoreHealthCheck(params);
    int percent = params.integer("newVersionPercent");
    double evaluation = params.duration("evaluationTime");
    return d -> new Run(d, settings, percent, evaluation).start();
  }

  private static final class Run {
    final Deployment d;
    final EbParams.Settings settings;
    final int percent;
    final double evaluation;
    final Environment env;
    final AutoScalingGroup group;
    final LoadBalancer lb;
    final TargetGroup origTg;
    final List<Instance> old;
    final int baseline;
    final int origMin;
    final int origMax;
    TargetGroup tempTg;
    AutoScalingGroup temp;

    Run(Deployment d, EbParams.Settings settings, int percent, double evaluation) {
      this.d = d;
      this.settings = settings;
      this.percent = percent;
      this.evaluation = evaluation;
      this.env = d.environment();
      this.group = env.group();
      this.lb = env.loadBalancer();
      this.origTg = env.targetGroup();
      this.old = group.inService();
      this.baseline = group.desired();
      this.origMin = group.minSize();
      this.origMax = group.maxSize();
    }

    void start() {
      d.phase("launch " + baseline + " instances in a temporary group", Phase.Kind.DEPLOY);
      tempTg = d.world().createTargetGroup(origTg.name() + "-split");
      GroupSettings gs = group.settings().withoutWarmPool().withSizes(0, Math.max(1, baseline), baseline);
      temp = d.world().createGroup(group.name() + "-split", gs, d.toVersion(), List.of(tempTg));
      d.log("temporary group " + temp.name() + " launches " + baseline + " instances with " + d.toVersion()
          + " into target group " + tempTg.name() + " (no traffic yet); command timeout " + settings.describeTimeout());
      double deadline = d.now() + settings.effectiveTimeout();
      temp.awaitInService(d.scope(), baseline, Math.max(0, deadline - d.now())).whenDone(t -> {
        if (t.isFailed()) {
          fail("timeout", "new instances not InService within the command timeout: " + t.failure());
          return;
        }
        List<Instance> fresh = temp.inService();
        d.phase("wait for health", Phase.Kind.WAIT);
        d.log(RollingBatches.names(fresh) + " InService; waiting for " + settings.health().describe());
        EnhancedHealth.Gate gate = EnhancedHealth.await(d.world(), d.scope(), tempTg, fresh, settings.health(),
            deadline);
        gate.task().whenDone(h -> {
          if (h.succeeded()) {
            evaluate(fresh);
          } else {
            fail(gate.detectedBy(), "new instances did not pass the health gate within the command timeout "
                + settings.describeTimeout() + ": " + h.failure());
          }
        });
      });
    }

    void evaluate(List<Instance> fresh) {
      d.phase("evaluate " + percent + "% for " + Durations.format(evaluation), Phase.Kind.SHIFT);
      d.log("new instances healthy; sending " + percent + "% of requests to " + tempTg.name() + " and watching "
          + "their health for " + Durations.format(evaluation));
      Map<TargetGroup, Integer> w = new LinkedHashMap<>();
      w.put(origTg, 100 - percent);
      w.put(tempTg, percent);
      lb.setWeights(w);
      EnhancedHealth.watch(d.world(), d.scope(), tempTg, fresh, settings.health(), evaluation).whenDone(t -> {
        if (t.succeeded()) {
          promote(fresh);
        } else {
          fail("health checks", "health dropped during evaluation: " + t.failure());
        }
      });
    }

    void promote(List<Instance> fresh) {
      d.phase("shift all traffic to the new instances", Phase.Kind.SHIFT);
      d.log("evaluation passed; all requests go to the new instances");
      Map<TargetGroup, Integer> w = new LinkedHashMap<>();
      w.put(origTg, 0);
      w.put(tempTg, 1);
      lb.setWeights(w);
      d.log("moving " + RollingBatches.names(fresh) + " into " + group.name() + " and terminating "
          + RollingBatches.names(old));
      for (Instance i : fresh) {
        temp.moveTo(i, group);
      }
      d.phase("terminate old instances", Phase.Kind.CLEANUP);
      List<Task> gone = new ArrayList<>();
      for (Instance i : old) {
        gone.add(group.terminate(d.scope(), i, true));
      }
      // the moved instances join the original target group; once healthy there, the listener
      // forwards to it alone and the temporary target group is emptied
      Task healthyInOrig = origTg.awaitHealthy(d.scope(), fresh, Double.POSITIVE_INFINITY);
      Task.all(d.scope(), gone).then(() -> healthyInOrig).then(() -> {
        lb.forward(origTg);
        return tempTg.deregister(d.scope(), fresh);
      }).then(() -> temp.delete(d.scope())).whenDone(t -> {
        if (t.isFailed()) {
          d.failed("could not finish moving the new instances: " + t.failure());
          return;
        }
        group.setLaunchVersion(d.toVersion());
        if (group.desired() >= origMin && group.desired() <= origMax) {
          group.updateSizes(origMin, origMax, group.desired());
        }
        d.succeeded();
      });
    }

    void fail(String detectedBy, String why) {
      d.detected(detectedBy);
      d.startRollback(why);
      d.phase("rollback: traffic back, terminate new instances", Phase.Kind.ROLLBACK);
      if (lb.weights().containsKey(tempTg)) {
        lb.forward(origTg);
        d.log("all requests go back to the old instances in " + origTg.name());
      }
      d.log("terminating the temporary group " + temp.name());
      temp.delete(d.scope()).whenDone(t -> d.rolledBack());
    }
  }
}
