package dev.deploysim.strategy;

import dev.deploysim.format.StrategyParams;

/**
 * What a strategy's platform does when a deployment goes wrong, as one value: what a failed
 * deployment does and what {@code deployment.rollback.onFailure} may say about it, and whether
 * {@code deployment.rollback.onAlarms} can stop it. Make one with a factory and the {@code with...}
 * methods:
 *
 * <pre>{@code
 * RollbackPolicy.configurable(true)                       // CodeDeploy: rolls back unless onFailure: false
 * RollbackPolicy.neverReverts(                            // Elastic Beanstalk Rolling
 *         "the deployment stops: finished batches keep the new version ...",
 *         "Elastic Beanstalk rolling deployments do not roll back automatically ...")
 *     .withoutAlarmRollback("Elastic Beanstalk does not roll back on CloudWatch alarms ...")
 * }</pre>
 *
 * <p>Texts left null take a standard wording built from the type's name (see {@link
 * StrategyDescription#failureBehaviour} and the refusals there).
 *
 * @param handling what a failed deployment does
 * @param rollbackByDefault for {@link FailureHandling#CONFIGURABLE}: whether a failed deployment rolls
 *     back when the scenario does not set {@code onFailure}; otherwise what the handling implies
 *     (true only for {@link FailureHandling#ALWAYS_REVERTS})
 * @param rollbackParameter for {@link FailureHandling#NOT_A_SETTING}: the type's boolean parameter
 *     that decides whether a failed deployment rolls back (e.g. {@code autoRollback}); null otherwise
 * @param failureBehaviour one line for help: what happens when a deployment fails; null: standard
 * @param onFailureRefusal the error for an {@code onFailure} value the platform contradicts (for
 *     {@link FailureHandling#NOT_A_SETTING}, any value; {@code {onFailure}} in it stands for the
 *     value written); null: standard; unused for CONFIGURABLE
 * @param rollsBackOnAlarms whether {@code deployment.rollback.onAlarms} can be used
 * @param alarmRefusal the error for {@code onAlarms} when it cannot; null: standard
 */
public record RollbackPolicy(
    FailureHandling handling,
    boolean rollbackByDefault,
    String rollbackParameter,
    String failureBehaviour,
    String onFailureRefusal,
    boolean rollsBackOnAlarms,
    String alarmRefusal) {

  /** What a failed deployment does, and what {@code deployment.rollback.onFailure} may say about it. */
  public enum FailureHandling {
    /** The setting decides; {@link #rollbackByDefault} when the scenario does not give it. */
    CONFIGURABLE,
    /** The platform always reverts a failed deployment (outcome ROLLED_BACK): the setting may only be true. */
    ALWAYS_REVERTS,
    /** The platform never reverts a failed deployment by itself (outcome FAILED): the setting may only be false. */
    NEVER_REVERTS,
    /** A parameter of the strategy decides (e.g. autoRollback): the setting is not accepted. */
    NOT_A_SETTING
  }

  public RollbackPolicy {
    if (handling == null) {
      throw new IllegalArgumentException("handling is required");
    }
    if (handling != FailureHandling.CONFIGURABLE && rollbackByDefault != (handling == FailureHandling.ALWAYS_REVERTS)) {
      throw new IllegalArgumentException(handling + " fixes what a failed deployment does: rollbackByDefault "
          + "must be " + (handling == FailureHandling.ALWAYS_REVERTS));
    }
    if ((handling == FailureHandling.NOT_A_SETTING) != (rollbackParameter != null)) {
      throw new IllegalArgumentException("the parameter that decides a rollback goes with NOT_A_SETTING, and only there");
    }
    if (rollsBackOnAlarms && alarmRefusal != null) {
      throw new IllegalArgumentException("an alarm refusal for a type that rolls back on alarms");
    }
  }

  /** {@code onFailure} decides, {@code byDefault} when the scenario does not say; alarms can stop it. */
  public static RollbackPolicy configurable(boolean byDefault) {
    return new RollbackPolicy(FailureHandling.CONFIGURABLE, byDefault, null, null, null, true, null);
  }

  /** The platform always reverts a failed deployment; alarms can stop it. Null texts: standard. */
  public static RollbackPolicy alwaysReverts(String failureBehaviour, String onFailureRefusal) {
    return new RollbackPolicy(FailureHandling.ALWAYS_REVERTS, true, null, failureBehaviour, onFailureRefusal, true,
        null);
  }

  /** The platform never reverts a failed deployment by itself; alarms can stop it. Null texts: standard. */
  public static RollbackPolicy neverReverts(String failureBehaviour, String onFailureRefusal) {
    return new RollbackPolicy(FailureHandling.NEVER_REVERTS, false, null, failureBehaviour, onFailureRefusal, true,
        null);
  }

  /**
   * The type's boolean {@code parameter} decides whether a failed deployment rolls back; {@code
   * onFailure} is refused; alarms can stop it. Null texts: standard.
   */
  public static RollbackPolicy decidedByParameter(String parameter, String failureBehaviour, String onFailureRefusal) {
    return new RollbackPolicy(FailureHandling.NOT_A_SETTING, false, parameter, failureBehaviour, onFailureRefusal,
        true, null);
  }

  /** This policy with its own help line for what a failed deployment does. */
  public RollbackPolicy withFailureBehaviour(String text) {
    return new RollbackPolicy(handling, rollbackByDefault, rollbackParameter, text, onFailureRefusal,
        rollsBackOnAlarms, alarmRefusal);
  }

  /** This policy for a platform that does not stop on CloudWatch alarms; {@code refusal} null: standard. */
  public RollbackPolicy withoutAlarmRollback(String refusal) {
    return new RollbackPolicy(handling, rollbackByDefault, rollbackParameter, failureBehaviour, onFailureRefusal,
        false, refusal);
  }

  /**
   * Whether a failed deployment rolls back, given the scenario's {@code onFailure} (null when it does
   * not set it; a refused value never gets this far) and the strategy's parameters.
   */
  public boolean rollsBack(Boolean onFailure, StrategyParams params) {
    return switch (handling) {
      case ALWAYS_REVERTS -> true;
      case NEVER_REVERTS -> false;
      case NOT_A_SETTING -> params.bool(rollbackParameter);
      case CONFIGURABLE -> onFailure != null ? onFailure : rollbackByDefault;
    };
  }
}
