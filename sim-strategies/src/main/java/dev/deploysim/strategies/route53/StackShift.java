package dev.deploysim.strategies.route53;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.TargetState;
import dev.deploysim.control.Task;
import dev.deploysim.model.World;
import dev.deploysim.model.WorldListener;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import java.util.List;

/**
 * One run of a pipeline that shifts traffic between two stacks by weights (route53.weighted,
 * alb.weighted-target-groups). Neither is a managed AWS deployment: a pipeline (or a person)
 * drives the API calls, so the steps, the watching and the rollback are the pipeline's:
 *
 * <ol>
 *   <li>launch the new stack (an Auto Scaling group with the new version) and wait until all its
 *       instances are InService and healthy in their target group, at most {@code timeout};
 *   <li>for each step, set the weights and hold; during the steps and the wait that follows, a
 *       target of the new stack that turns unhealthy fails the deployment, and so does an alarm of
 *       deployment.rollback.onAlarms going to ALARM;
 *   <li>after {@code terminateOldAfter}, remove the old stack.
 * </ol>
 *
 * <p>A failure (with rollback on failure, the default) or an alarm rolls back: all traffic goes to
 * the old stack and the new one is removed. How long that takes depends on the routing: at once
 * for listener weights, as DNS caches expire for Route 53 weights. Once the old stack is being
 * removed there is nothing to roll back to, and the pipeline no longer reacts.
 */
public abstract class StackShift {
  /** The {@code timeout} parameter: a pipeline's own limit on the wait for the new stack (an assumption). */
  public static ParamSpec timeoutParam() {
    return ParamSpec.optional("timeout", new ParamType.DurationType(1, 6 * 3600.0, false), 600.0, null,
        "how long the pipeline waits for the new stack's instances to be InService and healthy before it gives "
            + "up (an assumption: no AWS service sets it; 1s to 6h)");
  }

  /** The alarm behaviour in words, for the types' documentation. */
  public static final String ALARMS_NOTE = "alarms in deployment.rollback.onAlarms are watched by the pipeline "
      + "(not a managed AWS feature): one going to ALARM rolls back";

  protected final Deployment d;
  protected final World world;
  protected final List<ShiftSteps.Step> steps;
  protected final double timeout;
  protected final double terminateOldAfter;
  private WorldListener healthWatch;
  private boolean stopping;
  private boolean removingOld;
  private boolean shifted;

  protected StackShift(Deployment d, List<ShiftSteps.Step> steps, double timeout, double terminateOldAfter) {
    this.d = d;
    this.world = d.world();
    this.steps = List.copyOf(steps);
    this.timeout = timeout;
    this.terminateOldAfter = terminateOldAfter;
  }

  // --- what a routing layer provides -----------------------------------------------------------

  /** Creates the new stack (its group launches {@code n} instances of the new version). */
  protected abstract void createNewStack(int n);

  protected abstract AutoScalingGroup newGroup();

  protected abstract TargetGroup newTargetGroup();

  /** The old stack's group (the scenario's fleet). */
  protected abstract AutoScalingGroup oldGroup();

  /** Sends {@code percent} of the traffic to the new stack, the rest to the old one. */
  protected abstract void route(int percent);

  /** Sets a step's routing: by default its percentage (a routing that takes raw weights overrides it). */
  protected void route(ShiftSteps.Step step) {
    route(step.percent());
  }

  /** Waits for further stacks the routing has besides the new one (none by default). */
  protected Task awaitFurtherStacks(Scope scope, double timeout) {
    return scope.done();
  }

  /** Target groups whose targets must stay healthy during the shift: the new stack's by default. */
  protected List<TargetGroup> watchedTargetGroups() {
    return List.of(newTargetGroup());
  }

  /**
   * Whether the pipeline fails the deployment when a target of the new stack turns unhealthy (by
   * default). False where the routing takes an unhealthy stack out of the answer by itself (Route 53
   * health checks on the records).
   */
  protected boolean pipelineWatchesTargets() {
    return true;
  }

  /**
   * Why the new stack cannot take over at the end of the shift, or null when it can (by default it
   * always can): checked before the old stack is removed or the deployment succeeds.
   */
  protected String newStackFailing() {
    return null;
  }

  /** The phase of a step, named after what it does: "5% to v2 for 5m" by default. */
  protected String stepPhase(ShiftSteps.Step step) {
    return step.percent() + "% to " + d.toVersion() + weightsNote(step)
        + (step.hold() > 0 ? " for " + Durations.format(step.hold()) : "");
  }

  /** What a step did, for the log: "5% of the traffic to the new stack, held for 5m" by default. */
  protected String stepDone(ShiftSteps.Step step) {
    return step.percent() + "% of the traffic to the new stack" + weightsNote(step)
        + (step.hold() > 0 ? ", held for " + Durations.format(step.hold()) : "");
  }

  /** The steps in words, for the log when the new stack launches. */
  protected String stepsPlan() {
    return ShiftSteps.describe(steps);
  }

  private static String weightsNote(ShiftSteps.Step step) {
    return step.weights() == null ? "" : " (weights " + ShiftSteps.weightsText(step.weights()) + ")";
  }

  /** Why a weight change takes effect for clients when it does (for the log). */
  protected abstract String routingNote();

