package dev.deploysim.strategies.flagger;

import dev.deploysim.engine.Durations;
import dev.deploysim.strategies.analysis.Measurements;
import dev.deploysim.strategies.analysis.Observation;
import java.util.Locale;

/**
 * One of Flagger's built-in metric checks over the canary's requests in the last {@code interval}:
 * {@code request-success-rate}, the percentage of requests that did not fail, passes when it is at
 * least {@code min} (and at most {@code max}); {@code request-duration}, the 99th percentile
 * latency in milliseconds, passes when it is at most {@code max} (only with a latency model). A
 * query that finds no request ("no values found") fails the check.
 */
record FlaggerMetric(String name, Double min, Double max, double interval) {
  static final String SUCCESS_RATE = "request-success-rate";
  static final String DURATION = "request-duration";

  /** The check's result and what it saw. */
  record Check(boolean passed, String detail) {}

  Check check(Measurements measurements, String group) {
    Observation o = measurements.observe(group, interval);
    if (!o.hasData()) {
      return new Check(false, name + ": no values found in the last " + Durations.format(interval)
          + " (the canary got no requests)");
    }
    double value;
    String unit;
    if (name.equals(SUCCESS_RATE)) {
      value = 100.0 * (o.requests() - o.failed()) / o.requests();
      unit = "%";
    } else {
      value = o.latencyP99() == null ? Double.NaN : o.latencyP99() * 1000;
      unit = " ms";
    }
    boolean passed = !Double.isNaN(value) && (min == null || value >= min) && (max == null || value <= max);
    String range = (min != null ? "min " + fmt(min) : "") + (min != null && max != null ? ", " : "")
        + (max != null ? "max " + fmt(max) : "");
    return new Check(passed, String.format(Locale.ROOT, "%s %.3f%s (%d of %d requests failed; %s)", name, value, unit,
        o.failed(), o.requests(), range));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
