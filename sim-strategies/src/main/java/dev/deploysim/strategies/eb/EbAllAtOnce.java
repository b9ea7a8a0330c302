package dev.deploysim.strategies.eb;

import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.model.Environment;
import dev.deploysim.model.Instance;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * Elastic Beanstalk AllAtOnce: the new version is installed on every instance at the same time.
 * Whether Elastic Beanstalk detaches instances from the load balancer first is not documented; we
 * leave them registered, so requests that reach an instance while its application restarts fail
 * ("all instances in your environment are out of service for a short time"). The deployment then
 * waits for the health gate within the command timeout; a failure leaves the new version in place
 * (AWS: roll back by redeploying).
 */
public final class EbAllAtOnce extends EbStrategyType {
  public EbAllAtOnce() {
    super(new StrategyDescription("eb.all-at-once",
        "Elastic Beanstalk AllAtOnce",
        "install on every instance at once, behind the load balancer: fastest, all capacity lost while instances "
            + "restart; a failure leaves the new version in place (FAILED, no rollback)",
        List.of(EbParams.TIMEOUT, EbParams.IGNORE_HEALTH_CHECK, EbParams.ENHANCED_HEALTH,
            EbParams.HEALTH_CHECK_SUCCESS_THRESHOLD),
        stopsWhereItFailed("the deployment stops with every instance on the new version; nothing is rolled back "
            + "(redeploy a known good version) (outcome FAILED; onFailure may only be false)",
            "all-at-once deployments", "every instance on the new version")));
  }

  @Override
  public Strategy create(StrategyParams params) {
    EbParams.Settings settings = EbParams.Settings.of(params);
    return d -> run(d, settings);
  }

  private static void run(Deployment d, EbParams.Settings settings) {
    Environment env = d.environment();
    List<Instance> instances = env.group().inService();
    double deadline = d.now() + settings.effectiveTimeout();
    d.phase("deploy to all " + instances.size() + " instances", Phase.Kind.DEPLOY);
    d.log("deploying " + d.toVersion() + " to " + RollingBatches.names(instances)
        + " at once; they stay behind the load balancer; command timeout " + settings.describeTimeout());
    d.world().install(d.scope(), instances, d.toVersion()).whenDone(t -> {
      if (t.isFailed()) {
        d.failed(t.failure());
        return;
      }
      d.phase("wait for health", Phase.Kind.WAIT);
      d.log("waiting for " + settings.health().describe());
      EnhancedHealth.Gate gate =
          EnhancedHealth.await(d.world(), d.scope(), env.targetGroup(), instances, settings.health(), deadline);
      gate.task().whenDone(h -> {
        if (h.succeeded()) {
          env.group().setLaunchVersion(d.toVersion());
          d.succeeded();
        } else if (settings.ignoreHealthCheck()) {
          d.log("instances not healthy within the command timeout (" + h.failure()
              + "); IgnoreHealthCheck is set, so the deployment completes anyway");
          env.group().setLaunchVersion(d.toVersion());
          d.succeeded();
        } else {
          d.detected(gate.detectedBy());
          d.log("deployment failed with no rollback: every instance runs " + d.toVersion()
              + "; instances launched from now on get " + d.fromVersion());
          d.failed("instances did not pass the health gate within the command timeout "
              + settings.describeTimeout() + ": " + h.failure());
        }
      });
    });
  }
}
