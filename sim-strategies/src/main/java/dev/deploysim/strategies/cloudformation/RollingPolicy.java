package dev.deploysim.strategies.cloudformation;

import dev.deploysim.engine.Durations;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * An AutoScalingRollingUpdate policy with the documented defaults, and the batch arithmetic.
 *
 * @param maxBatchSize MaxBatchSize (default 1)
 * @param minInstancesInService MinInstancesInService (default 0)
 * @param minSuccessfulInstancesPercent MinSuccessfulInstancesPercent (default 100)
 * @param pauseTime PauseTime in seconds (default 0, or 5 minutes with WaitOnResourceSignals)
 * @param waitOnResourceSignals WaitOnResourceSignals (default false)
 * @param signal how instances signal
 * @param suspendProcesses SuspendProcesses, AWS process names
 */
record RollingPolicy(
    int maxBatchSize,
    int minInstancesInService,
    int minSuccessfulInstancesPercent,
    double pauseTime,
    boolean waitOnResourceSignals,
    ResourceSignals.Mode signal,
    List<String> suspendProcesses) {

  /** PauseTime when WaitOnResourceSignals is on and the template gives none (PT5M). */
  static final double SIGNAL_PAUSE_DEFAULT = 300;

  RollingPolicy {
    suspendProcesses = List.copyOf(suspendProcesses);
  }

  static RollingPolicy of(StrategyParams p) {
    return of(p, p.enumValue("signal", ResourceSignals.Mode.class));
  }

  /** A policy from its settings (the update's, or previousPolicy's), with the instances' way of signalling. */
  static RollingPolicy of(StrategyParams p, ResourceSignals.Mode signal) {
    boolean signals = signals(p);
    double pause = p.optional("pauseTime", Double.class).orElse(signals ? SIGNAL_PAUSE_DEFAULT : 0);
    return new RollingPolicy(p.integer("maxBatchSize"), p.integer("minInstancesInService"),
        p.integer("minSuccessfulInstancesPercent"), pause, signals, signal, p.listOf("suspendProcesses", String.class));
  }

  static boolean signals(StrategyParams p) {
    return p.bool("waitOnResourceSignals");
  }

  /**
   * The desired capacity during the update: the group's own, or, when MinInstancesInService leaves
   * no instance to take out of service (it is at least the desired capacity), raised to
   * MinInstancesInService + MaxBatchSize, at most MaxSize, so a batch can be launched first.
   */
  int updateCapacity(int desired, int maxSize) {
    if (minInstancesInService < desired) {
      return desired;
    }
    return Math.max(desired, Math.min(maxSize, minInstancesInService + maxBatchSize));
  }

  /**
   * Instances taken out of service per batch: MaxBatchSize, fewer when MinInstancesInService must
   * stay in service (6 instances, MaxBatchSize 2, MinInstancesInService 5: batches of 1), at least 1.
   */
  int batchSize(int desired, int maxSize) {
    return Math.max(1, Math.min(maxBatchSize, updateCapacity(desired, maxSize) - minInstancesInService));
  }

  String describe() {
    return "MaxBatchSize " + maxBatchSize + ", MinInstancesInService " + minInstancesInService
        + (waitOnResourceSignals
            ? ", WaitOnResourceSignals (" + signal.key + "), MinSuccessfulInstancesPercent "
                + minSuccessfulInstancesPercent + ", PauseTime " + Durations.format(pauseTime) + " to signal"
            : ", PauseTime " + Durations.format(pauseTime))
        + (suspendProcesses.isEmpty() ? "" : ", SuspendProcesses " + suspendProcesses);
  }
}
