package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.scenario.VersionSpec;
import dev.deploysim.engine.Distribution;
import org.junit.jupiter.api.Test;

/**
 * An API Gateway stage in front of the application: the canary gets its percentage of the requests
 * at random, request by request (in the fluid model: exactly that share); the stage cache answers its
 * hit ratio first, the canary's requests only with useStageCache; promotion moves the stage to the
 * canary's deployment, deletion back to its own. See
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html.
 */
class ApiStageTest {

  private static World serverless(double rps, VersionSpec v2) {
    ModelScenarios s = ModelScenarios.scenario().withRps(rps).withVersion(v2);
    return new World(s.build(), true);
  }

  private static VersionSpec failing(double errorRate) {
    return new VersionSpec("v2", Distribution.constant(0), Distribution.constant(0), new VersionSpec.Healthy(),
        errorRate, 1);
  }

  @Test
  void theCanaryGetsItsShareOfTheRequests() {
    World w = serverless(200, failing(0.5));
    ApiStage stage = w.frontWithApiStage("prod", new ApiStage.LambdaIntegration("v1"), 0);
    stage.createCanary(new ApiStage.LambdaIntegration("v2"), 10, false);
    w.sim().runUntil(1);
    // 10% of 200 requests/s: 20 to v2, half of which fail
    assertThat(w.traffic().handledRps("v2")).isCloseTo(20, within(1e-9));
    assertThat(w.traffic().handledRps("v1")).isCloseTo(180, within(1e-9));
    assertThat(w.traffic().failedRps()).isCloseTo(10, within(1e-9));
  }

  @Test
  void theCanaryUsesTheStageCacheOnlyWhenAskedTo() {
    World w = serverless(200, failing(0.5));
    ApiStage stage = w.frontWithApiStage("prod", new ApiStage.LambdaIntegration("v1"), 0.4);
    stage.createCanary(new ApiStage.LambdaIntegration("v2"), 10, false);
    w.sim().runUntil(1);
    // without the cache every canary request reaches v2: 20/s, 10 fail
    assertThat(w.traffic().failedRps()).isCloseTo(10, within(1e-9));
    stage.createCanary(new ApiStage.LambdaIntegration("v2"), 10, true);
    w.sim().runUntil(2);
    // with it, 40% of the canary's 20/s are answered from its cache entries: 12/s reach v2, 6 fail
    assertThat(w.traffic().failedRps()).isCloseTo(6, within(1e-9));
    // the canary's own metrics count all 20 requests/s
    assertThat(w.traffic().handledRps("v2")).isCloseTo(20, within(1e-9));
  }

  @Test
  void promotionMovesTheStageAndDeletionMovesItBack() {
    World w = serverless(100, failing(0));
    ApiStage stage = w.frontWithApiStage("prod", new ApiStage.LambdaIntegration("v1"), 0);
    stage.createCanary(new ApiStage.LambdaIntegration("v2"), 25, false);
    w.sim().runUntil(1);
    assertThat(w.traffic().handledRps("v2")).isCloseTo(25, within(1e-9));
    stage.deleteCanary();
    w.sim().runUntil(2);
    assertThat(w.traffic().handledRps("v2")).isZero();
    stage.createCanary(new ApiStage.LambdaIntegration("v2"), 25, false);
    stage.promoteCanary();
    w.sim().runUntil(3);
    assertThat(stage.canaryPercent()).isZero();
    assertThat(w.traffic().handledRps("v2")).isCloseTo(100, within(1e-9));
    // requests are conserved
    assertThat(w.traffic().servedTotal() + w.traffic().failedTotal()).isCloseTo(w.traffic().offeredTotal(), within(1e-6));
  }

  @Test
  void anHttpIntegrationSendsItsRequestsThroughTheLoadBalancer() {
    World w = ModelScenarios.scenario().withInstances(4).withRps(400).world();
    ApiStage stage = w.frontWithApiStage("prod", new ApiStage.HttpIntegration(w.primary().loadBalancer()), 0.5);
    w.sim().runUntil(1);
    // half of the 400 requests/s come from the cache: the fleet serves 200
    assertThat(w.traffic().handledRps("v1")).isCloseTo(200, within(1e-9));
    assertThat(w.traffic().servedRps()).isCloseTo(400, within(1e-9));
    assertThat(stage.production()).isInstanceOf(ApiStage.HttpIntegration.class);
  }
}
