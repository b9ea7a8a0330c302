package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sim run} through Main.run: exit codes, what is printed, what is written where. */
class RunCommandTest {
  static final List<String> ALL_FILES = List.of("capacity.png", "capacity.svg", "events.log", "report.md",
      "summary.json", "timeseries.csv", "versions.png", "versions.svg");

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
  }

  static List<String> list(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void defaultOutputFolderIsOutSlashScenarioNameInTheWorkingFolder() throws IOException {
    String f = cli.file("a.yaml", "name=alpha");
    Cli.Result r = cli.run("run", f, "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(list(dir)).containsExactly("a.yaml", "out");
    assertThat(list(dir.resolve("out"))).containsExactly("alpha");
    assertThat(list(dir.resolve("out/alpha")))
        .containsExactly("capacity.png", "events.log", "report.md", "summary.json", "timeseries.csv", "versions.png");
    // the human table: the rows a reader needs, then where the files went
    assertThat(r.out()).contains("scenario", "alpha", "strategy", "eb.all-at-once (v1 -> v2)", "outcome",
        "SUCCEEDED", "duration", "min in service", "peak instances", "requests", "availability", "downtime",
        "degraded", "new-version requests", "rollback", "detection", "extra instance-hours", "mixed versions",
        "final versions", "v2: 6");
    assertThat(r.out()).contains("output").contains("out/alpha/");
    assertThat(r.out()).doesNotContain("\u001b[");
  }

  @Test
  void writesEveryContractFileAndNothingElseLeavingOtherFilesAlone() throws IOException {
    String f = cli.file("a.yaml", "name=alpha");
    Path out = dir.resolve("results");
    Files.createDirectories(out);
    Path mine = Files.writeString(out.resolve("notes.txt"), "my notes");
    Files.setLastModifiedTime(mine, FileTime.fromMillis(1_000_000_000_000L));
    Cli.Result r = cli.run("run", f, "-o", "results", "--quiet");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
    List<String> expected = new java.util.ArrayList<>(ALL_FILES);
    expected.add("notes.txt");
    assertThat(list(out)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Files.readString(mine)).isEqualTo("my notes");
    assertThat(Files.getLastModifiedTime(mine).toMillis()).isEqualTo(1_000_000_000_000L);
    // nothing was written outside the output folder
    assertThat(list(dir)).containsExactly("a.yaml", "results");
    // running again replaces our own files and still leaves no temporary file behind
    assertThat(cli.run("run", f, "-o", "results", "--quiet").exit()).isZero();
    assertThat(list(out)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void severalFilesGetOneFolderEachUnderDashO() throws IOException {
    String a = cli.file("a.yaml", "name=alpha");
    String b = cli.file("b.yaml", "name=beta", "bad=true");
    Cli.Result r = cli.run("run", a, b, "-o", "many", "--format", "svg");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(list(dir.resolve("many"))).containsExactly("alpha", "beta");
    assertThat(list(dir.resolve("many/beta")))
        .containsExactly("capacity.svg", "events.log", "report.md", "summary.json", "timeseries.csv", "versions.svg");
    assertThat(r.out()).contains("alpha", "beta", "many/alpha/", "many/beta/", "FAILED");
  }

  @Test
  void twoScenariosWithTheSameNameWouldOverwriteEachOtherAndAreRefused() throws IOException {
    String a = cli.file("a.yaml", "name=same");
    String b = cli.file("b.yaml", "name=same");
    Cli.Result r = cli.run("run", a, b);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("a.yaml and b.yaml both write to").doesNotContain("Exception");
    assertThat(list(dir)).containsExactly("a.yaml", "b.yaml");
  }

  @Test
  void jsonPrintsOnlyTheSummaryObjectAndAnArrayForSeveralFiles() throws IOException {
    String a = cli.file("a.yaml", "name=alpha");
    Cli.Result one = cli.run("run", a, "--json", "--format", "png");
    assertThat(one.exit()).as(one.err()).isZero();
    // strict: anything on stdout besides the one JSON value fails the parse
    ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    JsonNode o = strict.readTree(one.out());
    assertThat(o.isObject()).isTrue();
    assertThat(one.err()).isEmpty();
    assertThat(o.get("scenario").asText()).isEqualTo("alpha");

    String b = cli.file("b.yaml", "name=beta");
    Cli.Result two = cli.run("run", a, b, "--json", "--format", "png");
    assertThat(two.exit()).as(two.err()).isZero();
    JsonNode arr = strict.readTree(two.out());
    assertThat(arr.isArray()).isTrue();
    assertThat(arr).hasSize(2);
    assertThat(arr.get(1).get("scenario").asText()).isEqualTo("beta");
  }

  @Test
  void seedOptionReplacesTheFilesSeed() throws IOException {
    String a = cli.file("a.yaml", "name=alpha", "seed=3");
    Cli.Result r = cli.run("run", a, "--json", "--seed", "42", "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(new ObjectMapper().readTree(r.out()).get("seed").asLong()).isEqualTo(42);
    JsonNode file = new ObjectMapper().readTree(dir.resolve("out/alpha/summary.json").toFile());
    assertThat(file.get("seed").asLong()).isEqualTo(42);
  }

  @Test
  void formatPngWritesNoSvgAndTheReportLinksThePngs() throws IOException {
    String a = cli.file("a.yaml", "name=alpha");
    assertThat(cli.run("run", a, "--format", "png").exit()).isZero();
    assertThat(list(dir.resolve("out/alpha"))).contains("capacity.png", "versions.png")
        .doesNotContain("capacity.svg", "versions.svg");
    assertThat(Files.readString(dir.resolve("out/alpha/report.md"))).contains("(capacity.png)", "(versions.png)");

    assertThat(cli.run("run", a, "-o", "svg-only", "--format", "SVG").exit()).isZero();
    assertThat(list(dir.resolve("svg-only"))).contains("capacity.svg").doesNotContain("capacity.png");
    assertThat(Files.readString(dir.resolve("svg-only/report.md"))).contains("(capacity.svg)");
  }

  @Test
  void unknownFormatIsAUsageError() {
    String a = cli.file("a.yaml", "name=alpha");
    Cli.Result r = cli.run("run", a, "--format", "png,gif");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown chart format 'gif'").contains("sim run --help");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void missingFileIsOneLineAndExit2() {
    Cli.Result r = cli.run("run", "nope.yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nope.yaml: no such file\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aFolderInsteadOfAFileIsOneLine() throws IOException {
    Files.createDirectories(dir.resolve("folder.yaml"));
    Cli.Result r = cli.run("run", "folder.yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines()).containsExactly("folder.yaml: is a folder, not a scenario file");
  }

  @Test
  void invalidScenarioPrintsEveryProblemThenACountAndRunsNothing() {
    String good = cli.file("good.yaml", "name=good");
    String bad = cli.file("x.yaml",
        "error=9:3:fleet.instanses:unknown key",
        "error=14:5:deployment.strategy.batchSize:expected a count",
        "error=22:7:deployment.rollback.onAlarms:not for this strategy");
    Cli.Result r = cli.run("run", good, bad);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines()).containsExactly(
        "x.yaml:9:3: fleet.instanses: unknown key",
        "x.yaml:14:5: deployment.strategy.batchSize: expected a count",
        "x.yaml:22:7: deployment.rollback.onAlarms: not for this strategy",
        "x.yaml: 3 problems");
    assertThat(r.out()).isEmpty();
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void anOutputFolderThatIsAFileIsOneLineAndExit2() throws IOException {
    String a = cli.file("a.yaml", "name=alpha");
    Files.writeString(dir.resolve("taken"), "a file");
    Cli.Result r = cli.run("run", a, "-o", "taken");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("sim: cannot write outputs to ").contains("taken").doesNotContain("Exception");
  }

  @Test
  void anUnwritableOutputFolderIsOneLineAndExit2() throws IOException {
    String a = cli.file("a.yaml", "name=alpha");
    Path ro = Files.createDirectories(dir.resolve("readonly"));
    ro.toFile().setWritable(false, false);
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "running as a user who can write anywhere");
      Cli.Result r = cli.run("run", a, "-o", "readonly/sub");
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err().lines()).hasSize(1);
      assertThat(r.err()).startsWith("sim: cannot create output folder").contains("permission denied");
    } finally {
      ro.toFile().setWritable(true, false);
    }
  }

  @Test
  void aBugIsAnInternalErrorOfOneLineWithExit1AndAHintAboutStacktrace() {
    // issue 17 item 13: one line (README, exit codes: 1 = internal error)
    Cli c = cli.withCatalog(ExplodingStrategy.catalog());
    String a = c.file("a.yaml", "name=alpha", "type=" + ExplodingStrategy.NAME);
    Cli.Result r = c.run("run", a);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines()).containsExactly("sim: internal error: IllegalStateException: the strategy blew up "
        + "(a bug: run again with --stacktrace and report the trace)");

    Cli.Result traced = c.run("run", a, "--stacktrace");
    assertThat(traced.exit()).isEqualTo(1);
    assertThat(traced.err()).startsWith("sim: internal error: IllegalStateException: the strategy blew up (a bug: ")
        .contains("java.lang.IllegalStateException: the strategy blew up", "\tat ");
    // --stacktrace is accepted before the command too
    assertThat(c.run("--stacktrace", "run", a).err()).contains("\tat ");
  }

  @Test
  void runningOutOfMemorySaysHowMuchJavaHadAndSuggestsMoreOnlyWhenItHelps() {
    long gib = 1L << 30;
    // a 1 GiB heap: the hint suggests 4 GiB
    assertThat(Main.Failures.oneLine(new OutOfMemoryError("Java heap space"), gib)).isEqualTo(
        "sim: internal error: out of memory (Java's heap: 1.0 GiB); give Java more memory, e.g. "
            + "SIM_JAVA_OPTS=-Xmx4g ./sim ...");
    // issue 17 item 1: with 4 GiB or more the -Xmx4g hint would not help: a smaller run, or twice the heap
    for (long heap : new long[] {4 * gib, 6 * gib}) {
      String line = Main.Failures.oneLine(new OutOfMemoryError("Java heap space"), heap);
      assertThat(line).doesNotContain("-Xmx4g").contains("shorten the horizon")
          .contains("-Xmx" + 2 * (heap / gib) + "g");
    }
  }

  @Test
  void replicationsAndThreadsAreValidated() {
    String a = cli.file("a.yaml", "name=alpha");
    Cli.Result zero = cli.run("run", a, "--replications", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("--replications must be at least 1, got 0");
    Cli.Result threads = cli.run("run", a, "--threads", "0");
    assertThat(threads.exit()).isEqualTo(2);
    assertThat(threads.err()).contains("--threads must be at least 1, got 0");
    Cli.Result negative = cli.run("run", a, "--replications", "-2");
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(negative.err()).contains("--replications must be at least 1, got -2");
    Cli.Result one = cli.run("run", a, "--replications", "1", "--threads", "2", "--quiet", "--format", "png");
    assertThat(one.exit()).as(one.err()).isZero();
  }

  @Test
  void severalFilesShowAProgressBarOnATerminalStderrOnly() {
    String a = cli.file("a.yaml", "name=alpha");
    String b = cli.file("b.yaml", "name=beta");
    Terminal stderrOnly = new Terminal(false, true, java.util.Map.of());
    Cli.Result bar = cli.withTerminal(stderrOnly).run("run", a, b, "--format", "png");
    assertThat(bar.exit()).isZero();
    assertThat(bar.err()).contains("simulating").contains("\r");
    assertThat(bar.out()).doesNotContain("simulating", "\r");
    // one file is not long work; --quiet and --json keep stderr clean too
    assertThat(cli.withTerminal(stderrOnly).run("run", a, "--format", "png").err()).isEmpty();
    assertThat(cli.withTerminal(stderrOnly).run("run", a, b, "--format", "png", "--quiet").err()).isEmpty();
  }

  @Test
  void outcomeIsColouredOnlyOnATerminalWithoutNoColor() {
    String a = cli.file("a.yaml", "name=alpha");
    Cli.Result tty = cli.withTerminal(new Terminal(true, true, java.util.Map.of("CI", "1")))
        .run("run", a, "--format", "png");
    assertThat(tty.exit()).isZero();
    assertThat(tty.out()).contains("\u001b[32mSUCCEEDED\u001b[0m");
    Cli.Result noColor = cli.withTerminal(new Terminal(true, true, java.util.Map.of("NO_COLOR", "1", "CI", "1")))
        .run("run", a, "--format", "png");
    assertThat(noColor.out()).contains("SUCCEEDED").doesNotContain("\u001b[");
    // CI set: no progress bar on stderr even with several files
    String b = cli.file("b.yaml", "name=beta");
    Cli.Result ci = cli.withTerminal(new Terminal(true, true, java.util.Map.of("CI", "true")))
        .run("run", a, b, "--format", "png");
    assertThat(ci.err()).isEmpty();
  }
}
