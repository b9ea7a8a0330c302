package dev.deploysim.cli;

import dev.deploysim.cli.check.CheckReport;
import dev.deploysim.cli.check.ScenarioCheck;
import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.text.UserError;
import dev.deploysim.scenario.BudgetsSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sim check FILE...}: runs each scenario and tests it against its budgets. */
@Command(
    name = "check",
    description = {
      "Run each scenario and test it against its budgets: block.",
      "",
      "Prints each budget, its limit, the measured value and whether it holds. With --replications",
      "a budget holds when the share of runs within it is at least the scenario's budgets.confidence",
      "(default 1: every run); the share comes with its 95%% Wilson score interval. maxLatencyP99 is",
      "not measurable (neither holds nor fails) when no version has a responseTime. Writes no output folder;",
      "--junit and --markdown write reports for CI. A report file that exists is replaced only when",
      "it is a report sim check wrote (never a scenario or another file). Exit code 0 when every budget",
      "holds (one that cannot be measured neither holds nor fails), 3 when one is exceeded."
    },
    footer = {"%nExample: sim check scenarios/*.yaml --replications 50 --junit check.xml --markdown check.md"})
final class CheckCommand extends Subcommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files with a budgets: block.")
  List<String> files;

  @Mixin SharedOptions.Simulating simulating = new SharedOptions.Simulating();

  @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML: one test case per scenario and"
      + " budget (failure: exceeded, skipped: not measurable).")
  Path junit;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Write a Markdown summary for a CI job page.")
  Path markdown;

  @Option(names = {"-q", "--quiet"}, description = "Print no table (the exit code says whether every budget holds;"
      + " problems still go to stderr).")
  boolean quiet;

  @Override
  public Integer call() {
    int replications = simulating.replications();
    int workers = simulating.workers();
    List<ScenarioInputs.Input> inputs = ScenarioInputs.loadAll(ctx, files);
    if (inputs == null) {
      return Main.USER_ERROR;
    }
    boolean budgets = true;
    for (ScenarioInputs.Input in : inputs) {
      if (in.scenario().budgets().isEmpty()) {
        ctx.err().println(in.file() + ": no budgets: block; sim check tests a scenario's budgets (maxDuration,"
            + " minCapacityPercent, maxFailedRequests, maxDowntime, maxLatencyP99, maxExtraInstanceHours, maxCostUsd)");
        budgets = false;
      }
    }
    if (!budgets) {
      ctx.err().flush();
      return Main.USER_ERROR;
    }
    Path junitPath = report(junit, "--junit", inputs, CheckCommand::isJUnit);
    Path markdownPath = report(markdown, "--markdown", inputs,
        text -> text.startsWith(CheckReport.MARKDOWN_MARKER));

    List<Simulations.Job> jobs = Simulations.jobs(inputs, simulating.seed());
    List<ScenarioCheck> checks = new ArrayList<>();
    try (Progress progress = progress(replications > 1 ? "replications" : "checking",
        (long) jobs.size() * replications, quiet)) {
      for (Simulations.Job job : jobs) {
        ScenarioCheck.Builder check = new ScenarioCheck.Builder(job.file(), job.scenario().budgets());
        Simulations.Done d = replications == 1 ? Simulations.run(ctx, job, 1, workers, progress)
            : Simulations.run(ctx, job, replications, workers, progress, check::add);
        if (replications == 1) {
          check.add(d.result().summary());
        }
        checks.add(check.build(d.result().summary()));
      }
    }
    CheckReport report = new CheckReport(checks);
    if (!quiet) {
      ctx.out().print(report.text(ctx.terminal().color()));
      ctx.out().flush();
    }
    notes(inputs);
    if (junitPath != null) {
      OutputFolder.open(junitPath.getParent()).write(junitPath.getFileName().toString(), report.junit());
    }
    if (markdownPath != null) {
      OutputFolder.open(markdownPath.getParent()).write(markdownPath.getFileName().toString(), report.markdown());
    }
    ctx.err().flush();
    return report.exceeded() ? Main.BUDGET_EXCEEDED : Main.OK;
  }

  private void notes(List<ScenarioInputs.Input> inputs) {
    for (ScenarioInputs.Input in : inputs) {
      BudgetsSpec b = in.scenario().budgets();
      if (b.maxLatencyP99Seconds() != null && !in.scenario().modelsLatency()) {
        ctx.err().println("note: " + in.file() + ": budgets.maxLatencyP99 is not measurable: no version has a"
            + " responseTime, so the run has no latency; it neither holds nor fails");
      }
      if (simulating.replications() == 1 && b.confidence() < BudgetsSpec.DEFAULT_CONFIDENCE) {
        ctx.err().println("note: " + in.file() + ": budgets.confidence applies with --replications; one run either"
            + " keeps within each budget or not");
      }
    }
  }

  private static boolean isJUnit(String text) {
    String head = text.length() > 512 ? text.substring(0, 512) : text;
    return head.startsWith("<?xml") && head.contains("<testsuites");
  }

  /**
   * Where a report goes, checked before anything runs: not one of the scenario files, not a folder,
   * and an existing file only when it is a report of the same kind (so a typo never replaces a file
   * the user wrote).
   */
  private Path report(Path option, String name, List<ScenarioInputs.Input> inputs,
      java.util.function.Predicate<String> ours) {
    if (option == null) {
      return null;
    }
    if (option.toString().isEmpty()) {
      throw new UserError(name + ": give a file name");
    }
    Path target = ctx.resolve(option).normalize();
    for (ScenarioInputs.Input in : inputs) {
      if (ctx.resolve(Path.of(in.file())).normalize().equals(target)) {
        throw new UserError(name + " " + option + " is one of the scenario files; write the report elsewhere");
      }
    }
    if (Files.isDirectory(target)) {
      throw new UserError(name + " " + option + " is a folder; name the report file, e.g. "
          + option.resolve(name.equals("--junit") ? "check.xml" : "check.md"));
    }
    if (Files.exists(target)) {
      String text;
      try (var in = Files.newInputStream(target)) {
        text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserError(name + " " + option + ": cannot read the existing file: " + OutputFolder.reason(e));
      }
      if (!ours.test(text)) {
        throw new UserError(name + " " + option + " exists and is not a report sim check wrote; it is left alone"
            + " (remove it or choose another name)");
      }
    }
    return target;
  }
}
