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
  /** Set once, by {@link #in}, when Main registers the command. */
  CliContext ctx;

  @Spec CommandSpec spec;

  @Mixin SharedOptions.Help help = new SharedOptions.Help();

  /** This command, run in {@code ctx}. */
  final Subcommand in(CliContext ctx) {
    this.ctx = ctx;
    return this;
  }

  /** A progress bar of {@code units} runs on stderr, when it helps (see {@link Progress#of}). */
  final Progress progress(String task, long units, boolean quiet) {
    return Progress.of(task, (int) Math.min(Integer.MAX_VALUE, units), 2, quiet, ctx.terminal(), ctx.err());
  }
}
