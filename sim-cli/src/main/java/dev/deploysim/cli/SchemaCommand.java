package dev.deploysim.cli;

import dev.deploysim.load.ScenarioSchema;
import picocli.CommandLine.Command;

/** {@code sim schema}: the JSON Schema of the scenario format. */
@Command(
    name = "schema",
    description = {
      "Print the JSON Schema (draft-07) of the scenario format.",
      "",
      "For editors: sim schema > scenario.schema.json"
    })
final class SchemaCommand extends Subcommand {
  @Override
  public Integer call() {
    String schema = ScenarioSchema.generate(ctx.catalog());
    ctx.out().print(schema.endsWith("\n") ? schema : schema + "\n");
    ctx.out().flush();
    return Main.OK;
  }
}
