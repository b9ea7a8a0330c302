package dev.deploysim.cli;

import dev.deploysim.cli.output.OutputFormat;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options several commands share, as picocli mixins: one wording of each option in every
 * command's help, one check of its value. A command takes the groups it needs ({@link Writing} for
 * the commands that write an output folder, {@link Simulating} for those that simulate) or single
 * options, e.g. {@code @Mixin SharedOptions.Seed seed = new SharedOptions.Seed();}.
 */
final class SharedOptions {
  private SharedOptions() {}

  /**
   * What every command's help says the same way: {@code -h} and {@code -V}, defaults shown, options
   * in declaration order, and the exit codes (the same for every command, see {@link Main}).
   */
  @Command(
      mixinStandardHelpOptions = true,
      versionProvider = SimCommand.Version.class,
      showDefaultValues = true,
      sortOptions = false,
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:the command ran; for run, compare and sweep whatever the simulated deployments' outcomes",
        "1:internal error: one line 'sim: internal error: ...'; --stacktrace adds the details",
        "2:a mistake to fix: bad command line, missing or invalid file, output that cannot be written",
        "3:only from sim check: a budget is exceeded"
      })
  static final class Help {}

  /** {@code FILE}: the one scenario file of the commands that vary a single scenario (power, sweep). */
  static final class ScenarioFile {
    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (YAML).")
    String file;
  }

  /** {@code -o DIR}: where the command writes; an empty name is refused. */
  static final class Output {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private Path folder;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "DIR",
        description = "Output folder, created when missing; only this command's files are written into it,"
            + " anything else there is left alone. Default: a folder under out/ in the current folder (see"
            + " above).")
    void set(String dir) {
      if (dir.isBlank()) {
        throw new ParameterException(mixee.commandLine(), "-o/--output: the folder name is empty (an unset"
            + " variable?); name a folder, e.g. -o out/run1, or leave -o out for the default");
      }
      try {
        folder = Path.of(dir);
      } catch (InvalidPathException e) {
        throw new ParameterException(mixee.commandLine(), "-o/--output: not a folder name: " + e.getReason());
      }
    }

    /** The folder given, or null for the command's default. */
    Path folder() {
      return folder;
    }
  }

  /**
   * {@code --seed N}: the same domain as a file's {@code seed:} (0 to {@link Long#MAX_VALUE}), so
   * every seed the command line takes, and every seed an output prints, can be written into a file.
   */
  static final class Seed {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private Long seed;

    @Option(
        names = "--seed",
        paramLabel = "N",
        description = "Seed instead of the file's seed: 0 to 9223372036854775807, as a file's seed: takes;"
            + " replications and sweep points derive theirs from it. The same file and seed give the same"
            + " bytes.")
    void set(String text) {
      seed = parse(text, mixee.commandLine());
    }

    /** The seed given, or null for each file's own. */
    Long seed() {
      return seed;
    }

    static long parse(String text, picocli.CommandLine cmd) {
      BigInteger n;
      try {
        n = new BigInteger(text.strip());
      } catch (NumberFormatException e) {
        throw new ParameterException(cmd, "--seed: '" + text + "' is not a whole number; a seed is 0 to "
            + Long.MAX_VALUE);
      }
      if (n.signum() < 0 || n.bitLength() > 63) {
        throw new ParameterException(cmd, "--seed must be 0 to " + Long.MAX_VALUE + " (what a file's seed:"
            + " takes), got " + text.strip());
      }
      return n.longValue();
    }
  }

  /**
   * {@code --replications N} and {@code --threads N}, checked as they are read: both at least 1, and
   * the statistics of N runs fit in the heap.
   */
  static final class Runs {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private int count = 1;
    private Integer threads;

    @Option(
        names = "--replications",
        paramLabel = "N",
        defaultValue = "1",
        description = "Runs of each scenario (of each point of a sweep): the first with its own seed, the"
            + " others with seeds derived from it; the results add means with 95%% confidence intervals and"
            + " percentiles.")
    void count(int n) {
      Simulations.checkReplications(n, null, mixee.commandLine());
      count = n;
    }

    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "Worker threads for the runs; the results do not depend on it. Default: one per"
            + " processor.")
    void threads(int n) {
      Simulations.checkReplications(1, n, mixee.commandLine());
      threads = n;
    }

    int count() {
      return count;
    }

    /** The worker threads: the option, or one per processor. */
    int workers() {
      return Simulations.threads(threads);
    }
  }

  /** {@code --json}: the command's JSON on stdout instead of the table. */
  static final class JsonOut {
    @Option(
        names = "--json",
        description = "Print the JSON on stdout instead of the table (what summary.json, compare.json or"
            + " sweep.json holds; an array for several files); nothing else goes to stdout.")
    boolean json;

    boolean on() {
      return json;
    }
  }

  /** {@code --format png,svg}: which chart formats to write; an unknown one, or none, is a usage error. */
  static final class ChartFormats {
    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        split = ",",
        defaultValue = "png,svg",
        converter = FormatName.class,
        description = "Chart formats to write: png, svg or both.")
    List<OutputFormat> formats = new ArrayList<>();

    Set<OutputFormat> formats() {
      return EnumSet.copyOf(formats);
    }

    /** One format name, case-insensitively. */
    static final class FormatName implements CommandLine.ITypeConverter<OutputFormat> {
      @Override
      public OutputFormat convert(String value) {
        if (value.isBlank()) {
          throw new CommandLine.TypeConversionException("name at least one of png, svg");
        }
        try {
          return OutputFormat.parse(value);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.TypeConversionException(e.getMessage());
        }
      }
    }
  }

  /** {@code -q}: nothing on stdout when all went well. */
  static final class Quiet {
    @Option(
        names = {"-q", "--quiet"},
        description = "Print nothing when all went well (errors still go to stderr; --json still prints the"
            + " JSON).")
    boolean quiet;

    boolean on() {
      return quiet;
    }
  }

  /** What the commands that write an output folder share: {@code -o}, {@code --json}, {@code --format}, {@code -q}. */
  static final class Writing {
    @Mixin Output output = new Output();
    @Mixin JsonOut json = new JsonOut();
    @Mixin ChartFormats charts = new ChartFormats();
    @Mixin Quiet quiet = new Quiet();

    /** The folder given with -o, or null for the command's default. */
    Path folder() {
      return output.folder();
    }

    boolean json() {
      return json.on();
    }

    boolean quiet() {
      return quiet.on();
    }

    /** Nothing but errors on stderr: quiet, or stdout holds the JSON. */
    boolean silent() {
      return quiet.on() || json.on();
    }

    Set<OutputFormat> formats() {
      return charts.formats();
    }
  }

  /** What the commands that simulate share: {@code --seed}, {@code --replications}, {@code --threads}. */
  static final class Simulating {
    @Mixin Seed seed = new Seed();
    @Mixin Runs runs = new Runs();

    /** The seed given, or null for each file's own. */
    Long seed() {
      return seed.seed();
    }

    int replications() {
      return runs.count();
    }

    /** What a progress bar calls the work: replications, or simulating one run a file. */
    String task() {
      return replications() > 1 ? "replications" : "simulating";
    }

    int workers() {
      return runs.workers();
    }
  }
}
