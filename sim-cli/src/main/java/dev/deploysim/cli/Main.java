package dev.deploysim.cli;

import dev.deploysim.cli.text.UserError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code sim} command. Exit codes: 0 the command ran, 2 a user mistake (bad
 * command line, missing file, invalid scenario, unwritable output folder), 1 an internal error, 3
 * ({@code sim check} only) a budget is exceeded.
 * A user mistake is one line (or one line per scenario problem), never a stack trace.
 */
public final class Main {
  public static final int OK = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int USER_ERROR = 2;
  /** {@code sim check}: a scenario exceeds one of its budgets. */
  public static final int BUDGET_EXCEEDED = 3;

  static {
    // charts are drawn without a display; must be set before any AWT class loads
    System.setProperty("java.awt.headless", "true");
  }

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command line with the given streams and returns the exit code (for tests); plugins
   * from {@code --plugins} or the {@code SIM_PLUGINS} environment variable.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, System.getenv(Plugins.ENV), out, err);
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)} with {@code pluginsEnv} for SIM_PLUGINS. */
  static int run(String[] args, String pluginsEnv, PrintWriter out, PrintWriter err) {
    CliContext ctx;
    try {
      // the catalog comes first: the commands, their help and the loader all read it
      ctx = CliContext.system(out, err, Plugins.locations(args, pluginsEnv));
    } catch (UserError e) {
      err.println("sim: " + e.getMessage());
      err.flush();
      return USER_ERROR;
    }
    return run(args, ctx);
  }

  /** Runs the command line in a given context (tests: fake catalog, parser, working folder). */
  public static int run(String[] args, CliContext ctx) {
    CommandLine cli = commandLine(ctx);
    try {
      return cli.execute(args);
    } catch (Throwable t) {
      // Errors (out of memory, a broken class path) pass picocli's handlers: still one line
      PrintWriter err = ctx.err();
      err.println(Failures.oneLine(t, Runtime.getRuntime().maxMemory()));
      if (java.util.Arrays.asList(args).contains("--stacktrace")) {
        t.printStackTrace(err);
      }
      return INTERNAL_ERROR;
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  static CommandLine commandLine(CliContext ctx) {
    CommandLine cli = new CommandLine(new SimCommand());
    for (Subcommand c : List.of(new RunCommand(), new CompareCommand(), new SweepCommand(), new PowerCommand(),
        new MergeCommand(), new ValidateCommand(), new CheckCommand(), new ImportCommand(), new StrategiesCommand(),
        new SchemaCommand())) {
      cli.addSubcommand(new CommandLine(c.in(ctx)));
    }
    cli.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
    cli.setOut(ctx.out());
    cli.setErr(ctx.err());
    cli.setUsageHelpAutoWidth(false);
    cli.setUsageHelpWidth(100);
    cli.setParameterExceptionHandler(new ShortUsageErrors());
    cli.setExecutionExceptionHandler(new Failures(ctx));
    cli.setExitCodeExceptionMapper(t -> t instanceof UserError ? USER_ERROR : INTERNAL_ERROR);
    return cli;
  }

  /** Usage errors: the message, a did-you-mean when picocli has one, and where to find help. */
  static final class ShortUsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("sim: " + ex.getMessage());
      if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
        suggestCommand(ex, cmd, err);
      }
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return USER_ERROR;
    }
  }

  /** picocli suggests by shared letter pairs; a typo like "rnu" gets the nearest command name. */
  private static void suggestCommand(ParameterException ex, CommandLine cmd, PrintWriter err) {
    if (!(ex instanceof UnmatchedArgumentException u) || cmd.getSubcommands().isEmpty()
        || u.getUnmatched().isEmpty() || u.getUnmatched().get(0).startsWith("-")) {
      return;
    }
    String guess = dev.deploysim.load.DidYouMean.suggest(u.getUnmatched().get(0),
        new ArrayList<>(cmd.getSubcommands().keySet()));
    if (guess != null) {
      err.println("Did you mean '" + cmd.getCommandSpec().qualifiedName() + " " + guess + "'?");
    }
  }

  /** Exceptions out of a command: user mistakes are one line and exit 2, anything else exit 1. */
  static final class Failures implements IExecutionExceptionHandler {
    private final CliContext ctx;

    Failures(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = ctx.err();
      if (ex instanceof UserError) {
        err.println("sim: " + ex.getMessage());
        err.flush();
        return USER_ERROR;
      }
      err.println(oneLine(ex, Runtime.getRuntime().maxMemory()));
      if (wantsStackTrace(parsed)) {
        ex.printStackTrace(err);
      }
      err.flush();
      return INTERNAL_ERROR;
    }

    /** Gibibytes of heap the hint suggests at least: 4, or twice the heap Java had if that was more. */
    static final long SUGGESTED_HEAP_GIB = 4;

    /**
     * An internal error as one line: what broke and what to do. Running out of memory says how much
     * Java had, and suggests more only when the heap was smaller than the suggestion; a bug asks
     * for a report with the trace. With {@code --stacktrace} the trace follows the line.
     */
    static String oneLine(Throwable t, long maxHeapBytes) {
      if (t instanceof OutOfMemoryError) {
        double gib = maxHeapBytes / (double) (1L << 30);
        String had = String.format(java.util.Locale.ROOT, "%.1f GiB", gib);
        long suggest = Math.max(SUGGESTED_HEAP_GIB, 2 * (long) Math.ceil(gib));
        return "sim: internal error: out of memory (Java's heap: " + had + "); "
            + (gib < SUGGESTED_HEAP_GIB
                ? "give Java more memory, e.g. SIM_JAVA_OPTS=-Xmx" + SUGGESTED_HEAP_GIB + "g ./sim ..."
                : "shorten the horizon, raise output.sampleInterval or run fewer replications, or try SIM_JAVA_OPTS=-Xmx"
                    + suggest + "g");
      }
      return "sim: internal error: " + describe(t) + " (a bug: run again with --stacktrace and report the trace)";
    }

    static String describe(Throwable t) {
      String msg = t.getMessage();
      String name = t.getClass().getSimpleName();
      return msg == null || msg.isBlank() ? name : name + ": " + msg.lines().findFirst().orElse("");
    }

    private static boolean wantsStackTrace(ParseResult parsed) {
      List<ParseResult> all = new ArrayList<>();
      for (ParseResult p = parsed; p != null; p = p.subcommand()) {
        all.add(p);
      }
      for (ParseResult p : all) {
        if (p.hasMatchedOption("--stacktrace")) {
          return true;
        }
      }
      return false;
    }
  }
}
