package dev.deploysim.engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 2d}, ISO-8601 ({@code PT5M}, {@code P1DT2H}), or a bare number of seconds.
 */
public final class Durations {
  private Durations() {}

  private static final Pattern UNIT =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(ms|d|h|m|s)");
  private static final Pattern ISO =
      Pattern.compile(
          "P(?:(\\d+(?:\\.\\d+)?)D)?(?:T(?:(\\d+(?:\\.\\d+)?)H)?(?:(\\d+(?:\\.\\d+)?)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?|\\.\\d+");

  /**
   * Parses a duration into seconds.
   *
   * @throws IllegalArgumentException with a message naming the accepted forms
   */
  public static double parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw bad(text);
    }
    if (NUMBER.matcher(s).matches()) {
      return Double.parseDouble(s);
    }
    String upper = s.toUpperCase(Locale.ROOT);
    if (upper.startsWith("P")) {
      Matcher m = ISO.matcher(upper);
      if (!m.matches() || upper.equals("P") || upper.endsWith("T")) {
        throw bad(text);
      }
      double total = 0;
      total += group(m, 1) * 86400;
      total += group(m, 2) * 3600;
      total += group(m, 3) * 60;
      total += group(m, 4);
      return total;
    }
    Matcher m = UNIT.matcher(s);
    int pos = 0;
    double total = 0;
    int lastRank = Integer.MAX_VALUE;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw bad(text);
      }
      double v = Double.parseDouble(m.group(1));
      String unit = m.group(2);
      int rank =
          switch (unit) {
            case "d" -> 4;
            case "h" -> 3;
            case "m" -> 2;
            case "s" -> 1;
            default -> 0;
          };
      if (rank >= lastRank) {
        throw bad(text); // units must go from largest to smallest, each once: 1h30m, not 30m1h
      }
      lastRank = rank;
      total +=
          switch (unit) {
            case "d" -> v * 86400;
            case "h" -> v * 3600;
            case "m" -> v * 60;
            case "s" -> v;
            default -> v / 1000;
          };
      pos = m.end();
    }
    return total;
  }

  private static double group(Matcher m, int g) {
    String v = m.group(g);
    return v == null ? 0 : Double.parseDouble(v);
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "expected a duration like 30s, 5m, 1h30m, 250ms, PT5M or a number of seconds, got \""
            + text
            + "\"");
  }

  /** Formats seconds the way a scenario would write them: 30s, 5m, 1h30m, 1.5s, 250ms. */
  public static String format(double seconds) {
    if (!Double.isFinite(seconds)) {
      return Double.toString(seconds);
    }
    if (seconds < 0) {
      return "-" + format(-seconds);
    }
    if (seconds == 0) {
      return "0s";
    }
    if (seconds < 1) {
      double ms = seconds * 1000;
      return trim(ms) + "ms";
    }
    long totalMs = Math.round(seconds * 1000);
    if (totalMs < 60_000 && totalMs % 1000 != 0) {
      return trim(seconds) + "s";
    }
    long s = totalMs / 1000;
    long ms = totalMs % 1000;
    StringBuilder b = new StringBuilder();
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    if (h > 0) {
      b.append(h).append('h');
    }
    if (m > 0) {
      b.append(m).append('m');
    }
    if (ms > 0) {
      b.append(trim(sec + ms / 1000.0)).append('s');
    } else if (sec > 0) {
      b.append(sec).append('s');
    }
    return b.toString();
  }

  /** Clock form for timelines: HH:MM:SS.mmm of simulated time. */
  public static String clock(double seconds) {
    long ms = Math.round(seconds * 1000);
    long h = ms / 3_600_000;
    long m = (ms / 60_000) % 60;
    long s = (ms / 1000) % 60;
    long milli = ms % 1000;
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", h, m, s, milli);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
