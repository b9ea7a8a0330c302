package dev.deploysim.format;

import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of the scalars a scenario writes as text: durations ({@code 250ms}, {@code 30s},
 * {@code 1h30m}, {@code 2d}, ISO-8601 {@code PT5M}, a bare number of seconds) and percentages
 * ({@code "30%"}). Each grammar is written once, as pieces of a regular expression; the loader
 * compiles it with capturing groups to read the value, and the JSON Schema prints the same text
 * without them as its {@code pattern}, so an editor accepts exactly what the loader accepts.
 *
 * <p>The expressions use only what Java and ECMAScript (the dialect of JSON Schema patterns) read
 * alike: character classes, {@code (?:...)}, {@code (...)}, {@code ?}, {@code *} and lookahead.
 */
public final class ScalarSyntax {
  private ScalarSyntax() {}

  /** A decimal number as durations and percentages write it: 30, 1.5 or .5 (no sign, no exponent). */
  private static final String NUMBER = "(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)";

  /** Blanks a quoted value may have around it. */
  private static final String BLANK = "[ \\t]*";

  /** A unit of the compact form, largest first: each at most once, in this order (1h30m, not 30m1h). */
  private record Unit(String suffix, double times, double per) {
    Unit(String suffix, double times) {
      this(suffix, times, 1);
    }

    double seconds(String number) {
      return Double.parseDouble(number) * times / per;
    }
  }

  private static final List<Unit> UNITS = List.of(
      new Unit("d", 86400), new Unit("h", 3600), new Unit("m", 60), new Unit("s", 1), new Unit("ms", 1, 1000));

  /** ISO-8601 designators: days before the T, hours, minutes and seconds after it (either case). */
  private static final List<Unit> ISO_DATE = List.of(new Unit("D", 86400));
  private static final List<Unit> ISO_TIME = List.of(new Unit("H", 3600), new Unit("M", 60), new Unit("S", 1));

  /** How durations read, in words, for messages. */
  public static final String DURATION_EXAMPLES = "a duration like 30s, 5m, 1h30m, 250ms, PT5M or a number of seconds";

  private static final Pattern DURATION = Pattern.compile(durationGrammar(true));
  private static final Pattern PERCENT = Pattern.compile(percentGrammar(true));

  /**
   * Durations as an expression: a bare number, or units largest first (at least one), or ISO-8601
   * (at least one designator, and a T only before a time designator). With {@code capture}, each
   * number is a group, in the order: bare number, then {@link #UNITS}, then the ISO designators.
   */
  private static String durationGrammar(boolean capture) {
    String n = capture ? "(" + NUMBER + ")" : NUMBER;
    StringBuilder units = new StringBuilder("(?=[0-9.])"); // not empty
    for (Unit u : UNITS) {
      units.append("(?:").append(n).append(u.suffix()).append(")?");
    }
    StringBuilder iso = new StringBuilder("[Pp](?=[0-9.]|[Tt][0-9.])"); // P alone or PT alone say nothing
    for (Unit u : ISO_DATE) {
      iso.append("(?:").append(n).append(either(u.suffix())).append(")?");
    }
    iso.append("(?:[Tt](?=[0-9.])");
    for (Unit u : ISO_TIME) {
      iso.append("(?:").append(n).append(either(u.suffix())).append(")?");
    }
    iso.append(")?");
    return "^" + BLANK + "(?:" + n + "|" + units + "|" + iso + ")" + BLANK + "$";
  }

  private static String percentGrammar(boolean capture) {
    return percentGrammar(capture ? "(" + NUMBER + ")" : NUMBER);
  }

  private static String percentGrammar(String number) {
    return "^" + BLANK + number + BLANK + "%" + BLANK + "$";
  }

  /** "D" -> "[Dd]". */
  private static String either(String letter) {
    return "[" + letter.toUpperCase(java.util.Locale.ROOT) + letter.toLowerCase(java.util.Locale.ROOT) + "]";
  }

  /** The JSON Schema pattern of durations written as text. */
  public static String durationPattern() {
    return durationGrammar(false);
  }

