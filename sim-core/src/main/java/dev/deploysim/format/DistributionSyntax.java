package dev.deploysim.format;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link ParamType.DistributionType} value is written: a duration (a constant), or a mapping
 * with exactly one key that names the distribution, its value the distribution's parameters:
 * {@code {uniform: [20s, 40s]}}, {@code {exponential: {mean: 30s}}}, {@code {normal: {mean: 60s,
 * sd: 10s}}}, {@code {lognormal: {median: 45s, p95: 90s}}}, {@code {triangular: [20s, 30s, 60s]}}.
 * The loader reads the parameters with their types below and then {@link #build}s the
 * distribution; the JSON Schema is generated from the same {@link #KINDS}.
 */
public final class DistributionSyntax {
  private DistributionSyntax() {}

  /** A duration inside a distribution: at least 0, no upper bound. */
  public static final ParamType.DurationType DURATION = new ParamType.DurationType(0, Double.POSITIVE_INFINITY, false);

  /** One kind of distribution: its key, what it is, and the type of its parameters. */
  public record Kind(String name, String description, ParamType parameters) {}

  /** Every kind, in the order messages list them. */
  public static final List<Kind> KINDS = List.of(
      new Kind("uniform", "uniform between [low, high]", new ParamType.ListType(DURATION, 2, 2)),
      new Kind("exponential", "exponential with the given mean", new ParamType.ObjectType(List.of(
          ParamSpec.required("mean", DURATION, null, "mean")))),
      new Kind("normal", "normal, cut at 0", new ParamType.ObjectType(List.of(
          ParamSpec.required("mean", DURATION, null, "mean"),
          ParamSpec.required("sd", DURATION, null, "standard deviation")))),
      new Kind("lognormal", "lognormal given its median and 95th percentile", new ParamType.ObjectType(List.of(
          ParamSpec.required("median", DURATION, null, "median"),
          ParamSpec.required("p95", DURATION, null, "95th percentile")))),
      new Kind("triangular", "triangular [low, mode, high]", new ParamType.ListType(DURATION, 3, 3)));

  /** The kind of that name, or null. */
  public static Kind kind(String name) {
    for (Kind k : KINDS) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    return null;
  }

  public static List<String> names() {
    List<String> names = new ArrayList<>();
    KINDS.forEach(k -> names.add(k.name()));
    return names;
  }

  /** The mapping form of a kind: one required key, the kind's name. */
  public static ParamType.ObjectType mapping(Kind kind) {
    return new ParamType.ObjectType(List.of(ParamSpec.required(kind.name(), kind.parameters(), null, kind.description())));
  }

  /**
   * The distribution of a kind from its bound parameters (a list of seconds, or {@link
   * StrategyParams}); null after adding problems at key paths relative to the distribution
   * ({@code uniform}, {@code lognormal.p95}). Parameters that already had a problem are null.
   */
  public static Distribution build(Kind kind, Object parameters, Problems problems) {
    String p = kind.name();
    try {
      switch (p) {
        case "uniform": {
          double[] a = seconds(parameters, 2);
          if (a == null) {
            return null;
          }
          if (a[0] > a[1]) {
            problems.add(p, "low " + Durations.format(a[0]) + " is above high " + Durations.format(a[1]),
                "write [low, high]");
            return null;
          }
          return new Distribution.Uniform(a[0], a[1]);
        }
        case "triangular": {
          double[] a = seconds(parameters, 3);
          if (a == null) {
            return null;
          }
          if (!(a[0] <= a[1] && a[1] <= a[2]) || a[0] == a[2]) {
            problems.add(p, "needs low <= mode <= high and low < high, got [" + Durations.format(a[0]) + ", "
                + Durations.format(a[1]) + ", " + Durations.format(a[2]) + "]", "write [low, mode, high]");
            return null;
          }
          return new Distribution.Triangular(a[0], a[1], a[2]);
        }
        case "exponential": {
          Double mean = named(parameters, "mean");
          if (mean == null) {
            return null;
          }
          if (!(mean > 0)) {
            problems.add(p + ".mean", "must be greater than 0, got " + Durations.format(mean));
            return null;
          }
          return new Distribution.Exponential(mean);
        }
        case "normal": {
          Double mean = named(parameters, "mean");
          Double sd = named(parameters, "sd");
          return mean == null || sd == null ? null : new Distribution.Normal(mean, sd);
        }
        default: {
          Double median = named(parameters, "median");
          Double p95 = named(parameters, "p95");
          if (median == null || p95 == null) {
            return null;
          }
          if (!(median > 0)) {
            problems.add(p + ".median", "must be greater than 0, got " + Durations.format(median));
            return null;
          }
          if (!(p95 > median)) {
            problems.add(p + ".p95", "must be above the median " + Durations.format(median) + ", got "
                + Durations.format(p95));
            return null;
          }
          return new Distribution.LogNormal(median, p95);
        }
      }
    } catch (IllegalArgumentException ex) {
      problems.add(p, ex.getMessage());
      return null;
    }
  }

  /** Exactly n seconds from a bound list, or null when it is missing, short or has a bad item. */
  private static double[] seconds(Object list, int n) {
    if (!(list instanceof List<?> items) || items.size() != n) {
      return null;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      if (!(items.get(i) instanceof Double d)) {
        return null;
      }
      out[i] = d;
    }
    return out;
  }

  private static Double named(Object params, String key) {
    return params instanceof StrategyParams p ? p.duration(key) : null;
  }

  /** A distribution as a scenario writes it (for defaults in help and the schema). */
  public static Object written(Distribution d) {
    if (d instanceof Distribution.Constant c) {
      return Durations.format(c.value());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (d instanceof Distribution.Uniform u) {
      m.put("uniform", List.of(Durations.format(u.low()), Durations.format(u.high())));
    } else if (d instanceof Distribution.Exponential e) {
      m.put("exponential", Map.of("mean", Durations.format(e.meanValue())));
    } else if (d instanceof Distribution.Normal n) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("mean", Durations.format(n.mu()));
      v.put("sd", Durations.format(n.sigma()));
      m.put("normal", v);
    } else if (d instanceof Distribution.LogNormal l) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("median", Durations.format(l.median()));
      v.put("p95", Durations.format(l.p95()));
      m.put("lognormal", v);
    } else {
      Distribution.Triangular t = (Distribution.Triangular) d;
      m.put("triangular", List.of(Durations.format(t.low()), Durations.format(t.mode()), Durations.format(t.high())));
    }
    return m;
  }
}
