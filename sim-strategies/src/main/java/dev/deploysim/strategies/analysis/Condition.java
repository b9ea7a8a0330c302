package dev.deploysim.strategies.analysis;

import java.util.Locale;

/**
 * A measurement's condition, {@code "<metric> <op> <number>"}: {@code errorRate < 0.01},
 * {@code successRate >= 0.99}, {@code latencyP99 <= 0.5}. Argo writes such conditions as
 * expressions on a provider's {@code result}; the simulator's provider returns the named metric of
 * the simulated pods over the measurement's window.
 */
public record Condition(MetricKind metric, Op op, double threshold) {

  /** The comparison. */
  public enum Op {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean test(double value, double threshold) {
      return switch (this) {
        case LT -> value < threshold;
        case LE -> value <= threshold;
        case GT -> value > threshold;
        case GE -> value >= threshold;
      };
    }
  }

  /** Whether the condition holds for a value. */
  public boolean holds(double value) {
    return op.test(value, threshold);
  }

  /**
   * Reads {@code "<metric> <op> <number>"}.
   *
   * @throws IllegalArgumentException with a message that says what is wrong and what is accepted
   */
  public static Condition parse(String text) {
    String t = text == null ? "" : text.trim();
    String[] parts = t.split("\\s+");
    if (parts.length != 3) {
      // also read "errorRate<0.01"
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9]+)\\s*(<=|>=|<|>)\\s*(\\S+)").matcher(t);
      if (!m.matches()) {
        throw new IllegalArgumentException("expected \"<metric> <op> <number>\" such as \"errorRate < 0.01\", got \""
            + t + "\"");
      }
      parts = new String[] {m.group(1), m.group(2), m.group(3)};
    }
    MetricKind metric = MetricKind.of(parts[0]);
    if (metric == null) {
      throw new IllegalArgumentException("unknown metric \"" + parts[0] + "\"; the metrics are "
          + String.join(", ", MetricKind.keywords()));
    }
    Op op = null;
    for (Op o : Op.values()) {
      if (o.symbol.equals(parts[1])) {
        op = o;
      }
    }
    if (op == null) {
      throw new IllegalArgumentException("unknown comparison \"" + parts[1] + "\"; use <, <=, > or >=");
    }
    double threshold;
    try {
      threshold = Double.parseDouble(parts[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + parts[2] + "\" is not a number");
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("the threshold must be a finite number, got " + parts[2]);
    }
    return new Condition(metric, op, threshold);
  }

  @Override
  public String toString() {
    String n = threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15 ? Long.toString((long) threshold)
        : String.format(Locale.ROOT, "%s", threshold);
    return metric.keyword() + " " + op.symbol + " " + n;
  }
}