  /** The JSON Schema pattern of percentages ("30%"). */
  public static String percentPattern() {
    return percentGrammar(false);
  }

  /**
   * The JSON Schema pattern of percentages from {@code min} to {@code max}: the numbers of {@link
   * #percentPattern()} narrowed to the range, so an editor refuses "0%" where the loader does. Bounds
   * that are not whole numbers are not narrowed (the loader still checks them).
   */
  public static String percentPattern(double min, double max) {
    if (min < 0 || min != Math.rint(min) || max != Math.rint(max) || max < min || max > 1e9) {
      return percentPattern();
    }
    long lo = (long) min;
    long hi = (long) max;
    List<String> forms = new java.util.ArrayList<>();
    if (lo < hi) {
      forms.add("0*" + integers(Long.toString(lo), Long.toString(hi - 1)) + "(?:\\.[0-9]+)?"); // any fraction
    }
    forms.add("0*" + hi + "(?:\\.0+)?"); // the maximum itself, with zeros after the point at most
    if (lo == 0) {
      forms.add("0*\\.[0-9]+"); // .5
    }
    return percentGrammar("(?:" + String.join("|", forms) + ")");
  }

  /** An expression for the whole numbers from lo to hi, written without leading zeros. */
  static String integers(String lo, String hi) {
    List<String> parts = new java.util.ArrayList<>();
    String from = lo;
    while (from.length() < hi.length()) {
      parts.add(sameLength(from, "9".repeat(from.length())));
      from = "1" + "0".repeat(from.length());
    }
    parts.add(sameLength(from, hi));
    return parts.size() == 1 ? parts.get(0) : "(?:" + String.join("|", parts) + ")";
  }

  /** The numbers from a to b of the same number of digits (a <= b). */
  private static String sameLength(String a, String b) {
    if (a.equals(b)) {
      return a;
    }
    if (a.length() == 1) {
      return "[" + a + "-" + b + "]";
    }
    String restA = a.substring(1);
    String restB = b.substring(1);
    int n = restA.length();
    char x = a.charAt(0);
    char y = b.charAt(0);
    if (x == y) {
      return x + sameLength(restA, restB);
    }
    if (restA.equals("0".repeat(n)) && restB.equals("9".repeat(n))) {
      return digits(x, y) + "[0-9]".repeat(n);
    }
    List<String> parts = new java.util.ArrayList<>();
    parts.add(x + sameLength(restA, "9".repeat(n)));
    if (y - x > 1) {
      parts.add(digits((char) (x + 1), (char) (y - 1)) + "[0-9]".repeat(n));
    }
    parts.add(y + sameLength("0".repeat(n), restB));
    return "(?:" + String.join("|", parts) + ")";
  }

  private static String digits(char from, char to) {
    return from == to ? String.valueOf(from) : "[" + from + "-" + to + "]";
  }

  /** The seconds a duration text means; empty when the text is not a duration. */
  public static OptionalDouble duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      return OptionalDouble.empty();
    }
    int group = 1;
    if (m.group(group) != null) {
      return OptionalDouble.of(Double.parseDouble(m.group(group)));
    }
    double total = 0;
    for (List<Unit> part : List.of(UNITS, ISO_DATE, ISO_TIME)) {
      for (Unit u : part) {
        String v = m.group(++group);
        if (v != null) {
          total += u.seconds(v);
        }
      }
    }
    return OptionalDouble.of(total);
  }

  /**
   * Parses a duration into seconds.
   *
   * @throws IllegalArgumentException with a message naming the accepted forms
   */
  public static double parseDuration(String text) {
    OptionalDouble d = duration(text);
    if (d.isEmpty()) {
      throw new IllegalArgumentException("expected " + DURATION_EXAMPLES + ", got \"" + text + "\"");
    }
    return d.getAsDouble();
  }

  /** The percentage a text like "30%" means (30); empty when it is not one. */
  public static OptionalDouble percent(String text) {
    Matcher m = PERCENT.matcher(text);
    return m.matches() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
  }
}
