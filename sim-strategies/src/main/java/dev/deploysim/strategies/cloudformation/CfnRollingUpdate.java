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
 * A CloudFormation stack update that changes the Auto Scaling group's launch template (the new
 * version) under an AutoScalingRollingUpdate policy: see {@link RollingUpdate} for the batches and
 * {@link ResourceSignals} for the signals.
 *
 * <p>Failure: too few SUCCESS signals within PauseTime fail the update, and so does a rollback
 * trigger going to ALARM; the stack then rolls back by default: a rolling update back to the old
 * version with the previous template's UpdatePolicy ({@code previousPolicy}; by default the same
 * policy) (ROLLED_BACK). {@code deployment.rollback.onFailure: false} stands for DisableRollback: the
 * replaced instances keep the new version (FAILED). Without WaitOnResourceSignals nothing checks the
 * new instances, so a broken version rolls out completely.
 */
public final class CfnRollingUpdate extends DescribedStrategyType {
  static final String PATH = CfnParams.PATH;
  /**
   * Largest MaxBatchSize CloudFormation accepts (the AWS::AutoScaling::AutoScalingGroup UpdatePolicy
   * reference: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatepolicy.html).
   */
  static final int MAX_BATCH_SIZE = 100;
  /** Longest PauseTime (PT1H). */
  static final double MAX_PAUSE = 3600;

  public CfnRollingUpdate() {
    super(new StrategyDescription("cloudformation.rolling-update",
        "CloudFormation AutoScalingRollingUpdate",
        "replace the group's instances in batches (terminate, launch), keeping MinInstancesInService in service, "
            + "waiting PauseTime or for resource signals; too few signals roll the stack back",
        params(),
        RollbackPolicy.configurable(true).withFailureBehaviour("the stack rolls back (a rolling update back to the old "
            + "version with previousPolicy; ROLLED_BACK); onFailure: false stands for DisableRollback: the stack stays "
            + "UPDATE_FAILED and the instances replaced so far keep the new version (FAILED)")));
  }

  /** The settings of an AutoScalingRollingUpdate policy (the update's, and previousPolicy's). */
  static List<ParamSpec> policyParams() {
    return List.of(
        ParamSpec.optional("maxBatchSize", new ParamType.IntegerType(1, MAX_BATCH_SIZE), 1, "MaxBatchSize",
            "most instances replaced at the same time (1 to 100, as CloudFormation accepts)"),
        ParamSpec.optional("minInstancesInService", new ParamType.IntegerType(0, 1000), 0, "MinInstancesInService",
            "instances that stay InService in the group while old ones are replaced: a batch is terminated only "
                + "when that many others are InService, whatever the signal settings; must be below the group's "
                + "MaxSize; at or above the desired capacity CloudFormation first raises the group to "
                + "MinInstancesInService + MaxBatchSize"),
        ParamSpec.optional("minSuccessfulInstancesPercent", new ParamType.IntegerType(0, 100), 100,
            "MinSuccessfulInstancesPercent",
            "share of each batch's new instances that must signal SUCCESS within PauseTime, rounded to the nearest "
                + "tenth of a percent (5 instances at 50%: 3); needs waitOnResourceSignals"),
        ParamSpec.optional("pauseTime", new ParamType.DurationType(0, MAX_PAUSE, false), null, "PauseTime",
            "without waitOnResourceSignals: the wait after each batch's new instances are InService in the group "
                + "(default PT0S; the load balancer may not have checked them yet); with it: the time the batch's "
                + "signals may take (default PT5M); at most PT1H"),
        ParamSpec.optional("waitOnResourceSignals", new ParamType.BooleanType(), false, "WaitOnResourceSignals",
            "wait for SUCCESS signals from each batch's new instances (see signal) instead of a plain pause"),
        CfnParams.suspendProcesses());
  }

  private static List<ParamSpec> params() {
    List<ParamSpec> out = new java.util.ArrayList<>(policyParams());
    out.add(out.size() - 1, CfnParams.signal());
    out.add(ParamSpec.optional("previousPolicy", new ParamType.ObjectType(policyParams()), null,
        "the previous template's UpdatePolicy",
        "the AutoScalingRollingUpdate policy of the template before this update: a stack rollback runs with it "
            + "(an update from MaxBatchSize 1 to 10 that fails rolls back one instance at a time). Keys as above "
            + "(signal is the instances' own, shared); a key it does not give has its AWS default, not this "
            + "update's value. Default: the same policy as the update"));
    out.add(CfnParams.monitoringTime());
    return List.copyOf(out);
  }

  @Override
  public void validate(StrategyParams p, Scenario scenario, Problems problems) {
    CfnParams.validate(description().name(), p, scenario, problems);
    validatePolicy(p, PATH, scenario, problems);
    boolean signals = p.bool("waitOnResourceSignals");
    if (p.isExplicit("signal") && !signals
        && !(p.has("previousPolicy") && RollingPolicy.signals(p.object("previousPolicy")))) {
      problems.add(PATH + "signal", "signal describes resource signals: it needs waitOnResourceSignals: true");
    }
    if (p.has("previousPolicy")) {
      StrategyParams previous = p.object("previousPolicy");
      validatePolicy(previous, PATH + "previousPolicy.", scenario, problems);
      CfnParams.validateSuspendProcesses(previous, PATH + "previousPolicy.", problems);
    }
  }

  /** Rules of one policy's settings ({@code path} ends with a dot). */
  private static void validatePolicy(StrategyParams p, String path, Scenario scenario, Problems problems) {
    boolean signals = RollingPolicy.signals(p);
    if (p.isExplicit("minSuccessfulInstancesPercent") && !signals) {
      problems.add(path + "minSuccessfulInstancesPercent",
          "MinSuccessfulInstancesPercent counts resource signals: it needs waitOnResourceSignals: true");
    }
    if (scenario.fleet() != null && p.has("minInstancesInService")) {
      int min = p.integer("minInstancesInService");
      int maxSize = scenario.fleet().maxSize();
      if (min >= maxSize) {
        problems.add(path + "minInstancesInService", "MinInstancesInService must be less than the group's MaxSize ("
            + "fleet.maxSize " + maxSize + "), got " + min,
            "lower it below " + maxSize + " or raise fleet.maxSize above " + min);
      }
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    RollingPolicy policy = RollingPolicy.of(params);
    RollingPolicy previous = params.has("previousPolicy")
        ? RollingPolicy.of(params.object("previousPolicy"), policy.signal()) : policy;
    return d -> new RollingUpdateRun(d, policy, previous, params.duration("monitoringTime")).start();
  }
}
