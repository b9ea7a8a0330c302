package dev.deploysim.model;

import dev.deploysim.engine.Distribution;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.WarmPoolSpec;
import java.util.List;

/**
 * How an Auto Scaling group behaves: sizes, zones, launch time, health checks, hooks, warm pool,
 * default instance warmup (null when not enabled).
 * Strategies copy the scenario's fleet settings and change what they need (a temporary group for
 * an immutable deployment starts at desired 0, say).
 */
public record GroupSettings(
    int minSize,
    int maxSize,
    int desired,
    List<String> zones,
    double capacity,
    Distribution launchTime,
    FleetSpec.HealthCheckType healthCheckType,
    double healthCheckGracePeriod,
    double healthCheckInterval,
    List<LifecycleHookSpec> hooks,
    WarmPoolSpec warmPool,
    Double defaultInstanceWarmup) {

  public GroupSettings {
    zones = List.copyOf(zones);
    hooks = List.copyOf(hooks);
    if (minSize < 0 || maxSize < minSize) {
      throw new IllegalArgumentException("need 0 <= minSize <= maxSize, got " + minSize + ".." + maxSize);
    }
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("at least one zone");
    }
  }

  public static GroupSettings of(FleetSpec f) {
    return new GroupSettings(f.minSize(), f.maxSize(), f.instances(), f.zones(), f.capacity(), f.launchTime(),
        f.healthCheckType(), f.healthCheckGracePeriod(), f.healthCheckInterval(), f.lifecycleHooks(), f.warmPool(),
        f.defaultInstanceWarmup());
  }

  /** The same group with other sizes. */
  public GroupSettings withSizes(int min, int max, int desiredCapacity) {
    return new GroupSettings(min, max, desiredCapacity, zones, capacity, launchTime, healthCheckType,
        healthCheckGracePeriod, healthCheckInterval, hooks, warmPool, defaultInstanceWarmup);
  }

  /** The same group without a warm pool (temporary groups do not copy it). */
  public GroupSettings withoutWarmPool() {
    return new GroupSettings(minSize, maxSize, desired, zones, capacity, launchTime, healthCheckType,
        healthCheckGracePeriod, healthCheckInterval, hooks, null, defaultInstanceWarmup);
  }

  /** The same group with another launch time (ECS tasks start faster than EC2 instances). */
  public GroupSettings withLaunchTime(Distribution d) {
    return new GroupSettings(minSize, maxSize, desired, zones, capacity, d, healthCheckType,
        healthCheckGracePeriod, healthCheckInterval, hooks, warmPool, defaultInstanceWarmup);
  }

  public GroupSettings withHooks(List<LifecycleHookSpec> h) {
    return new GroupSettings(minSize, maxSize, desired, zones, capacity, launchTime, healthCheckType,
        healthCheckGracePeriod, healthCheckInterval, h, warmPool, defaultInstanceWarmup);
  }
}
