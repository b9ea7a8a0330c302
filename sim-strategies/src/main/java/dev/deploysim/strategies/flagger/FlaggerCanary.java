package dev.deploysim.strategies.flagger;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.k8s.KubernetesParams;
import dev.deploysim.strategies.k8s.PodRules;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;

/**
 * Flagger's Canary resource on the Kubernetes pod model: analysis iterations with weight steps or
 * blue/green iterations, metric checks, a failed-check threshold, and promotion through the primary
 * Deployment. See {@link FlaggerRollout} and docs/platforms/progressive-delivery.md.
 */
public final class FlaggerCanary implements StrategyType {

  @Override
  public String name() {
    return "flagger.canary";
  }

  @Override
  public String models() {
    return "Flagger canary analysis (step weights or blue/green iterations, metric checks, primary promotion)";
  }

  @Override
  public String summary() {
    return "a full canary Deployment beside the primary; every interval the checks run and the router's weight moves "
        + "by stepWeight (or stepWeights) while they pass; failed checks add up to threshold, then all traffic goes "
        + "back to the primary (ROLLED_BACK); at maxWeight the primary rolls out the new version";
  }

  @Override
  public List<ParamSpec> params() {
    return List.of(FlaggerFormat.ANALYSIS_PARAM, FlaggerFormat.LOAD_TEST_RPS, KubernetesParams.PROGRESS_DEADLINE_SECONDS,
        KubernetesParams.MIN_READY_SECONDS, KubernetesParams.READINESS_PROBE, KubernetesParams.POD_START_TIME,
        KubernetesParams.GRACE, KubernetesParams.POD_STOP_TIME);
  }

  @Override
  public boolean rollsBackOnAlarms() {
    return false;
  }

  @Override
  public String alarmRollbackRefusal() {
    return "Flagger does not watch CloudWatch alarms: its metric checks decide (analysis.metrics); remove "
        + "deployment.rollback.onAlarms";
  }

  @Override
  public FailureHandling failureHandling() {
    return FailureHandling.ALWAYS_REVERTS;
  }

  @Override
  public String rollbackOnFailureRefusal(boolean onFailure) {
    return onFailure ? null : "Flagger always rolls a failed canary back (failed checks at the threshold, or the "
        + "canary's progress deadline); remove onFailure";
  }

  @Override
  public String failureBehaviour() {
    return "failed checks reaching analysis.threshold, or a canary not ready within progressDeadlineSeconds, send all "
        + "traffic back to the primary and scale the canary to zero (ROLLED_BACK)";
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    PodRules.validate(params, scenario, problems);
    FlaggerFormat.validate(params.object("analysis"), problems);
    if (scenario.loadBalancer() != null && scenario.loadBalancer().type() == LoadBalancerSpec.Type.CLB) {
      problems.add("loadBalancer.type", "Flagger shifts traffic with a router's weights: the model needs an "
          + "Application Load Balancer (weighted target groups) in its place", "use loadBalancer.type: alb");
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    KubernetesParams.Settings pods = KubernetesParams.Settings.of(params);
    StrategyParams a = params.object("analysis");
    double interval = Math.max(FlaggerFormat.MIN_INTERVAL, a.has("interval") ? a.duration("interval")
        : FlaggerFormat.DEFAULT_INTERVAL);
    int threshold = a.has("threshold") && a.integer("threshold") > 0 ? a.integer("threshold") : 1;
    List<Integer> stepWeights = null;
    if (a.has("stepWeights")) {
      stepWeights = new ArrayList<>();
      for (Object o : a.list("stepWeights")) {
        stepWeights.add(((Number) o).intValue());
      }
    }
    FlaggerRollout.Settings s = new FlaggerRollout.Settings(interval, threshold,
        a.has("maxWeight") ? a.integer("maxWeight") : 100, a.integer("stepWeight"), stepWeights, a.integer("iterations"),
        FlaggerFormat.metrics(a), params.has("loadTestRps") ? params.number("loadTestRps") : 0);
    return d -> new FlaggerRollout(d, pods, s).start();
  }
}
