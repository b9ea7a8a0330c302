package dev.deploysim.run;

import dev.deploysim.engine.RandomStreams;
import dev.deploysim.engine.Tally;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Monte Carlo replications of one scenario: replication {@code i} is the scenario with seed
 * {@link RandomStreams#replicationSeed}{@code (seed, i)}, so replication 0 is the scenario itself.
 * Replications may run on several threads; their results reach the statistics (and any
 * {@link RowSink}) in index order ({@link OrderedWork}), so every number and every streamed byte is
 * the same whatever the thread count.
 *
 * <p>Memory: only replication 0 is kept whole (time series, timeline) for charts and files. Of
 * every other replication nothing is kept but its outcome (a count) and one double per metric that
 * applied, for exact percentiles (see {@link Tally}); its summary is dropped as soon as its row has
 * been handed on. {@link #bytesPerReplication()} is what that costs.
 */
public final class Replications {
  private Replications() {}

  /** How a metric's values are written: seconds (3 decimals), counts, or other reals (4 decimals). */
  public enum Kind {
    SECONDS,
    COUNT,
    REAL
  }

  /**
   * A numeric metric of the summary.
   *
   * @param name the key in {@code replications.metrics} and the column of replications.csv: the
   *     summary's own key where it has one ({@code durationSeconds} for deployment.durationSeconds)
   * @param summaryKey where the value sits in summary.json (for documentation)
   * @param value the value in one summary; null where it does not apply (no rollback ran ...)
   */
  public record Metric(String name, String summaryKey, Kind kind, Function<Summary, Double> value) {}

  /** Every numeric metric, in the order of summary.json. */
  public static final List<Metric> METRICS = List.of(
      new Metric("durationSeconds", "deployment.durationSeconds", Kind.SECONDS,
          in(Summary::deployment, Summary.Deployment::durationSeconds)),
      new Metric("minInServiceInstances", "capacity.minInServiceInstances", Kind.COUNT,
          in(Summary::capacity, Summary.Capacity::minInServiceInstances)),
      new Metric("minCapacityPercent", "capacity.minCapacityPercent", Kind.REAL,
          in(Summary::capacity, Summary.Capacity::minCapacityPercent)),
      new Metric("peakInstances", "capacity.peakInstances", Kind.COUNT,
          in(Summary::capacity, Summary.Capacity::peakInstances)),
      new Metric("requests", "traffic.requests", Kind.COUNT,
          in(Summary::traffic, Summary.Traffic::requests)),
      new Metric("failedRequests", "traffic.failedRequests", Kind.COUNT,
          in(Summary::traffic, Summary.Traffic::failedRequests)),
      new Metric("availabilityPercent", "traffic.availabilityPercent", Kind.REAL,
          in(Summary::traffic, Summary.Traffic::availabilityPercent)),
      new Metric("downtimeSeconds", "traffic.downtimeSeconds", Kind.SECONDS,
          in(Summary::traffic, Summary.Traffic::downtimeSeconds)),
      new Metric("degradedSeconds", "traffic.degradedSeconds", Kind.SECONDS,
          in(Summary::traffic, Summary.Traffic::degradedSeconds)),
      new Metric("requestsServedByNewVersion", "traffic.requestsServedByNewVersion", Kind.COUNT,
          in(Summary::traffic, Summary.Traffic::requestsServedByNewVersion)),
      new Metric("requestsServedByNewVersionBeforeRollback", "traffic.requestsServedByNewVersionBeforeRollback",
          Kind.COUNT, in(Summary::traffic, Summary.Traffic::requestsServedByNewVersionBeforeRollback)),
      new Metric("rollbackTriggered", "rollback.triggered (1 or 0)", Kind.REAL,
          s -> s.rollback() == null ? null : s.rollback().triggered() ? 1.0 : 0.0),
      new Metric("rollbackSeconds", "rollback.endSeconds - rollback.startSeconds", Kind.SECONDS,
          Replications::rollbackSeconds),
      new Metric("instanceHours", "cost.instanceHours", Kind.REAL,
          in(Summary::cost, Summary.Cost::instanceHours)),
      new Metric("extraInstanceHours", "cost.extraInstanceHours", Kind.REAL,
          in(Summary::cost, Summary.Cost::extraInstanceHours)),
      new Metric("usd", "cost.usd", Kind.REAL, in(Summary::cost, Summary.Cost::usd)),
      new Metric("mixedVersionSeconds", "mixedVersionSeconds", Kind.SECONDS, s -> s.mixedVersionSeconds()),
      new Metric("detectionAfterStartSeconds", "detection.afterStartSeconds", Kind.SECONDS,
          in(Summary::detection, Summary.Detection::afterStartSeconds)),
      new Metric("latencyP99Seconds", "latency.p99Seconds", Kind.SECONDS,
          in(Summary::latency, Summary.Latency::p99Seconds)),
      new Metric("sloViolationSeconds", "latency.sloViolationSeconds", Kind.SECONDS,
          in(Summary::latency, Summary.Latency::sloViolationSeconds)),
      // recovery after the first fault (docs/resilience.md#measuring-recovery): no value without a fault
      new Metric("recoveryDetectedSeconds", "recovery.detectedSeconds", Kind.SECONDS,
          in(Summary::recovery, Summary.Recovery::detectedSeconds)),
      new Metric("rtoSeconds", "recovery.rtoSeconds", Kind.SECONDS,
          in(Summary::recovery, Summary.Recovery::rtoSeconds)),
      new Metric("rpoSeconds", "recovery.rpoSeconds", Kind.SECONDS,
          in(Summary::recovery, Summary.Recovery::rpoSeconds)),
      new Metric("failoverAtSeconds", "recovery.failoverAt", Kind.SECONDS,
          in(Summary::recovery, Summary.Recovery::failoverAtSeconds)),
      new Metric("recoveryFailedRequests", "recovery.failedRequests", Kind.COUNT,
          in(Summary::recovery, Summary.Recovery::failedRequests)));

  /** The metric of that name; throws when there is none. */
  public static Metric metric(String name) {
    for (Metric m : METRICS) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no metric " + name);
  }

  /**
   * A metric read from one block of the summary: null when the block is absent (the run has no such
   * measurement) or its field is null, else the field as a double.
   */
  private static <B> Function<Summary, Double> in(Function<Summary, B> block, Function<B, ? extends Number> field) {
    return s -> {
      B b = block.apply(s);
      Number value = b == null ? null : field.apply(b);
      return value == null ? null : value.doubleValue();
    };
  }

  /** Time from the rollback's start to its end; null when none ran or it never finished. */
  public static Double rollbackSeconds(Summary s) {
    Summary.Rollback r = s.rollback();
    if (r == null || !r.triggered() || r.startSeconds() == null || r.endSeconds() == null) {
      return null;
    }
    return r.endSeconds() - r.startSeconds();
  }

  /**
   * The Wilson score interval of a proportion at 95% ({@code successes} of {@code n}): {low, high}.
   * Unlike mean +- t x standard error it stays within [0, 1] and is not empty at 0 or n successes
   * (E. B. Wilson, "Probable inference, the law of succession, and statistical inference", JASA 22, 1927).
   */
  public static double[] wilson95(long successes, long n) {
    if (n <= 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double z = 1.959964;
    double p = (double) successes / n;
    double denom = 1 + z * z / n;
    double centre = (p + z * z / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /** The seed of replication {@code index} of a scenario seeded with {@code seed}. */
  public static long seed(long seed, int index) {
    return RandomStreams.replicationSeed(seed, index);
  }

  /**
   * Statistics of one metric over the replications where it had a value. Every figure is exact:
   * mean and variance by Welford's streaming update, percentiles by R-7 interpolation over all the
   * values (kept as primitive doubles, see {@link Tally}), not from a sketch.
   *
   * @param count replications with a value
   * @param ci95 half-width of the Student-t 95% confidence interval of the mean; null with fewer
   *     than two values
   */
  public record Stats(int count, Double mean, Double ci95, Double min, Double p5, Double p50, Double p95,
      Double max) {}

  /**
   * What N replications add up to.
   *
   * @param outcomes replications per outcome, every outcome listed (0 when none)
   * @param metrics one entry per {@link #METRICS} metric, in that order
   */
  public record Aggregate(int count, Map<Outcome, Integer> outcomes, Map<String, Stats> metrics) {
    public Aggregate {
      outcomes = Collections.unmodifiableMap(new EnumMap<>(outcomes));
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public Stats metric(String name) {
      Stats s = metrics.get(name);
      if (s == null) {
        throw new IllegalArgumentException("no metric " + name);
      }
      return s;
    }
  }

  /**
   * One replication as the statistics see it.
   *
   * @param index the replication's index (0 is the scenario's own seed)
   * @param outcome null when the run reported none
   * @param values one per {@link #METRICS} metric, in that order; NaN where the metric does not apply
   */
  public record Row(long index, long seed, Outcome outcome, double[] values) {
    /** The value of metric {@code i}, or null where it does not apply. */
    public Double value(int i) {
      return Double.isNaN(values[i]) ? null : values[i];
    }
  }

  /** The row of a summary: its outcome and every metric's value (NaN where none or not finite). */
  public static Row row(long index, long seed, Summary s) {
    double[] values = new double[METRICS.size()];
    for (int m = 0; m < values.length; m++) {
      Double v = METRICS.get(m).value().apply(s);
      values[m] = v != null && Double.isFinite(v) ? v : Double.NaN;
    }
    return new Row(index, seed, s.outcome(), values);
  }

  /** Takes each replication's row, in index order, on the thread that runs the replications. */
  @FunctionalInterface
  public interface RowSink {
    void accept(Row row);
  }

  /**
   * Statistics streamed from rows: outcome counts and one {@link Tally} per metric. Rows must come
   * in a fixed order (the index order) for the same bytes whatever the thread count.
   */
  public static final class Accumulator {
    private final EnumMap<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    private final Tally[] tallies = new Tally[METRICS.size()];
    private int count;

    public Accumulator() {
      for (Outcome o : Outcome.values()) {
        outcomes.put(o, 0);
      }
      for (int m = 0; m < tallies.length; m++) {
        tallies[m] = new Tally();
      }
    }

    public void add(Row row) {
      if (count == Integer.MAX_VALUE) {
        throw new IllegalStateException("too many replications");
      }
      count++;
      if (row.outcome() != null) {
        outcomes.merge(row.outcome(), 1, Integer::sum);
      }
      for (int m = 0; m < tallies.length; m++) {
        double v = row.values()[m];
        if (!Double.isNaN(v)) {
          tallies[m].add(v);
        }
      }
    }

    public int count() {
      return count;
    }

    /** The values of a metric, in the order they were added (replications where it applied). */
    public Tally tally(String metric) {
      return tallies[index(metric)];
    }

    public Aggregate aggregate() {
      Map<String, Stats> metrics = new LinkedHashMap<>();
      for (int m = 0; m < tallies.length; m++) {
        metrics.put(METRICS.get(m).name(), stats(tallies[m]));
        tallies[m].trim();
      }
      return new Aggregate(count, outcomes, metrics);
    }
  }

  private static int index(String metric) {
    for (int m = 0; m < METRICS.size(); m++) {
      if (METRICS.get(m).name().equals(metric)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no metric " + metric);
  }

  /**
   * Heap that N replications keep at most, per replication: one double per metric for exact
   * percentiles, and the sorted copy a percentile query makes of one metric at a time.
   */
  public static long bytesPerReplication() {
    return (long) METRICS.size() * Double.BYTES + Tally.BYTES_PER_VALUE - Double.BYTES;
  }

  /**
   * N replications of a scenario.
   *
   * @param first replication 0, whole (the scenario's own seed)
   * @param stats every replication's metrics (for distributions) and the statistics over them
   */
  public record Result(RunResult first, Accumulator stats, Aggregate aggregate) {
    public int count() {
      return aggregate.count();
    }
  }

  /** Told each time a replication finishes; called from worker threads. */
  @FunctionalInterface
  public interface Listener {
    void finished(long index);
  }

  /** Runs {@code n} replications on {@code threads} threads (fewer when n is smaller). */
  public static Result run(Scenario scenario, StrategyCatalog catalog, int n, int threads, Listener listener) {
    String name = scenario.deployment().strategy().type();
    StrategyType type = catalog.find(name).orElseThrow(() -> new IllegalArgumentException("unknown strategy type " + name));
    return run(scenario, type, n, threads, listener, null);
  }

  /**
   * Runs {@code n} replications on {@code threads} threads (fewer when n is smaller); {@code rows},
   * when not null, takes every replication's row in index order (to stream them to a file).
   */
  public static Result run(Scenario scenario, StrategyType type, int n, int threads, Listener listener,
      RowSink rows) {
    if (n < 1) {
      throw new IllegalArgumentException("replications must be at least 1, got " + n);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    Listener done = listener == null ? i -> { } : listener;
    Accumulator stats = new Accumulator();
    RunResult[] first = new RunResult[1];
    OrderedWork.run(n, threads, i -> {
      long seed = seed(scenario.seed(), (int) i);
      Scenario s = i == 0 ? scenario : scenario.withSeed(seed);
      // only replication 0 is kept whole; the others need their summary alone
      RunResult r = ScenarioRunner.run(s, type, i == 0);
      if (i == 0) {
        first[0] = r;
      }
      Row row = row(i, seed, r.summary());
      done.finished(i);
      return row;
    }, (i, row) -> {
      stats.add(row);
      if (rows != null) {
        rows.accept(row);
      }
    });
    return new Result(first[0], stats, stats.aggregate());
  }

  /** Outcome counts and per-metric statistics, the summaries taken in list order. */
  public static Aggregate aggregate(List<Summary> summaries) {
    Accumulator a = new Accumulator();
    for (int i = 0; i < summaries.size(); i++) {
      a.add(row(i, 0, summaries.get(i)));
    }
    return a.aggregate();
  }

  static Stats stats(Tally t) {
    if (t.count() == 0) {
      return new Stats(0, null, null, null, null, null, null, null);
    }
    Double ci = t.count() < 2 ? null : t.ci95HalfWidth();
    return new Stats(t.count(), t.mean(), ci, t.min(), t.percentile(5), t.percentile(50), t.percentile(95), t.max());
  }
}
