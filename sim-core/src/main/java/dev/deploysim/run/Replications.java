package dev.deploysim.run;

import dev.deploysim.engine.RandomStreams;
import dev.deploysim.engine.Tally;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Monte Carlo replications of one scenario: replication {@code i} is the scenario with seed
 * {@link RandomStreams#replicationSeed}{@code (seed, i)}, so replication 0 is the scenario itself.
 * Replications may run on several threads; results are collected by index and aggregated in index
 * order, so every number is the same whatever the thread count.
 *
 * <p>Only replication 0 is kept whole (time series, timeline) for charts and files; of the others
 * only the summary is kept, so memory does not grow with the time series of every run.
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
          s -> s.deployment() == null ? null : s.deployment().durationSeconds()),
      new Metric("minInServiceInstances", "capacity.minInServiceInstances", Kind.COUNT,
          s -> s.capacity() == null ? null : toDouble(s.capacity().minInServiceInstances())),
      new Metric("minCapacityPercent", "capacity.minCapacityPercent", Kind.REAL,
          s -> s.capacity() == null ? null : s.capacity().minCapacityPercent()),
      new Metric("peakInstances", "capacity.peakInstances", Kind.COUNT,
          s -> s.capacity() == null ? null : toDouble(s.capacity().peakInstances())),
      new Metric("requests", "traffic.requests", Kind.COUNT,
          s -> s.traffic() == null ? null : (double) s.traffic().requests()),
      new Metric("failedRequests", "traffic.failedRequests", Kind.COUNT,
          s -> s.traffic() == null ? null : (double) s.traffic().failedRequests()),
      new Metric("availabilityPercent", "traffic.availabilityPercent", Kind.REAL,
          s -> s.traffic() == null ? null : s.traffic().availabilityPercent()),
      new Metric("downtimeSeconds", "traffic.downtimeSeconds", Kind.SECONDS,
          s -> s.traffic() == null ? null : s.traffic().downtimeSeconds()),
      new Metric("degradedSeconds", "traffic.degradedSeconds", Kind.SECONDS,
          s -> s.traffic() == null ? null : s.traffic().degradedSeconds()),
      new Metric("requestsServedByNewVersion", "traffic.requestsServedByNewVersion", Kind.COUNT,
          s -> s.traffic() == null ? null : (double) s.traffic().requestsServedByNewVersion()),
      new Metric("rollbackSeconds", "rollback.endSeconds - rollback.startSeconds", Kind.SECONDS,
          Replications::rollbackSeconds),
      new Metric("instanceHours", "cost.instanceHours", Kind.REAL,
          s -> s.cost() == null ? null : s.cost().instanceHours()),
      new Metric("extraInstanceHours", "cost.extraInstanceHours", Kind.REAL,
          s -> s.cost() == null ? null : s.cost().extraInstanceHours()),
      new Metric("usd", "cost.usd", Kind.REAL, s -> s.cost() == null ? null : s.cost().usd()),
      new Metric("mixedVersionSeconds", "mixedVersionSeconds", Kind.SECONDS, s -> s.mixedVersionSeconds()),
      new Metric("detectionAfterStartSeconds", "detection.afterStartSeconds", Kind.SECONDS,
          s -> s.detection() == null ? null : s.detection().afterStartSeconds()));

  /** The metric of that name; throws when there is none. */
  public static Metric metric(String name) {
    for (Metric m : METRICS) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no metric " + name);
  }

  private static Double toDouble(Integer i) {
    return i == null ? null : i.doubleValue();
  }

  /** Time from the rollback's start to its end; null when none ran or it never finished. */
  public static Double rollbackSeconds(Summary s) {
    Summary.Rollback r = s.rollback();
    if (r == null || !r.triggered() || r.startSeconds() == null || r.endSeconds() == null) {
      return null;
    }
    return r.endSeconds() - r.startSeconds();
  }

  /** The seed of replication {@code index} of a scenario seeded with {@code seed}. */
  public static long seed(long seed, int index) {
    return RandomStreams.replicationSeed(seed, index);
  }

  /**
   * Statistics of one metric over the replications where it had a value.
   *
   * @param count replications with a value
   * @param ci95 half-width of the Student-t 95% confidence interval of the mean; null with fewer
   *     than two values
   */
  public record Stats(int count, Double mean, Double ci95, Double min, Double p50, Double p95, Double max) {}

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
   * N replications of a scenario.
   *
   * @param first replication 0, whole (the scenario's own seed)
   * @param summaries the summary of every replication, by index
   * @param seeds the seed of every replication, by index
   */
  public record Result(RunResult first, List<Summary> summaries, List<Long> seeds, Aggregate aggregate) {
    public Result {
      summaries = List.copyOf(summaries);
      seeds = List.copyOf(seeds);
    }

    public int count() {
      return summaries.size();
    }
  }

  /** Told each time a replication finishes; called from worker threads. */
  @FunctionalInterface
  public interface Listener {
    void finished(int index);
  }

  /** Runs {@code n} replications on {@code threads} threads (fewer when n is smaller). */
  public static Result run(Scenario scenario, StrategyCatalog catalog, int n, int threads, Listener listener) {
    String name = scenario.deployment().strategy().type();
    StrategyType type = catalog.find(name).orElseThrow(() -> new IllegalArgumentException("unknown strategy type " + name));
    return run(scenario, type, n, threads, listener);
  }

  public static Result run(Scenario scenario, StrategyType type, int n, int threads, Listener listener) {
    if (n < 1) {
      throw new IllegalArgumentException("replications must be at least 1, got " + n);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    Listener done = listener == null ? i -> { } : listener;
    Summary[] summaries = new Summary[n];
    Long[] seeds = new Long[n];
    RunResult[] first = new RunResult[1];
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        long seed = seed(scenario.seed(), i);
        Scenario s = i == 0 ? scenario : scenario.withSeed(seed);
        // only replication 0 is kept whole; the others need their summary alone
        RunResult r = ScenarioRunner.run(s, type, i == 0);
        if (i == 0) {
          first[0] = r;
        }
        summaries[i] = r.summary();
        seeds[i] = seed;
        done.finished(i);
      }
    };
    int workers = Math.min(threads, n);
    if (workers == 1) {
      worker.run();
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
        Thread t = new Thread(r, "replication");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
          futures.add(pool.submit(worker));
        }
        for (Future<?> f : futures) {
          await(f);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    List<Summary> list = Arrays.asList(summaries);
    return new Result(first[0], list, Arrays.asList(seeds), aggregate(list));
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for replications", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  /** Outcome counts and per-metric statistics, the summaries taken in list order. */
  public static Aggregate aggregate(List<Summary> summaries) {
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      outcomes.put(o, 0);
    }
    for (Summary s : summaries) {
      if (s.outcome() != null) {
        outcomes.merge(s.outcome(), 1, Integer::sum);
      }
    }
    Map<String, Stats> metrics = new LinkedHashMap<>();
    for (Metric m : METRICS) {
      Tally t = new Tally();
      for (Summary s : summaries) {
        Double v = m.value().apply(s);
        if (v != null && Double.isFinite(v)) {
          t.add(v);
        }
      }
      metrics.put(m.name(), stats(t));
    }
    return new Aggregate(summaries.size(), outcomes, metrics);
  }

  static Stats stats(Tally t) {
    if (t.count() == 0) {
      return new Stats(0, null, null, null, null, null, null);
    }
    Double ci = t.count() < 2 ? null : t.ci95HalfWidth();
    return new Stats(t.count(), t.mean(), ci, t.min(), t.percentile(50), t.percentile(95), t.max());
  }
}
