package com.example.deploysim;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Durations;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.model.Environment;
import dev.deploysim.model.Instance;
import dev.deploysim.result.Phase;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user-written strategy type, loaded by {@code sim --plugins DIR} through {@link
 * java.util.ServiceLoader} (see {@code META-INF/services/dev.deploysim.strategy.StrategyType}).
 *
 * <p>It updates the fleet one Availability Zone at a time, in zone-name order: the zone's instances
 * leave the target group (so no request reaches an instance that is restarting), get the new
 * version, rejoin, must pass the load balancer's health check within {@code healthTimeout}, and the
 * deployment then waits {@code bakeTime} before the next zone. Losing one zone's capacity at a time
 * is what a multi-zone fleet is sized for, so the blast radius of a bad version is one zone.
 *
 * <p>A zone that does not get healthy fails the deployment; with {@code deployment.rollback.onFailure}
 * (true by default) the zones already updated are put back on the old version the same way, and an
 * alarm named in {@code deployment.rollback.onAlarms} stops the deployment and rolls back too.
 */
public final class OneZoneAtATime implements StrategyType {

  static final ParamSpec BAKE_TIME = ParamSpec.optional("bakeTime", new ParamType.DurationType(0, 86_400, false),
      300, null, "wait after a zone is healthy before the next one starts (an assumption of this example: 5m)");

  static final ParamSpec HEALTH_TIMEOUT = ParamSpec.optional("healthTimeout",
      new ParamType.DurationType(1, 86_400, false), 600, null,
      "how long a zone's instances have to pass the load balancer's health check after the update (10m)");

  static final StrategyDescription DESCRIPTION = new StrategyDescription(
      "example.one-zone-at-a-time",
      "an in-place deployment, one Availability Zone at a time (example plugin)",
      "take one zone out of the target group, update it, wait until it is healthy, bake, then the next zone; "
          + "a failure rolls the updated zones back",
      List.of(BAKE_TIME, HEALTH_TIMEOUT),
      RollbackPolicy.configurable(true));

  @Override
  public StrategyDescription description() {
    return DESCRIPTION;
  }

  @Override
  public Strategy create(StrategyParams params) {
    double bake = params.duration("bakeTime");
    double healthTimeout = params.duration("healthTimeout");
    return d -> new Run(d, bake, healthTimeout).start();
  }

  /** One deployment: zone after zone, then done; or a rollback of the zones already updated. */
  private static final class Run {
    private final Deployment d;
    private final Environment env;
    private final double bake;
    private final double healthTimeout;
    private final List<Instance> updated = new ArrayList<>();

    Run(Deployment d, double bake, double healthTimeout) {
      this.d = d;
      this.env = d.environment();
      this.bake = bake;
      this.healthTimeout = healthTimeout;
    }

    void start() {
      d.onAlarm(alarm -> {
        d.stop("alarm " + alarm + " went to ALARM");
        rollBack("alarm " + alarm + " went to ALARM");
      });
      Map<String, List<Instance>> zones = new TreeMap<>();
      for (Instance i : env.group().inService()) {
        zones.computeIfAbsent(i.zone(), z -> new ArrayList<>()).add(i);
      }
      d.log("updating zones " + String.join(", ", zones.keySet()) + " one at a time, baking "
          + Durations.format(bake) + " after each");
      List<String> order = new ArrayList<>(zones.keySet());
      Task.forEach(d.scope(), order, zone -> updateZone(zone, zones.get(zone), order)).whenDone(t -> {
        if (d.isFinished() || d.isRollingBack()) {
          return;
        }
        if (t.succeeded()) {
          env.group().setLaunchVersion(d.toVersion());
          d.succeeded();
        } else if (d.rollbackOnFailure()) {
          d.detected("load balancer health check");
          rollBack(t.failure());
        } else {
          d.detected("load balancer health check");
          d.failed(t.failure());
        }
      });
    }

    private Task updateZone(String zone, List<Instance> instances, List<String> order) {
      d.phase("zone " + zone + " (" + instances.size() + " instances)", Phase.Kind.DEPLOY);
      updated.addAll(instances);
      Task healthy = replace(d.scope(), instances, d.toVersion());
      boolean last = zone.equals(order.get(order.size() - 1));
      if (last || bake <= 0) {
        return healthy;
      }
      return healthy.then(() -> {
        d.phase("bake after zone " + zone, Phase.Kind.WAIT);
        return d.sleep(bake);
      });
    }

    /** Out of the target group, install, back in, healthy within the timeout. */
    private Task replace(Scope scope, List<Instance> instances, String version) {
      return env.targetGroup().deregister(scope, instances)
          .then(() -> d.world().install(scope, instances, version))
          .then(() -> {
            for (Instance i : instances) {
              env.targetGroup().register(i);
            }
            return env.targetGroup().awaitHealthy(scope, instances, healthTimeout);
          });
    }

    private void rollBack(String why) {
      Scope s = d.startRollback(why);
      d.phase("roll back " + updated.size() + " instances", Phase.Kind.ROLLBACK);
      List<Instance> back = updated.stream().filter(i -> !i.isTerminated()).toList();
      replace(s, back, d.fromVersion()).whenDone(t -> {
        if (t.succeeded()) {
          d.rolledBack();
        } else {
          d.failed("the rollback did not get healthy: " + t.failure());
        }
      });
    }
  }
}
