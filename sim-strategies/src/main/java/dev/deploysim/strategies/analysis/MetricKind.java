package dev.deploysim.strategies.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * What a measurement reads from the requests of an interval: the share that failed, the share that
 * succeeded, or the 99th percentile of their latency in seconds (only when the model has latency).
 */
public enum MetricKind {
  ERROR_RATE("errorRate"),
  SUCCESS_RATE("successRate"),
  LATENCY_P99("latencyP99");

  private final String keyword;

  MetricKind(String keyword) {
    this.keyword = keyword;
  }

  /** The name a scenario writes. */
  public String keyword() {
    return keyword;
  }

  /** The kind a scenario names, or null. */
  public static MetricKind of(String keyword) {
    for (MetricKind k : values()) {
      if (k.keyword.equals(keyword)) {
        return k;
      }
    }
    return null;
  }

  public static List<String> keywords() {
    List<String> out = new ArrayList<>();
    for (MetricKind k : values()) {
      out.add(k.keyword);
    }
    return out;
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
