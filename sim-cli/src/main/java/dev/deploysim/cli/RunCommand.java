package dev.deploysim.cli;

import dev.deploysim.cli.output.OutputFiles;
import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.output.ReplicationOutputs;
import dev.deploysim.cli.output.RunOutputs;
import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.ReplicationText;
import dev.deploysim.cli.text.SummaryTable;
import dev.deploysim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sim run FILE...}: simulates each scenario and writes its output folder. */
@Command(
    name = "run",
    description = {
      "Simulate scenario files and write their outputs.",
      "",
      "Each scenario gets a folder with summary.json, timeseries.csv, events.log, capacity and",
      "versions charts (PNG and SVG) and report.md, and a summary table on stdout. The folder is",
      "out/<scenario name>/; with -o DIR, DIR for one file and DIR/<scenario name>/ for several."
    })
final class RunCommand extends Subcommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (YAML).")
  List<String> files;

  @Mixin SharedOptions.Simulating simulating = new SharedOptions.Simulating();
  @Mixin SharedOptions.Writing writing = new SharedOptions.Writing();

  @Override
  public Integer call() {
    List<ScenarioInputs.Input> inputs = ScenarioInputs.loadAll(ctx, files);
    if (inputs == null) {
      return Main.USER_ERROR;
    }
    List<Simulations.Job> jobs = Simulations.jobs(inputs, simulating.seed());
    List<Scenario> scenarios = jobs.stream().map(Simulations.Job::scenario).toList();
    List<OutputPlan.Target> targets = OutputPlan.targets(ctx, files, scenarios, writing.folder());

    List<Simulations.Done> results = new ArrayList<>();
    try (Progress progress = progress(simulating.task(), (long) jobs.size() * simulating.replications(),
        writing.silent())) {
      for (int i = 0; i < jobs.size(); i++) {
        Simulations.Job job = jobs.get(i);
        // all of a scenario's files appear at once, at the commit, or none (a failure, an interrupt)
        try (OutputFolder folder = OutputFolder.staged(targets.get(i).path());
            // replications.csv is streamed while the replications run: no row is held in memory
            OutputFolder.Stream csv = simulating.replications() > 1 ? folder.stream(OutputFiles.REPLICATIONS) : null) {
          if (csv != null) {
            csv.write(ReplicationOutputs.csvHeader());
          }
          Simulations.Done d = Simulations.run(ctx, job, simulating.replications(), simulating.workers(), progress,
              csv == null ? null : row -> csv.write(ReplicationOutputs.csvRow(row)));
          RunOutputs.write(d.result(), d.replications(),
              ctx.catalog().find(job.scenario().deployment().strategy().type()).orElse(null), folder, writing.formats());
          if (csv != null) {
            csv.commit();
          }
          folder.commit();
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
    if (writing.json()) {
      if (results.size() == 1) {
        ctx.out().println(Json.write(json(results.get(0))));
      } else {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Simulations.Done d : results) {
          all.add(json(d));
        }
        ctx.out().println(Json.write(all));
      }
    } else if (!writing.quiet()) {
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
}
