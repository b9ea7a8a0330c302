package dev.deploysim.strategies.cloudformation;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.model.World;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.strategies.asg.ZoneOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CloudFormation's AutoScalingRollingUpdate of one group to one version (the update, and the
 * rollback that runs it backwards): the group launches the version from now on, and the instances
 * that do not run it ("obsolete") are replaced batch after batch. In each batch CloudFormation
 * terminates the batch's instances without lowering the desired capacity, so the group launches
 * replacements at the same time, then waits: with WaitOnResourceSignals for enough SUCCESS signals
 * from the new instances within PauseTime (too few fail the update), without it until the
 * replacements are InService and then for PauseTime. The next batch starts when the batch's old
 * instances have drained and terminated.
 *
 * <p>MinInstancesInService caps each batch so that many instances stay in service (batch =
 * min(MaxBatchSize, desired - MinInstancesInService), at least 1), and a batch's old instances are
 * terminated only when at least MinInstancesInService other instances are InService in the group,
 * whatever the signal settings: signals that are not needed (MinSuccessfulInstancesPercent 0) or
 * that arrive before the instances are InService (signal appStarted with a launch hook) end the
 * wait for signals, not the guarantee. When it leaves no instance to
 * take out (MinInstancesInService at least the desired capacity, allowed as long as it is below
 * MaxSize), CloudFormation first raises MinSize and DesiredCapacity to MinInstancesInService +
 * MaxBatchSize (at most MaxSize) so the first batch is launched before anything is terminated; the
 * last batches then terminate without replacement and the group ends at its own size.
 * CloudFormation's UpdatePolicy page
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatepolicy.html)
 * only says the value must be below MaxSize; the temporary raise is how CloudFormation reports it
 * in stack events ("Temporarily setting autoscaling group MinSize and DesiredCapacity").
 */
final class RollingUpdate {
  private final Deployment d;
  private final World world;
  private final Scope scope;
  private final AutoScalingGroup group;
  private final String version;
  private final RollingPolicy policy;
  private final int desired;
  private final int originalMin;
  private final int originalMax;
  private final Phase.Kind kind;
  private final String label;
  private final Task result;
  private final List<AutoScalingGroup.Process> suspended = new ArrayList<>();
  private List<Instance> obsolete = List.of();
  private int newNeeded;
  private int batchNumber;
  private int batches;
  private int batchSize;

  /**
   * @param desired the group's desired capacity in the template (what the group returns to)
   * @param label prefix of phases and log lines ("" or "rollback ")
   */
  RollingUpdate(Deployment d, Scope scope, AutoScalingGroup group, String version, RollingPolicy policy, int desired,
      int originalMin, int originalMax, Phase.Kind kind, String label) {
    this.d = d;
    this.world = d.world();
    this.scope = scope;
    this.group = group;
    this.version = version;
    this.policy = policy;
    this.desired = desired;
    this.originalMin = originalMin;
    this.originalMax = originalMax;
    this.kind = kind;
    this.label = label;
    this.result = new Task(scope);
  }

  Task run() {
    group.setLaunchVersion(version);
    suspended.addAll(CfnParams.suspend(group, policy.suspendProcesses()));
    List<Instance> old = new ArrayList<>();
    for (Instance i : group.instances()) {
      if (i.state().countsTowardDesired() && !version.equals(i.effectiveVersion())) {
        old.add(i);
      }
    }
    obsolete = new ArrayList<>(ZoneOrder.spread(old));
    if (obsolete.isEmpty()) {
      d.log(label + "rolling update: every instance already runs " + version);
      finish();
      return result;
    }
    int capacity = policy.updateCapacity(desired, group.maxSize());
    batchSize = policy.batchSize(desired, group.maxSize());
    newNeeded = desired;
    batches = (obsolete.size() + batchSize - 1) / batchSize + (capacity > desired ? 1 : 0);
    d.log(label + "rolling update initiated: terminating " + obsolete.size() + " obsolete instance(s) in batches of "
        + batchSize + ", keeping at least " + policy.minInstancesInService() + " in service; " + policy.describe());
    if (capacity > desired) {
      int extra = capacity - desired;
      String name = label + "batch " + (++batchNumber) + " of " + batches;
      d.log(name + ": MinInstancesInService " + policy.minInstancesInService() + " leaves no instance to take out of "
          + "service; temporarily setting MinSize and DesiredCapacity to " + capacity);
      d.phase(name + ": launch " + extra + " new instance(s)", kind);
      Set<Instance> before = new HashSet<>(group.members());
      group.updateSizes(capacity, Math.max(group.maxSize(), capacity), capacity);
      newNeeded -= extra;
      waitBatch(name, before, List.of(), extra).whenDone(t -> afterBatch(t));
    } else {
      nextBatch();
    }
    return result;
  }

