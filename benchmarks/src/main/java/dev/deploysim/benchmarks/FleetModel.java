package dev.deploysim.benchmarks;

import dev.deploysim.model.World;
import dev.deploysim.model.scaling.GroupScaling;
import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Strategies;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The infrastructure model at scale: a fleet of {@code instances} instances behind an ALB that
 * checks every target every 10 s, simulated for 4 hours. One operation is one whole 4-hour run.
 *
 * <ul>
 *   <li>{@code steady}: the world alone (health checks, traffic, measurements), no deployment;
 *   <li>{@code rolling}: the full run through {@link ScenarioRunner}: time series every 5 s and an
 *       Elastic Beanstalk rolling deployment in batches of 10% one hour in;
 *   <li>{@code loaded}: {@code steady} with the load model on: every version has a response time
 *       (the queue of each instance, 504s past the idle timeout), demand moves by +-10% every hour
 *       and a target-tracking policy on CPU (target 60%) scales the group out and in;
 *   <li>{@code rolling-loaded}: {@code rolling} with the same load model (the time series then
 *       carries CPU, desired capacity and the latency percentiles of every sample).
 * </ul>
 *
 * {@link #main} prints the number of simulated events of one run, from which the README derives
 * simulated events per second.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class FleetModel {

  /** Simulated seconds per run: 4 hours. */
  public static final double HORIZON = 4 * 3600.0;

  @Param({"steady", "rolling", "loaded", "rolling-loaded"})
  public String mode;

  @Param({"1000"})
  public int instances;

  /** traffic.routingInterval: "0s" re-routes at every change (exact), "1s" at most once a second. */
  @Param({"0s"})
  public String routingInterval;

  private Scenario scenario;

  @Setup(Level.Trial)
  public void setUp() {
    scenario = load(mode.endsWith("loaded") ? loadedYaml(instances, routingInterval)
        : yaml(instances, routingInterval));
  }

  /**
   * The same system with the load model on: 80 ms (v1) and 90 ms (v2) per request on an idle
   * instance, demand 60, 66, 54 and 60 requests/s per instance in the four hours, and target
   * tracking at 60% CPU: 66 scales out to 1,100, 54 then scales in, 60 sits on the target.
   */
  static String loadedYaml(int n, String routingInterval) {
    return yaml(n, routingInterval)
        .replace("  launchTime:", "  scaling:\n    - {type: target-tracking, metric: cpu, target: 60, instanceWarmup: 300s}\n"
            + "  launchTime:")
        .replace("  rps: " + (n * 60) + "\n", "  pattern:\n    steps:\n      - {at: 0s, rps: " + (n * 60) + "}\n"
            + "      - {at: 1h, rps: " + (n * 66) + "}\n      - {at: 2h, rps: " + (n * 54) + "}\n"
            + "      - {at: 3h, rps: " + (n * 60) + "}\n")
        .replace("v1: {install: 30s, start: 10s}", "v1: {install: 30s, start: 10s, responseTime: 80ms}")
        .replace("start: 10s}\ndeployment", "start: 10s, responseTime: 90ms}\ndeployment");
  }

  static String yaml(int n, String routingInterval) {
    return String.join("\n",
        "name: fleet-model",
        "seed: 7",
        "horizon: 4h",
        "fleet:",
        "  instances: " + n,
        "  maxSize: " + (2 * n),
        "  zones: [a, b, c]",
        "  launchTime: {lognormal: {median: 40s, p95: 90s}}",
        "loadBalancer:",
        "  type: alb",
        "  healthCheck: {interval: 10s, timeout: 5s, healthyThreshold: 3, unhealthyThreshold: 2}",
        "  deregistrationDelay: 20s",
        "traffic:",
        "  rps: " + (n * 60),
        "  routingInterval: " + routingInterval,
        "versions:",
        "  v1: {install: 30s, start: 10s}",
        "  v2: {install: {uniform: [20s, 40s]}, start: 10s}",
        "deployment:",
        "  at: 1h",
        "  version: v2",
        "  strategy: {type: eb.rolling, batchSize: \"10%\"}",
        "");
  }

  static Scenario load(String text) {
    LoadResult r = new ScenarioLoader(Strategies.catalog()).parse(text, "fleet-model.yaml");
    if (!r.ok()) {
      throw new IllegalStateException(r.errors().toString());
    }
    return r.scenario();
  }

  @Benchmark
  public Object run() {
    if (mode.equals("steady") || mode.equals("loaded")) {
      return world(scenario);
    }
    return ScenarioRunner.run(scenario, Strategies.catalog());
  }

  /** The world alone for 4 hours, with the fleet's scaling policies attached as the runner does. */
  static World world(Scenario s) {
    World world = new World(s, false);
    if (!s.fleet().scaling().isEmpty()) {
      GroupScaling.attach(world, world.primary().group(), s.fleet());
    }
    world.sim().runUntil(HORIZON);
    return world;
  }

  /**
   * Prints the event count and CPU time of one run of each mode (for the README). Arguments:
   * instances (1000), routingInterval (0s), rounds (5), and {@code loaded} for the modes with the
   * load model ({@code loaded} and {@code rolling-loaded} instead of {@code steady} and {@code rolling}).
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    String interval = args.length > 1 ? args[1] : "0s";
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    boolean loaded = args.length > 3 && args[3].equals("loaded");
    Scenario s = load(loaded ? loadedYaml(n, interval) : yaml(n, interval));
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      World world = world(s);
      long c1 = cpu.getCurrentThreadCpuTime();
      long t1 = System.nanoTime();
      RunResult r = ScenarioRunner.run(s, Strategies.catalog());
      long c2 = cpu.getCurrentThreadCpuTime();
      long t2 = System.nanoTime();
      System.out.printf("round %d: steady %d events in %.0f ms (%.0f ms CPU); rolling run %.0f ms (%.0f ms CPU)"
          + " (%s, %s); heap used %d MiB%n", round, world.sim().eventsFired(), (t1 - t0) / 1e6, (c1 - c0) / 1e6,
          (t2 - t1) / 1e6, (c2 - c1) / 1e6, r.summary().outcome(), r.summary().deployment().durationSeconds(),
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }
  }
}
