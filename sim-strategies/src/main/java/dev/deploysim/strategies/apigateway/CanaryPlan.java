package dev.deploysim.strategies.apigateway;

import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * The settings of one {@link ApiGatewayCanary} run, read once from its parameters.
 *
 * @param http true: an HTTP backend (fleets behind load balancers); false: Lambda function versions
 * @param percent the canary's percentTraffic, 0-100
 * @param useStageCache whether the canary's requests may be answered from the stage cache
 * @param cacheHitRatio share of requests the stage cache answers (0: caching off)
 * @param promoteAfter evaluation time before the promotion; infinite: never promoted
 * @param deleteOnAlarms whether the pipeline deletes the canary when a watched alarm fires
 * @param pipelineAlarms the alarms it watches; null: every alarm of the scenario
 * @param timeout http: the longest wait for the canary's fleet to be InService and healthy
 */
record CanaryPlan(boolean http, double percent, boolean useStageCache, double cacheHitRatio, double promoteAfter,
    boolean deleteOnAlarms, List<String> pipelineAlarms, double timeout) {

  static CanaryPlan of(StrategyParams p) {
    return new CanaryPlan("http".equals(p.string("integration")), p.number("percentTraffic"),
        p.bool("useStageCache"), p.number("cacheHitRatio"), p.duration("promoteAfter"),
        p.bool("deleteCanaryOnAlarms"), p.has("pipelineAlarms") ? p.listOf("pipelineAlarms", String.class) : null,
        p.duration("timeout"));
  }
}
