package dev.deploysim.cli;

import dev.deploysim.cli.output.CompareOutputs;
import dev.deploysim.cli.output.Json;
import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.output.SummaryTable;
import dev.deploysim.result.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
      "Run several scenarios and compare them side by side.",
      "",
      "Prints one table with a column per scenario and writes compare.json (the array of",
      "summaries) and compare.md into the output folder."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every simulation ran, whatever the outcomes",
      "1:internal error",
      "2:bad command line, missing file, invalid scenario or unwritable output folder"
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

  @Option(names = "--seed", paramLabel = "N", description = "Seed for every scenario, instead of the files' seeds.")
  Long seed;

  @Option(names = "--json", description = "Print the array of summaries on stdout instead of the table.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
  boolean quiet;

  CompareCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<ScenarioInputs.Input> inputs = ScenarioInputs.loadAll(ctx, files);
    if (inputs == null) {
      return Main.USER_ERROR;
    }
    List<Simulations.Job> jobs = Simulations.jobs(inputs, seed);
    OutputPlan.Target target = OutputPlan.single(ctx, output, "compare");
    List<RunResult> results = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (Progress progress = Progress.of("simulating", jobs.size(), 2, quiet || json, ctx.terminal(), ctx.err())) {
      for (Simulations.Job job : jobs) {
        results.add(Simulations.run(ctx, job));
        names.add(job.file());
        progress.step();
      }
    }
    CompareOutputs.write(results, names, OutputFolder.open(target.path()));
    if (json) {
      ctx.out().println(Json.write(CompareOutputs.summaries(results)));
    } else if (!quiet) {
      ctx.out().print(SummaryTable.text(CompareOutputs.rows(results), CompareOutputs.headers(results, names),
          ctx.terminal().color()));
      ctx.out().println();
      ctx.out().println("output  " + target.display());
    }
    ctx.out().flush();
    return Main.OK;
  }
}
