package dev.deploysim.strategies.cloudformation;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.control.Scope;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;

/** One run of {@link CfnRollingUpdate}. */
final class RollingUpdateRun extends CfnRun {
  private final RollingPolicy policy;
  private final RollingPolicy previous;
  private AutoScalingGroup group;
  private RollingUpdate main;
  private int desired;
  private int originalMin;
  private int originalMax;

  /** @param previous the previous template's UpdatePolicy: the rollback's */
  RollingUpdateRun(Deployment d, RollingPolicy policy, RollingPolicy previous, double monitoringTime) {
    super(d, monitoringTime);
    this.policy = policy;
    this.previous = previous;
  }

  @Override
  protected void run() {
    group = d.environment().group();
    desired = group.desired();
    originalMin = group.minSize();
    originalMax = group.maxSize();
    main = new RollingUpdate(d, d.scope(), group, d.toVersion(), policy, desired, originalMin, originalMax,
        Phase.Kind.DEPLOY, "");
    main.run().whenDone(t -> {
      if (t.succeeded()) {
        updateComplete(() -> {
          d.log("stack update complete (UPDATE_COMPLETE)");
          d.succeeded();
        });
      } else {
        d.detected("resource signals");
        fail(t.failure());
      }
    });
  }

  @Override
  protected void rollback(Scope s, String why) {
    main.resumeProcesses();
    group.setLaunchVersion(d.fromVersion());
    restoreSizes();
    d.log("the rollback is a rolling update back to " + d.fromVersion() + " with the previous template's UpdatePolicy"
        + (previous == policy ? " (the same settings here)" : ": " + previous.describe()));
    new RollingUpdate(d, s, group, d.fromVersion(), previous, desired, originalMin, originalMax, Phase.Kind.ROLLBACK,
        "rollback ")
        .run()
        .whenDone(t -> {
          if (d.isFinished()) {
            return;
          }
          if (t.succeeded()) {
            d.log("stack rolled back (UPDATE_ROLLBACK_COMPLETE)");
            d.rolledBack();
          } else {
            rollbackFailed(t.failure());
          }
        });
  }

  @Override
  protected void leaveFailed(String why) {
    main.resumeProcesses();
    restoreSizes();
    d.log("instances replaced so far keep " + d.toVersion() + ", the others " + d.fromVersion()
        + "; the group launches " + group.launchVersion());
    d.failed(why);
  }

  /** A raised capacity (MinInstancesInService) goes back to the template's sizes. */
  private void restoreSizes() {
    if (group.desired() != desired || group.minSize() != originalMin || group.maxSize() != originalMax) {
      group.updateSizes(originalMin, Math.max(originalMax, desired), desired);
    }
  }
}
