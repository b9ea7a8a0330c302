package dev.deploysim.model;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.LifecycleHookSpec.HookResult;
import dev.deploysim.scenario.LifecycleHookSpec.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs an Auto Scaling group's lifecycle hooks for one transition of one instance: the instance
 * waits in Pending:Wait (or Terminating:Wait, Warmed:Pending:Wait) until every hook of the
 * transition is completed, each by its owner after {@code completesAfter} or, if nobody completes
 * it, by its heartbeat timeout with the hook's default result. See docs/platforms/auto-scaling.md
 * and https://docs.aws.amazon.com/autoscaling/ec2/userguide/lifecycle-hooks.html.
 */
final class LifecycleHookRunner {

  /** The longest an instance can stay in a wait state (48 hours), whatever the heartbeat timeout. */
  static final double MAX_WAIT = 48 * 3600.0;

  private final World world;
  private final Supplier<List<LifecycleHookSpec>> hooks;
  private final RandomStream random;

  LifecycleHookRunner(World world, Supplier<List<LifecycleHookSpec>> hooks, RandomStream random) {
    this.world = world;
    this.hooks = hooks;
    this.random = random;
  }

  /**
   * Runs the hooks of one transition concurrently; the task fails when a hook ends with ABANDON (by
   * its owner or by the heartbeat timeout with default result ABANDON). Without hooks for the
   * transition the instance does not enter the wait state and the task is already done.
   */
  Task run(Instance i, Transition transition, LifecycleState waitState) {
    Scope s = world.systemScope();
    List<LifecycleHookSpec> matching = new ArrayList<>();
    for (LifecycleHookSpec h : hooks.get()) {
      if (h.transition() == transition) {
        matching.add(h);
      }
    }
    if (matching.isEmpty()) {
      return s.done();
    }
    i.moveTo(waitState);
    List<Task> each = new ArrayList<>();
    for (LifecycleHookSpec h : matching) {
      each.add(runOne(s, i, h, waitState));
    }
    return Task.all(s, each);
  }

  private Task runOne(Scope s, Instance i, LifecycleHookSpec h, LifecycleState waitState) {
    Task t = new Task(s);
    double completes = h.completesAfter() == null ? Double.POSITIVE_INFINITY
        : (h.before() == null ? 0 : h.before().sample(random)) + h.completesAfter().sample(random);
    double timeout = Math.min(h.heartbeatTimeout(), MAX_WAIT);
    world.log("asg", i.name() + " " + waitState.awsName() + " for hook " + h.name()
        + (completes < timeout ? "" : " (nobody completes it: heartbeat timeout " + Durations.format(timeout) + ")"));
    if (completes < timeout) {
      world.sim().after(completes, () -> {
        if (i.state() != waitState) {
          t.succeed(); // the instance left the wait (terminated meanwhile): nothing to report
          return;
        }
        world.log("asg", i.name() + " hook " + h.name() + " completed with " + h.result());
        settle(t, h.result(), "hook " + h.name() + " completed with ABANDON");
      });
    } else {
      world.sim().after(timeout, () -> {
        if (i.state() != waitState) {
          t.succeed();
          return;
        }
        world.log("asg", i.name() + " hook " + h.name() + " heartbeat timeout: " + h.defaultResult());
        settle(t, h.defaultResult(), "hook " + h.name() + " timed out (default result ABANDON)");
      });
    }
    return t;
  }

  private static void settle(Task t, HookResult result, String abandoned) {
    if (result == HookResult.ABANDON) {
      t.fail(abandoned);
    } else {
      t.succeed();
    }
  }
}
