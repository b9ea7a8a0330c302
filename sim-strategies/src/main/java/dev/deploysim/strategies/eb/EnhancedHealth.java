package dev.deploysim.strategies.eb;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AppState;
import dev.deploysim.model.Endpoint;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LoadBalancer;
import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.TargetState;
import dev.deploysim.model.World;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How Elastic Beanstalk decides that instances are healthy during a deployment.
 *
 * <p>Enhanced health: the health agent reports every 10 s; a web-tier instance must report OK (or
 * the configured HealthCheckSuccessThreshold) 12 times in a row, and one worse report resets the
 * count. Basic health: the load balancer's view only, so an instance is healthy as soon as its
 * target is healthy. Before the command times out Elastic Beanstalk does not act on failed checks:
 * a gate fails only at its deadline (or when one of its instances is terminated).
 *
 * <p>An instance's enhanced status in this model: Pending while its application is not running or
 * its target has not been checked yet (registration in progress); Severe when its health check
 * fails or its target is unhealthy; otherwise by the share of its requests that fail (see {@link
 * HealthStatus#forFailureShare}) when it receives requests, and OK when it receives none.
 */
public final class EnhancedHealth {
  /** Seconds between health agent reports. */
  public static final double REPORT_INTERVAL = 10;
  /** Consecutive OK reports a web-tier instance needs (12 x 10 s = 2 minutes). */
  public static final int CONSECUTIVE_OK = 12;
  /** Failed reports within {@link #DOWNGRADE_WINDOW} after which health is downgraded. */
  public static final int DOWNGRADE_FAILURES = 3;
  /** "fails health checks at least three times in any one-minute period". */
  public static final double DOWNGRADE_WINDOW = 60;

  /**
   * The health rules of a deployment.
   *
   * @param enhanced enhanced health reporting (false: basic, load balancer only)
   * @param threshold worst status that still counts as healthy (HealthCheckSuccessThreshold)
   */
  public record Rules(boolean enhanced, HealthStatus threshold) {
    public static Rules defaults() {
      return new Rules(true, HealthStatus.OK);
    }

    /** What a gate waits for, for log lines. */
    public String describe() {
      return enhanced
          ? CONSECUTIVE_OK + " consecutive " + threshold.awsName() + " reports, " + fmt(REPORT_INTERVAL) + " apart"
          : "load balancer health checks";
    }
  }

  /** A wait for health: its task, and what it saw when it failed. */
  public static final class Gate {
    private final Task task;
    private boolean sawFailure;

    private Gate(Task task) {
      this.task = task;
    }

    public Task task() {
      return task;
    }

    /** What noticed the problem: "health checks" when instances reported failures, else "timeout". */
    public String detectedBy() {
      return sawFailure ? "health checks" : "timeout";
    }
  }

  private EnhancedHealth() {}

  /** The enhanced-health status an instance reports now, seen through target group {@code tg}. */
  public static HealthStatus status(World world, TargetGroup tg, Instance i) {
    if (i.isTerminated() || i.state().isTerminating()) {
      return HealthStatus.SEVERE;
    }
    if (i.app() != AppState.RUNNING) {
      return i.isImpaired() ? HealthStatus.SEVERE : HealthStatus.PENDING;
    }
    if (!i.passesHealthCheck(world.now())) {
      return HealthStatus.SEVERE;
    }
    TargetState s = tg.state(i);
    if (s == TargetState.UNHEALTHY) {
      return HealthStatus.SEVERE;
    }
    if (s != TargetState.HEALTHY) {
      return HealthStatus.PENDING;
    }
    if (!receivesRequests(world, tg, i)) {
      return HealthStatus.OK;
    }
    return HealthStatus.forFailureShare(i.versionSpec().errorRate());
  }

  /** Whether instance {@code i}, healthy in {@code tg}, is sent requests now. */
  public static boolean receivesRequests(World world, TargetGroup tg, Instance i) {
    if (world.traffic().demandRps() <= 0 || !tg.isHealthy(i)) {
      return false;
    }
    Map<Endpoint, Double> shares = world.dns().shares(world.now());
    for (LoadBalancer lb : world.loadBalancers()) {
      if (lb.exists() && shares.getOrDefault(lb, 0.0) > 0 && lb.share(tg) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Waits until every instance counts as healthy; fails at the absolute time {@code deadline} or as
   * soon as one of the instances is terminated.
   */
  public static Gate await(World world, Scope scope, TargetGroup tg, List<Instance> instances, Rules rules,
      double deadline) {
    Task result = new Task(scope);
    Gate gate = new Gate(result);
    List<Instance> list = List.copyOf(instances);
    if (!rules.enhanced()) {
      Task t = world.until(scope, () -> allHealthy(tg, list),
          () -> terminated(list), Math.max(0, deadline - world.now()), "load balancer health checks");
      t.whenDone(x -> {
        if (x.succeeded()) {
          result.succeed();
        } else {
          gate.sawFailure = terminated(list) != null || anyUnhealthyTarget(tg, list);
          result.fail(x.failure().startsWith("timed out") ? "not healthy in the load balancer by the command timeout"
              : x.failure());
        }
      });
      return gate;
    }
    Map<Instance, Integer> ok = new HashMap<>();
    Runnable[] poll = new Runnable[1];
    poll[0] = () -> {
      if (result.isDone()) {
        return;
      }
      String gone = terminated(list);
      if (gone != null) {
        gate.sawFailure = true;
        result.fail(gone);
        return;
      }
      boolean all = true;
      for (Instance i : list) {
        HealthStatus s = status(world, tg, i);
        if (s.isFailure(rules.threshold())) {
          gate.sawFailure = true;
        }
        int n = s.countsAsHealthy(rules.threshold()) ? ok.getOrDefault(i, 0) + 1 : 0;
        ok.put(i, n);
        if (n < CONSECUTIVE_OK) {
          all = false;
        }
      }
      if (all) {
        result.succeed();
      } else if (world.now() + REPORT_INTERVAL > deadline + 1e-9) {
        scope.after(Math.max(0, deadline - world.now()), () -> {
          if (!result.isDone()) {
            result.fail(worstReport(world, tg, list) + " at the command timeout");
          }
        });
      } else {
        scope.after(REPORT_INTERVAL, poll[0]);
      }
    };
    if (world.now() + REPORT_INTERVAL > deadline + 1e-9) {
      scope.after(Math.max(0, deadline - world.now()), () -> result.fail("no time left before the command timeout"));
    } else {
      scope.after(REPORT_INTERVAL, poll[0]);
    }
    return gate;
  }

  /**
   * Watches instances for {@code duration} seconds (Elastic Beanstalk tracking health while it
   * evaluates new instances): succeeds at the end unless health drops first. Enhanced health fails
   * when one instance reports worse than the threshold {@value #DOWNGRADE_FAILURES} times within
   * {@value #DOWNGRADE_WINDOW} seconds; basic health fails when a target turns unhealthy. Either
   * fails when an instance is terminated.
   */
  public static Task watch(World world, Scope scope, TargetGroup tg, List<Instance> instances, Rules rules,
      double duration) {
    Task result = new Task(scope);
    List<Instance> list = List.copyOf(instances);
    double end = world.now() + duration;
    Map<Instance, Deque<Double>> failures = new HashMap<>();
    Runnable[] poll = new Runnable[1];
    poll[0] = () -> {
      if (result.isDone()) {
        return;
      }
      String gone = terminated(list);
      if (gone != null) {
        result.fail(gone);
        return;
      }
      double now = world.now();
      for (Instance i : list) {
        if (!rules.enhanced()) {
          if (tg.state(i) == TargetState.UNHEALTHY) {
            result.fail(i.name() + " failed the load balancer health checks");
            return;
          }
          continue;
        }
        HealthStatus s = status(world, tg, i);
        if (s.isFailure(rules.threshold())) {
          Deque<Double> q = failures.computeIfAbsent(i, k -> new ArrayDeque<>());
          q.addLast(now);
          while (!q.isEmpty() && q.peekFirst() <= now - DOWNGRADE_WINDOW) {
            q.removeFirst();
          }
          if (q.size() >= DOWNGRADE_FAILURES) {
            result.fail(i.name() + " reported " + s.awsName() + " " + q.size() + " times within "
                + fmt(DOWNGRADE_WINDOW));
            return;
          }
        }
      }
      if (now + REPORT_INTERVAL > end + 1e-9) {
        scope.after(Math.max(0, end - now), () -> {
          if (!result.isDone()) {
            result.succeed();
          }
        });
      } else {
        scope.after(REPORT_INTERVAL, poll[0]);
      }
    };
    scope.after(Math.min(REPORT_INTERVAL, duration), poll[0]);
    return result;
  }

  private static boolean allHealthy(TargetGroup tg, List<Instance> list) {
    for (Instance i : list) {
      if (!tg.isHealthy(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyUnhealthyTarget(TargetGroup tg, List<Instance> list) {
    for (Instance i : list) {
      if (tg.state(i) == TargetState.UNHEALTHY) {
        return true;
      }
    }
    return false;
  }

  private static String terminated(List<Instance> list) {
    for (Instance i : list) {
      if (i.isTerminated() || i.state().isTerminating()) {
        return i.name() + " was terminated";
      }
    }
    return null;
  }

  private static String worstReport(World world, TargetGroup tg, List<Instance> list) {
    List<String> bad = new ArrayList<>();
    for (Instance i : list) {
      HealthStatus s = status(world, tg, i);
      if (s != HealthStatus.OK) {
        bad.add(i.name() + " " + s.awsName());
      }
    }
    return bad.isEmpty() ? "not enough consecutive OK reports" : String.join(", ", bad);
  }

  private static String fmt(double s) {
    return Durations.format(s);
  }
}
