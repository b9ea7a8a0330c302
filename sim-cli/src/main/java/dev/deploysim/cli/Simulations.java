package dev.deploysim.cli;

import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs scenarios for the commands that simulate ({@code run}, {@code compare}). One place decides
 * how a scenario is turned into results, so replications and strategy sweeps can be added here
 * for both commands.
 */
final class Simulations {
  private Simulations() {}

  /** A scenario ready to run: where it came from and the scenario itself (seed applied). */
  record Job(String file, Scenario scenario) {}

  /** The scenarios of the inputs with the command line's seed (when given) applied. */
  static List<Job> jobs(List<ScenarioInputs.Input> inputs, Long seed) {
    List<Job> jobs = new ArrayList<>();
    for (ScenarioInputs.Input in : inputs) {
      Scenario s = seed == null ? in.scenario() : in.scenario().withSeed(seed);
      jobs.add(new Job(in.file(), s));
    }
    return jobs;
  }

  static RunResult run(CliContext ctx, Job job) {
    return ScenarioRunner.run(job.scenario(), ctx.catalog());
  }

  /** Checks the replication options; replications beyond one are not implemented yet. */
  static void checkReplications(int replications, Integer threads, picocli.CommandLine cmd) {
    if (replications < 1) {
      throw new picocli.CommandLine.ParameterException(cmd,
          "--replications must be at least 1, got " + replications);
    }
    if (threads != null && threads < 1) {
      throw new picocli.CommandLine.ParameterException(cmd, "--threads must be at least 1, got " + threads);
    }
    if (replications > 1) {
      throw new UserError("replications are not implemented yet; run without --replications");
    }
  }
}
