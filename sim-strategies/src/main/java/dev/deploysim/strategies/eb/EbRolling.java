package dev.deploysim.strategies.eb;

import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.model.Environment;
import dev.deploysim.model.Instance;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.CountOrPercent;
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

  public EbRolling() {
    super(new StrategyDescription("eb.rolling",
        "Elastic Beanstalk Rolling",
        "deploy the existing instances batch by batch (detach, deploy, reattach, wait for health), taking the zones in "
            + "turn; capacity drops by one batch; a failed batch stops it with no rollback",
        List.of(EbParams.BATCH_SIZE, EbParams.TIMEOUT, EbParams.IGNORE_HEALTH_CHECK, EbParams.ENHANCED_HEALTH,
            EbParams.HEALTH_CHECK_SUCCESS_THRESHOLD, EbParams.LAUNCHED_DURING_DEPLOYMENT),
        stopsWhereItFailed("the deployment stops: finished batches keep the new version, the rest the old one; nothing "
            + "is rolled back (outcome FAILED; onFailure may only be false)",
            "rolling deployments", "finished batches on the new version")));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    super.validate(params, scenario, problems);
    validateBatchSize(params, scenario, problems);
  }

  @Override
  public Strategy create(StrategyParams params) {
    EbParams.Settings settings = EbParams.Settings.of(params);
    CountOrPercent size = params.countOrPercent("batchSize");
    boolean newVersion = EbParams.launchesNewVersion(params);
    return d -> run(d, settings, size, newVersion);
  }

  private static void run(Deployment d, EbParams.Settings settings, CountOrPercent size, boolean newVersion) {
    Environment env = d.environment();
    List<Instance> instances = env.group().inService();
    LaunchesDuringDeployment launches = new LaunchesDuringDeployment(d, env.group(), newVersion);
    int perBatch = EbParams.batchSize(size, instances.size());
    List<List<Instance>> batches = RollingBatches.split(instances, perBatch);
    d.log("rolling deployment of " + instances.size() + " instances in " + batches.size() + " batches of "
        + perBatch + " (" + EbParams.describeBatchSize(size) + "), command timeout "
        + settings.describeTimeout());
    RollingBatches rolling = RollingBatches.start(d, settings, env, batches, 0, batches.size());
    rolling.task().whenDone(t -> {
      if (t.succeeded()) {
        env.group().setLaunchVersion(d.toVersion());
        launches.succeeded();
        d.succeeded();
        return;
      }
      if (rolling.detectedBy() != null) {
        d.detected(rolling.detectedBy());
      }
      launches.failed();
      int done = rolling.finishedBatches();
      d.log("deployment stopped with no rollback: " + done + " finished batch(es) and the failed batch run "
          + d.toVersion() + ", " + (batches.size() - done - 1) + " pending batch(es) keep " + d.fromVersion()
          + "; instances launched from now on get " + d.fromVersion() + " (the last successful deployment)");
      d.failed(t.failure());
    });
  }
}
