package dev.deploysim.strategy;

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

  /**
   * Whether {@code deployment.rollback.onFailure} is meaningful; null means a failed deployment is
   * always reverted or never, whatever the setting (the strategy's documentation says which).
   */
  default Boolean defaultRollbackOnFailure() {
    return null;
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
