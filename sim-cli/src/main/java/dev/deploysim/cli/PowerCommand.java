package dev.deploysim.cli;

import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.output.OutputFormat;
import dev.deploysim.cli.output.PowerOutputs;
import dev.deploysim.cli.sweep.PowerPoint;
import dev.deploysim.cli.text.Json;
import dev.deploysim.load.Overrides;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.sweep.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code sim power FILE --error-rates R1,R2 ...}: how often a deployment's analysis decides right,
 * as the new version's error rate varies (docs/outputs.md#sim-power).
 */
@Command(
    name = "power",
    description = {
      "How often the deployment catches a bad version: a power curve.",
      "",
      "Runs the scenario --replications times with the new version failing each of --error-rates of",
      "its requests, and once more as a good version failing the old version's share (the baseline),",
      "and reports per error rate the probability of a rollback (with its Wilson 95%% interval), the",
      "time to detection and the blast radius (requests the new version served before the rollback).",
      "The good version's rollbacks are the false-rollback rate. Writes power.csv, power.json, the",
      "power chart and report.md."
    })
final class PowerCommand extends Subcommand {
  @Mixin SharedOptions.ScenarioFile input = new SharedOptions.ScenarioFile();

  @Option(
      names = "--error-rates",
      paramLabel = "R1,R2",
      split = ",",
      required = true,
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description = "Error rates of the bad new version, shares of its requests that fail, e.g. 0.01,0.02,0.05.")
  List<Double> errorRates = new ArrayList<>();

  @Option(
      names = "--baseline-error-rate",
      paramLabel = "R",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description = "The old version's error rate, and the good new version's. Default: the old version's"
          + " errorRate in the file.")
  Double baseline;

  @Option(names = "--replications", paramLabel = "N", defaultValue = "200",
      description = "Runs per error rate with derived seeds.")
  int replications;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads (results do not depend on it). Default: one per processor.")
  Integer threads;

  @Mixin SharedOptions.Seed seed = new SharedOptions.Seed();
  @Mixin SharedOptions.Writing writing = new SharedOptions.Writing();

  @Override
  public Integer call() {
    Set<OutputFormat> chartFormats = writing.formats();
    Simulations.checkReplications(replications, threads, spec.commandLine());
    int workers = Simulations.threads(threads);
    for (double r : errorRates) {
      if (!(r >= 0 && r <= 1)) {
        throw new ParameterException(spec.commandLine(), "--error-rates: " + r + " is not a share of requests"
            + " from 0 to 1 (write 0.02 for 2%)");
      }
    }
    if (baseline != null && !(baseline >= 0 && baseline <= 1)) {
      throw new ParameterException(spec.commandLine(), "--baseline-error-rate: " + baseline
          + " is not a share of requests from 0 to 1");
    }
    ScenarioInputs.Checked base = ScenarioInputs.check(ctx, input.file);
    if (!base.ok()) {
      base.problems().forEach(ctx.err()::println);
      ctx.err().flush();
      return Main.USER_ERROR;
    }
    Scenario s = base.scenario();
    long powerSeed = seed.seed() != null ? seed.seed() : s.seed();
    String from = s.initialVersion();
    String to = s.deployment().version();
    double baseRate = baseline != null ? baseline : s.version(from).errorRate();

    // the good version first, then the bad ones in the order given
    List<Double> rates = new ArrayList<>();
    rates.add(baseRate);
    rates.addAll(errorRates);
    List<Sweep.Point> points = new ArrayList<>();
    for (int i = 0; i < rates.size(); i++) {
      List<Overrides.Setting> settings = new ArrayList<>();
      if (baseline != null) {
        settings.add(new Overrides.Setting("versions." + from + ".errorRate", Double.toString(baseline)));
      }
      settings.add(new Overrides.Setting("versions." + to + ".errorRate", Double.toString(rates.get(i))));
      Overrides.Loaded l = ctx.parser().withSettings(base.text(), input.file, settings);
      if (!l.ok()) {
        l.problems().forEach(p -> ctx.err().println(p.format()));
        ctx.err().println(input.file + ": the new version cannot fail " + rates.get(i) + " of its requests here; nothing"
            + " was run");
        ctx.err().flush();
        return Main.USER_ERROR;
      }
      points.add(new Sweep.Point(i, settings, Sweep.pointSeed(powerSeed, settings), l.scenario(), l.notes()));
    }
    OutputPlan.Target target = OutputPlan.single(ctx, writing.folder(), OutputPlan.folderName(s.name()) + "-power");
    OutputFolder.open(target.path()); // a folder that cannot be written fails before anything runs
    List<PowerPoint> results = new ArrayList<>();
    long units = Sweep.units(points.size(), replications);
    try (Progress progress = progress("power", units, writing.silent())) {
      Object lock = new Object();
      Sweep.run(points, ctx.catalog(), replications, 0, units, workers, u -> {
        synchronized (lock) {
          progress.step();
        }
      }, new Sweep.Collector(replications, (p, stats) -> results.add(new PowerPoint(rates.get(p), p == 0,
          points.get(p).seed(), stats.aggregate()))));
    }
    PowerOutputs.Plan plan = new PowerOutputs.Plan(input.file, s.name(), s.deployment().strategy().type(), from, to,
        powerSeed, replications, baseRate);
    // all the files appear at once, at the commit, or none (a failure, an interrupt)
    try (OutputFolder folder = OutputFolder.staged(target.path())) {
      PowerOutputs.write(folder, plan, results, chartFormats);
      folder.commit();
    }
    if (writing.json()) {
      ctx.out().println(Json.write(PowerOutputs.json(plan, results)));
    } else if (!writing.quiet()) {
      ctx.out().print(PowerOutputs.text(PowerOutputs.table(results)));
      if (baseRate == 0) {
        ctx.out().println("note: the old version fails no request, so a good new version cannot fail a threshold;"
            + " give --baseline-error-rate for a false-rollback rate worth the name");
      }
      ctx.out().println("output: " + target.display());
    }
    ctx.out().flush();
    return Main.OK;
  }
}
