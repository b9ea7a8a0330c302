package dev.deploysim.benchmarks;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.run.Replications;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sweep and replication throughput: one operation is one whole lean run of a scenario (what each
 * run of {@code sim sweep} or of {@code --replications} after the first does: the simulation and its
 * summary, no time series kept, no files), with the next replication seed each time. One thread, so
 * the score is runs per second per core.
 *
 * <p>Run from the repository's root (the scenario is read from {@code file}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@State(Scope.Thread)
public class SweepThroughput {

  /** The scenario: the 6-instance Elastic Beanstalk rolling deployment of the issue. */
  @Param({"scenarios/eb-rolling.yaml"})
  public String file;

  private Scenario scenario;
  private StrategyType type;
  private int replication;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    scenario = load(Files.readString(Path.of(file)), file);
    type = Strategies.catalog().find(scenario.deployment().strategy().type()).orElseThrow();
  }

  static Scenario load(String yaml, String name) {
    LoadResult r = new ScenarioLoader(Strategies.catalog()).parse(yaml, name);
    if (!r.ok()) {
      throw new IllegalStateException(name + ": " + r.errors());
    }
    return r.scenario();
  }

  /** One run; the summary's duration is returned so the run cannot be optimised away. */
  @Benchmark
  public Double run() {
    long seed = Replications.seed(scenario.seed(), ++replication);
    return ScenarioRunner.run(scenario.withSeed(seed), type, false).summary().deployment().durationSeconds();
  }
}
