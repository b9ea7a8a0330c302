package dev.deploysim.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code sim} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SimCommand());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }
}
