package dev.deploysim.cli.output;

import dev.deploysim.cli.text.Numbers;
import dev.deploysim.result.TimeSeries;
import java.util.List;

/**
 * timeseries.csv: a header row with the series' column names, then one row per sample, '\n' line
 * endings. {@code time} has exactly 3 decimals (milliseconds); rates ({@code ...Rps}) and
 * percentages ({@code ...Percent}) at most 3 decimals; every other column is a count and is written
 * as an integer (a column that is not whole-valued after all keeps up to 3 decimals rather than
 * losing information).
 */
public final class TimeSeriesCsv {
  private TimeSeriesCsv() {}

  private enum Kind {
    TIME,
    REAL,
    COUNT
  }

  public static String text(TimeSeries series) {
    List<String> cols = series.columns();
    Kind[] kinds = new Kind[cols.size()];
    for (int c = 0; c < kinds.length; c++) {
      String name = cols.get(c);
      kinds[c] = name.equals("time") ? Kind.TIME
          : name.endsWith("Rps") || name.endsWith("Percent") || name.endsWith("Ms") ? Kind.REAL : Kind.COUNT;
    }
    StringBuilder b = new StringBuilder(64 + series.size() * cols.size() * 6);
    for (int c = 0; c < cols.size(); c++) {
      if (c > 0) {
        b.append(',');
      }
      b.append(field(cols.get(c)));
    }
    b.append('\n');
    for (int r = 0; r < series.size(); r++) {
      double[] row = series.row(r);
      for (int c = 0; c < row.length; c++) {
        if (c > 0) {
          b.append(',');
        }
        b.append(value(kinds[c], row[c]));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String value(Kind kind, double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    return switch (kind) {
      case TIME -> Numbers.fixed(v, 3);
      case REAL -> Numbers.upTo(v, 3);
      case COUNT -> v == Math.rint(v) ? Numbers.upTo(v, 0) : Numbers.upTo(v, 3);
    };
  }

  /** Quotes a header field only when CSV needs it (version names are user text). */
  static String field(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
