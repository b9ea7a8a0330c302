package dev.deploysim.cli.importer;

import dev.deploysim.load.DidYouMean;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of input values into scenario values, reporting a value of the wrong kind as a
 * located problem. Each method returns null for an absent or unknown value and after reporting a
 * problem.
 */
final class Convert {
  private Convert() {}

  private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");
  private static final Pattern ISO = Pattern.compile(
      "P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\\.[0-9]+)?)S)?)?", Pattern.CASE_INSENSITIVE);

  /** True when the value can be read: present, known, a scalar (a list or mapping is reported). */
  static boolean scalar(Value v, String expected, Problems p) {
    if (v.absent() || v.unknown() != null) {
      return false;
    }
    if (v.isMap() || v.isList()) {
      p.add(v, "expected " + expected + ", got " + v.describe(), null);
      return false;
    }
    return true;
  }

  /** The value's text, trimmed, when it is a scalar that {@code form} matches; else null, with a problem. */
  private static String matched(Value v, String expected, Pattern form, Problems p) {
    if (!scalar(v, expected, p)) {
      return null;
    }
    String t = v.text().trim();
    if (!form.matcher(t).matches()) {
      p.add(v, "expected " + expected + ", got " + v.describe(), null);
      return null;
    }
    return t;
  }

  static Long integer(Value v, long min, long max, Problems p) {
    return bounded(v, "a whole number" + range(min, max), WHOLE, Convert::whole, n -> !(n < min || n > max), p);
  }

  static Double number(Value v, double min, double max, Problems p) {
    return bounded(v, "a number" + range(min, max), DECIMAL, Double::parseDouble, d -> !(d < min || d > max), p);
  }

  /** A scalar of the given form, parsed, that {@code inRange} accepts; else a problem and null. */
  private static <T> T bounded(Value v, String expected, Pattern form, Function<String, T> parse,
      Predicate<T> inRange, Problems p) {
    String t = matched(v, expected, form, p);
    if (t == null) {
      return null;
    }
    T n = parse.apply(t);
    if (!inRange.test(n)) {
      p.add(v, "expected " + expected + ", got " + t, null);
      return null;
    }
    return n;
  }

  /** A whole number matching WHOLE; beyond the range of long, the nearest end of it. */
  private static long whole(String t) {
    try {
      return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    } catch (NumberFormatException e) {
      return t.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static String range(double min, double max) {
    if (max >= Long.MAX_VALUE / 2.0) {
      return min <= 0 ? (min == 0 ? " (0 or more)" : "") : " (" + fmt(min) + " or more)";
    }
    return " from " + fmt(min) + " to " + fmt(max);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** true or false (any case: CloudFormation and Elastic Beanstalk accept "True" and "true"). */
  static Boolean bool(Value v, Problems p) {
    if (!scalar(v, "true or false", p)) {
      return null;
    }
    String t = v.text().trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return t.equals("true");
    }
    p.add(v, "expected true or false, got " + v.describe(), null);
    return null;
  }

  /** One of the given words, exactly; a near miss gets a did-you-mean. */
  static String word(Value v, List<String> allowed, Problems p) {
    if (!scalar(v, "one of " + String.join(", ", allowed), p)) {
      return null;
    }
    String t = v.text().trim();
    if (allowed.contains(t)) {
      return t;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(t)) {
        return a;
      }
    }
    String hint = DidYouMean.hint(t, allowed);
    p.add(v, "expected one of " + String.join(", ", allowed) + ", got " + v.describe(), hint);
    return null;
  }

  static String text(Value v, Problems p) {
    return scalar(v, "a text", p) ? v.text() : null;
  }

  /**
   * An ISO 8601 duration as CloudFormation writes times ({@code PT5M}, {@code PT1H30M}), checked
   * and kept as written (the scenario format reads it); at most {@code maxSeconds}.
   */
  static String isoDuration(Value v, double maxSeconds, Problems p) {
    if (!scalar(v, "an ISO 8601 duration like PT5M", p)) {
      return null;
    }
    String t = v.text().trim();
    Double s = isoSeconds(t);
    if (s == null || t.equalsIgnoreCase("P") || t.equalsIgnoreCase("PT")) {
      p.add(v, "expected an ISO 8601 duration like PT5M or PT1H30M, got " + v.describe(), null);
      return null;
    }
    if (s > maxSeconds) {
      p.add(v, "at most " + seconds(maxSeconds) + ", got " + t, null);
      return null;
    }
    return t.toUpperCase(Locale.ROOT);
  }

  static Double isoSeconds(String t) {
    Matcher m = ISO.matcher(t);
    if (!m.matches()) {
      return null;
    }
    double s = 0;
    s += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 86400.0;
    s += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 3600.0;
    s += m.group(3) == null ? 0 : Long.parseLong(m.group(3)) * 60.0;
    s += m.group(4) == null ? 0 : Double.parseDouble(m.group(4));
    return s;
  }

  /** A whole number of seconds as a scenario duration ({@code 600s}). */
  static String seconds(Value v, long min, long max, Problems p) {
    Long n = integer(v, min, max, p);
    return n == null ? null : n + "s";
  }

  /** A whole number of minutes as a scenario duration ({@code 5m}). */
  static String minutes(Value v, long min, long max, Problems p) {
    Long n = integer(v, min, max, p);
    return n == null ? null : n + "m";
  }

  /** Seconds written the way a scenario reads them best: 90s, 5m, 1h. */
  static String seconds(double s) {
    if (s % 3600 == 0 && s > 0) {
      return (long) (s / 3600) + "h";
    }
    if (s % 60 == 0 && s > 0) {
      return (long) (s / 60) + "m";
    }
    return s == Math.rint(s) ? (long) s + "s" : s + "s";
  }
}
