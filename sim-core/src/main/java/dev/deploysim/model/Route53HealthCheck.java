package dev.deploysim.model;

import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.scenario.DnsRecordSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A Route 53 health check of a load balancer (docs/platforms/route53.md#health-checks), as
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
 * describes it: health checkers in several regions each send a request every {@code interval}
 * (30 s or 10 s), uncoordinated; one checker changes its view of the endpoint after {@code
 * failureThreshold} consecutive results the other way; the endpoint is healthy while more than 18%
 * of the checkers see it healthy. A new health check is healthy until it has data.
 *
 * <p>Model: {@link #CHECKERS} checkers, their first checks spread evenly over one interval from a
 * seeded offset (so together they check the endpoint every interval / 15, about every 2 s at 30 s,
 * as AWS says). A check passes when the load balancer is reachable and forwards to a target that
 * answers (a healthy target, or any target where the group fails open); it fails at once when the
 * load balancer answers with an error, and after the TCP connection timeout ({@link
 * #CONNECT_TIMEOUT} s) when it cannot be reached (a region outage, a deleted load balancer). The
 * checkers sit in other regions than the endpoint, so a region's outage does not blind them.
 */
public final class Route53HealthCheck {
  /**
   * Health checkers: 15 derived from AWS's "about every 2 seconds" at a 30-second interval
   * (30 / 2); AWS does not publish the number.
   */
  public static final int CHECKERS = 15;
  /** Share of checkers that must see the endpoint healthy, exclusive (AWS: more than 18%). */
  public static final double HEALTHY_SHARE = 0.18;
  /** Seconds a checker waits for a TCP connection (AWS: four seconds for HTTP and HTTPS checks). */
  public static final double CONNECT_TIMEOUT = 4;

  /** Told when the aggregate status changes. */
  public interface Listener {
    void statusChanged(Route53HealthCheck check);
  }

  private final World world;
  private final String name;
  private final LoadBalancer target;
  private final double interval;
  private final int threshold;
  private final boolean[] checkerHealthy = new boolean[CHECKERS];
  private final int[] streak = new int[CHECKERS];
  private int healthyCheckers = CHECKERS;
  private boolean healthy = true;
  private boolean stopped;
  private final List<Listener> listeners = new ArrayList<>();

  Route53HealthCheck(World world, String name, LoadBalancer target, DnsRecordSpec.HealthCheckSpec spec,
      RandomStream random) {
    this.world = world;
    this.name = name;
    this.target = target;
    this.interval = spec.interval();
    this.threshold = spec.failureThreshold();
    java.util.Arrays.fill(checkerHealthy, true);
    double offset = random.nextDouble();
    for (int k = 0; k < CHECKERS; k++) {
      int checker = k;
      world.sim().after((k + offset) * interval / CHECKERS, () -> check(checker));
    }
  }

  /** The aggregate status: more than 18% of the checkers see the endpoint healthy. */
  public boolean isHealthy() {
    return healthy;
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  /** The health check is deleted (its record went): its checkers stop and it tells no one any more. */
  void stop() {
    stopped = true;
  }

  private void check(int checker) {
    if (stopped) {
      return;
    }
    world.sim().after(interval, () -> check(checker));
    if (!reachable(target)) {
      world.sim().after(CONNECT_TIMEOUT, () -> result(checker, false));
    } else {
      result(checker, answers(target));
    }
  }

  /** Whether a request to the load balancer gets an answer at all (it exists, its region is up). */
  static boolean reachable(LoadBalancer lb) {
    return lb.exists() && !lb.isDown();
  }

  /** Whether the load balancer answers a request with a success: a target it routes to serves it. */
  static boolean answers(LoadBalancer lb) {
    for (var e : lb.weights().entrySet()) {
      if (e.getValue() <= 0) {
        continue;
      }
      TargetGroup tg = e.getKey();
      boolean anyHealthy = false;
      for (TargetGroup.Target t : tg.targets()) {
        if (t.state() == TargetState.HEALTHY) {
          anyHealthy = true;
          if (t.instance().canServe()) {
            return true;
          }
        }
      }
      if (!anyHealthy && tg.failsOpen()) {
        for (TargetGroup.Target t : tg.targets()) {
          if (t.instance().canServe()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private void result(int checker, boolean passed) {
    if (stopped) {
      return;
    }
    if (passed == checkerHealthy[checker]) {
      streak[checker] = 0;
      return;
    }
    if (++streak[checker] < threshold) {
      return;
    }
    streak[checker] = 0;
    checkerHealthy[checker] = passed;
    healthyCheckers += passed ? 1 : -1;
    boolean now = healthyCheckers > HEALTHY_SHARE * CHECKERS;
    if (now != healthy) {
      healthy = now;
      world.log("route53", "health check " + name + " of " + target.name() + " is " + (healthy ? "healthy" : "unhealthy")
          + " (" + healthyCheckers + " of " + CHECKERS + " checkers see it healthy; interval "
          + Durations.format(interval) + ", failure threshold " + threshold + ")");
      world.incidents().mark("R53 " + target.name() + (healthy ? " healthy" : " unhealthy"),
          healthy ? dev.deploysim.result.Marker.Kind.INFO : dev.deploysim.result.Marker.Kind.WARNING);
      for (Listener l : List.copyOf(listeners)) {
        l.statusChanged(this);
      }
    }
  }
}
