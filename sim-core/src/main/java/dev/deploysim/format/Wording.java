package dev.deploysim.format;

import dev.deploysim.engine.Durations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the format speaks of its types in messages: what a value of a type looks like ("expected a
 * whole number from 1 to 1000, got ..."), each form a value may take (to list the forms of a value
 * that can take several), a placeholder for "add key: &lt;...&gt;" hints, ranges and numbers.
 * Every message of the loader words a type through here, so a type reads the same everywhere.
 */
public final class Wording {
  private Wording() {}

  /** How a distribution reads, in words. */
  public static final String DISTRIBUTION_EXAMPLES =
      "a duration like 30s or a distribution like {uniform: [20s, 40s]}, {exponential: {mean: 30s}}, "
          + "{normal: {mean: 60s, sd: 10s}}, {lognormal: {median: 45s, p95: 90s}} or {triangular: [20s, 30s, 60s]}";

  /** How a count or percentage reads, in words. */
  public static final String COUNT_OR_PERCENT_EXAMPLES = "a count like 2 or a percentage like \"30%\"";

  /** What a value of the type looks like, for "expected ..." messages. */
  public static String expected(ParamType type) {
    if (type instanceof ParamType.IntegerType t) {
      if (t.max() == Long.MAX_VALUE) {
        return t.min() == 0 ? "a whole number >= 0" : "a whole number >= " + t.min();
      }
      return "a whole number from " + t.min() + " to " + t.max();
    }
    if (type instanceof ParamType.NumberType t) {
      if (t.min() == Double.NEGATIVE_INFINITY && t.max() == Double.POSITIVE_INFINITY) {
        return "a number";
      }
      if (t.max() == Double.POSITIVE_INFINITY) {
        return "a number " + (t.minExclusive() ? "> " : ">= ") + number(t.min());
      }
      return "a number from " + number(t.min()) + " to " + number(t.max());
    }
    if (type instanceof ParamType.BooleanType) {
      return "true or false";
    }
    if (type instanceof ParamType.StringType) {
      return "text";
    }
    if (type instanceof ParamType.EnumType t) {
      return "one of " + String.join(", ", t.values());
    }
    if (type instanceof ParamType.DurationType t) {
      return durationExamples(t);
    }
    if (type instanceof ParamType.DistributionType) {
      return DISTRIBUTION_EXAMPLES;
    }
    if (type instanceof ParamType.CountOrPercentType) {
      return COUNT_OR_PERCENT_EXAMPLES;
    }
    if (type instanceof ParamType.ListType) {
      return "a list";
    }
    if (type instanceof ParamType.OneOfType o) {
      return orList(forms(o));
    }
    return "a mapping";
  }

  /** How a duration of the type reads: the duration forms, and "or never" where never is allowed. */
  public static String durationExamples(ParamType.DurationType t) {
    return t.allowNever() ? ScalarSyntax.DURATION_EXAMPLES + " or never" : ScalarSyntax.DURATION_EXAMPLES;
  }

  /** Each form a value of the type may take, for a message listing several types' forms. */
  public static List<String> forms(ParamType type) {
    if (type instanceof ParamType.BooleanType) {
      return List.of("true", "false");
    }
    if (type instanceof ParamType.EnumType e) {
      return e.values();
    }
    if (type instanceof ParamType.DurationType d) {
      return d.allowNever() ? List.of("a duration like 30s", "never") : List.of("a duration like 30s");
    }
    if (type instanceof ParamType.DistributionType) {
      return List.of("a duration like 30s", "a distribution like {uniform: [10s, 20s]}");
    }
    if (type instanceof ParamType.CountOrPercentType) {
      return List.of("a count like 2", "a percentage like \"30%\"");
    }
    if (type instanceof ParamType.ObjectType o) {
      if (o.fields().size() == 1) {
        ParamSpec f = o.fields().get(0);
        return List.of("{" + f.name() + ": <" + placeholder(f.type()) + ">}");
      }
      return List.of("a mapping with " + String.join(", ", names(o.fields())));
    }
    if (type instanceof ParamType.ListType l) {
      return List.of("a list of " + placeholder(l.item()));
    }
    if (type instanceof ParamType.MapType m) {
      return List.of("a mapping of names to " + placeholder(m.value()));
    }
    if (type instanceof ParamType.OneOfType o) {
      Set<String> all = new LinkedHashSet<>();
      o.alternatives().forEach(t -> all.addAll(forms(t)));
      return List.copyOf(all);
    }
    return List.of(expected(type));
  }

  /** A few words for "add key: &lt;...&gt;". */
  public static String placeholder(ParamType type) {
    if (type instanceof ParamType.IntegerType || type instanceof ParamType.NumberType) {
      return "number";
    }
    if (type instanceof ParamType.EnumType t) {
      return String.join("|", t.values());
    }
    if (type instanceof ParamType.DurationType) {
      return "duration";
    }
    if (type instanceof ParamType.DistributionType) {
      return "duration or distribution";
    }
    if (type instanceof ParamType.CountOrPercentType) {
      return "count or percentage";
    }
    if (type instanceof ParamType.StringType) {
      return "text";
    }
    if (type instanceof ParamType.BooleanType) {
      return "true|false";
    }
    if (type instanceof ParamType.ListType l) {
      return "list of " + placeholder(l.item());
    }
    if (type instanceof ParamType.OneOfType o) {
      List<String> parts = new ArrayList<>();
      o.alternatives().forEach(t -> parts.add(placeholder(t)));
      return String.join(" or ", parts);
    }
    return "mapping";
  }

  /** "a", "a or b", "a, b or c". */
  public static String orList(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  /** "must be between 1 and 10", "must be at least 0", "must be at most 5m"; durations as a file writes them. */
  public static String range(double min, double max, boolean durations) {
    java.util.function.DoubleFunction<String> f = durations ? Durations::format : Wording::number;
    if (max == Double.POSITIVE_INFINITY) {
      return "must be at least " + f.apply(min);
    }
    if (min == Double.NEGATIVE_INFINITY) {
      return "must be at most " + f.apply(max);
    }
    return "must be between " + f.apply(min) + " and " + f.apply(max);
  }

  /**
   * The bound a whole number broke: "must be between 1 and 1000", or for a side left open only the
   * side it broke ("must be at least 0", "must be at most 9223372036854775807").
   */
  public static String range(ParamType.IntegerType t, java.math.BigInteger value) {
    boolean above = value.compareTo(java.math.BigInteger.valueOf(t.max())) > 0;
    if (t.max() == Long.MAX_VALUE || t.min() == Long.MIN_VALUE) {
      return above ? "must be at most " + t.max() : "must be at least " + t.min();
    }
    return "must be between " + t.min() + " and " + t.max();
  }

  /** 2 rather than 2.0, 0.05 rather than 5.0E-2. */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** The keys of a list of specs, in order. */
  public static List<String> names(List<ParamSpec> fields) {
    List<String> names = new ArrayList<>(fields.size());
    for (ParamSpec f : fields) {
      names.add(f.name());
    }
    return names;
  }
}