  /** Completes when the traffic has come back to the old stack after {@code route(0)}. */
  protected abstract Task trafficBack(Scope scope);

  /** Removes the old stack after a successful shift; completes when it is gone. */
  protected abstract Task removeOldStack(Scope scope);

  /** Removes the new stack after a rollback (the rollback has finished when this is called). */
  protected abstract void removeNewStack(Scope scope);

  // --- the run ---------------------------------------------------------------------------------

  public final void start() {
    d.onAlarm(alarm -> stop(d.world().alarms().describe(alarm), true));
    int n = oldGroup().desired();
    d.phase("launch the new stack (" + n + " instances)", Phase.Kind.DEPLOY);
    createNewStack(n);
    Scope s = d.scope();
    double deadline = d.now() + timeout;
    d.log("the new stack launches " + n + " instances with " + d.toVersion() + "; they must be InService and "
        + "healthy within " + Durations.format(timeout) + "; then " + stepsPlan());
    newGroup().awaitInService(s, n, timeout)
        .then(() -> newTargetGroup().awaitHealthy(s, newGroup().inService(), Math.max(0, deadline - d.now())))
        .then(() -> awaitFurtherStacks(s, Math.max(0, deadline - d.now())))
        .whenDone(t -> {
          if (t.succeeded()) {
            shift(s);
          } else {
            boolean unhealthy = anyUnhealthy();
            d.detected(unhealthy ? "health checks" : "timeout");
            stop("the new stack was not healthy within " + Durations.format(timeout) + ": " + t.failure(), false);
          }
        });
  }

  private void shift(Scope s) {
    watchNewStack();
    Task.forEach(s, steps, step -> {
      shifted = true;
      d.phase(stepPhase(step), Phase.Kind.SHIFT);
      route(step);
      d.log(stepDone(step) + "; " + routingNote());
      return step.hold() > 0 ? s.sleep(step.hold()) : s.done();
    }).then(() -> {
      if (terminateOldAfter > 0 && terminateOldAfter < Double.POSITIVE_INFINITY) {
        d.phase("keep the old stack for " + Durations.format(terminateOldAfter), Phase.Kind.WAIT);
        oldStackNote();
      }
      if (terminateOldAfter == Double.POSITIVE_INFINITY) {
        return s.done();
      }
      return s.sleep(terminateOldAfter);
    }).whenDone(t -> {
      if (!t.succeeded()) {
        return;
      }
      String failing = newStackFailing();
      if (failing != null) {
        d.detected("the pipeline's last check");
        stop(failing, false);
        return;
      }
      if (terminateOldAfter == Double.POSITIVE_INFINITY) {
        unwatch();
        d.log("the old stack is kept (terminateOldAfter: never)");
        d.succeeded();
        return;
      }
      removingOld = true;
      unwatch();
      d.phase("remove the old stack", Phase.Kind.CLEANUP);
      removeOldStack(s).whenDone(x -> d.succeeded());
    });
  }

  /** A note logged when the wait before removing the old stack starts. */
  protected void oldStackNote() {}

  /** A target of the new stack that turns unhealthy during the shift fails the deployment. */
  private void watchNewStack() {
    if (!pipelineWatchesTargets()) {
      d.log("the pipeline does not watch the new stack's targets: Route 53 takes a stack whose record turns "
          + "unhealthy out of the answer; the old stack is removed only if the new stack's record is healthy then");
      return;
    }
    List<TargetGroup> watched = watchedTargetGroups();
    healthWatch = new WorldListener() {
      @Override
      public void targetHealthChanged(TargetGroup g, Instance i, TargetState state) {
        if (watched.contains(g) && state == TargetState.UNHEALTHY && !stopping && !removingOld && !d.isFinished()) {
          d.detected("health checks");
          stop(i.name() + (g == newTargetGroup() ? " of the new stack" : " in " + g.name())
              + " failed its health checks", false);
        }
      }
    };
    world.addListener(healthWatch);
  }

  private void unwatch() {
    if (healthWatch != null) {
      world.removeListener(healthWatch);
      healthWatch = null;
    }
  }

  private boolean anyUnhealthy() {
    for (Instance i : newGroup().instances()) {
      if (newTargetGroup().state(i) == TargetState.UNHEALTHY) {
        return true;
      }
    }
    return false;
  }

  /** Stops the deployment; rolls back on an alarm, or on a failure when rollback on failure is on. */
  private void stop(String why, boolean alarm) {
    if (stopping || removingOld || d.isFinished()) {
      return;
    }
    stopping = true;
    unwatch();
    if (!alarm && !d.rollbackOnFailure()) {
      d.stop(why);
      d.log("rollback on failure is off: the weights and both stacks stay as they are");
      d.failed(why);
      return;
    }
    Scope s = d.stop(why);
    d.startRollback(why);
    d.phase("rollback: all traffic to the old stack", Phase.Kind.ROLLBACK);
    if (shifted) {
      route(0);
      d.log("all traffic back to the old stack; " + routingNote());
    } else {
      d.log("no traffic had moved yet: nothing to send back");
    }
    trafficBack(s).whenDone(t -> {
      d.rolledBack();
      removeNewStack(s);
    });
  }
}
