package dev.deploysim.cli;

import dev.deploysim.result.RunResult;
import dev.deploysim.run.Replications;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.StrategyVariants;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs scenarios for the commands that simulate ({@code run}, {@code compare}): turns inputs into
 * jobs (the command line's seed applied; for {@code compare --strategies}, one job per strategy
 * type), and runs each job's replications.
 */
final class Simulations {
  private Simulations() {}

  /**
   * A scenario ready to run: where it came from, the scenario itself (seed applied), and notes on
   * how it was derived from the file (parameters a strategy variant dropped).
   */
  record Job(String file, Scenario scenario, List<String> notes) {
    Job {
      notes = List.copyOf(notes);
    }

    Job(String file, Scenario scenario) {
      this(file, scenario, List.of());
    }
  }

  /**
   * What a job gave: replication 0 whole, and the replications (null for a single run).
   */
  record Done(Job job, RunResult result, Replications.Result replications) {
    int count() {
      return replications == null ? 1 : replications.count();
    }

    /** The same without every replication's values (once the files that need them are written). */
    Done withoutValues() {
      return replications == null ? this
          : new Done(job, result, new Replications.Result(replications.first(), null, replications.aggregate()));
    }
  }

  /** The scenarios of the inputs with the command line's seed (when given) applied. */
  static List<Job> jobs(List<ScenarioInputs.Input> inputs, Long seed) {
    List<Job> jobs = new ArrayList<>();
    for (ScenarioInputs.Input in : inputs) {
      Scenario s = seed == null ? in.scenario() : in.scenario().withSeed(seed);
      jobs.add(new Job(in.file(), s));
    }
    return jobs;
  }

  /**
   * {@code --strategies a,b,c}: checks the names (an unknown one is a usage error with a guess).
   */
  static List<String> strategyNames(CliContext ctx, List<String> given, CommandLine cmd) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String g : given) {
      String n = g.strip();
      if (n.isEmpty()) {
        continue;
      }
      if (ctx.catalog().find(n).isEmpty()) {
        String guess = dev.deploysim.load.DidYouMean.suggest(n, ctx.catalog().names());
        throw new ParameterException(cmd, "--strategies: unknown strategy type '" + n + "'"
            + (guess != null ? " (did you mean '" + guess + "'?)" : "; `sim strategies` lists them"));
      }
      names.add(n);
    }
    if (names.isEmpty()) {
      throw new ParameterException(cmd, "--strategies: name at least one strategy type, e.g. eb.rolling,eb.immutable");
    }
    return List.copyOf(names);
  }

  /**
   * One job per strategy type for one scenario file. Returns null after printing the problems when
   * a variant is not a valid scenario (a strategy that needs what the file does not have).
   */
  static List<Job> variants(CliContext ctx, ScenarioInputs.Input input, List<String> types, Long seed) {
    List<Job> jobs = new ArrayList<>();
    boolean ok = true;
    for (String type : types) {
      StrategyVariants.Variant v = ctx.parser().variant(input.text(), input.file(), type);
      if (!v.result().ok()) {
        ok = false;
        for (ScenarioError e : v.result().errors()) {
          ctx.err().println(e.format());
        }
        ctx.err().println(v.result().summary(input.file() + " as " + type));
        continue;
      }
      Scenario s = v.result().scenario();
      jobs.add(new Job(input.file(), seed == null ? s : s.withSeed(seed), v.notes()));
    }
    ctx.err().flush();
    return ok ? jobs : null;
  }

  /** Runs a job once ({@code replications} 1) or as replications on {@code threads} threads. */
  static Done run(CliContext ctx, Job job, int replications, int threads, Progress progress) {
    return run(ctx, job, replications, threads, progress, null);
  }

  /**
   * The same; {@code rows}, when not null, takes each replication's row in index order (to stream
   * replications.csv).
   */
  static Done run(CliContext ctx, Job job, int replications, int threads, Progress progress,
      Replications.RowSink rows) {
    StrategyType type = ctx.catalog().find(job.scenario().deployment().strategy().type())
        .orElseThrow(() -> new IllegalStateException("unknown strategy type " + job.scenario().deployment().strategy().type()));
    if (replications == 1) {
      RunResult r = ScenarioRunner.run(job.scenario(), type);
      progress.step();
      return new Done(job, r, null);
    }
    Object lock = new Object();
    Replications.Result r = Replications.run(job.scenario(), type, replications, threads, i -> {
      synchronized (lock) {
        progress.step();
      }
    }, rows);
    return new Done(job, r.first(), r);
  }

  /** The thread count: the option, or one per processor. */
  static int threads(Integer option) {
    return option != null ? option : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Heap kept aside for the runs in flight, replication 0's time series and the charts: 256 MiB,
   * or a quarter of a smaller heap.
   */
  static long reserved(long maxHeap) {
    return Math.min(256L * 1024 * 1024, maxHeap / 4);
  }

  /**
   * Checks the replication options: both at least 1 (a usage error otherwise), and the statistics
   * of {@code runs} runs at once fit in the heap: every run keeps one double per metric for exact
   * percentiles, so a count that cannot fit is refused before anything runs rather than left to
   * thrash in garbage collection.
   */
  static void checkReplications(long runs, Integer threads, CommandLine cmd) {
    checkReplications(runs, threads, cmd, "--replications " + runs, Runtime.getRuntime().maxMemory());
  }

  static void checkReplications(long runs, Integer threads, CommandLine cmd, String what, long maxHeap) {
    if (runs < 1) {
      throw new ParameterException(cmd, "--replications must be at least 1, got " + runs);
    }
    if (threads != null && threads < 1) {
      throw new ParameterException(cmd, "--threads must be at least 1, got " + threads);
    }
    String problem = memoryProblem(runs, what, maxHeap);
    if (problem != null) {
      throw new ParameterException(cmd, problem);
    }
  }

  /** Why {@code runs} replications cannot fit in a heap of {@code maxHeap} bytes; null when they can. */
  static String memoryProblem(long runs, String what, long maxHeap) {
    long perRun = Replications.bytesPerReplication();
    long available = maxHeap - reserved(maxHeap);
    if (runs <= 1 || runs <= available / perRun) {
      return null;
    }
    double needed = (double) runs * perRun + reserved(maxHeap);
    long suggestGiB = (long) Math.ceil(needed * 1.25 / (1L << 30));
    long maxRuns = Math.max(0, available / perRun);
    return what + " cannot fit: exact percentiles keep " + perRun + " bytes per replication, about "
        + bytes(needed) + " in all, and this Java may use " + bytes(maxHeap) + " (at most "
        + String.format(java.util.Locale.ROOT, "%,d", maxRuns) + " replications). Run fewer, or give Java more memory:"
        + " SIM_JAVA_OPTS=-Xmx" + suggestGiB + "g";
  }

  private static String bytes(double b) {
    double gib = b / (1L << 30);
    return gib >= 1 ? String.format(java.util.Locale.ROOT, "%.1f GiB", gib)
        : String.format(java.util.Locale.ROOT, "%.0f MiB", b / (1L << 20));
  }
}
