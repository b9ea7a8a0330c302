package dev.deploysim.strategies.eb;

import dev.deploysim.model.Environment;
import dev.deploysim.model.Instance;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * Elastic Beanstalk Rolling: the existing instances are deployed in batches; each batch is
 * detached from the load balancer (with draining), deployed, reattached and must pass the health
 * gate before the next one starts, so capacity drops by one batch at a time. A batch that is not
 * healthy within the command timeout stops the deployment: finished batches keep the new version,
 * the others keep the old one, and nothing is rolled back (AWS: "perform another deployment").
 */
public final class EbRolling extends EbStrategyType {

  @Override
  public String name() {
    return "eb.rolling";
  }

  @Override
  public String models() {
    return "Elastic Beanstalk Rolling";
  }

  @Override
  public String summary() {
    return "deploy the existing instances batch by batch (detach, deploy, reattach, wait for health), taking "
        + "the zones in turn; capacity drops by one batch; a failed batch stops it with no rollback";
  }
  @Override
  public FailureHandling failureHandling() {
    return FailureHandling.NEVER_REVERTS;
  }

  @Override
  public String rollbackOnFailureRefusal(boolean onFailure) {
    return onFailure ? noAutomaticRollback("rolling deployments", "finished batches on the new version") : null;
  }

  @Override
  public String failureBehaviour() {
    return "the deployment stops: finished batches keep the new version, the rest the old one; nothing is rolled back (outcome FAILED; onFailure may only be false)";
  }


  @Override
  public List<ParamSpec> params() {
    return List.of(EbParams.BATCH_SIZE, EbParams.TIMEOUT, EbParams.IGNORE_HEALTH_CHECK, EbParams.ENHANCED_HEALTH,
        EbParams.HEALTH_CHECK_SUCCESS_THRESHOLD);
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    super.validate(params, scenario, problems);
    validateBatchSize(params, scenario, problems);
  }

  @Override
  public Strategy create(StrategyParams params) {
    EbParams.Settings settings = EbParams.Settings.of(params);
    CountOrPercent size = params.has("batchSize") ? params.countOrPercent("batchSize") : CountOrPercent.percent(100);
    return d -> run(d, settings, size);
  }

  private static void run(Deployment d, EbParams.Settings settings, CountOrPercent size) {
    Environment env = d.environment();
    List<Instance> instances = env.group().inService();
    int perBatch = EbParams.batchSize(size, instances.size());
    List<List<Instance>> batches = RollingBatches.split(instances, perBatch);
    d.log("rolling deployment of " + instances.size() + " instances in " + batches.size() + " batches of "
        + perBatch + " (" + EbParams.describeBatchSize(size) + "), command timeout "
        + settings.describeTimeout());
    RollingBatches rolling = RollingBatches.start(d, settings, env, batches, 0, batches.size());
    rolling.task().whenDone(t -> {
      if (t.succeeded()) {
        env.group().setLaunchVersion(d.toVersion());
        d.succeeded();
        return;
      }
      if (rolling.detectedBy() != null) {
        d.detected(rolling.detectedBy());
      }
      int done = rolling.finishedBatches();
      d.log("deployment stopped with no rollback: " + done + " finished batch(es) and the failed batch run "
          + d.toVersion() + ", " + (batches.size() - done - 1) + " pending batch(es) keep " + d.fromVersion()
          + "; instances launched from now on get " + d.fromVersion() + " (the last successful deployment)");
      d.failed(t.failure());
    });
  }
}
