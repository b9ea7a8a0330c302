package dev.deploysim.cli;

import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.output.OutputFormat;
import dev.deploysim.cli.output.ReplicationOutputs;
import dev.deploysim.cli.output.RunOutputs;
import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.ReplicationText;
import dev.deploysim.cli.text.SummaryTable;
import dev.deploysim.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sim run FILE...}: simulates each scenario and writes its output folder. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = SimCommand.Version.class,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Simulate scenario files and write their outputs.",
      "",
      "Each scenario gets a folder with summary.json, timeseries.csv, events.log, capacity and",
      "versions charts (PNG and SVG) and report.md, and a summary table on stdout."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the simulation ran, whatever the simulated deployment's outcome",
      "1:internal error",
      "2:bad command line, missing file, invalid scenario or unwritable output folder",
      "3:only from sim check: a budget is exceeded"
    })
final class RunCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (YAML).")
  List<String> files;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Output folder. One file writes into DIR, several into DIR/<scenario name>/."
          + " Default: out/<scenario name>/ in the current folder.")
  Path output;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for every scenario, instead of the file's seed.")
  Long seed;

  @Option(
      names = "--replications",
      paramLabel = "N",
      defaultValue = "1",
      description = "Monte Carlo runs per scenario with derived seeds; the files show replication 0"
          + " (the scenario's own seed), summary.json adds statistics over all of them and"
          + " replications.csv one row each.")
  int replications;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads for replications (results do not depend on it). Default: one per"
          + " processor.")
  Integer threads;

  @Option(names = "--json", description = "Print the summary JSON on stdout instead of the table"
      + " (an array for several files).")
  boolean json;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      split = ",",
      defaultValue = "png,svg",
      description = "Chart formats to write: png, svg or both.")
  List<String> formats = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "Print nothing on success (errors still go to stderr; --json still prints the JSON).")
  boolean quiet;

  RunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Set<OutputFormat> chartFormats = parseFormats(formats, spec);
    Simulations.checkReplications(replications, threads, spec.commandLine());
    int workers = Simulations.threads(threads);
    List<ScenarioInputs.Input> inputs = ScenarioInputs.loadAll(ctx, files);
    if (inputs == null) {
      return Main.USER_ERROR;
    }
    List<Simulations.Job> jobs = Simulations.jobs(inputs, seed);
    List<Scenario> scenarios = jobs.stream().map(Simulations.Job::scenario).toList();
    List<OutputPlan.Target> targets = OutputPlan.targets(ctx, files, scenarios, output);

    List<Simulations.Done> results = new ArrayList<>();
    String task = replications > 1 ? "replications" : "simulating";
    try (Progress progress = Progress.of(task, jobs.size() * replications, 2, quiet || json, ctx.terminal(), ctx.err())) {
      for (int i = 0; i < jobs.size(); i++) {
        Simulations.Job job = jobs.get(i);
        OutputFolder folder = OutputFolder.open(targets.get(i).path());
        // replications.csv is streamed while the replications run: no row is held in memory
        try (OutputFolder.Stream csv = replications > 1 ? folder.stream(ReplicationOutputs.CSV) : null) {
          if (csv != null) {
            csv.write(ReplicationOutputs.csvHeader());
          }
          Simulations.Done d = Simulations.run(ctx, job, replications, workers, progress,
              csv == null ? null : row -> csv.write(ReplicationOutputs.csvRow(row)));
          RunOutputs.write(d.result(), d.replications(),
              ctx.catalog().find(job.scenario().deployment().strategy().type()).orElse(null), folder, chartFormats);
          if (csv != null) {
            csv.commit();
          }
          results.add(d.withoutValues());
        }
      }
    }
    print(results, targets);
    return Main.OK;
  }

  private static Map<String, Object> json(Simulations.Done d) {
    return ReplicationOutputs.summaryJson(d.result().summary(),
        d.replications() == null ? null : d.replications().aggregate());
  }

  private void print(List<Simulations.Done> results, List<OutputPlan.Target> targets) {
    if (json) {
      if (results.size() == 1) {
        ctx.out().println(Json.write(json(results.get(0))));
      } else {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Simulations.Done d : results) {
          all.add(json(d));
        }
        ctx.out().println(Json.write(all));
      }
    } else if (!quiet) {
      for (int i = 0; i < results.size(); i++) {
        if (i > 0) {
          ctx.out().println();
        }
        Simulations.Done d = results.get(i);
        List<SummaryTable.Row> rows = new ArrayList<>(SummaryTable.rows(d.result().summary()));
        if (d.replications() != null) {
          rows.addAll(ReplicationText.rows(d.replications().aggregate()));
        }
        rows.add(new SummaryTable.Row("output", targets.get(i).display(), null));
        ctx.out().print(SummaryTable.text(rows, ctx.terminal().color()));
      }
    }
    ctx.out().flush();
  }

  /** {@code --format png,svg}: every value must be a known format. */
  static Set<OutputFormat> parseFormats(List<String> values, CommandSpec spec) {
    Set<OutputFormat> set = EnumSet.noneOf(OutputFormat.class);
    for (String v : values) {
      if (v.isBlank()) {
        continue;
      }
      try {
        set.add(OutputFormat.parse(v));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
      }
    }
    if (set.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--format: name at least one of png, svg");
    }
    return set;
  }
}
