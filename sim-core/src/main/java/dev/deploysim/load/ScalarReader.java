package dev.deploysim.load;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.ScalarSyntax;
import dev.deploysim.format.Wording;
import dev.deploysim.scenario.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads one scalar of the file (as the YAML 1.2 core schema resolved it: text, a whole number, a
 * real number, a boolean, nothing) as a value of a scalar {@link ParamType}: numbers within their
 * bounds, booleans, text, enum words, durations and percentages through {@link ScalarSyntax}. The
 * answer is the bound value or what is wrong with it, worded through {@link Wording}.
 */
final class ScalarReader {
  private ScalarReader() {}

  /** The value a scalar binds to, or the problem (and a hint, or null) that keeps it out. */
  record Read(Object value, String problem, String hint) {
    static Read of(Object value) {
      return new Read(value, null, null);
    }

    static Read problem(String problem, String hint) {
      return new Read(null, problem, hint);
    }

    static Read expected(String expected, ScalarNode got) {
      return problem("expected " + expected + ", got " + ScalarReader.got(got), null);
    }
  }

  /** How YAML resolved a scalar. */
  enum Kind {
    NULL,
    BOOL,
    INT,
    FLOAT,
    STR,
    OTHER
  }

  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?");

  /** Words that "yes", "on" ... that YAML 1.1 read as booleans; 1.2 reads them as text. */
  private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "y", "n", "on", "off", "true", "false");

  static Kind kind(ScalarNode s) {
    Tag t = s.getTag();
    if (t.equals(Tag.STR)) {
      return Kind.STR;
    }
    if (t.equals(Tag.INT)) {
      return Kind.INT;
    }
    if (t.equals(Tag.FLOAT)) {
      return Kind.FLOAT;
    }
    if (t.equals(Tag.BOOL)) {
      return Kind.BOOL;
    }
    if (t.equals(Tag.NULL)) {
      return Kind.NULL;
    }
    return Kind.OTHER;
  }

  /** Whether the type is read from a scalar (not a list or mapping). */
  static boolean isScalar(ParamType t) {
    return !(t instanceof ParamType.ObjectType || t instanceof ParamType.MapType || t instanceof ParamType.ListType
        || t instanceof ParamType.OneOfType || t instanceof ParamType.TaggedUnionType);
  }

  /** A scalar as a value of a scalar type. */
  static Read read(ScalarNode s, ParamType type) {
    if (type instanceof ParamType.IntegerType t) {
      return integer(s, t);
    }
    if (type instanceof ParamType.NumberType t) {
      return number(s, t);
    }
    if (type instanceof ParamType.BooleanType) {
      return bool(s);
    }
    if (type instanceof ParamType.StringType) {
      return string(s);
    }
    if (type instanceof ParamType.EnumType t) {
      return enumValue(s, t);
    }
    if (type instanceof ParamType.DurationType t) {
      if (t.allowNever() && kind(s) == Kind.STR && s.getValue().trim().equals("never")) {
        return Read.of(Double.POSITIVE_INFINITY);
      }
      return duration(s, t.min(), t.max(), Wording.durationExamples(t));
    }
    if (type instanceof ParamType.DistributionType) {
      Read d = duration(s, 0, Limits.MAX_SECONDS, Wording.DISTRIBUTION_EXAMPLES);
      return d.problem() != null ? d : Read.of(Distribution.constant((Double) d.value()));
    }
    if (type instanceof ParamType.CountOrPercentType t) {
      return countOrPercent(s, t);
    }
    return Read.expected(Wording.expected(type), s);
  }

  /** Whether the scalar looks like a value of the type (it may still be out of range). */
  static boolean claims(ScalarNode s, ParamType t) {
    Kind k = kind(s);
    String v = s.getValue().trim();
    boolean number = k == Kind.INT || k == Kind.FLOAT;
    if (t instanceof ParamType.IntegerType || t instanceof ParamType.NumberType) {
      return number;
    }
    if (t instanceof ParamType.BooleanType) {
      return k == Kind.BOOL || k == Kind.STR && YAML11_BOOLEANS.contains(v.toLowerCase(Locale.ROOT));
    }
    if (t instanceof ParamType.StringType) {
      return k == Kind.STR;
    }
    if (t instanceof ParamType.EnumType e) {
      return k == Kind.STR && e.values().contains(v);
    }
    if (t instanceof ParamType.DurationType || t instanceof ParamType.DistributionType) {
      boolean never = t instanceof ParamType.DurationType d && d.allowNever() && v.equals("never");
      return number || k == Kind.STR && (never || ScalarSyntax.duration(s.getValue()).isPresent());
    }
    if (t instanceof ParamType.CountOrPercentType) {
      return number || k == Kind.STR && ScalarSyntax.percent(s.getValue()).isPresent();
    }
    return false;
  }

  /** The number a scalar holds (INT or FLOAT kind), or null when it is not a number. */
  private static BigDecimal numeric(ScalarNode s) {
    Kind k = kind(s);
    String v = s.getValue().trim();
    try {
      if (k == Kind.INT) {
        if (v.startsWith("0x")) {
          return new BigDecimal(new BigInteger(v.substring(2), 16));
        }
        if (v.startsWith("0o")) {
          return new BigDecimal(new BigInteger(v.substring(2), 8));
        }
        return INT.matcher(v).matches() ? new BigDecimal(new BigInteger(v)) : null;
      }
      return k == Kind.FLOAT && FLOAT.matcher(v).matches() ? new BigDecimal(v) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** True for .inf, -.inf, .nan and their capitalised forms. */
  private static boolean nonFinite(ScalarNode s) {
    if (kind(s) != Kind.FLOAT) {
      return false;
    }
    String v = s.getValue().trim().toLowerCase(Locale.ROOT);
    return v.endsWith(".inf") || v.equals(".nan");
  }

  private static Read integer(ScalarNode s, ParamType.IntegerType t) {
    if (nonFinite(s)) {
      return Read.expected("a whole number", s);
    }
    BigDecimal n = numeric(s);
    if (n == null) {
      return Read.expected(Wording.expected(t), s);
    }
    BigInteger whole;
    try {
      whole = n.toBigIntegerExact();
    } catch (ArithmeticException e) {
      return Read.problem("expected a whole number, got " + s.getValue().trim(), null);
    }
    if (whole.compareTo(BigInteger.valueOf(t.min())) < 0 || whole.compareTo(BigInteger.valueOf(t.max())) > 0) {
      return Read.problem(Wording.range(t, whole) + ", got " + whole, null);
    }
    long v = whole.longValue();
    // Integer as ParamType promises; only a value beyond int's range (a seed) stays a Long
    return Read.of(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v);
  }

  private static Read number(ScalarNode s, ParamType.NumberType t) {
    String finite = "expected a finite number, got " + s.getValue().trim();
    if (nonFinite(s)) {
      return Read.problem(finite, null);
    }
    BigDecimal n = numeric(s);
    if (n == null) {
      return Read.expected(Wording.expected(t), s);
    }
    boolean above = Double.isFinite(t.max()) && n.compareTo(BigDecimal.valueOf(t.max())) > 0;
    if (above && t.max() == Limits.MAX_RPS) {
      return Read.problem("must be at most 1e9 requests per second, so that counts of requests stay exact, got "
          + shorten(s.getValue().trim()), null);
    }
    double v = n.doubleValue();
    if (!above && !Double.isFinite(v)) {
      return Read.problem(finite, null);
    }
    if (t.minExclusive() && !above && !(v > t.min())) {
      return Read.problem("must be greater than " + Wording.number(t.min()) + ", got " + shorten(s.getValue().trim()),
          null);
    }
    if (above || v < t.min()) {
      // below a rate's minimum: the bound it broke (its upper bound has the message above)
      double shownMax = !above && t.max() == Limits.MAX_RPS ? Double.POSITIVE_INFINITY : t.max();
      return Read.problem(Wording.range(t.min(), shownMax, false) + ", got " + shorten(s.getValue().trim()), null);
    }
    return Read.of(v);
  }

  private static Read bool(ScalarNode s) {
    if (kind(s) == Kind.BOOL) {
      return Read.of(s.getValue().trim().toLowerCase(Locale.ROOT).equals("true"));
    }
    String v = s.getValue().trim().toLowerCase(Locale.ROOT);
    String hint = null;
    if (kind(s) == Kind.STR) {
      if (List.of("yes", "y", "on").contains(v)) {
        hint = "YAML 1.2 reads " + s.getValue().trim() + " as text; write true";
      } else if (List.of("no", "n", "off").contains(v)) {
        hint = "YAML 1.2 reads " + s.getValue().trim() + " as text; write false";
      } else if (v.equals("true") || v.equals("false")) {
        hint = "write it without quotes";
      }
    }
    return Read.problem("expected true or false, got " + got(s), hint);
  }

  private static Read string(ScalarNode s) {
    Kind k = kind(s);
    if (k == Kind.STR) {
      return Read.of(s.getValue());
    }
    if (k == Kind.NULL) {
      return Read.expected("text", s);
    }
    return Read.problem("expected text, got " + got(s), "put it in quotes: \"" + s.getValue().trim() + "\"");
  }

  private static Read enumValue(ScalarNode s, ParamType.EnumType t) {
    String v = s.getValue().trim();
    if (kind(s) == Kind.STR && t.values().contains(v)) {
      return Read.of(v);
    }
    if (kind(s) == Kind.NULL) {
      return Read.expected(Wording.expected(t), s);
    }
    return Read.problem("expected one of " + String.join(", ", t.values()) + ", got " + got(s),
        DidYouMean.hint(v, t.values()));
  }

  /** A duration in seconds within [min, max]: a number of seconds, or text in the duration grammar. */
  /**
   * A duration within [min, max], and never beyond {@link Limits#MAX_SECONDS} whatever the type
   * allows: a value past that bound (however many digits it has) gets the bound in words.
   */
  private static Read duration(ScalarNode s, double min, double typeMax, String examples) {
    double max = Math.min(typeMax, Limits.MAX_SECONDS);
    Kind k = kind(s);
    if (nonFinite(s)) {
      return Read.problem("expected " + examples + ", got " + s.getValue().trim(), null);
    }
    double v;
    if (k == Kind.INT || k == Kind.FLOAT) {
      BigDecimal n = numeric(s);
      if (n == null) {
        return Read.expected(examples, s);
      }
      if (n.compareTo(BigDecimal.valueOf(max)) > 0) {
        return beyond(min, max, shorten(got(s)) + " seconds");
      }
      v = n.doubleValue();
    } else if (k == Kind.STR) {
      OptionalDouble d = ScalarSyntax.duration(s.getValue());
      if (d.isEmpty()) {
        return Read.expected(examples, s);
      }
      v = d.getAsDouble();
    } else {
      return Read.expected(examples, s);
    }
    if (v > max) {
      return beyond(min, max, Double.isFinite(v) ? Durations.format(v) : shorten(got(s)));
    }
    if (v < min) {
      // below a key's minimum: the bound it broke (the format's own upper bound is a separate message)
      double shownMax = typeMax >= Limits.MAX_SECONDS ? Double.POSITIVE_INFINITY : max;
      return Read.problem(Wording.range(min, shownMax, true) + ", got "
          + (v < 0 ? s.getValue().trim() : Durations.format(v)), null);
    }
    return Read.of(v);
  }

  /** A duration above its bound; at the format's own bound, the reason in words. */
  private static Read beyond(double min, double max, String got) {
    if (max == Limits.MAX_SECONDS) {
      return Read.problem("must be at most " + Limits.MAX_TIME_WORDS + ", the longest time a run simulates, got "
          + got, null);
    }
    return Read.problem(Wording.range(min, max, true) + ", got " + got, null);
  }

  /** A value as a message shows it: at most 60 characters. */
  private static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  private static Read countOrPercent(ScalarNode s, ParamType.CountOrPercentType t) {
    String examples = Wording.COUNT_OR_PERCENT_EXAMPLES;
    Kind k = kind(s);
    if (k == Kind.INT) {
      BigDecimal n = numeric(s);
      if (n == null) {
        return Read.expected(examples, s);
      }
      if (n.compareTo(BigDecimal.valueOf(t.minCount())) < 0) {
        return Read.problem("a count must be at least " + t.minCount() + ", got " + n.toPlainString(), null);
      }
      if (n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
        return Read.problem("count too large, got " + n.toPlainString(), null);
      }
      return Read.of(CountOrPercent.count(n.intValueExact()));
    }
    if (k == Kind.STR) {
      OptionalDouble p = ScalarSyntax.percent(s.getValue());
      if (p.isPresent()) {
        double v = p.getAsDouble();
        if (v < t.minPercent() || v > t.maxPercent()) {
          return Read.problem("a percentage must be between " + Wording.number(t.minPercent()) + "% and "
              + Wording.number(t.maxPercent()) + "%, got " + s.getValue().trim(), null);
        }
        return Read.of(CountOrPercent.percent(v));
      }
    }
    if (k == Kind.FLOAT && !nonFinite(s)) {
      return Read.problem("expected " + examples + ", got " + s.getValue().trim(),
          "a count is a whole number; write a fraction as a percentage");
    }
    return Read.expected(examples, s);
  }

  /** How a value of the file reads in a message. */
  static String got(Node n) {
    if (n instanceof ScalarNode s) {
      Kind k = kind(s);
      if (k == Kind.NULL) {
        return "nothing";
      }
      String v = s.getValue();
      if (k == Kind.STR) {
        String shown = v.length() > 60 ? v.substring(0, 57) + "..." : v;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
      }
      return v.trim();
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    return "a mapping";
  }
}
