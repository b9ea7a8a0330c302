package dev.deploysim.sweep;

import java.util.List;

/**
 * Pareto optimality over a sweep's points.
 *
 * <p>A point <i>dominates</i> another when it is at least as good in every objective and strictly
 * better in at least one; a point is <i>Pareto-optimal</i> when no other eligible point dominates
 * it. Two points with equal values do not dominate each other, so both can be optimal. An objective
 * without a value at some eligible point (no price, so no cost) is left out of the comparison.
 * Which points are eligible is the caller's rule (see the sweep documentation).
 */
public final class Pareto {
  private Pareto() {}

  /** Whether less or more of a metric is better. */
  public enum Direction {
    LOWER,
    HIGHER
  }

  /** A metric (a {@code Replications.METRICS} name) and the better direction. */
  public record Objective(String metric, Direction direction) {}

  /**
   * The objectives of a sweep, each a mean over a point's replications: a shorter deployment, more
   * capacity kept (the lowest serving capacity, % of baseline), fewer failed requests, fewer extra
   * instance-hours (the cost of a deployment beyond the baseline fleet).
   */
  public static final List<Objective> OBJECTIVES = List.of(
      new Objective("durationSeconds", Direction.LOWER),
      new Objective("minCapacityPercent", Direction.HIGHER),
      new Objective("failedRequests", Direction.LOWER),
      new Objective("extraInstanceHours", Direction.LOWER));

  /**
   * Which points are optimal.
   *
   * @param values {@code values[point][objective]}, NaN where the point has no value
   * @param directions one per objective
   * @param eligible which points take part; the others are never optimal
   */
  public static boolean[] front(double[][] values, List<Direction> directions, boolean[] eligible) {
    int n = values.length;
    int k = directions.size();
    boolean[] used = new boolean[k];
    for (int o = 0; o < k; o++) {
      used[o] = true;
      for (int p = 0; p < n; p++) {
        if (eligible[p] && Double.isNaN(values[p][o])) {
          used[o] = false;
        }
      }
    }
    boolean[] optimal = new boolean[n];
    for (int p = 0; p < n; p++) {
      if (!eligible[p]) {
        continue;
      }
      boolean dominated = false;
      for (int q = 0; q < n && !dominated; q++) {
        if (q != p && eligible[q] && dominates(values[q], values[p], directions, used)) {
          dominated = true;
        }
      }
      optimal[p] = !dominated;
    }
    return optimal;
  }

  /** Whether {@code a} dominates {@code b} on the objectives in use. */
  static boolean dominates(double[] a, double[] b, List<Direction> directions, boolean[] used) {
    boolean better = false;
    for (int o = 0; o < directions.size(); o++) {
      if (!used[o]) {
        continue;
      }
      double d = directions.get(o) == Direction.LOWER ? b[o] - a[o] : a[o] - b[o];
      if (d < 0) {
        return false;
      }
      if (d > 0) {
        better = true;
      }
    }
    return better;
  }
}
