package dev.deploysim.strategies.cloudformation;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AppState;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resource signals (cfn-signal / SignalResource) from the instances an Auto Scaling group launches
 * during a CloudFormation update, and the rule that counts them.
 *
 * <p>How an instance signals is not something AWS can document: it is the template's user data. We
 * model the two usual set-ups (parameter {@code signal}): {@code healthCheck}, the pattern of AWS's
 * rolling-update sample template, where cfn-init starts the application and verifies it with the
 * load balancer before cfn-signal reports SUCCESS, so an instance signals once its application runs
 * and it is healthy in every target group of its group; {@code appStarted}, where cfn-signal runs
 * right after the application starts, so a version that fails its health checks still signals
 * SUCCESS. An instance that never gets there never signals; an instance that has not signalled by
 * the timeout counts as failed ("assumed not updated"). Nobody sends FAILURE signals in this model.
 *
 * <p>MinSuccessfulInstancesPercent: the share of successful signals, rounded to the nearest tenth
 * of a percent, must reach the percentage; with 5 instances at 50%, 2 signals make 40% and 3 make
 * 60%, so 3 must signal.
 */
final class ResourceSignals {
  private ResourceSignals() {}

  /** How an instance's user data signals. */
  enum Mode {
    HEALTH_CHECK("healthCheck"),
    APP_STARTED("appStarted");

    final String key;

    Mode(String key) {
      this.key = key;
    }

    static List<String> keys() {
      List<String> k = new ArrayList<>();
      for (Mode m : values()) {
        k.add(m.key);
      }
      return k;
    }
  }

  /** Whether {@code successes} of {@code n} signals meet {@code percent}, as CloudFormation rounds. */
  static boolean enough(int successes, int n, int percent) {
    if (n <= 0) {
      return true;
    }
    double share = Math.round(successes * 1000.0 / n) / 10.0;
    return share >= percent - 1e-9;
  }

  /** The fewest successful signals out of {@code n} that meet {@code percent}. */
  static int required(int n, int percent) {
    for (int s = 0; s <= n; s++) {
      if (enough(s, n, percent)) {
        return s;
      }
    }
    return n;
  }

  /** Whether the instance's user data has sent its SUCCESS signal by now (see the class comment). */
  static boolean signalsNow(Instance i, Mode mode, double now) {
    if (i.isTerminated() || i.state().isTerminating() || i.app() != AppState.RUNNING || i.isImpaired()) {
      return false;
    }
    if (mode == Mode.APP_STARTED) {
      return true;
    }
    AutoScalingGroup g = i.group();
    List<TargetGroup> tgs = g == null ? List.of() : g.targetGroups();
    if (tgs.isEmpty()) {
      // no load balancer to ask: the verification checks the application itself
      return i.passesHealthCheck(now);
    }
    for (TargetGroup tg : tgs) {
      if (!tg.isHealthy(i)) {
        return false;
      }
    }
    return true;
  }

  /** A wait for signals: its task and the instances that signalled. */
  static final class Wait {
    private final Task task;
    private final Set<Instance> signalled = new LinkedHashSet<>();

    private Wait(Task task) {
      this.task = task;
    }

    Task task() {
      return task;
    }

    int successes() {
      return signalled.size();
    }
  }

  /**
   * Waits until {@code required} of the {@code expected} new instances of {@code group} (members not
   * in {@code before}) have signalled SUCCESS; fails after {@code timeout} seconds.
   *
   * @param what names the wait in log lines and the failure, e.g. "batch 2 of 3"
   * @param timeoutName the setting the timeout comes from, e.g. "PauseTime"
   */
  static Wait await(Deployment d, Scope scope, AutoScalingGroup group, Set<Instance> before, int expected,
      int required, double timeout, Mode mode, String what, String timeoutName) {
    Task result = new Task(scope);
    Wait w = new Wait(result);
    if (required <= 0) {
      result.succeed();
      return w;
    }
    d.log(what + ": waiting for " + required + " of " + expected + " SUCCESS signal(s) within " + timeoutName + " "
        + Durations.format(timeout));
    d.world().until(scope, () -> {
          for (Instance i : group.members()) {
            if (!before.contains(i) && !w.signalled.contains(i) && signalsNow(i, mode, d.now())) {
              w.signalled.add(i);
              d.log(what + ": SUCCESS signal from " + i.name() + " (" + w.signalled.size() + " of " + expected + ")");
            }
          }
          return w.signalled.size() >= required;
        }, null, timeout, "resource signals")
        .whenDone(t -> {
          if (t.succeeded()) {
            result.succeed();
          } else {
            result.fail(what + ": received " + w.signalled.size() + " SUCCESS signal(s) out of " + expected
                + " within " + timeoutName + " " + Durations.format(timeout) + ", " + required + " needed");
          }
        });
    return w;
  }
}
