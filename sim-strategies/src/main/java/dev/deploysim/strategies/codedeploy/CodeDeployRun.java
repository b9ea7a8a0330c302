package dev.deploysim.strategies.codedeploy;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.Alarms;
import dev.deploysim.control.Scope;
import dev.deploysim.model.World;
import dev.deploysim.strategy.Deployment;
import java.util.List;

/**
 * What every CodeDeploy deployment shares: alarm monitoring and the automatic rollback.
 *
 * <p>Rules (CodeDeploy user guide and API AutoRollbackConfiguration): when one of the deployment's
 * CloudWatch alarms (up to 10) goes to ALARM the deployment stops; with alarms configured for
 * rollback (DEPLOYMENT_STOP_ON_ALARM) a rollback follows. A deployment that fails rolls back when
 * rollback on failure (DEPLOYMENT_FAILURE) is on, and otherwise ends FAILED with the instances it
 * already updated left as they are. A rollback is a new deployment of the last good revision.
 */
abstract class CodeDeployRun {
  protected final Deployment d;
  protected final World world;
  private final double alarmPollInterval;
  private boolean stopping;

  CodeDeployRun(Deployment d, double alarmPollInterval) {
    this.d = d;
    this.world = d.world();
    this.alarmPollInterval = alarmPollInterval;
  }

  final void start() {
    for (String n : d.rollbackAlarms()) {
      if (world.alarms().state(n) == Alarms.State.ALARM) {
        // an alarm already in ALARM stops the deployment before it changes anything
        String why = world.alarms().describe(n) + ", before the deployment started";
        d.detected("alarm " + n);
        stopping = true;
        d.stop(why);
        d.startRollback(why);
        d.log("nothing was deployed yet: nothing to undo");
        d.rolledBack();
        return;
      }
    }
    watchAlarms();
    run();
  }

  /** The deployment itself. */
  protected abstract void run();

  /**
   * Undoes the deployment in {@code scope} (rollback already recorded); ends with {@link
   * Deployment#rolledBack()} or {@link Deployment#failed(String)}.
   */
  protected abstract void rollback(Scope scope, String why);

  /** Whether an alarm may still stop the deployment (false once it stops or finishes). */
  protected boolean acceptsAlarms() {
    return !stopping && !d.isFinished();
  }

  private void watchAlarms() {
    List<String> names = d.rollbackAlarms();
    if (names.isEmpty()) {
      return;
    }
    d.log("monitoring alarms " + String.join(", ", names)
        + (alarmPollInterval > 0 ? " every " + Durations.format(alarmPollInterval) : ""));
    if (alarmPollInterval <= 0) {
      d.onAlarm(this::onAlarm);
      return;
    }
    Runnable[] poll = new Runnable[1];
    poll[0] = () -> {
      if (!acceptsAlarms()) {
        return;
      }
      for (String n : names) {
        if (world.alarms().state(n) == Alarms.State.ALARM) {
          d.detected("alarm " + n);
          onAlarm(n);
          return;
        }
      }
      world.sim().after(alarmPollInterval, poll[0]::run);
    };
    world.sim().after(0, poll[0]::run);
  }

  /** An alarm of the deployment went to ALARM: stop, then roll back. */
  protected final void onAlarm(String alarm) {
    if (!acceptsAlarms()) {
      return;
    }
    stopping = true;
    String why = world.alarms().describe(alarm);
    Scope s = d.stop(why);
    d.startRollback(why);
    rollback(s, why);
  }

  /** The deployment failed: roll back if configured, else end FAILED. */
  protected final void fail(String why) {
    if (stopping || d.isFinished()) {
      return;
    }
    stopping = true;
    if (d.rollbackOnFailure()) {
      Scope s = d.stop(why);
      d.startRollback(why);
      rollback(s, why);
    } else {
      d.failed(why);
    }
  }

  /** The rollback could not complete. */
  protected final void rollbackFailed(String why) {
    if (!d.isFinished()) {
      d.failed("rollback failed: " + why);
    }
  }
}
