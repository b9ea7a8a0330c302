package dev.deploysim.engine;

import java.util.Locale;

/**
 * Durations written the way scenario files write them ({@code 250ms}, {@code 30s}, {@code 5m},
 * {@code 1h30m}), and as clock times for timelines. Reading them is the scenario format's business
 * ({@code dev.deploysim.format.ScalarSyntax}).
 */
public final class Durations {
  private Durations() {}

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
