package dev.deploysim.strategies.eb;

import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.RollbackPolicy;

/**
 * What every Elastic Beanstalk policy shares: no rollback on CloudWatch alarms (Elastic Beanstalk
 * acts on health checks only), a failure policy fixed by the platform rather than by the scenario
 * (all-at-once, rolling and rolling with an additional batch never revert; immutable and traffic
 * splitting always do; blue/green drops a new environment that fails before the swap, which users
 * never saw, and runs no rollback), and the checks of the shared settings. A scenario's
 * {@code deployment.rollback.onFailure} may state the policy's behaviour but not contradict it.
 */
abstract class EbStrategyType extends DescribedStrategyType {

  EbStrategyType(StrategyDescription description) {
    super(description);
  }

  static final String ALARM_REFUSAL = "Elastic Beanstalk does not roll back on CloudWatch alarms, only on "
      + "health checks; use a codedeploy.* strategy or remove it";

  /**
   * A policy that stops where it failed (FAILED): the refusal of onFailure: true says what a failed
   * deployment leaves ({@code leaves}) and what to do instead.
   */
  static RollbackPolicy stopsWhereItFailed(String failureBehaviour, String deployments, String leaves) {
    return RollbackPolicy.neverReverts(failureBehaviour, "Elastic Beanstalk " + deployments + " do not roll back "
        + "automatically: a failed deployment leaves " + leaves + "; redeploy a known good version, or use "
        + "eb.immutable")
        .withoutAlarmRollback(ALARM_REFUSAL);
  }

  /** A policy that always undoes a failed deployment (ROLLED_BACK). */
  static RollbackPolicy alwaysReverts(String failureBehaviour, String onFailureRefusal) {
    return RollbackPolicy.alwaysReverts(failureBehaviour, onFailureRefusal).withoutAlarmRollback(ALARM_REFUSAL);
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    if (params.isExplicit("healthCheckSuccessThreshold") && !params.bool("enhancedHealth")) {
      problems.add("deployment.strategy.healthCheckSuccessThreshold",
          "the health check success threshold is an enhanced health setting; with enhancedHealth: false only the "
              + "load balancer's health checks count", "remove healthCheckSuccessThreshold or enhancedHealth: false");
    }
    if (scenario.fleet() == null) {
      problems.add("fleet", description().name() + " deploys to an Auto Scaling group: the scenario needs a fleet");
      return;
    }
    double t = params.duration("timeout");
    if (t < 1 || t > 3600) {
      problems.add("deployment.strategy.timeout",
          "the command timeout must be between 1s and 3600s (AWS range), got " + fmtSeconds(t));
    }
  }

  /** Checks a batch size against the fleet: 1-100% or a count from 1 to the fleet's size. */
  static void validateBatchSize(StrategyParams params, Scenario scenario, Problems problems) {
    if (scenario.fleet() == null) {
      return;
    }
    CountOrPercent b = params.countOrPercent("batchSize");
    String path = "deployment.strategy.batchSize";
    int fleet = scenario.fleet().instances();
    if (b.percent()) {
      if (b.value() < 1 || b.value() > 100) {
        problems.add(path, "a percentage batch size must be between 1% and 100%, got " + b);
      }
    } else if (b.value() != Math.rint(b.value()) || b.value() < 1) {
      problems.add(path, "a fixed batch size must be a whole number of instances, at least 1, got " + b);
    } else if (b.value() > fleet) {
      problems.add(path, "batch size " + b + " is larger than the fleet's " + fleet + " instances",
          "use at most " + fleet + ", or a percentage like \"50%\"");
    }
  }

  static String fmtSeconds(double s) {
    return dev.deploysim.engine.Durations.format(s);
  }
}
