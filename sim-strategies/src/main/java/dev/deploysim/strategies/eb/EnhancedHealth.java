package dev.deploysim.strategies.eb;

import dev.deploysim.model.Instance;
import dev.deploysim.model.Scope;
import dev.deploysim.model.Task;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.World;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic Beanstalk's health gate for deployments. With enhanced health the agent reports every 10
 * seconds and "all instances must pass 12 consecutive health checks with an OK status within two
 * minutes" (web tier; a failed check resets the count); an instance is OK when its application
 * answers and the load balancer reports it healthy. With basic health only the load balancer's
 * view counts.
 */
public final class EnhancedHealth {
  /** Seconds between health agent reports. */
  public static final double REPORT_INTERVAL = 10;
  /** Consecutive OK reports a web-tier instance needs. */
  public static final int CONSECUTIVE_OK = 12;

  private EnhancedHealth() {}

  /**
   * Completes when every instance is OK; fails after {@code timeout} seconds or when an instance is
   * terminated.
   */
  public static Task await(World world, Scope scope, TargetGroup tg, List<Instance> instances,
      boolean enhanced, double timeout) {
    Task result = new Task(scope);
    Map<Instance, Integer> ok = new HashMap<>();
    double deadline = world.now() + timeout;
    Runnable[] poll = new Runnable[1];
    poll[0] = () -> {
      if (result.isDone()) {
        return;
      }
      boolean all = true;
      for (Instance i : instances) {
        if (i.isTerminated()) {
          result.fail(i.name() + " was terminated");
          return;
        }
        boolean healthy = tg.isHealthy(i) && (!enhanced || i.passesHealthCheck(world.now()));
        int n = healthy ? ok.getOrDefault(i, 0) + 1 : 0;
        ok.put(i, n);
        if (n < (enhanced ? CONSECUTIVE_OK : 1)) {
          all = false;
        }
      }
      if (all) {
        result.succeed();
      } else if (world.now() + REPORT_INTERVAL > deadline) {
        scope.after(Math.max(0, deadline - world.now()), () -> {
          if (!result.isDone()) {
            result.fail("instances not healthy within the command timeout");
          }
        });
      } else {
        scope.after(REPORT_INTERVAL, poll[0]);
      }
    };
    scope.after(REPORT_INTERVAL, poll[0]);
    return result;
  }
}
