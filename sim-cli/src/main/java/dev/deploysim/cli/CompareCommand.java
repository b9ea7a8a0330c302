package dev.deploysim.cli;

import dev.deploysim.cli.output.CompareOutputs;
import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.text.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code sim compare FILE...}: runs several scenarios (typically one system under different
 * strategies) and writes one comparison. The flow is: load, build jobs, run them, write the
 * comparison; options that change what runs (strategy lists, replications) belong in the job step.
 */
@Command(
    name = "compare",
    description = {
      "Run several scenarios, or one scenario under several strategies, and compare them.",
      "",
      "Prints one table with a row per run and writes compare.json (the array of summaries),",
      "compare-capacity and compare-failed (every run on one time axis) and report.md into",
      "out/compare/ (or -o DIR).",
      "",
      "With --strategies a,b and ONE file: each strategy deploys the file's system; it keeps the",
      "file's strategy parameters that it also has and accepts, and its own defaults for the rest",
      "(report.md lists what was dropped). Runs are named <scenario>-<type>."
    })
final class CompareCommand extends Subcommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (YAML).")
  List<String> files;

  @Option(
      names = "--strategies",
      paramLabel = "TYPE",
      split = ",",
      description = "Compare these strategy types on ONE scenario file, e.g. eb.rolling,eb.immutable.")
  List<String> strategies;

  @Mixin SharedOptions.Simulating simulating = new SharedOptions.Simulating();
  @Mixin SharedOptions.Writing writing = new SharedOptions.Writing();

  @Override
  public Integer call() {
    Long seed = simulating.seed();
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
    OutputPlan.Target target = OutputPlan.single(ctx, writing.folder(), "compare");
    OutputFolder.open(target.path()); // a folder that cannot be written fails before anything runs
    List<Simulations.Done> done = new ArrayList<>();
    try (Progress progress = progress(simulating.task(), (long) jobs.size() * simulating.replications(),
        writing.silent())) {
      for (Simulations.Job job : jobs) {
        // the comparison needs the statistics only: each run's values go once it is done
        done.add(Simulations.run(ctx, job, simulating.replications(), simulating.workers(), progress).withoutValues());
      }
    }
    List<String> names = CompareOutputs.names(done.stream().map(Simulations.Done::result).toList(),
        done.stream().map(d -> d.job().file()).toList());
    List<CompareOutputs.Run> runs = new ArrayList<>();
    for (int i = 0; i < done.size(); i++) {
      Simulations.Done d = done.get(i);
      runs.add(new CompareOutputs.Run(names.get(i), d.result(), d.replications(), d.job().notes()));
    }
    try (OutputFolder folder = OutputFolder.staged(target.path())) {
      CompareOutputs.write(runs, folder, writing.formats());
      folder.commit();
    }
    if (writing.json()) {
      ctx.out().println(Json.write(CompareOutputs.summaries(runs)));
    } else if (!writing.quiet()) {
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
