package dev.deploysim.control;

import dev.deploysim.engine.Simulator;
import java.util.ArrayList;
import java.util.List;

/**
 * A group of control-plane work that can be abandoned together: the tasks of one deployment, or of
 * its rollback. Cancelling a scope cancels its timers and stops its tasks' continuations; physical
 * work already under way (an install on an instance, a launch) carries on in the model.
 */
public final class Scope {
  private final String name;
  private final Simulator sim;
  private final List<Long> timers = new ArrayList<>();
  private final List<Runnable> onCancel = new ArrayList<>();
  private boolean cancelled;

  public Scope(String name, Simulator sim) {
    this.name = name;
    this.sim = sim;
  }

  public String name() {
    return name;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** A task that succeeds after {@code seconds} of simulated time. */
  public Task sleep(double seconds) {
    Task t = new Task(this);
    if (cancelled) {
      return t;
    }
    track(sim.after(Math.max(0, seconds), t::succeed));
    return t;
  }

  /** Schedules an action in this scope; it does not run if the scope is cancelled first. */
  public void after(double seconds, Runnable action) {
    if (cancelled) {
      return;
    }
    track(
        sim.after(
            Math.max(0, seconds),
            () -> {
              if (!cancelled) {
                action.run();
              }
            }));
  }

  /** Remembers a timer for cancellation, forgetting timers that already fired now and then. */
  private void track(long handle) {
    if (timers.size() >= 64 && (timers.size() & 63) == 0) {
      timers.removeIf(h -> !sim.isPending(h));
    }
    timers.add(handle);
  }

  public Task done() {
    return Task.done(this);
  }

  public Task failed(String reason) {
    return Task.failed(this, reason);
  }

  /** Registers cleanup to run when the scope is cancelled. */
  public void onCancel(Runnable r) {
    if (cancelled) {
      r.run();
    } else {
      onCancel.add(r);
    }
  }

  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    for (long h : timers) {
      sim.cancel(h);
    }
    timers.clear();
    for (Runnable r : onCancel) {
      r.run();
    }
    onCancel.clear();
  }
}
