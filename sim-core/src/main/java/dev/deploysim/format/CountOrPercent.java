package dev.deploysim.format;

/** A count (2) or a percentage ("30%") of some total. */
public record CountOrPercent(double value, boolean percent) {

  public static CountOrPercent count(int n) {
    return new CountOrPercent(n, false);
  }

  public static CountOrPercent percent(double p) {
    return new CountOrPercent(p, true);
  }

  /** Resolves against a total, rounding a percentage up (the caller may prefer other rounding). */
  public int ceilOf(int total) {
    return percent ? (int) Math.ceil(total * value / 100.0 - 1e-9) : (int) value;
  }

  /** Resolves against a total, rounding a percentage down. */
  public int floorOf(int total) {
    return percent ? (int) Math.floor(total * value / 100.0 + 1e-9) : (int) value;
  }

  @Override
  public String toString() {
    String v = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    return percent ? v + "%" : v;
  }
}
