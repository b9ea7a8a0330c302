package dev.deploysim.cli;

import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.output.SweepOutputs;
import dev.deploysim.cli.sweep.SweepPlan;
import dev.deploysim.cli.sweep.SweepPoint;
import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.Numbers;
import dev.deploysim.load.Overrides;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.sweep.Grid;
import dev.deploysim.sweep.Shard;
import dev.deploysim.sweep.Sweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code sim sweep FILE --vary KEY=V1,V2 ...}: a scenario over a grid of values, with trade-offs. */
@Command(
    name = "sweep",
    description = {
      "Run a scenario for every combination of values of some keys, and show the trade-offs.",
      "",
      "Writes sweep.csv and sweep.json (a row per point: the values, outcome, every metric's mean, with",
      "replications its 95%% confidence interval and p5/p50/p95), trade-off charts (duration against",
      "lowest capacity and against failed requests, Pareto-optimal points marked), a heat map when two",
      "keys vary, and report.md naming the Pareto-optimal configurations into out/<scenario name>-sweep/",
      "(or -o DIR). Every point is loaded and checked before anything runs. With --shard K/N only the",
      "K-th of N slices of the runs is run and written as shard files; `sim merge` combines them into the",
      "same files as one run."
    })
final class SweepCommand extends Subcommand {
  @Mixin SharedOptions.ScenarioFile input = new SharedOptions.ScenarioFile();

  @Option(
      names = "--vary",
      paramLabel = "KEY=V1,V2",
      required = true,
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description = "A key path and its values, e.g. deployment.strategy.batchSize=1,2,3 or 1..6,"
          + " loadBalancer.healthCheck.interval=5s,15s, deployment.strategy.type=eb.rolling,eb.immutable."
          + " Repeat for more keys: every combination runs. Values are YAML; commas inside [] or {} belong"
          + " to the value.")
  List<String> vary = new ArrayList<>();

