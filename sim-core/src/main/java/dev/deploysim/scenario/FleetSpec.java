package dev.deploysim.scenario;

import dev.deploysim.engine.Distribution;
import java.util.List;

/**
 * The Auto Scaling group behind the load balancer.
 *
 * @param instances desired capacity: the baseline
 * @param minSize minimum size (default: instances)
 * @param maxSize maximum size (default: instances)
 * @param zones Availability Zones, instances spread evenly (default [a])
 * @param capacity requests per second one instance serves at capacity factor 1 (default 100)
 * @param launchTime launch request to OS booted
 * @param healthCheckType which failures make the group replace an instance (default EC2)
 * @param healthCheckGracePeriod seconds after InService before ELB health counts (default 300)
 * @param healthCheckInterval how often the group checks instance health (seconds; default 10, an
 *     assumption: AWS does not document the period)
 * @param lifecycleHooks hooks on launch and terminate, in order
 * @param warmPool optional warm pool; null when none
 * @param hourlyPrice optional price of one instance-hour in USD, for the cost summary; null when
 *     not given
 * @param scheduledActions scheduled capacity changes, in time order
 * @param scaling dynamic scaling policies, in file order
 * @param suspendedProcesses Auto Scaling processes suspended from the start (AWS names)
 * @param defaultCooldown seconds (DefaultCooldown, default 300): simple scaling's cooldown, and the
 *     warm-up of policies that give none when there is no default instance warmup
 * @param defaultInstanceWarmup seconds (DefaultInstanceWarmup); null when not enabled (AWS's default)
 * @param protectedFromScaleIn instances of the initial fleet protected from scale in (the lowest ids)
 * @param standby instances in Standby at the start, besides the desired capacity
 * @param protectedUntil when their scale-in protection is removed (seconds from the start); null: never
 * @param standbyUntil when the Standby instances return to service (ExitStandby); null: never
 */
public record FleetSpec(
    int instances,
    int minSize,
    int maxSize,
    List<String> zones,
    double capacity,
    Distribution launchTime,
    HealthCheckType healthCheckType,
    double healthCheckGracePeriod,
    double healthCheckInterval,
    List<LifecycleHookSpec> lifecycleHooks,
    WarmPoolSpec warmPool,
    Double hourlyPrice,
    List<ScheduledAction> scheduledActions,
    List<ScalingPolicySpec> scaling,
    List<String> suspendedProcesses,
    double defaultCooldown,
    Double defaultInstanceWarmup,
    int protectedFromScaleIn,
    int standby,
    Double protectedUntil,
    Double standbyUntil) {

  /** AWS's DefaultCooldown. */
  public static final double DEFAULT_COOLDOWN = 300;

  public FleetSpec {
    zones = List.copyOf(zones);
    lifecycleHooks = List.copyOf(lifecycleHooks);
    scheduledActions = List.copyOf(scheduledActions);
    scaling = List.copyOf(scaling);
    suspendedProcesses = List.copyOf(suspendedProcesses);
  }

  /** A fleet without scaling policies or suspended processes. */
  public FleetSpec(int instances, int minSize, int maxSize, List<String> zones, double capacity,
      Distribution launchTime, HealthCheckType healthCheckType, double healthCheckGracePeriod,
      double healthCheckInterval, List<LifecycleHookSpec> lifecycleHooks, WarmPoolSpec warmPool, Double hourlyPrice,
      List<ScheduledAction> scheduledActions) {
    this(instances, minSize, maxSize, zones, capacity, launchTime, healthCheckType, healthCheckGracePeriod,
        healthCheckInterval, lifecycleHooks, warmPool, hourlyPrice, scheduledActions, List.of(), List.of(),
        DEFAULT_COOLDOWN, null, 0, 0, null, null);
  }

  /**
   * An instance refresh's InstanceWarmup when it gives none: the default instance warmup when
   * enabled, else the health check grace period
   * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/understand-instance-refresh-default-values.html).
   */
  public double refreshWarmup() {
    return defaultInstanceWarmup != null ? defaultInstanceWarmup : healthCheckGracePeriod;
  }

  /**
   * A scheduled scaling action: at a time, set any of min, max and desired (null leaves a value
   * as it is).
   */
  public record ScheduledAction(double at, Integer minSize, Integer maxSize, Integer desired) {}

  /** EC2: only EC2 status checks; ELB: also the load balancer's health checks. */
  public enum HealthCheckType {
    EC2,
    ELB
  }
}
