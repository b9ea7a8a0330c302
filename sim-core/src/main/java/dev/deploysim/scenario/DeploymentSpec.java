package dev.deploysim.scenario;

import java.util.List;

/**
 * The deployment to simulate.
 *
 * @param at seconds from the start of the run
 * @param version the version to deploy
 * @param strategy the strategy type and its parameters
 * @param rollback rollback settings
 * @param bakeTime seconds a deployment of several fleets waits after a fleet succeeded before the
 *     next one starts (docs/resilience.md#deploying-several-fleets); 0 by default
 * @param bakeAlarms alarms that stop the sequence when they go to ALARM during a bake; null: every alarm
 */
public record DeploymentSpec(double at, String version, StrategySpec strategy, RollbackSpec rollback,
    double bakeTime, List<String> bakeAlarms) {

  public DeploymentSpec {
    bakeAlarms = bakeAlarms == null ? null : List.copyOf(bakeAlarms);
  }

  /** A deployment without a bake time. */
  public DeploymentSpec(double at, String version, StrategySpec strategy, RollbackSpec rollback) {
    this(at, version, strategy, rollback, 0, null);
  }

  /**
   * @param onFailure roll back automatically when the deployment fails; null means the platform's
   *     default for the strategy
   * @param onAlarms alarm names that stop and roll back the deployment when they go to ALARM
   */
  public record RollbackSpec(Boolean onFailure, List<String> onAlarms) {
    public RollbackSpec {
      onAlarms = List.copyOf(onAlarms);
    }

    public static RollbackSpec none() {
      return new RollbackSpec(null, List.of());
    }
  }
}
