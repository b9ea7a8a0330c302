package dev.deploysim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level {@code sim} command; the subcommands are added in {@link Main}. */
@Command(
    name = "sim",
    description = "deploysim: simulate cloud deployment strategies in simulated time.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    footer = {"%nExample: sim run scenarios/eb-immutable.yaml", "         sim --plugins plugins/ strategies"})
public final class SimCommand implements Runnable {

  @Spec CommandSpec spec;

  @Mixin SharedOptions.Help help = new SharedOptions.Help();

  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      description = "On an internal error, print the Java stack trace.")
  boolean stacktrace;

  /** Read by {@link Main} before the command line is parsed ({@link Plugins#locations}); declared for help and parsing. */
  @Option(
      names = Plugins.OPTION,
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = {
        "Also load the strategy types of the plugin jars in DIR (or of the jar DIR names); repeatable.",
        "Without it: the folders and jars in SIM_PLUGINS (separated by '${sys:path.separator}').",
        "docs/writing-a-strategy.md says how to write one."
      })
  java.util.List<java.nio.file.Path> plugins;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing a command");
  }

  /** Reads the version Maven wrote into version.properties. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = SimCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "deploysim " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
