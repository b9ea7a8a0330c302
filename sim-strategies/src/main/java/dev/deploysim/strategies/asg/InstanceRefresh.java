package dev.deploysim.strategies.asg;

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
 * EC2 Auto Scaling instance refresh (StartInstanceRefresh with a desired configuration that
 * launches the new version): the group's instances are replaced set after set, as many at a time
 * as the minimum and maximum healthy percentages allow, each set waiting for its new instances to
 * pass the group's health checks and finish their warmup; see {@link Replacement} for the rules and
 * {@link RefreshPreferences} for the arithmetic.
 *
 * <p>Failure: when one of {@code deployment.rollback.onAlarms} goes to ALARM (AlarmSpecification)
 * or progress is blocked for an hour, the refresh fails. With AutoRollback the instances replaced so
 * far are replaced again with the previous version, with the same percentages and warmup
 * (ROLLED_BACK); without it they keep the new version and the rest the old one (FAILED), and the
 * group goes on launching the old version, because a desired configuration is saved to the group
 * only when the refresh succeeds. {@code deployment.rollback.onFailure} does not apply: AutoRollback
 * is the instance refresh's own setting ({@code autoRollback}).
 *
 * <p>Scale-in protected and Standby instances follow ScaleInProtectedInstances and StandbyInstances
 * (Refresh or Terminate, Ignore, Wait); instances left alone keep the old version, and a refresh
 * that succeeds with some says so in its outcome reason.
 *
 * <p>Not modelled: the 14-day limit on a refresh, a rerun after a failure.
 */
public final class InstanceRefresh extends DescribedStrategyType {
  static final String PATH = "deployment.strategy.";
  /** Largest CheckpointDelay and BakeTime AWS accepts (172800 s). */
  static final double MAX_DELAY = 172800;

  public InstanceRefresh() {
    super(new StrategyDescription("asg.instance-refresh",
        "EC2 Auto Scaling instance refresh",
        "replace the group's instances set after set (terminate and launch, or launch before terminating above 100% "
            + "maximum healthy), each set waiting for health checks and warmup; alarms fail it, AutoRollback undoes it",
        List.of(
            ParamSpec.optional("minHealthyPercentage", new ParamType.IntegerType(0, 100), 90, "MinHealthyPercentage",
                "share of the desired capacity that stays in service and healthy, rounded up to whole instances (90% "
                    + "of 10 keeps 9: one instance at a time; 100% replaces one at a time; 0% all at once)"),
            ParamSpec.optional("maxHealthyPercentage", new ParamType.IntegerType(100, 200), 100, "MaxHealthyPercentage",
                "share of the desired capacity that may be in service or pending (100-200, at most 100 above the "
                    + "minimum); above 100 new instances launch before old ones terminate (we round down but allow at "
                    + "least one extra instance, and let the group exceed its MaxSize meanwhile: AWS does not say)"),
            ParamSpec.optional("instanceWarmup", new ParamType.DurationType(0, Double.POSITIVE_INFINITY, false), null,
                "InstanceWarmup",
                "time after a new instance enters InService before it counts as ready; default: the fleet's "
                    + "defaultInstanceWarmup, else its healthCheckGracePeriod. Ready also means passing "
                    + "the group's health checks: with fleet.healthCheckType EC2 only status checks, so a version that "
                    + "fails its load balancer check is rolled out; ELB adds the load balancer's"),
            ParamSpec.optional("checkpoints", new ParamType.ListType(new ParamType.IntegerType(1, 100), 1, 100), null,
                "CheckpointPercentages",
                "ascending percentages of replaced instances at which the refresh pauses for checkpointDelay; several "
                    + "reached at once pause once; the last one ends the refresh (below 100: a partial refresh, "
                    + "Successful as AWS reports it, with outcomeReason saying both versions remain)"),
            ParamSpec.optional("checkpointDelay", new ParamType.DurationType(0, MAX_DELAY, false), 3600.0,
                "CheckpointDelay", "pause at each checkpoint but the last (0 to 48h); needs checkpoints"),
            ParamSpec.optional("autoRollback", new ParamType.BooleanType(), false, "AutoRollback",
                "when the refresh fails (an alarm, or blocked for 1 hour), replace the instances replaced so far with "
                    + "the previous version"),
            ParamSpec.optional("skipMatching", new ParamType.BooleanType(), false, "SkipMatching",
                "leave instances that already run the new version alone (the API default is false; the console's "
                    + "true); every scenario starts on the initial version, so it changes nothing here"),
            ParamSpec.optional("bakeTime", new ParamType.DurationType(0, MAX_DELAY, false), 0.0, "BakeTime",
                "wait after the last replacement before the refresh is complete (0 to 48h); alarms still fail it then"),
            ParamSpec.optional("scaleInProtectedInstances", new ParamType.EnumType(RefreshPreferences.ProtectedInstances.awsNames()),
                "Wait", "ScaleInProtectedInstances",
                "instances protected from scale in (fleet.protectedFromScaleIn): Refresh replaces them too, Ignore "
                    + "leaves them on the old version, Wait (the API default; the console's is Ignore) replaces the "
                    + "others first, then waits up to 1 hour for the protection to go (fleet.protectedFromScaleIn's until) "
                    + "and replaces them, else fails the refresh"),
            ParamSpec.optional("standbyInstances", new ParamType.EnumType(RefreshPreferences.StandbyInstances.awsNames()),
                "Wait", "StandbyInstances",
                "instances in Standby (fleet.standby): Terminate terminates them when the refresh starts, Ignore "
                    + "leaves them on the old version, Wait (the API default; the console's is Ignore) replaces the "
                    + "others first, then waits up to 1 hour for them to return to service (fleet.standby's until) and "
                    + "replaces them, else fails the refresh")),
        RollbackPolicy.decidedByParameter("autoRollback",
            "with autoRollback: true the instances replaced so far are replaced again with the old version "
                + "(ROLLED_BACK); without it they keep the new version, the rest the old one (FAILED); "
                + "deployment.rollback.onFailure is not accepted",
            "an instance refresh rolls back through its own AutoRollback preference: remove onFailure and set "
                + "deployment.strategy.autoRollback: {onFailure}")));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    if (scenario.fleet() == null) {
      problems.add("fleet", description().name() + " refreshes an Auto Scaling group: the scenario needs a fleet");
    }
    int min = params.integer("minHealthyPercentage");
    int max = params.integer("maxHealthyPercentage");
    if (max - min > 100) {
      String key = params.isExplicit("maxHealthyPercentage") ? "maxHealthyPercentage" : "minHealthyPercentage";
      problems.add(PATH + key, "maxHealthyPercentage minus minHealthyPercentage may be at most 100, got " + max
          + " - " + min + " = " + (max - min), "raise minHealthyPercentage to at least " + (max - 100));
    }
    if (params.has("checkpoints")) {
      List<Integer> cps = params.listOf("checkpoints", Integer.class);
      for (int k = 1; k < cps.size(); k++) {
        int prev = cps.get(k - 1);
        int cur = cps.get(k);
        if (cur <= prev) {
          problems.add(PATH + "checkpoints[" + k + "]", "checkpoint percentages must be ascending, each once: " + cur
              + " comes after " + prev);
        }
      }
    } else if (params.isExplicit("checkpointDelay")) {
      problems.add(PATH + "checkpointDelay", "checkpointDelay needs checkpoints (CheckpointPercentages)",
          "add checkpoints: [20, 100] or remove checkpointDelay");
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    return d -> new RefreshRun(d, RefreshPreferences.of(params, d.scenario().fleet())).start();
  }

}
