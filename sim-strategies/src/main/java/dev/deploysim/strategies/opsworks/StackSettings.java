package dev.deploysim.strategies.opsworks;

import dev.deploysim.engine.Distribution;
import java.util.List;

/**
 * How an AWS OpsWorks Stacks stack's app server layer behaves, whatever the deployment: the Chef
 * runs of its lifecycle events, auto healing, and its time- and load-based instances. See
 * docs/platforms/opsworks.md.
 *
 * @param setupTime the Setup event's Chef run after an instance boots (packages, before the app's Deploy)
 * @param configureTime the Configure event's Chef run on each online instance
 * @param shutdownTime the Shutdown event's Chef run on a stopping instance
 * @param shutdownTimeout how long OpsWorks waits for the Shutdown recipes (120 s by default)
 * @param autoHealing whether the layer heals instances whose agent stops reporting
 * @param autoHealingAfter how long an agent may be silent before its instance is healed
 * @param agentCheckInterval how often OpsWorks looks for silent agents
 * @param timeBased time-based instances, or null
 * @param loadBased load-based instances, or null
 */
record StackSettings(
    Distribution setupTime,
    Distribution configureTime,
    Distribution shutdownTime,
    double shutdownTimeout,
    boolean autoHealing,
    double autoHealingAfter,
    double agentCheckInterval,
    TimeBased timeBased,
    LoadBased loadBased) {

  /**
   * Time-based instances: {@code count} instances online during the listed hours (UTC) of the listed
   * days, checked every {@code checkInterval}.
   *
   * @param days 0 = Monday ... 6 = Sunday; the run starts on a Monday at 00:00 UTC
   */
  record TimeBased(int count, List<Integer> hours, List<Integer> days, double checkInterval) {
    /** Whether the instances should be online at {@code seconds} into the run. */
    boolean onlineAt(double seconds) {
      long hour = (long) Math.floor(seconds / 3600);
      int hourOfDay = (int) (hour % 24);
      int day = (int) ((hour / 24) % 7);
      return hours.contains(hourOfDay) && days.contains(day);
    }
  }

  /** Load-based instances: {@code count} pre-created instances started and stopped by thresholds. */
  record LoadBased(int count, Thresholds up, Thresholds down) {}

  /**
   * One direction of load-based scaling (the API's AutoScalingThresholds).
   *
   * @param instanceCount instances started (or stopped) at a time
   * @param cpuThreshold layer-average CPU % that triggers it (above for up, below for down)
   * @param thresholdsWaitTime how long the metric must stay past the threshold
   * @param ignoreMetricsTime how long metrics are ignored after a start or stop
   */
  record Thresholds(int instanceCount, double cpuThreshold, double thresholdsWaitTime, double ignoreMetricsTime) {}
}
