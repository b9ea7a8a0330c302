package dev.deploysim.strategies.cloudformation;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * A CloudFormation stack update under AutoScalingReplacingUpdate with WillReplace: a new Auto
 * Scaling group (same settings, the new version, attached to the same target groups) is created
 * while the old one is kept; it must meet its CreationPolicy within the timeout: as many SUCCESS
 * signals as ResourceSignal Count and AutoScalingCreationPolicy MinSuccessfulInstancesPercent of its
 * desired capacity ask, whichever is more (see {@link ResourceSignals}). Then, after the rollback
 * triggers' monitoring time, the old group is deleted during cleanup (draining first). Capacity
 * never drops and the instance count doubles for a while.
 *
 * <p>Failure (too few signals by the timeout, or a rollback trigger): the stack rolls back, which
 * deletes the new group; the old one was never touched (ROLLED_BACK). With {@code
 * deployment.rollback.onFailure: false} (DisableRollback) both groups stay (FAILED).
 *
 * <p>Choices: the new group has no warm pool (a warm pool is its own resource); ResourceSignal
 * Count keeps AWS's default of 1, so by default MinSuccessfulInstancesPercent 100 makes every new
 * instance signal.
 */
public final class CfnReplacingUpdate extends DescribedStrategyType {
  static final String PATH = CfnParams.PATH;
  /** Longest CreationPolicy timeout (12 hours). */
  static final double MAX_TIMEOUT = 12 * 3600.0;

  public CfnReplacingUpdate() {
    super(new StrategyDescription("cloudformation.replacing-update",
        "CloudFormation AutoScalingReplacingUpdate (WillReplace) with a CreationPolicy",
        "create a new group with the new version beside the old one, wait for its creation policy's signals, then "
            + "delete the old group; on failure the new group is deleted",
        List.of(
            ParamSpec.optional("minSuccessfulInstancesPercent", new ParamType.IntegerType(0, 100), 100,
                "CreationPolicy.AutoScalingCreationPolicy.MinSuccessfulInstancesPercent",
                "share of the new group's instances that must signal SUCCESS within the timeout, rounded to the "
                    + "nearest tenth of a percent (5 instances at 50%: 3)"),
            ParamSpec.optional("timeout", new ParamType.DurationType(0, MAX_TIMEOUT, false), 300.0,
                "CreationPolicy.ResourceSignal.Timeout",
                "time the new group has to send its signals (at most 12 h); AWS says it expires no sooner than this, "
                    + "we expire it exactly then"),
            ParamSpec.optional("count", new ParamType.IntegerType(1, 1000), 1, "CreationPolicy.ResourceSignal.Count",
                "SUCCESS signals needed at least, whatever the percentage asks (AWS default 1)"),
            CfnParams.signal(),
            CfnParams.monitoringTime()),
        RollbackPolicy.configurable(true).withFailureBehaviour("the stack rolls back (the new group is deleted; "
            + "ROLLED_BACK); onFailure: false stands for DisableRollback: the stack stays UPDATE_FAILED and both "
            + "groups stay (FAILED)")));
  }

  @Override
  public void validate(StrategyParams p, Scenario scenario, Problems problems) {
    CfnParams.validate(description().name(), p, scenario, problems);
    if (scenario.fleet() != null && p.integer("count") > scenario.fleet().instances()) {
      problems.add(PATH + "count", "Count " + p.integer("count") + " is more than the " + scenario.fleet().instances()
          + " instances the new group launches: the creation policy could never be met",
          "use at most " + scenario.fleet().instances());
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    int pct = params.integer("minSuccessfulInstancesPercent");
    double timeout = params.duration("timeout");
    int count = params.integer("count");
    ResourceSignals.Mode mode = params.enumValue("signal", ResourceSignals.Mode.class);
    double monitoring = params.duration("monitoringTime");
    return d -> new ReplacingUpdateRun(d, pct, timeout, count, mode, monitoring).start();
  }
}
