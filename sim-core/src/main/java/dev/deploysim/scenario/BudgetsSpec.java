package dev.deploysim.scenario;

/**
 * Limits {@code sim check} tests each run against. A null limit is not set.
 *
 * @param maxDurationSeconds the deployment (rollback included) finishes within this
 * @param minCapacityPercent serving capacity while the deployment runs never falls below this
 *     share of the baseline
 * @param maxFailedRequests failed requests over the run at most
 * @param maxDowntimeSeconds time with demand and no successful request at most
 * @param maxLatencyP99Seconds 99th percentile response time at most (measurable once the
 *     simulation models latency)
 * @param maxExtraInstanceHours instance-hours above the baseline at most
 * @param maxCostUsd cost of the run in USD at most (needs fleet.hourlyPrice)
 * @param confidence with replications: the share of runs in which each budget must hold
 */
public record BudgetsSpec(
    Double maxDurationSeconds,
    Double minCapacityPercent,
    Long maxFailedRequests,
    Double maxDowntimeSeconds,
    Double maxLatencyP99Seconds,
    Double maxExtraInstanceHours,
    Double maxCostUsd,
    double confidence) {

  /** Every run must hold its budgets unless the file says otherwise. */
  public static final double DEFAULT_CONFIDENCE = 1.0;

  public static final BudgetsSpec NONE = new BudgetsSpec(null, null, null, null, null, null, null, DEFAULT_CONFIDENCE);

  /** True when no limit is set. */
  public boolean isEmpty() {
    return maxDurationSeconds == null && minCapacityPercent == null && maxFailedRequests == null
        && maxDowntimeSeconds == null && maxLatencyP99Seconds == null && maxExtraInstanceHours == null
        && maxCostUsd == null;
  }
}
