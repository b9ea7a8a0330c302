package dev.deploysim.strategies.cloudformation;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.control.Scope;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import java.util.Set;

/** One run of {@link CfnReplacingUpdate}. */
final class ReplacingUpdateRun extends CfnRun {
  private final int minSuccessfulPercent;
  private final double timeout;
  private final int count;
  private final ResourceSignals.Mode signal;
  private AutoScalingGroup old;
  private AutoScalingGroup fresh;

  ReplacingUpdateRun(Deployment d, int minSuccessfulPercent, double timeout, int count, ResourceSignals.Mode signal,
      double monitoringTime) {
    super(d, monitoringTime);
    this.minSuccessfulPercent = minSuccessfulPercent;
    this.timeout = timeout;
    this.count = count;
    this.signal = signal;
  }

  @Override
  protected void run() {
    old = d.environment().group();
    int desired = old.desired();
    int required = Math.max(count, ResourceSignals.required(desired, minSuccessfulPercent));
    required = Math.min(required, Math.max(desired, 1));
    GroupSettings gs = old.settings().withoutWarmPool().withSizes(old.minSize(), old.maxSize(), desired);
    String name = old.name() + "-replacement";
    d.phase("create " + name + " (" + desired + " x " + d.toVersion() + ")", Phase.Kind.DEPLOY);
    d.log("AutoScalingReplacingUpdate: a new group " + name + " with " + desired + " instance(s) of " + d.toVersion()
        + " behind the same target group(s); " + old.name() + " stays until it is created");
    fresh = world.createGroup(name, gs, d.toVersion(), old.targetGroups());
    d.log("CreationPolicy: " + required + " SUCCESS signal(s) needed (Count " + count
        + ", MinSuccessfulInstancesPercent " + minSuccessfulPercent + " of " + desired + ") within Timeout "
        + Durations.format(timeout));
    ResourceSignals.await(d, d.scope(), fresh, Set.of(), desired, required, timeout, signal, "creation of " + name,
            "Timeout")
        .task()
        .whenDone(t -> {
          if (t.succeeded()) {
            d.log(name + " created (CREATE_COMPLETE)");
            updateComplete(this::cleanup);
          } else {
            d.detected("creation policy timeout");
            fail(t.failure());
          }
        });
  }

  /** UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: the old group is deleted. */
  private void cleanup() {
    d.phase("cleanup: delete " + old.name(), Phase.Kind.CLEANUP);
    d.log("cleanup: deleting the old group " + old.name());
    old.delete(d.scope()).whenDone(t -> {
      d.log("stack update complete (UPDATE_COMPLETE)");
      d.succeeded();
    });
  }

  @Override
  protected void rollback(Scope s, String why) {
    d.phase("rollback: delete " + fresh.name(), Phase.Kind.ROLLBACK);
    d.log("rollback: deleting the new group " + fresh.name() + "; " + old.name() + " was never changed");
    fresh.delete(s).whenDone(t -> {
      d.log("stack rolled back (UPDATE_ROLLBACK_COMPLETE)");
      d.rolledBack();
    });
  }

  @Override
  protected void leaveFailed(String why) {
    d.log("both groups stay: " + old.name() + " with " + d.fromVersion() + " and " + fresh.name() + " with "
        + d.toVersion());
    d.failed(why);
  }
}
