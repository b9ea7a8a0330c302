package dev.deploysim.strategies.flagger;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.ScalingPolicySpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.k8s.AutoscaledWorkloadType;
import dev.deploysim.strategies.k8s.KubernetesParams;
import dev.deploysim.strategies.k8s.PodRules;
import dev.deploysim.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Flagger's Canary resource on the Kubernetes pod model: analysis iterations with weight steps or
 * blue/green iterations, metric checks, a failed-check threshold, and promotion through the primary
 * Deployment. See {@link FlaggerRollout} and docs/platforms/progressive-delivery.md.
 */
public final class FlaggerCanary extends AutoscaledWorkloadType {

  public FlaggerCanary() {
    super(new StrategyDescription("flagger.canary",
        "Flagger canary analysis (step weights or blue/green iterations, metric checks, primary promotion)",
        "a full canary Deployment beside the primary; every interval the checks run and the router's weight moves by "
            + "stepWeight (or stepWeights) while they pass; failed checks add up to threshold, then all traffic goes "
            + "back to the primary (ROLLED_BACK); at maxWeight the primary rolls out the new version",
        KubernetesParams.withPodTemplate(FlaggerFormat.ANALYSIS_PARAM, FlaggerFormat.LOAD_TEST_RPS,
            FlaggerFormat.CANARY_AUTOSCALER, KubernetesParams.PROGRESS_DEADLINE_SECONDS,
            KubernetesParams.MIN_READY_SECONDS),
        RollbackPolicy.alwaysReverts("failed checks reaching analysis.threshold, or a canary not ready within "
            + "progressDeadlineSeconds, send all traffic back to the primary and scale the canary to zero (ROLLED_BACK)",
            "Flagger always rolls a failed canary back (failed checks at the threshold, or the canary's progress "
                + "deadline); remove onFailure")
            .withoutAlarmRollback("Flagger does not watch CloudWatch alarms: its metric checks decide "
                + "(analysis.metrics); remove deployment.rollback.onAlarms")));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    PodRules.validate(params, scenario, problems);
    FlaggerFormat.validate(params.object("analysis"), scenario.modelsLatency(), problems);
    if (scenario.loadBalancer() != null && scenario.loadBalancer().type() == LoadBalancerSpec.Type.CLB) {
      problems.add("loadBalancer.type", "Flagger shifts traffic with a router's weights: the model needs an "
          + "Application Load Balancer (weighted target groups) in its place", "use loadBalancer.type: alb");
    }
    boolean hpa = scenario.fleet() != null && scenario.fleet().scaling().stream()
        .anyMatch(p -> p instanceof ScalingPolicySpec.HorizontalPodAutoscaler);
    if (params.has("canaryAutoscaler") && FlaggerFormat.canaryAutoscaler(params) && !hpa) {
      problems.add(KubernetesParams.PATH + "canaryAutoscaler", "the canary's autoscaler is a copy of the primary's: the fleet has none",
          "add {type: horizontal-pod-autoscaler, ...} to fleet.scaling, or remove canaryAutoscaler");
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    KubernetesParams.Settings pods = KubernetesParams.Settings.of(params);
    StrategyParams a = params.object("analysis");
    // Flagger runs an analysis at most every 10 s, and a threshold of 0 counts as 1
    double interval = Math.max(FlaggerFormat.MIN_INTERVAL, a.duration("interval"));
    int threshold = Math.max(1, a.integer("threshold"));
    List<Integer> stepWeights = a.has("stepWeights") ? a.listOf("stepWeights", Integer.class) : null;
    FlaggerRollout.Settings s = new FlaggerRollout.Settings(interval, threshold, a.integer("maxWeight"),
        a.integer("stepWeight"), stepWeights, a.integer("iterations"), FlaggerFormat.metrics(a),
        params.number("loadTestRps"), FlaggerFormat.canaryAutoscaler(params));
    return d -> new FlaggerRollout(d, pods, s).start();
  }
}
