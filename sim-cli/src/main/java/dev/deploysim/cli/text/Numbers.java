package dev.deploysim.cli.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Number formatting shared by every output file, so the same value reads the same everywhere and
 * the bytes do not depend on the platform: plain decimal notation (never an exponent), rounding
 * half up at a fixed number of decimals, no locale.
 */
public final class Numbers {
  private Numbers() {}

  /** Decimals for seconds of simulated time: milliseconds. */
  public static final int SECONDS = 3;
  /** Decimals for percentages, hours and money. */
  public static final int FRACTION = 4;

  /**
   * A real number for JSON: rounded to {@code decimals}, trailing zeros dropped but always with a
   * decimal point and at least one decimal ({@code 300.0}, {@code 1234.5}, {@code 97.4977}).
   * Non-finite values have no JSON spelling and give null.
   */
  public static String real(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return null;
    }
    String s = upTo(value, decimals);
    return s.indexOf('.') < 0 ? s + ".0" : s;
  }

  /**
   * Rounded to at most {@code decimals}, trailing zeros and a trailing point dropped: {@code 400},
   * {@code 133.333}, {@code 0.5}. Negative zero prints as {@code 0}.
   */
  public static String upTo(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }
    BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    if (d.signum() == 0) {
      return "0";
    }
    d = d.stripTrailingZeros();
    if (d.scale() < 0) {
      d = d.setScale(0, RoundingMode.UNNECESSARY);
    }
    return d.toPlainString();
  }

  /** Exactly {@code decimals} decimals: {@code 300.000}. */
  public static String fixed(double value, int decimals) {
    BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    if (d.signum() == 0) {
      d = BigDecimal.ZERO.setScale(decimals, RoundingMode.UNNECESSARY);
    }
    return d.toPlainString();
  }

  /** A whole number with thousands separators for people: {@code 720,000}. */
  public static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
