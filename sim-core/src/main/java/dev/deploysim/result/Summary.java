package dev.deploysim.result;

import dev.deploysim.strategy.Deployment;
import java.util.Map;

/**
 * The summary of one run, with the keys and meanings of summary.json (docs/outputs.md#summaryjson).
 * Times are seconds of simulated time since the start of the run. Fields documented as nullable are
 * written as JSON null, never left out.
 *
 * @param outcomeReason why the deployment failed or was rolled back; null when it succeeded
 * @param fromVersion the version serving before the deployment
 * @param toVersion the version deployed
 * @param detection when and how a bad version was noticed; null fields when nothing was noticed
 * @param horizonSeconds when the run ended
 * @param latency request latency; its fields are null without a latency model
 * @param scaling the groups' scaling activities; null fields for serverless runs
 * @param recovery detection, recovery and failover after the first fault; null fields without a
 *     fault
 */
public record Summary(
    String scenario,
    String strategy,
    long seed,
    Outcome outcome,
    Deployment deployment,
    Capacity capacity,
    Traffic traffic,
    Rollback rollback,
    Cost cost,
    double mixedVersionSeconds,
    Map<String, Integer> finalVersions,
    String outcomeReason,
    String fromVersion,
    String toVersion,
    Detection detection,
    double horizonSeconds,
    Latency latency,
    Scaling scaling,
    Recovery recovery) {

  /** A summary without a recovery block (all null: no fault). */
  public Summary(String scenario, String strategy, long seed, Outcome outcome, Deployment deployment,
      Capacity capacity, Traffic traffic, Rollback rollback, Cost cost, double mixedVersionSeconds,
      Map<String, Integer> finalVersions, String outcomeReason, String fromVersion, String toVersion,
      Detection detection, double horizonSeconds, Latency latency, Scaling scaling) {
    this(scenario, strategy, seed, outcome, deployment, capacity, traffic, rollback, cost, mixedVersionSeconds,
        finalVersions, outcomeReason, fromVersion, toVersion, detection, horizonSeconds, latency, scaling,
        Recovery.none());
  }

  /** A summary without latency or scaling figures (both blocks all null). */
  public Summary(String scenario, String strategy, long seed, Outcome outcome, Deployment deployment,
      Capacity capacity, Traffic traffic, Rollback rollback, Cost cost, double mixedVersionSeconds,
      Map<String, Integer> finalVersions, String outcomeReason, String fromVersion, String toVersion,
      Detection detection, double horizonSeconds) {
    this(scenario, strategy, seed, outcome, deployment, capacity, traffic, rollback, cost, mixedVersionSeconds,
        finalVersions, outcomeReason, fromVersion, toVersion, detection, horizonSeconds, Latency.none(),
        Scaling.none(), Recovery.none());
  }

  /**
   * Request latency over the run (all null without a latency model: no version has a responseTime).
   *
   * @param p50Seconds median latency of every request served in the run
   * @param p95Seconds 95th percentile of the same
   * @param p99Seconds 99th percentile of the same
   * @param p99MaxSeconds the highest 99th percentile of one sample interval
   * @param sloViolationSeconds time in sample intervals whose 99th percentile exceeded the slo's
   *     latencyP99 (null without an slo)
   * @param timedOutRequests requests that waited past the load balancer's idle timeout (504s)
   */
  public record Latency(Double p50Seconds, Double p95Seconds, Double p99Seconds, Double p99MaxSeconds,
      Double sloViolationSeconds, Long timedOutRequests) {
    public static Latency none() {
      return new Latency(null, null, null, null, null, null);
    }
  }

  /**
   * Scaling activities of the Auto Scaling groups that the deployment did not start (policies,
   * scheduled actions); null fields for serverless runs.
   *
   * @param scaleOutActivities activities that raised a group's desired capacity
   * @param scaleInActivities activities that lowered it
   * @param maxDesired the highest desired capacity of all groups together over the run
   */
  public record Scaling(Integer scaleOutActivities, Integer scaleInActivities, Integer maxDesired) {
    public static Scaling none() {
      return new Scaling(null, null, null);
    }
  }

  /**
   * What happened after the first fault (docs/resilience.md#measuring-recovery); every field is null
   * when the run has no fault.
   *
   * @param detectedSeconds from the first fault's start until the infrastructure first reacted: a
   *     Route 53 health check went unhealthy, the database's primary was found failed, an Auto
   *     Scaling group marked an instance unhealthy; null when nothing reacted
   * @param rtoSeconds from the first fault's start until served requests were back to at least 99% of
   *     demand for a whole minute (the start of that minute); 0 when they never dropped below; null
   *     when they were not back by the end of the run
   * @param rpoSeconds seconds of writes lost by a database failover or restore; null where nothing
   *     was lost (a synchronous standby, no failover)
   * @param failoverAtSeconds the run's clock when DNS first answered another endpoint because of
   *     health, or the database's new primary first took writes; null when nothing failed over
   * @param failedRequests requests failed from the first fault's start until recovery (or the end)
   */
  public record Recovery(Double detectedSeconds, Double rtoSeconds, Double rpoSeconds, Double failoverAtSeconds,
      Long failedRequests) {
    public static Recovery none() {
      return new Recovery(null, null, null, null, null);
    }
  }

  /** endSeconds and durationSeconds are null when the deployment had not ended at the horizon. */
  public record Deployment(double startSeconds, Double endSeconds, Double durationSeconds) {}

  /**
   * Capacity over the deployment window; all null for serverless runs.
   *
   * @param baselineInstances desired capacity before the deployment
   * @param minInServiceInstances fewest instances registered, healthy and receiving traffic
   * @param minCapacityPercent the same for serving capacity, against baseline x capacity
   * @param peakInstances most instances billed at once over the run
   */
  public record Capacity(
      Integer baselineInstances, Integer minInServiceInstances, Double minCapacityPercent, Integer peakInstances) {}

  /**
   * Requests over the whole run.
   *
   * @param requests offered requests
   * @param failedRequests requests that failed (no capacity, a bad version, a stale DNS answer)
   * @param availabilityPercent 100 x (requests - failed) / requests
   * @param downtimeSeconds time with demand and no successful request
   * @param degradedSeconds time with some failed requests
   * @param requestsServedByNewVersion requests handled by instances of the deployed version
   * @param requestsServedByNewVersionBeforeRollback those handled before a rollback started (all of
   *     them when none started): how far a bad version reached before it was caught, its blast radius
   */
  public record Traffic(
      long requests,
      long failedRequests,
      double availabilityPercent,
      double downtimeSeconds,
      double degradedSeconds,
      long requestsServedByNewVersion,
      long requestsServedByNewVersionBeforeRollback) {}

  public record Rollback(boolean triggered, String reason, Double startSeconds, Double endSeconds) {}

  /**
   * @param instanceHours billed instance-hours over the run
   * @param extraInstanceHours instance-hours above the baseline
   * @param usd instanceHours x fleet.hourlyPrice; null without a price
   */
  public record Cost(Double instanceHours, Double extraInstanceHours, Double usd) {}

  /**
   * @param atSeconds when the deployment first reacted to a problem with the new version (an alarm
   *     in ALARM, failed health checks, a timeout), null when nothing was detected
   * @param afterStartSeconds atSeconds minus the deployment start
   * @param by what detected it ("alarm high-5xx", "health checks", "timeout")
   */
  public record Detection(Double atSeconds, Double afterStartSeconds, String by) {
    public static Detection none() {
      return new Detection(null, null, null);
    }
  }
}
