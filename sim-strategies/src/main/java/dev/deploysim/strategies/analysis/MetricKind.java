package dev.deploysim.strategies.analysis;

import dev.deploysim.format.Keywords;
import java.util.List;

/**
 * What a measurement reads from the requests of an interval: the share that failed, the share that
 * succeeded, or the 99th percentile of their latency in seconds (only when the model has latency).
 */
public enum MetricKind {
  ERROR_RATE,
  SUCCESS_RATE,
  LATENCY_P99;

  /** The name a scenario writes. */
  public String keyword() {
    return Keywords.camelCase(this);
  }

  /** The kind a scenario names, or null. */
  public static MetricKind of(String keyword) {
    return Keywords.find(MetricKind.class, keyword, MetricKind::keyword);
  }

  public static List<String> keywords() {
    return Keywords.all(MetricKind.class, MetricKind::keyword);
  }

  /** The value of an observation; null when it has no data. */
  public Double value(Observation o) {
    if (!o.hasData()) {
      return null;
    }
    return switch (this) {
      case ERROR_RATE -> o.errorRate();
      case SUCCESS_RATE -> 1 - o.errorRate();
      case LATENCY_P99 -> o.latencyP99();
    };
  }
}
