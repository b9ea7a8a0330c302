package dev.deploysim.strategies.argo;

import dev.deploysim.engine.Durations;
import dev.deploysim.strategy.Deployment;
import java.util.ArrayList;
import java.util.List;

/**
 * Pauses of a rollout and the promotions that end them: {@code kubectl argo rollouts promote} at
 * the scenario's {@code promoteAt} times. A promotion ends the pause the rollout is in (a pause
 * without duration, a timed pause, a pause after an Inconclusive analysis, a blue-green rollout
 * waiting for promotion); at any other moment it changes nothing (it is logged).
 */
final class Promotions {
  private final Deployment d;
  private final Runnable resume;
  private final List<Double> pending = new ArrayList<>();
  private boolean paused;
  private int timedPause;
  private int token;
  private boolean cancelled;

  /** @param resume what the rollout does when a pause ends */
  Promotions(Deployment d, Runnable resume) {
    this.d = d;
    this.resume = resume;
  }

  /** Schedules the promotions at times of the scenario; those before now are ignored. */
  void schedule(List<Double> times) {
    for (double t : times) {
      if (t < d.now()) {
        d.log("promoteAt " + Durations.format(t) + " is before the rollout started: ignored");
        continue;
      }
      pending.add(t);
      d.scope().after(t - d.now(), () -> promote(t));
    }
  }

  /** The rollout pauses until promoted. */
  void pause(String why) {
    paused = true;
    double next = Double.NaN;
    for (double t : pending) {
      if (t >= d.now()) {
        next = t;
        break;
      }
    }
    d.log("rollout paused (" + why + "): " + (Double.isNaN(next) ? "no promotion is scheduled, it waits forever"
        : "waiting for the promotion at " + Durations.format(next)));
  }

  /** The rollout pauses for {@code seconds}, or until promoted. */
  void timedPause(double seconds) {
    int t = ++token;
    timedPause = t;
    d.scope().after(seconds, () -> {
      if (!cancelled && timedPause == t) {
        timedPause = 0;
        resume.run();
      }
    });
  }

  boolean isPaused() {
    return paused;
  }

  private void promote(double at) {
    pending.remove(at);
    if (cancelled) {
      return;
    }
    if (paused) {
      paused = false;
      d.log("kubectl argo rollouts promote: the pause ends");
      resume.run();
    } else if (timedPause != 0) {
      timedPause = 0;
      d.log("kubectl argo rollouts promote: the timed pause is skipped");
      resume.run();
    } else {
      d.log("kubectl argo rollouts promote: the rollout is not paused, nothing to promote");
    }
  }

  /** No pause ends any more (the rollout finished or aborted). */
  void cancel() {
    cancelled = true;
    paused = false;
    timedPause = 0;
  }
}
