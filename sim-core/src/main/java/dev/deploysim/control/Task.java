package dev.deploysim.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Something the control plane is doing that completes later in simulated time: a launch, a drain,
 * a wait for health. A task completes once, either successfully or with a failure reason.
 * Continuations chain steps so that strategy code reads like the platform's step list:
 *
 * <pre>{@code
 * targetGroup.deregister(scope, batch)
 *     .then(() -> world.install(scope, batch, version))
 *     .thenRun(() -> batch.forEach(targetGroup::register))
 *     .then(() -> targetGroup.awaitHealthy(scope, batch, timeout));
 * }</pre>
 *
 * <p>Every task belongs to a {@link Scope}; when the scope is cancelled (a deployment stopped by an
 * alarm, say), pending continuations of its tasks never run and its timers are cancelled.
 */
public final class Task {

  private enum State {
    PENDING,
    SUCCEEDED,
    FAILED
  }

  private final Scope scope;
  private State state = State.PENDING;
  private String failure;
  private List<Runnable> listeners;

  public Task(Scope scope) {
    this.scope = scope;
  }

  /** A task that has already succeeded. */
  public static Task done(Scope scope) {
    Task t = new Task(scope);
    t.succeed();
    return t;
  }

  /** A task that has already failed. */
  public static Task failed(Scope scope, String reason) {
    Task t = new Task(scope);
    t.fail(reason);
    return t;
  }

  public Scope scope() {
    return scope;
  }

  public boolean isDone() {
    return state != State.PENDING;
  }

  public boolean succeeded() {
    return state == State.SUCCEEDED;
  }

  public boolean isFailed() {
    return state == State.FAILED;
  }

  /** The failure reason, or null. */
  public String failure() {
    return failure;
  }

  /** Completes the task successfully; later completions are ignored. */
  public void succeed() {
    complete(State.SUCCEEDED, null);
  }

  /** Completes the task with a failure; later completions are ignored. */
  public void fail(String reason) {
    complete(State.FAILED, reason == null ? "failed" : reason);
  }

  private void complete(State s, String reason) {
    if (state != State.PENDING) {
      return;
    }
    state = s;
    failure = reason;
    List<Runnable> l = listeners;
    listeners = null;
    if (l != null) {
      for (Runnable r : l) {
        r.run();
      }
    }
  }

  /** Runs {@code action} when the task completes (now, if it already has), unless the scope is cancelled. */
  public Task whenDone(Consumer<Task> action) {
    Runnable r =
        () -> {
          if (!scope.isCancelled()) {
            action.accept(this);
          }
        };
    if (state != State.PENDING) {
      r.run();
    } else {
      if (listeners == null) {
        listeners = new ArrayList<>(2);
      }
      listeners.add(r);
    }
    return this;
  }

  /** On success, starts the next step; a failure skips it and propagates. */
  public Task then(Supplier<Task> next) {
    Task result = new Task(scope);
    whenDone(
        t -> {
          if (t.succeeded()) {
            next.get().whenDone(nt -> nt.settle(result));
          } else {
            result.fail(t.failure());
          }
        });
    return result;
  }

  /** Completes {@code other} as this (done) task completed: succeeded, or failed with its failure. */
  private void settle(Task other) {
    if (succeeded()) {
      other.succeed();
    } else {
      other.fail(failure());
    }
  }

  /** On success, runs an instant action. */
  public Task thenRun(Runnable action) {
    return then(
        () -> {
          action.run();
          return done(scope);
        });
  }

  /** On failure, continues with a recovery step (whose outcome becomes the outcome). */
  public Task recover(Function<String, Task> onFailure) {
    Task result = new Task(scope);
    whenDone(
        t -> {
          if (t.succeeded()) {
            result.succeed();
          } else {
            onFailure.apply(t.failure()).whenDone(nt -> nt.settle(result));
          }
        });
    return result;
  }

  /** Waits for every task; fails (with the first failure in list order) if any failed. */
  public static Task all(Scope scope, Collection<Task> tasks) {
    return whenAllDone(scope, tasks, (list, result) -> {
      for (Task y : list) {
        if (y.isFailed()) {
          result.fail(y.failure());
          return;
        }
      }
      result.succeed();
    });
  }

  /** Waits for every task and succeeds whatever their outcomes (inspect them afterwards). */
  public static Task allSettled(Scope scope, Collection<Task> tasks) {
    return whenAllDone(scope, tasks, (list, result) -> result.succeed());
  }

  /** A task that {@code finish} completes once every one of {@code tasks} is done (at once when there are none). */
  private static Task whenAllDone(Scope scope, Collection<Task> tasks,
      java.util.function.BiConsumer<List<Task>, Task> finish) {
    Task result = new Task(scope);
    List<Task> list = List.copyOf(tasks);
    if (list.isEmpty()) {
      finish.accept(list, result);
      return result;
    }
    int[] remaining = {list.size()};
    for (Task t : list) {
      t.whenDone(
          x -> {
            if (--remaining[0] == 0) {
              finish.accept(list, result);
            }
          });
    }
    return result;
  }

  /** Runs {@code step} for each item in order, each after the previous succeeded. */
  public static <T> Task forEach(Scope scope, List<T> items, Function<T, Task> step) {
    Task result = new Task(scope);
    runFrom(scope, items, 0, step, result);
    return result;
  }

  private static <T> void runFrom(Scope scope, List<T> items, int i, Function<T, Task> step, Task result) {
    if (i == items.size()) {
      result.succeed();
      return;
    }
    step.apply(items.get(i))
        .whenDone(
            t -> {
              if (t.succeeded()) {
                runFrom(scope, items, i + 1, step, result);
              } else {
                result.fail(t.failure());
              }
            });
  }

  @Override
  public String toString() {
    return "Task[" + state + (failure == null ? "" : ": " + failure) + "]";
  }
}
