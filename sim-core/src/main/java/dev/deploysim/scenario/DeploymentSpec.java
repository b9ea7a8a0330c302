package dev.deploysim.scenario;

import java.util.List;

/**
 * The deployment to simulate.
 *
 * @param at seconds from the start of the run
 * @param version the version to deploy
 * @param strategy the strategy type and its parameters
 * @param rollback rollback settings
 */
public record DeploymentSpec(double at, String version, StrategySpec strategy, RollbackSpec rollback) {

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
