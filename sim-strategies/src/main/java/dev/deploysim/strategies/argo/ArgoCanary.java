package dev.deploysim.strategies.argo;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.analysis.AnalysisFormat;
import dev.deploysim.strategies.analysis.MetricSpec;
import dev.deploysim.strategies.k8s.AutoscaledWorkloadType;
import dev.deploysim.strategies.k8s.KubernetesParams;
import dev.deploysim.strategies.k8s.PodRules;
import dev.deploysim.strategy.Strategy;
import java.util.List;

/**
 * Argo Rollouts' canary strategy (spec.strategy.canary) on the Kubernetes pod model: steps, an
 * optional background analysis, replica-based weights or an ALB traffic router. See {@link
 * CanaryRollout} for the run and docs/platforms/progressive-delivery.md for the rules.
 */
public final class ArgoCanary extends AutoscaledWorkloadType {

  static final String ALARMS = "Argo Rollouts does not watch CloudWatch alarms: its analysis decides (write an "
      + "analysis with successCondition \"errorRate < ...\"); remove deployment.rollback.onAlarms";

  public ArgoCanary() {
    super(new StrategyDescription("argo.canary",
        "Argo Rollouts canary (steps, analysis, replica weights or an ALB traffic router)",
        "a canary ReplicaSet beside the stable one follows the steps (setWeight, pause, setCanaryScale, analysis): "
            + "weights by pod counts, or exact through the ALB once the canary's pods are available; a Failed analysis "
            + "aborts and sends the traffic back to the stable (ROLLED_BACK); after the last step the canary is "
            + "promoted",
        KubernetesParams.withPodTemplate(ArgoFormat.STEPS, ArgoFormat.BACKGROUND_ANALYSIS, ArgoFormat.TRAFFIC_ROUTING, ArgoFormat.MAX_SURGE,
            ArgoFormat.MAX_UNAVAILABLE, ArgoFormat.DYNAMIC_STABLE_SCALE, ArgoFormat.SCALE_DOWN_DELAY,
            ArgoFormat.ABORT_SCALE_DOWN_DELAY, ArgoFormat.PROMOTE_AT, KubernetesParams.PROGRESS_DEADLINE_SECONDS,
            ArgoFormat.PROGRESS_DEADLINE_ABORT, KubernetesParams.MIN_READY_SECONDS),
        RollbackPolicy.alwaysReverts("a Failed or Error analysis aborts: traffic back to the stable pods (ROLLED_BACK; "
            + "Argo calls the rollout Degraded); a rollout without progress for progressDeadlineSeconds is Degraded "
            + "and stays where it is (FAILED) unless progressDeadlineAbort",
            "Argo Rollouts always aborts a rollout whose analysis fails (traffic back to the stable); to let a "
                + "metric's failures pass, give it dryRun: true or failureLimit: -1; remove onFailure")
            .withoutAlarmRollback(ALARMS)));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    PodRules.validate(params, scenario, problems);
    boolean router = "alb".equals(params.string("trafficRouting"));
    ArgoFormat.validateSteps(params, router, scenario.modelsLatency(), problems);
    if (router && scenario.loadBalancer() != null && scenario.loadBalancer().type() == LoadBalancerSpec.Type.CLB) {
      problems.add("loadBalancer.type", "trafficRouting alb needs an Application Load Balancer (weighted target "
          + "groups)", "use loadBalancer.type: alb, or trafficRouting: none");
    }
    if (!router) {
      for (String key : List.of("dynamicStableScale")) {
        if (params.isExplicit(key) && params.bool(key)) {
          problems.add(ArgoFormat.PATH + key, key + " needs a traffic router: without one the stable's pods are its "
              + "weight", "set trafficRouting: alb, or remove it");
        }
      }
    }
    CountOrPercent surge = params.countOrPercent("maxSurge");
    CountOrPercent unavailable = params.countOrPercent("maxUnavailable");
    if (surge.value() == 0 && unavailable.value() == 0) {
      problems.add(ArgoFormat.PATH + (params.isExplicit("maxUnavailable") ? "maxUnavailable" : "maxSurge"),
          "maxSurge and maxUnavailable cannot both be 0: the canary could neither add nor remove a pod",
          "e.g. maxSurge: 1 with maxUnavailable: 0");
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    KubernetesParams.Settings pods = KubernetesParams.Settings.of(params);
    boolean router = "alb".equals(params.string("trafficRouting"));
    CountOrPercent surge = params.countOrPercent("maxSurge");
    CountOrPercent unavailable = params.countOrPercent("maxUnavailable");
    List<CanaryStep> steps = ArgoFormat.steps(params);
    StrategyParams analysis = params.optional("analysis", StrategyParams.class).orElse(null);
    List<MetricSpec> background = analysis == null ? List.of() : AnalysisFormat.metrics(analysis);
    int startingStep = analysis == null ? 0 : analysis.integer("startingStep");
    String given = router ? "trafficRouting alb" : "no traffic router, maxSurge " + surge + ", maxUnavailable "
        + unavailable;
    CanaryRollout.Settings settings = new CanaryRollout.Settings(steps, router, surge, unavailable,
        params.bool("dynamicStableScale"), params.integer("scaleDownDelaySeconds"),
        params.integer("abortScaleDownDelaySeconds"), params.bool("progressDeadlineAbort"),
        ArgoFormat.promotions(params), background, startingStep, given);
    return d -> new CanaryRollout(d, pods, settings).start();
  }

}