  @Mixin SharedOptions.Simulating simulating = new SharedOptions.Simulating();

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description = "Run only the K-th of N equal slices of the runs (K from 1) and write shard files;"
          + " combine the N shards with `sim merge`.")
  String shard;

  @Mixin SharedOptions.Writing writing = new SharedOptions.Writing();

  @Override
  public Integer call() {
    int workers = simulating.workers();
    Shard slice = parseShard();
    Grid grid = grid();

    ScenarioInputs.Checked base = ScenarioInputs.check(ctx, input.file);
    if (!base.ok()) {
      base.problems().forEach(ctx.err()::println);
      ctx.err().flush();
      return Main.USER_ERROR;
    }
    long sweepSeed = simulating.seed() != null ? simulating.seed() : base.scenario().seed();
    List<Sweep.Point> points = points(base, grid, sweepSeed);
    if (points == null) {
      return Main.USER_ERROR;
    }
    SweepPlan plan = plan(base.scenario(), grid, points, sweepSeed);
    OutputPlan.Target target = OutputPlan.single(ctx, writing.folder(), OutputPlan.folderName(base.scenario().name()) + "-sweep");
    long units = plan.units();
    long from = slice.from(units);
    long to = slice.to(units);
    List<SweepPoint> results;
    // all the files appear at once, at the commit, or none (a failure, an interrupt)
    try (OutputFolder folder = OutputFolder.staged(target.path())) {
      if (shard != null) {
        return runShard(plan, points, slice, from, to, workers, folder, target);
      }
      results = sweep(plan, points, units, workers, folder);
      folder.commit();
    }
    print(ctx, plan, results, target, writing.json(), writing.quiet());
    return Main.OK;
  }

  private List<SweepPoint> sweep(SweepPlan plan, List<Sweep.Point> points, long units, int workers,
      OutputFolder folder) {
    try (Progress progress = progress("sweep", units, writing.silent());
        SweepRuns.Assembly assembly = new SweepRuns.Assembly(plan, folder, progress)) {
      Object lock = new Object();
      Sweep.run(points, ctx.catalog(), simulating.replications(), 0, units, workers, u -> {
        synchronized (lock) {
          progress.step();
        }
      }, assembly);
      return assembly.finish(folder, writing.formats());
    }
  }

  /** Prints the table (or sweep.json with --json) and where the files are. */
  static void print(CliContext ctx, SweepPlan plan, List<SweepPoint> results, OutputPlan.Target target,
      boolean json, boolean quiet) {
    if (json) {
      ctx.out().println(Json.write(SweepOutputs.json(plan, results)));
    } else if (!quiet) {
      ctx.out().print(SweepOutputs.text(SweepOutputs.table(plan, results)));
      ctx.out().println();
      ctx.out().println("Pareto-optimal (shorter, more capacity kept, fewer failed requests, fewer extra instance-hours):");
      for (String l : SweepOutputs.optimalLines(plan, results)) {
        ctx.out().println("  " + l);
      }
      ctx.out().println("output: " + target.display());
    }
    ctx.out().flush();
  }

  private int runShard(SweepPlan plan, List<Sweep.Point> points, Shard slice, long from, long to, int workers,
      OutputFolder folder, OutputPlan.Target target) {
    String name = SweepRuns.shardName(slice);
    try (Progress progress = progress("shard " + slice, to - from, writing.silent());
        OutputFolder.Stream csv = folder.stream(name + ".csv")) {
      csv.write(SweepRuns.shardHeader());
      Object lock = new Object();
      Sweep.run(points, ctx.catalog(), simulating.replications(), from, to, workers, u -> {
        synchronized (lock) {
          progress.step();
        }
      }, row -> csv.write(SweepRuns.shardRow(row)));
      csv.commit();
    }
    Map<String, Object> meta = SweepRuns.shardJson(plan, slice);
    folder.write(name + ".json", Json.write(meta) + "\n");
    folder.commit();
    if (writing.json()) {
      ctx.out().println(Json.write(meta));
    } else if (!writing.quiet()) {
      ctx.out().println("shard " + slice + ": runs " + Numbers.grouped(from) + " to " + Numbers.grouped(to)
          + " of " + Numbers.grouped(plan.units()) + " (" + Numbers.grouped(to - from) + ") written to "
          + target.display() + name + ".csv");
      ctx.out().println("when all " + slice.count() + " shards are done: sim merge DIR... -o OUT");
    }
    ctx.out().flush();
    return Main.OK;
  }

  private Shard parseShard() {
    if (shard == null) {
      return Shard.ALL;
    }
    try {
      return Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--shard " + e.getMessage());
    }
  }

  /** The grid of the --vary options; a usage error for a bad key, value, range or size. */
  private Grid grid() {
    List<Grid.Axis> axes = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (String v : vary) {
      int eq = v.indexOf('=');
      if (eq < 0) {
        throw new ParameterException(spec.commandLine(), "--vary " + v + ": write KEY=V1,V2,... e.g."
            + " deployment.strategy.batchSize=1,2,3");
      }
      String key = v.substring(0, eq).strip();
      String problem = Overrides.keyProblem(key);
      if (problem != null) {
        throw new ParameterException(spec.commandLine(), "--vary " + v + ": " + problem);
      }
      if (!keys.add(key)) {
        throw new ParameterException(spec.commandLine(), "--vary " + key + " is given twice; list all its values"
            + " in one --vary");
      }
      try {
        axes.add(new Grid.Axis(key, Grid.values(v.substring(eq + 1))));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--vary " + v + ": " + e.getMessage());
      }
    }
    try {
      return new Grid(axes);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--vary: " + e.getMessage());
    }
  }

  /**
   * Loads every point; returns null after printing every problem (each once, with the points it
   * occurs in) when any point is invalid.
   */
  private List<Sweep.Point> points(ScenarioInputs.Checked base, Grid grid, long sweepSeed) {
    List<Sweep.Point> points = new ArrayList<>();
    Map<String, List<Integer>> problems = new LinkedHashMap<>();
    Set<Integer> bad = new LinkedHashSet<>();
    for (int p = 0; p < grid.size(); p++) {
      List<Overrides.Setting> settings = grid.point(p);
      Overrides.Loaded l = ctx.parser().withSettings(base.text(), input.file, settings);
      if (!l.ok()) {
        bad.add(p);
        for (Overrides.Problem pr : l.problems()) {
          problems.computeIfAbsent(pr.format(), k -> new ArrayList<>()).add(p);
        }
        if (l.problems().isEmpty()) {
          problems.computeIfAbsent(input.file + ": invalid scenario", k -> new ArrayList<>()).add(p);
        }
        continue;
      }
      points.add(new Sweep.Point(p, settings, Sweep.pointSeed(sweepSeed, settings), l.scenario(), l.notes()));
    }
    if (bad.isEmpty()) {
      return points;
    }
    for (Map.Entry<String, List<Integer>> e : problems.entrySet()) {
      List<Integer> at = e.getValue();
      int first = at.get(0);
      String where = "point " + first + " (" + label(grid, first) + ")";
      if (at.size() > 1) {
        where = at.size() + " points, e.g. " + where;
      }
      ctx.err().println(e.getKey() + " [in " + where + "]");
    }
    int n = problems.size();
    ctx.err().println(input.file + ": " + n + (n == 1 ? " problem" : " problems") + " in " + bad.size() + " of "
        + grid.size() + (grid.size() == 1 ? " point" : " points") + "; nothing was run");
    ctx.err().flush();
    return null;
  }

  private static String label(Grid grid, int point) {
    List<String> parts = new ArrayList<>();
    for (Overrides.Setting s : grid.point(point)) {
      parts.add(s.toString());
    }
    return String.join(", ", parts);
  }

  private SweepPlan plan(Scenario base, Grid grid, List<Sweep.Point> points, long sweepSeed) {
    List<SweepPlan.Point> planned = new ArrayList<>();
    for (Sweep.Point p : points) {
      planned.add(new SweepPlan.Point(p.index(), p.settings().stream().map(Overrides.Setting::value).toList(), p.seed(),
          p.scenario().deployment().strategy().type(), p.notes()));
    }
    return new SweepPlan(input.file, base.name(), base.deployment().strategy().type(), sweepSeed, simulating.replications(),
        grid.axes(), planned);
  }
}
