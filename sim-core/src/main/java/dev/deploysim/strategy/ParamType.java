package dev.deploysim.strategy;

import java.util.List;

/**
 * The type of a scenario value: what the file may contain at a key, how it is shown in help and in
 * the JSON Schema. The scenario format itself and every strategy's parameters are described with
 * these types, so validation, binding, the schema and {@code sim strategies} share one definition.
 *
 * <p>Bound values: IntegerType to Integer, NumberType to Double, BooleanType to Boolean, StringType
 * and EnumType to String, DurationType to Double seconds (infinity for "never"), DistributionType
 * to {@link dev.deploysim.engine.Distribution}, CountOrPercentType to {@link CountOrPercent},
 * ObjectType to {@link StrategyParams}, ListType to List, MapType to an ordered Map.
 */
public sealed interface ParamType {

  /** Short human name, e.g. "duration" or "count or percentage". */
  String describe();

  record IntegerType(long min, long max) implements ParamType {
    @Override
    public String describe() {
      if (max == Long.MAX_VALUE) {
        return "integer >= " + min;
      }
      return "integer " + min + ".." + max;
    }
  }

  /** A real number in [min, max]. */
  record NumberType(double min, double max) implements ParamType {
    @Override
    public String describe() {
      return "number " + fmt(min) + ".." + fmt(max);
    }
  }

  record BooleanType() implements ParamType {
    @Override
    public String describe() {
      return "true or false";
    }
  }

  record StringType() implements ParamType {
    @Override
    public String describe() {
      return "text";
    }
  }

  /** One of a fixed set of names; matching is exact (case-sensitive), as AWS names are. */
  record EnumType(List<String> values) implements ParamType {
    public EnumType {
      values = List.copyOf(values);
    }

    @Override
    public String describe() {
      return "one of " + String.join(", ", values);
    }
  }

  /**
   * A duration in seconds within [min, max]; {@code allowNever} accepts the word "never" (bound to
   * positive infinity).
   */
  record DurationType(double min, double max, boolean allowNever) implements ParamType {
    @Override
    public String describe() {
      return allowNever ? "duration or never" : "duration";
    }
  }

  /** A duration literal or a distribution of durations. */
  record DistributionType() implements ParamType {
    @Override
    public String describe() {
      return "duration or distribution";
    }
  }

  /** A count like 2 or a percentage like "30%". */
  record CountOrPercentType(int minCount, double minPercent, double maxPercent) implements ParamType {
    @Override
    public String describe() {
      return "count or percentage";
    }
  }

  /** A mapping with known keys. */
  record ObjectType(List<ParamSpec> fields) implements ParamType {
    public ObjectType {
      fields = List.copyOf(fields);
    }

    @Override
    public String describe() {
      return "mapping";
    }

    public ParamSpec field(String name) {
      for (ParamSpec f : fields) {
        if (f.name().equals(name)) {
          return f;
        }
      }
      return null;
    }
  }

  record ListType(ParamType item, int minItems, int maxItems) implements ParamType {
    @Override
    public String describe() {
      return "list of " + item.describe();
    }
  }

  /** A mapping from keys (any text, or one of {@code keys} when not null) to values. */
  record MapType(EnumType keys, ParamType value) implements ParamType {
    @Override
    public String describe() {
      return "mapping to " + value.describe();
    }
  }

  private static String fmt(double v) {
    if (v == Double.POSITIVE_INFINITY) {
      return "";
    }
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