  /** Resumes the processes this update suspended (also after a stop). */
  void resumeProcesses() {
    for (AutoScalingGroup.Process p : suspended) {
      if (!group.isDeleted()) {
        group.resume(p);
      }
    }
    suspended.clear();
  }

  private void afterBatch(Task t) {
    if (result.isDone()) {
      return;
    }
    if (t.isFailed()) {
      result.fail(t.failure());
    } else {
      nextBatch();
    }
  }

  private void nextBatch() {
    obsolete.removeIf(i -> i.isTerminated() || i.state().isTerminating() || i.group() != group);
    if (obsolete.isEmpty()) {
      finish();
      return;
    }
    List<Instance> batch = List.copyOf(obsolete.subList(0, Math.min(batchSize, obsolete.size())));
    obsolete.removeAll(batch);
    String name = label + "batch " + (++batchNumber) + " of " + Math.max(batches, batchNumber);
    d.phase(name + ": replace " + ZoneOrder.names(batch), kind);
    // MinInstancesInService holds whatever the signal settings: a batch whose signals are not needed
    // (MinSuccessfulInstancesPercent 0) or came before its instances were InService still waits
    // until taking this batch out leaves MinInstancesInService instances InService in the group
    int min = policy.minInstancesInService();
    Task room = world.until(scope, () -> inServiceOutside(batch) >= min, null, Double.POSITIVE_INFINITY,
        name + ": " + min + " instances InService besides the batch (MinInstancesInService)");
    if (!room.isDone()) {
      d.log(name + ": waiting until " + min + " instance(s) besides " + ZoneOrder.names(batch)
          + " are InService (MinInstancesInService " + min + "; " + inServiceOutside(batch) + " now)");
    }
    room.whenDone(t -> {
      if (t.succeeded() && !result.isDone()) {
        replace(name, batch);
      }
    });
  }

  /** Instances InService in the group that are not in {@code batch}. */
  private int inServiceOutside(List<Instance> batch) {
    int n = 0;
    for (Instance i : group.inService()) {
      if (!batch.contains(i)) {
        n++;
      }
    }
    return n;
  }

  /** Terminates a batch's old instances (the group launches their replacements) and waits for the batch. */
  private void replace(String name, List<Instance> batch) {
    int replacements = Math.min(batch.size(), Math.max(0, newNeeded));
    newNeeded -= replacements;
    d.log(name + ": terminating " + ZoneOrder.names(batch) + "; replacing with " + replacements + " new instance(s)");
    Set<Instance> before = new HashSet<>(group.members());
    List<Task> terminations = new ArrayList<>();
    for (int k = 0; k < batch.size(); k++) {
      terminations.add(group.terminate(scope, batch.get(k), k >= replacements));
    }
    waitBatch(name, before, terminations, replacements).whenDone(this::afterBatch);
  }

  /** Waits for a batch: its old instances gone and its new ones signalled (or InService, then PauseTime). */
  private Task waitBatch(String name, Set<Instance> before, List<Task> terminations, int launched) {
    Task gone = Task.all(scope, terminations);
    Task fresh;
    if (policy.waitOnResourceSignals()) {
      fresh = ResourceSignals.await(d, scope, group, before, launched,
          ResourceSignals.required(launched, policy.minSuccessfulInstancesPercent()), policy.pauseTime(),
          policy.signal(), name, "PauseTime").task();
    } else {
      fresh = world.until(scope, () -> group.inService().size() >= group.desired(), null, Double.POSITIVE_INFINITY,
              name + " instances InService")
          .then(() -> {
            if (policy.pauseTime() <= 0) {
              return scope.done();
            }
            d.phase(name + ": PauseTime " + Durations.format(policy.pauseTime()), Phase.Kind.WAIT);
            return scope.sleep(policy.pauseTime());
          });
    }
    return Task.all(scope, List.of(gone, fresh));
  }

  private void finish() {
    if (!group.isDeleted() && (group.minSize() != originalMin || group.maxSize() != originalMax)
        && group.desired() >= originalMin && group.desired() <= originalMax) {
      group.updateSizes(originalMin, originalMax, group.desired());
    }
    resumeProcesses();
    result.succeed();
  }
}
