package dev.deploysim.result;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples over simulated time: named columns, one row per sample time. Column 0 is {@code time}.
 * Rates (columns ending in {@code Rps}) are averages over the interval that ends at the row's
 * time; counts are the values at that time.
 */
public final class TimeSeries {
  private final List<String> columns;
  private final List<double[]> rows = new ArrayList<>();

  public TimeSeries(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  public List<String> columns() {
    return columns;
  }

  public int column(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    return i;
  }

  public boolean hasColumn(String name) {
    return columns.contains(name);
  }

  public void add(double[] row) {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
    }
    rows.add(row.clone());
  }

  public int size() {
    return rows.size();
  }

  public double[] row(int i) {
    return rows.get(i).clone();
  }

  public double value(int row, String column) {
    return rows.get(row)[column(column)];
  }

  /** All values of one column, in time order. */
  public double[] series(String column) {
    int c = column(column);
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i)[c];
    }
    return out;
  }
}
