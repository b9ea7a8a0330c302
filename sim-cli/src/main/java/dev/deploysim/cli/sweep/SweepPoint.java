package dev.deploysim.cli.sweep;

import dev.deploysim.result.Outcome;
import dev.deploysim.run.Replications;
import dev.deploysim.sweep.Pareto;
import java.util.List;

/**
 * A point of a sweep and the statistics of its replications; which points are eligible for
 * optimality and which are Pareto-optimal (sweep.csv, sweep.json, report.md and the charts explain the rules).
 */
public record SweepPoint(SweepPlan.Point plan, Replications.Aggregate stats) {
  /** The mean of a metric; NaN where it never had a value. */
  public double mean(String metric) {
    Double m = stats.metric(metric).mean();
    return m == null ? Double.NaN : m;
  }

  public double successShare() {
    return stats.count() == 0 ? 0 : (double) stats.outcomes().getOrDefault(Outcome.SUCCEEDED, 0) / stats.count();
  }

  /** The points eligible for optimality: those with the sweep's highest success share. */
  public static boolean[] eligible(List<SweepPoint> points) {
    double best = 0;
    for (SweepPoint p : points) {
      best = Math.max(best, p.successShare());
    }
    boolean[] e = new boolean[points.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = points.get(i).successShare() == best;
    }
    return e;
  }

  /** Which points are Pareto-optimal on these objectives. */
  public static boolean[] pareto(List<SweepPoint> points, List<Pareto.Objective> objectives) {
    double[][] values = new double[points.size()][objectives.size()];
    for (int p = 0; p < values.length; p++) {
      for (int o = 0; o < objectives.size(); o++) {
        values[p][o] = points.get(p).mean(objectives.get(o).metric());
      }
    }
    return Pareto.front(values, objectives.stream().map(Pareto.Objective::direction).toList(), eligible(points));
  }
}
