package dev.deploysim.cli.check;

import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.SummaryTable;
import dev.deploysim.result.Summary;
import dev.deploysim.run.Replications;
import dev.deploysim.scenario.BudgetsSpec;
import java.util.function.Function;

/**
 * The budgets a scenario may set, each compared with one value of a run's summary: at most the
 * limit, or at least it for {@link #MIN_CAPACITY_PERCENT}.
 */
public enum Budget {
  MAX_DURATION("maxDuration", "durationSeconds", Kind.DURATION, BudgetsSpec::maxDurationSeconds),
  MIN_CAPACITY_PERCENT("minCapacityPercent", "minCapacityPercent", Kind.PERCENT, BudgetsSpec::minCapacityPercent),
  MAX_FAILED_REQUESTS("maxFailedRequests", "failedRequests", Kind.COUNT,
      b -> b.maxFailedRequests() == null ? null : b.maxFailedRequests().doubleValue()),
  MAX_DOWNTIME("maxDowntime", "downtimeSeconds", Kind.DURATION, BudgetsSpec::maxDowntimeSeconds),
  /** Not measurable in a run without a latency model (no version has a responseTime). */
  MAX_LATENCY_P99("maxLatencyP99", "latencyP99Seconds", Kind.DURATION, BudgetsSpec::maxLatencyP99Seconds),
  MAX_EXTRA_INSTANCE_HOURS("maxExtraInstanceHours", "extraInstanceHours", Kind.HOURS,
      BudgetsSpec::maxExtraInstanceHours),
  MAX_COST_USD("maxCostUsd", "usd", Kind.USD, BudgetsSpec::maxCostUsd);

  enum Kind { DURATION, PERCENT, COUNT, HOURS, USD }

  private final String key;
  private final Replications.Metric metric;
  private final int index;
  private final Kind kind;
  private final Function<BudgetsSpec, Double> limit;

  Budget(String key, String metric, Kind kind, Function<BudgetsSpec, Double> limit) {
    this.key = key;
    this.metric = metric == null ? null : Replications.metric(metric);
    this.index = metric == null ? -1 : Replications.METRICS.indexOf(this.metric);
    this.kind = kind;
    this.limit = limit;
  }

  /** The key under {@code budgets:}. */
  public String key() {
    return key;
  }

  /** The summary.json key it is compared with, or null when nothing measures it yet. */
  public String summaryKey() {
    return metric == null ? null : metric.summaryKey();
  }

  /** The scenario's limit, or null when the scenario does not set this budget. */
  public Double limit(BudgetsSpec b) {
    return limit.apply(b);
  }

  /**
   * The run's value, or null when the run does not measure it (no latency model, no fleet). A
   * deployment that did not finish has an infinite duration.
   */
  public Double measure(Summary s) {
    return metric == null ? null : finished(metric.value().apply(s));
  }

  /** The same from a replication's row. */
  public Double measure(Replications.Row row) {
    return metric == null ? null : finished(row.value(index));
  }

  private Double finished(Double v) {
    if (v == null && this == MAX_DURATION) {
      return Double.POSITIVE_INFINITY;
    }
    return v;
  }

  /** Whether a value keeps within a limit. */
  public boolean holds(double value, double limit) {
    return this == MIN_CAPACITY_PERCENT ? value >= limit : value <= limit;
  }

  /** Why the budget cannot be measured on this run. */
  public String notMeasurableReason() {
    return this == MAX_LATENCY_P99 ? "the run has no latency model (give the versions a responseTime)"
        : "the run has no " + summaryKey() + " (no fleet, or no fleet.hourlyPrice)";
  }

  /** A limit as the table shows it: "<= 20m", ">= 90%". */
  public String limitText(double limit) {
    return (this == MIN_CAPACITY_PERCENT ? ">= " : "<= ") + format(limit);
  }

  public String format(double value) {
    if (kind == Kind.DURATION && Double.isInfinite(value)) {
      return "did not finish";
    }
    return switch (kind) {
      case DURATION -> SummaryTable.dur(value);
      case PERCENT -> Numbers.upTo(value, Numbers.FRACTION) + "%";
      case COUNT -> Numbers.grouped(Math.round(value));
      case HOURS -> Numbers.upTo(value, Numbers.FRACTION) + " h";
      case USD -> "$" + Numbers.fixed(value, 2);
    };
  }
}
