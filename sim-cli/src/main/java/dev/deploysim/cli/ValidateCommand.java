package dev.deploysim.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sim validate FILE...}: checks scenario files without simulating them. */
@Command(
    name = "validate",
    description = {
      "Check scenario files without simulating them.",
      "",
      "Prints '<file>: ok' for each valid file and every problem of the others",
      "(file:line:column: key: message); exit code 2 when any file is invalid."
    })
final class ValidateCommand extends Subcommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (YAML).")
  List<String> files;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing for valid files.")
  boolean quiet;

  @Override
  public Integer call() {
    boolean allOk = true;
    for (String f : files) {
      ScenarioInputs.Checked c = ScenarioInputs.check(ctx, f);
      if (c.ok()) {
        if (!quiet) {
          ctx.out().println(f + ": ok");
        }
      } else {
        allOk = false;
        c.problems().forEach(ctx.err()::println);
      }
    }
    ctx.out().flush();
    ctx.err().flush();
    return allOk ? Main.OK : Main.USER_ERROR;
  }
}
