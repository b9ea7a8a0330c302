package dev.deploysim.cli;

import dev.deploysim.cli.output.CompareOutputs;
import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.output.OutputFormat;
import dev.deploysim.cli.text.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sim compare FILE...}: runs several scenarios (typically one system under different
 * strategies) and writes one comparison. The flow is: load, build jobs, run them, write the
 * comparison; options that change what runs (strategy lists, replications) belong in the job step.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = SimCommand.Version.class,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Run several scenarios, or one scenario under several strategies, and compare them.",
      "",
      "Prints one table with a row per run and writes compare.json (the array of summaries),",
      "compare-capacity and compare-failed (every run on one time axis) and report.md into the",
      "output folder.",
      "",
      "With --strategies a,b and ONE file: each strategy deploys the file's system; it keeps the",
      "file's strategy parameters that it also has and accepts, and its own defaults for the rest",
      "(report.md lists what was dropped). Runs are named <scenario>-<type>."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every simulation ran, whatever the outcomes",
      "1:internal error",
      "2:bad command line, missing file, invalid scenario or unwritable output folder",
      "3:only from sim check: a budget is exceeded"
    })
final class CompareCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (YAML).")
  List<String> files;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Output folder for the comparison. Default: out/compare/ in the current folder.")
  Path output;

  @Option(
      names = "--strategies",
      paramLabel = "TYPE",
      split = ",",
      description = "Compare these strategy types on ONE scenario file, e.g. eb.rolling,eb.immutable.")
  List<String> strategies;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for every scenario, instead of the files' seeds.")
  Long seed;

  @Option(
      names = "--replications",
      paramLabel = "N",
      defaultValue = "1",
      description = "Monte Carlo runs per scenario with derived seeds; the table then shows means with their"
          + " 95%% confidence intervals.")
  int replications;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads for replications (results do not depend on it). Default: one per"
          + " processor.")
  Integer threads;

  @Option(names = "--json", description = "Print the array of summaries on stdout instead of the table.")
  boolean json;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      split = ",",
      defaultValue = "png,svg",
      description = "Chart formats to write: png, svg or both.")
  List<String> formats = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
  boolean quiet;

  CompareCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Set<OutputFormat> chartFormats = RunCommand.parseFormats(formats, spec);
    Simulations.checkReplications(replications, threads, spec.commandLine());
    int workers = Simulations.threads(threads);
    List<String> types = null;
    if (strategies != null) {
      types = Simulations.strategyNames(ctx, strategies, spec.commandLine());
      if (files.size() != 1) {
        throw new ParameterException(spec.commandLine(), "--strategies compares strategies on one scenario file;"
            + " got " + files.size() + " files");
      }
    }
    List<ScenarioInputs.Input> inputs = ScenarioInputs.loadAll(ctx, files);
    if (inputs == null) {
      return Main.USER_ERROR;
    }
    List<Simulations.Job> jobs = types == null ? Simulations.jobs(inputs, seed)
        : Simulations.variants(ctx, inputs.get(0), types, seed);
    if (jobs == null) {
      return Main.USER_ERROR;
    }
    OutputPlan.Target target = OutputPlan.single(ctx, output, "compare");
    OutputFolder folder = OutputFolder.open(target.path());
    List<Simulations.Done> done = new ArrayList<>();
    String task = replications > 1 ? "replications" : "simulating";
    try (Progress progress = Progress.of(task, jobs.size() * replications, 2, quiet || json, ctx.terminal(), ctx.err())) {
      for (Simulations.Job job : jobs) {
        // the comparison needs the statistics only: each run's values go once it is done
        done.add(Simulations.run(ctx, job, replications, workers, progress).withoutValues());
      }
    }
    List<String> names = CompareOutputs.names(done.stream().map(Simulations.Done::result).toList(),
        done.stream().map(d -> d.job().file()).toList());
    List<CompareOutputs.Run> runs = new ArrayList<>();
    for (int i = 0; i < done.size(); i++) {
      Simulations.Done d = done.get(i);
      runs.add(new CompareOutputs.Run(names.get(i), d.result(), d.replications(), d.job().notes()));
    }
    CompareOutputs.write(runs, folder, chartFormats);
    if (json) {
      ctx.out().println(Json.write(CompareOutputs.summaries(runs)));
    } else if (!quiet) {
      ctx.out().print(CompareOutputs.text(runs, ctx.terminal().color()));
      ctx.out().println();
      for (String line : CompareOutputs.highlights(runs)) {
        ctx.out().println("- " + line.replace("**", "").replace("\\|", "|"));
      }
      ctx.out().println();
      ctx.out().println("output  " + target.display());
    }
    ctx.out().flush();
    return Main.OK;
  }
}
