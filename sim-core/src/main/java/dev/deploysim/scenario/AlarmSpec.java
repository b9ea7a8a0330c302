package dev.deploysim.scenario;

/**
 * A CloudWatch metric alarm on a metric of the model.
 *
 * @param name alarm name
 * @param metric one of {@link Metric}
 * @param statistic how datapoints are aggregated over a period
 * @param threshold the threshold
 * @param comparison comparison operator
 * @param period seconds per datapoint (default 60)
 * @param evaluationPeriods N: datapoints considered (default 1)
 * @param datapointsToAlarm M of N that must breach (default N)
 * @param treatMissingData what a period without data counts as (default missing)
 */
public record AlarmSpec(
    String name,
    Metric metric,
    Statistic statistic,
    double threshold,
    Comparison comparison,
    double period,
    int evaluationPeriods,
    int datapointsToAlarm,
    MissingData treatMissingData) {

  /** Metrics the model publishes. */
  public enum Metric {
    /** failed / offered requests over the period; missing without requests. */
    ERROR_RATE("errorRate"),
    /** failed requests in the period. */
    FAILED_REQUESTS("failedRequests"),
    /** offered requests in the period. */
    REQUESTS("requests"),
    /** targets healthy in the load balancer. */
    HEALTHY_HOSTS("healthyHosts"),
    /** registered targets that are unhealthy. */
    UNHEALTHY_HOSTS("unhealthyHosts"),
    /** failed / handled requests of instances running the deployed version; missing when none. */
    NEW_VERSION_ERROR_RATE("newVersionErrorRate"),
    /** CPUUtilization in percent: served requests over capacity, averaged over InService instances. */
    CPU("cpu"),
    /** requests per target in the period (ALB RequestCountPerTarget: Sum is the average per target). */
    REQUEST_COUNT_PER_TARGET("requestCountPerTarget"),
    /** median request latency over the period, in seconds; missing without served requests. */
    LATENCY_P50("latencyP50"),
    /** 99th percentile of request latency over the period, in seconds; missing without served requests. */
    LATENCY_P99("latencyP99");

    private final String key;

    Metric(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** A percentile of request latency: needs versions with a responseTime. */
    public boolean isLatency() {
      return this == LATENCY_P50 || this == LATENCY_P99;
    }
  }

  public enum Statistic {
    AVERAGE("Average"),
    SUM("Sum"),
    MINIMUM("Minimum"),
    MAXIMUM("Maximum");

    private final String key;

    Statistic(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  public enum Comparison {
    GREATER_THAN_THRESHOLD("GreaterThanThreshold"),
    GREATER_THAN_OR_EQUAL_TO_THRESHOLD("GreaterThanOrEqualToThreshold"),
    LESS_THAN_THRESHOLD("LessThanThreshold"),
    LESS_THAN_OR_EQUAL_TO_THRESHOLD("LessThanOrEqualToThreshold");

    private final String key;

    Comparison(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public boolean breaches(double value, double threshold) {
      return switch (this) {
        case GREATER_THAN_THRESHOLD -> value > threshold;
        case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
        case LESS_THAN_THRESHOLD -> value < threshold;
        case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
      };
    }
  }

  public enum MissingData {
    MISSING("missing"),
    BREACHING("breaching"),
    NOT_BREACHING("notBreaching"),
    IGNORE("ignore");

    private final String key;

    MissingData(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
