package dev.deploysim.sweep;

import dev.deploysim.engine.SplitMix64;
import dev.deploysim.run.OrderedWork;
import dev.deploysim.run.Replications;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.load.Overrides;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a sweep: every point of a {@link Grid} (a scenario with some values set), each
 * {@code replications} times.
 *
 * <p><b>Seeds.</b> A point's seed is derived from the sweep's seed and the point's settings (not
 * its position in the grid): {@link #pointSeed}. Replication {@code i} of a point uses
 * {@link Replications#seed}{@code (pointSeed, i)}, as {@code sim run --replications} does, so a
 * point reruns alone either as a one-point sweep (the same settings and seed give the same point
 * seed) or as {@code sim run} of the file with the settings written in and {@code --seed
 * pointSeed}.
 *
 * <p><b>Order.</b> Runs are numbered point by point ({@link Shard}); they may run on several
 * threads but their rows come out in run order ({@link OrderedWork}), so every output is
 * byte-identical whatever the thread count, and a sharded sweep merges into the same bytes.
 */
public final class Sweep {
  private Sweep() {}

  /**
   * One point of the sweep, loaded and validated.
   *
   * @param settings one per varied key, in the order the keys were given
   * @param seed the point's seed: replication 0 runs with it
   * @param notes what a changed strategy type dropped
   */
  public record Point(int index, List<Overrides.Setting> settings, long seed, Scenario scenario, List<String> notes) {
    public Point {
      settings = List.copyOf(settings);
      notes = List.copyOf(notes);
    }
  }

  /**
   * The seed of the point with these settings in a sweep seeded with {@code seed}: the settings as
   * {@code key=value} lines sorted by key, hashed (FNV-1a 64) and mixed with the seed (SplitMix64);
   * the sign bit is cleared, so every point seed is a valid {@code seed:} of a scenario file.
   */
  public static long pointSeed(long seed, List<Overrides.Setting> settings) {
    List<Overrides.Setting> sorted = new ArrayList<>(settings);
    sorted.sort(Comparator.comparing(Overrides.Setting::key));
    StringBuilder b = new StringBuilder();
    for (Overrides.Setting s : sorted) {
      b.append(s.key()).append('=').append(s.value()).append('\n');
    }
    return SplitMix64.mix(seed ^ SplitMix64.hash(b.toString())) & Long.MAX_VALUE;
  }

  /** One run's row: replication {@code row.index()} of point {@code point}. */
  public record UnitRow(int point, Replications.Row row) {}

  /** Told when a run finishes; called from worker threads. */
  @FunctionalInterface
  public interface Listener {
    void finished(long unit);
  }

  /** Takes each run's row, in run order, on the calling thread. */
  @FunctionalInterface
  public interface RowSink {
    void accept(UnitRow row);
  }

  /** Runs of a sweep with {@code points} points of {@code replications} each. */
  public static long units(int points, int replications) {
    return (long) points * replications;
  }

  /** Runs {@code [from, to)} of the sweep on {@code threads} threads; rows go to {@code sink} in order. */
  public static void run(List<Point> points, StrategyCatalog catalog, int replications, long from, long to,
      int threads, Listener listener, RowSink sink) {
    if (replications < 1) {
      throw new IllegalArgumentException("replications must be at least 1, got " + replications);
    }
    if (from < 0 || to < from || to > units(points.size(), replications)) {
      throw new IllegalArgumentException("runs " + from + ".." + to + " are not runs of this sweep");
    }
    StrategyType[] types = new StrategyType[points.size()];
    for (int p = 0; p < types.length; p++) {
      String name = points.get(p).scenario().deployment().strategy().type();
      types[p] = catalog.find(name).orElseThrow(() -> new IllegalArgumentException("unknown strategy type " + name));
    }
    Listener done = listener == null ? u -> { } : listener;
    OrderedWork.run(to - from, threads, k -> {
      long unit = from + k;
      int p = (int) (unit / replications);
      int rep = (int) (unit % replications);
      Point point = points.get(p);
      long seed = Replications.seed(point.seed(), rep);
      // a sweep keeps no time series: the lean run gives the same summary
      Replications.Row row = Replications.row(rep, seed, ScenarioRunner.run(point.scenario().withSeed(seed), types[p], false).summary());
      done.finished(unit);
      return new UnitRow(p, row);
    }, (k, row) -> sink.accept(row));
  }

  /**
   * Folds rows, in run order, into one set of statistics per point, handing each point's over as
   * soon as its last replication arrives: only one point's values are held at a time.
   */
  public static final class Collector implements RowSink {
    private final int replications;
    private final PointSink points;
    private Replications.Accumulator current;
    private int point = -1;

    /** Takes the statistics of each finished point. */
    @FunctionalInterface
    public interface PointSink {
      void accept(int point, Replications.Accumulator stats);
    }

    public Collector(int replications, PointSink points) {
      this.replications = replications;
      this.points = points;
    }

    @Override
    public void accept(UnitRow row) {
      if (row.point() != point) {
        if (current != null) {
          throw new IllegalStateException("point " + point + " ended after " + current.count() + " of "
              + replications + " replications");
        }
        point = row.point();
        current = new Replications.Accumulator();
      }
      if (row.row().index() != current.count()) {
        throw new IllegalStateException("point " + point + ": replication " + row.row().index() + " came in place of "
            + current.count());
      }
      current.add(row.row());
      if (current.count() == replications) {
        points.accept(point, current);
        current = null;
      }
    }
  }
}
