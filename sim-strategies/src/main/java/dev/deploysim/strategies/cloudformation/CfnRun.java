package dev.deploysim.strategies.cloudformation;

import dev.deploysim.engine.Durations;
import dev.deploysim.control.Scope;
import dev.deploysim.model.World;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;

/**
 * What a CloudFormation stack update shares, whichever update policy applies: rollback triggers and
 * the stack rollback.
 *
 * <p>Rules (CloudFormation user guide, "Monitor and roll back stack operations"): the stack watches
 * its rollback triggers (up to 5 CloudWatch alarms, {@code deployment.rollback.onAlarms}) during the
 * update and for the monitoring time after it (default 0); an alarm going to ALARM rolls the whole
 * update back; triggers are not watched while the stack rolls back; old resources are removed only
 * after the monitoring time. A failed update rolls the stack back unless rollback is disabled
 * ({@code deployment.rollback.onFailure: false} stands for DisableRollback: the stack stops in
 * UPDATE_FAILED and what was changed stays). A rollback that cannot complete leaves the stack in
 * UPDATE_ROLLBACK_FAILED: the outcome is FAILED.
 */
abstract class CfnRun {
  protected final Deployment d;
  protected final World world;
  private final double monitoringTime;
  private boolean stopping;
  private boolean complete;

  CfnRun(Deployment d, double monitoringTime) {
    this.d = d;
    this.world = d.world();
    this.monitoringTime = monitoringTime;
  }

  final void start() {
    if (!d.rollbackAlarms().isEmpty()) {
      d.log("rollback triggers: " + String.join(", ", d.rollbackAlarms())
          + (monitoringTime > 0 ? ", monitored until " + Durations.format(monitoringTime) + " after the update" : ""));
      d.onAlarm(alarm -> {
        if (!complete) {
          fail("rollback trigger " + alarm + " went to ALARM");
        }
      });
    }
    run();
  }

  /** The update itself. */
  protected abstract void run();

  /** Rolls the stack back in {@code scope} (rollback already recorded); ends the deployment. */
  protected abstract void rollback(Scope scope, String why);

  /** With rollback disabled: leave what the update changed and end FAILED. */
  protected void leaveFailed(String why) {
    d.failed(why);
  }

  /**
   * The update's resources are in place: watch the rollback triggers for the monitoring time, then
   * run {@code cleanup} (which ends the deployment).
   */
  protected final void updateComplete(Runnable cleanup) {
    if (stopping || d.isFinished()) {
      return;
    }
    if (monitoringTime <= 0) {
      complete = true;
      cleanup.run();
      return;
    }
    d.phase("monitor rollback triggers " + Durations.format(monitoringTime), Phase.Kind.WAIT);
    d.sleep(monitoringTime).whenDone(t -> {
      if (!stopping && !d.isFinished()) {
        complete = true;
        cleanup.run();
      }
    });
  }

  /** The update failed: roll the stack back, or with DisableRollback stop where it is. */
  protected final void fail(String why) {
    if (stopping || d.isFinished()) {
      return;
    }
    stopping = true;
    Scope s = d.stop(why);
    if (d.rollbackOnFailure()) {
      d.startRollback(why);
      d.log("stack rollback (UPDATE_ROLLBACK_IN_PROGRESS)");
      rollback(s, why);
    } else {
      d.log("rollback disabled: the stack stays UPDATE_FAILED with what the update changed");
      leaveFailed(why);
    }
  }

  /** The rollback could not complete: UPDATE_ROLLBACK_FAILED. */
  protected final void rollbackFailed(String why) {
    if (!d.isFinished()) {
      d.failed("rollback failed (UPDATE_ROLLBACK_FAILED): " + why);
    }
  }
}
