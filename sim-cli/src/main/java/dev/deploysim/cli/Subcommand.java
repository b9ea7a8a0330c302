package dev.deploysim.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code sim} subcommand has: the context it runs in (catalog, parser, terminal, working
 * folder, streams), its picocli spec (for usage errors) and the help options and exit codes every
 * command shows the same way ({@link SharedOptions.Help}). {@link #call()} returns the exit code.
 */
abstract class Subcommand implements Callable<Integer> {
  final CliContext ctx;

  @Spec CommandSpec spec;

  @Mixin SharedOptions.Help help = new SharedOptions.Help();

  Subcommand(CliContext ctx) {
    this.ctx = ctx;
  }
}
