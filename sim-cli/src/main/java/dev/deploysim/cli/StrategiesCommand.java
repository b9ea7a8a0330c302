package dev.deploysim.cli;

import dev.deploysim.cli.text.ParamFormat;
import dev.deploysim.cli.text.UserError;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sim strategies [TYPE]}: the strategy types, or one type's parameters. */
@Command(
    name = "strategies",
    description = {
      "List the strategy types, or describe one.",
      "",
      "Without TYPE: every type with its meaning and parameter defaults. With TYPE: each",
      "parameter with the platform's own name for it, its type, default and meaning."
    })
final class StrategiesCommand extends Subcommand {
  @Parameters(arity = "0..1", paramLabel = "TYPE", description = "A strategy type, e.g. eb.rolling.")
  String type;

  @Override
  public Integer call() {
    PrintWriter out = ctx.out();
    if (type == null) {
      listAll(out);
    } else {
      Optional<StrategyType> t = ctx.catalog().find(type);
      if (t.isEmpty()) {
        String guess = dev.deploysim.load.DidYouMean.suggest(type, ctx.catalog().names());
        throw new UserError("unknown strategy type '" + type + "'"
            + (guess == null ? "" : " (did you mean '" + guess + "'?)") + "; 'sim strategies' lists them all");
      }
      describe(out, t.get().description());
    }
    out.flush();
    return Main.OK;
  }

  private void listAll(PrintWriter out) {
    List<StrategyType> all = ctx.catalog().all();
    out.println("Strategy types (sim strategies TYPE describes one):");
    for (StrategyType type : all) {
      StrategyDescription t = type.description();
      out.println();
      out.println("  " + t.name() + "  " + t.models());
      out.println("      " + t.summary());
      List<String> params = new ArrayList<>();
      for (ParamSpec p : t.params()) {
        params.add(p.name() + " " + (p.required() ? "(required)" : "(" + defaultText(p) + ")"));
      }
      out.println("      parameters: " + (params.isEmpty() ? "none" : String.join(", ", params)));
    }
  }

  private static void describe(PrintWriter out, StrategyDescription t) {
    out.println(t.name() + ": " + t.models());
    out.println(t.summary());
    out.println();
    out.println("Stops and rolls back on CloudWatch alarms (deployment.rollback.onAlarms): "
        + (t.rollback().rollsBackOnAlarms() ? "yes" : "no; " + t.alarmRollbackRefusal()));
    out.println("When the deployment fails (deployment.rollback.onFailure): " + t.failureBehaviour());
    out.println();
    if (t.params().isEmpty()) {
      out.println("Parameters: none");
      return;
    }
    out.println("Parameters (under deployment.strategy, beside type):");
    for (ParamSpec p : t.params()) {
      param(out, "", p);
    }
  }

  private static void param(PrintWriter out, String prefix, ParamSpec p) {
    out.println();
    String aws = p.awsName() == null ? "" : "  (AWS: " + p.awsName() + ")";
    out.println("  " + prefix + p.name() + aws);
    out.println("      type: " + p.type().describe() + "; "
        + (p.required() ? "required" : "default: " + defaultText(p)));
    if (p.description() != null && !p.description().isBlank()) {
      out.println("      " + p.description());
    }
    if (p.type() instanceof ParamType.ObjectType o) {
      for (ParamSpec f : o.fields()) {
        param(out, prefix + p.name() + ".", f);
      }
    }
  }

  static String defaultText(ParamSpec p) {
    return p.defaultValue() == null ? "none" : ParamFormat.value(p.type(), p.defaultValue());
  }
}
