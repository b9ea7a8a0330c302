package dev.deploysim.cli;

import dev.deploysim.load.ScenarioSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sim schema}: the JSON Schema of the scenario format. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    versionProvider = SimCommand.Version.class,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:printed",
      "1:internal error",
      "2:bad command line",
      "3:only from sim check: a budget is exceeded"
    },
    description = {
      "Print the JSON Schema (draft-07) of the scenario format.",
      "",
      "For editors: sim schema > scenario.schema.json"
    })
final class SchemaCommand implements Callable<Integer> {
  private final CliContext ctx;

  SchemaCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String schema = ScenarioSchema.generate(ctx.catalog());
    ctx.out().print(schema.endsWith("\n") ? schema : schema + "\n");
    ctx.out().flush();
    return Main.OK;
  }
}
