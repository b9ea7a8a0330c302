package dev.deploysim.cli;

import dev.deploysim.cli.output.OutputFiles;
import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.output.OutputFormat;
import dev.deploysim.cli.output.SweepOutputs;
import dev.deploysim.cli.sweep.SweepPlan;
import dev.deploysim.cli.sweep.SweepPoint;
import dev.deploysim.result.Outcome;
import dev.deploysim.run.Replications;
import dev.deploysim.sweep.Shard;
import dev.deploysim.sweep.Sweep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code sim sweep} and {@code sim merge} share: turning the runs' rows, in run order, into
 * the sweep's files ({@link Assembly}), and the shard files a {@code --shard K/N} run writes instead.
 *
 * <p>A shard writes {@code shard-K-of-N.json} (the {@link SweepPlan}, the shard and its runs) and
 * {@code shard-K-of-N.csv} (one row per run: point, replication, seed, outcome, then every metric
 * as Java prints a double, which reads back to the same double). Merging reads the rows back in run
 * order into the same {@link Assembly} an unsharded sweep uses, so the files are byte-identical.
 */
final class SweepRuns {
  private SweepRuns() {}

  static final String SHARD_FORMAT = "deploysim sweep shard";
  /** 2: the recovery metrics (issue 13) joined the rows. */
  static final int SHARD_VERSION = 2;

  /** The base name of shard K of N: {@code shard-2-of-8}. */
  static String shardName(Shard s) {
    return "shard-" + s.index() + "-of-" + s.count();
  }

  /** The header of a shard's CSV. */
  static String shardHeader() {
    StringBuilder b = new StringBuilder("point,replication,seed,outcome");
    for (Replications.Metric m : Replications.METRICS) {
      b.append(',').append(m.name());
    }
    return b.append('\n').toString();
  }

  /** A run's row at full precision (every double reads back to itself). */
  static String shardRow(Sweep.UnitRow u) {
    Replications.Row r = u.row();
    StringBuilder b = new StringBuilder(256);
    b.append(u.point()).append(',').append(r.index()).append(',').append(r.seed()).append(',')
        .append(r.outcome() == null ? "" : r.outcome().name());
    for (double v : r.values()) {
      b.append(',');
      if (!Double.isNaN(v)) {
        b.append(Double.toString(v));
      }
    }
    return b.append('\n').toString();
  }

  /** Reads a row written by {@link #shardRow}; throws {@link IllegalArgumentException} when it is not one. */
  static Sweep.UnitRow parseShardRow(String line) {
    String[] cells = line.split(",", -1);
    int metrics = Replications.METRICS.size();
    if (cells.length != 4 + metrics) {
      throw new IllegalArgumentException("expected " + (4 + metrics) + " cells, found " + cells.length);
    }
    int point = Integer.parseInt(cells[0]);
    long rep = Long.parseLong(cells[1]);
    long seed = Long.parseLong(cells[2]);
    Outcome outcome = cells[3].isEmpty() ? null : Outcome.valueOf(cells[3]);
    double[] values = new double[metrics];
    for (int m = 0; m < metrics; m++) {
      String c = cells[4 + m];
      values[m] = c.isEmpty() ? Double.NaN : Double.parseDouble(c);
      if (!c.isEmpty() && !Double.isFinite(values[m])) {
        throw new IllegalArgumentException("not a finite number: " + c);
      }
    }
    return new Sweep.UnitRow(point, new Replications.Row(rep, seed, outcome, values));
  }

  /**
   * Takes the rows of every run of a sweep in run order: streams replications.csv (with
   * replications) and folds each point's statistics, then writes the other files.
   */
  static final class Assembly implements Sweep.RowSink, AutoCloseable {
    private final SweepPlan plan;
    private final OutputFolder.Stream replications;
    private final List<SweepPoint> points = new ArrayList<>();
    private final Sweep.Collector collector;
    private long next;

    Assembly(SweepPlan plan, OutputFolder folder, Progress progress) {
      this.plan = plan;
      this.replications = plan.replications() > 1 ? folder.stream(OutputFiles.REPLICATIONS) : null;
      if (replications != null) {
        replications.write(SweepOutputs.replicationsHeader());
      }
      int total = plan.points().size();
      progress.message("points done: 0/" + total);
      this.collector = new Sweep.Collector(plan.replications(), (p, stats) -> {
        points.add(new SweepPoint(plan.points().get(p), stats.aggregate()));
        progress.message("points done: " + points.size() + "/" + total);
      });
    }

    @Override
    public void accept(Sweep.UnitRow row) {
      long expected = next++;
      long unit = (long) row.point() * plan.replications() + row.row().index();
      if (row.point() < 0 || row.point() >= plan.points().size() || row.row().index() < 0
          || row.row().index() >= plan.replications() || unit != expected) {
        throw new IllegalArgumentException("run " + unit + " came where run " + expected + " was expected");
      }
      if (replications != null) {
        replications.write(SweepOutputs.replicationsRow(row.point(), row.row()));
      }
      collector.accept(row);
    }

    long received() {
      return next;
    }

    /** Writes the files; every run must have arrived. */
    List<SweepPoint> finish(OutputFolder folder, Set<OutputFormat> formats) {
      if (next != plan.units()) {
        throw new IllegalStateException(next + " of " + plan.units() + " runs arrived");
      }
      SweepOutputs.write(plan, points, folder, formats);
      if (replications != null) {
        replications.commit();
      }
      return List.copyOf(points);
    }

    @Override
    public void close() {
      if (replications != null) {
        replications.close();
      }
    }
  }

  /** The shard's JSON: what it is, which runs it holds, and the whole plan. */
  static java.util.Map<String, Object> shardJson(SweepPlan plan, Shard shard) {
    java.util.Map<String, Object> o = dev.deploysim.cli.text.Json.object();
    o.put("format", SHARD_FORMAT);
    o.put("version", SHARD_VERSION);
    o.put("shard", shard.toString());
    o.put("runsFrom", shard.from(plan.units()));
    o.put("runsTo", shard.to(plan.units()));
    o.put("runs", plan.units());
    o.put("sweep", plan.json());
    return o;
  }

  /** Where a shard's files go: {@code DIR/shard-K-of-N.json} and {@code .csv}. */
  static Path shardJsonPath(Path dir, Shard s) {
    return dir.resolve(shardName(s) + ".json");
  }
}
