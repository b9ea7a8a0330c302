package dev.deploysim.strategy;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.Scenario;
import java.util.List;

/**
 * A deployment strategy known to the simulator: its name, documentation, parameters, the scenario
 * rules it imposes, and a factory for one run's {@link Strategy}.
 */
public interface StrategyType {

  /** Kebab-case name, {@code <platform>.<policy>}, e.g. {@code eb.rolling}. */
  String name();

  /** The platform feature it models, e.g. "Elastic Beanstalk RollingWithAdditionalBatch". */
  String models();

  /** One line: what it does. */
  String summary();

  /** Parameters, in the order help lists them. */
  List<ParamSpec> params();

  /** Whether {@code deployment.rollback.onAlarms} can be used (CodeDeploy yes, Elastic Beanstalk no). */
  boolean rollsBackOnAlarms();

  /** Message for a scenario that asks for alarm rollback when {@link #rollsBackOnAlarms} is false. */
  default String alarmRollbackRefusal() {
    return models() + " does not roll back on CloudWatch alarms";
  }

  /** What a failed deployment does, and what {@code deployment.rollback.onFailure} may say about it. */
  enum FailureHandling {
    /** The setting decides; {@link #defaultRollbackOnFailure} when the scenario does not give it. */
    CONFIGURABLE,
    /** The platform always reverts a failed deployment (outcome ROLLED_BACK): the setting may only be true. */
    ALWAYS_REVERTS,
    /** The platform never reverts a failed deployment by itself (outcome FAILED): the setting may only be false. */
    NEVER_REVERTS,
    /** The strategy's own parameters decide (e.g. an autoRollback parameter): the setting is not accepted. */
    NOT_A_SETTING
  }

  /**
   * The default of {@code deployment.rollback.onFailure} for a {@link FailureHandling#CONFIGURABLE}
   * type; null when the setting does not decide (the other handlings).
   */
  default Boolean defaultRollbackOnFailure() {
    return null;
  }

  /**
   * What a failed deployment does. By default CONFIGURABLE when {@link #defaultRollbackOnFailure}
   * gives a default, else NOT_A_SETTING; types whose platform always or never reverts say so.
   */
  default FailureHandling failureHandling() {
    return defaultRollbackOnFailure() != null ? FailureHandling.CONFIGURABLE : FailureHandling.NOT_A_SETTING;
  }

  /**
   * Why a scenario's explicit {@code deployment.rollback.onFailure} value is refused (it contradicts
   * what the platform does, or the type has no such setting), or null when it is accepted. The
   * message says what to write instead.
   */
  default String rollbackOnFailureRefusal(boolean onFailure) {
    switch (failureHandling()) {
      case ALWAYS_REVERTS:
        return onFailure ? null : name() + " always rolls back a failed deployment; remove onFailure or set it to true";
      case NEVER_REVERTS:
        return onFailure ? name() + " never rolls back a failed deployment by itself; remove onFailure or set it to false"
            : null;
      case NOT_A_SETTING:
        return name() + " (" + models() + ") has no rollback-on-failure setting: the platform itself decides what "
            + "happens to a failed deployment (`sim strategies " + name() + "` describes it); remove onFailure";
      default:
        return null;
    }
  }

  /** One line for help: what happens when a deployment fails, and what onFailure may say. */
  default String failureBehaviour() {
    switch (failureHandling()) {
      case ALWAYS_REVERTS:
        return "always rolled back by the platform (onFailure may only be true)";
      case NEVER_REVERTS:
        return "never rolled back by the platform: it stops where it failed (outcome FAILED; onFailure may only be false)";
      case NOT_A_SETTING:
        return "decided by the strategy's own parameters (onFailure is not accepted)";
      default:
        return Boolean.TRUE.equals(defaultRollbackOnFailure())
            ? "rolled back unless onFailure is false (default true)"
            : "rolled back only when onFailure is true (default false)";
    }
  }

  /** Whether this run needs a fleet (false for serverless deployments). */
  default boolean needsFleet(StrategyParams params) {
    return true;
  }

  /** Domain rules beyond the parameter types; report each with its key path. */
  default void validate(StrategyParams params, Scenario scenario, Problems problems) {}

  /** A fresh strategy for one run. */
  Strategy create(StrategyParams params);
}
