package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options run, compare, sweep and merge share are one option each (one wording in every help,
 * one check), and every command lists the same exit codes.
 */
class SharedOptionsTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir);
  }

  private static final CommandLine COMMANDS = commandLine();

  private static CommandLine commandLine() {
    CliContext ctx = new CliContext(dev.deploysim.strategies.Strategies.catalog(), Cli.FAKE_PARSER, Terminal.none(),
        Path.of("."), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    return Main.commandLine(ctx);
  }

  private static List<String> description(String command, String option) {
    OptionSpec o = COMMANDS.getSubcommands().get(command).getCommandSpec().findOption(option);
    assertThat(o).as(command + " " + option).isNotNull();
    return List.of(o.description());
  }

  @Test
  void eachSharedOptionReadsTheSameInEveryCommandThatHasIt() {
    Map<String, List<String>> commands = Map.of(
        "-o", List.of("run", "compare", "sweep", "merge"),
        "--seed", List.of("run", "compare", "sweep", "check"),
        "--replications", List.of("run", "compare", "sweep", "check"),
        "--threads", List.of("run", "compare", "sweep", "check"),
        "--json", List.of("run", "compare", "sweep", "merge"),
        "--format", List.of("run", "compare", "sweep", "merge"),
        "-q", List.of("run", "compare", "sweep", "merge"));
    commands.forEach((option, names) -> {
      List<String> first = description(names.get(0), option);
      assertThat(first).isNotEmpty();
      for (String n : names) {
        assertThat(description(n, option)).as(n + " " + option).isEqualTo(first);
      }
    });
  }

  @Test
  void everyCommandListsTheSameExitCodes() {
    CommandLine top = COMMANDS;
    Map<String, String> expected = top.getCommandSpec().usageMessage().exitCodeList();
    assertThat(expected).containsOnlyKeys("0", "1", "2", "3");
    List<String> names = new ArrayList<>(top.getSubcommands().keySet());
    names.remove("generate-completion"); // picocli's own command
    assertThat(names).contains("run", "compare", "validate", "strategies", "schema");
    for (String n : names) {
      assertThat(top.getSubcommands().get(n).getCommandSpec().usageMessage().exitCodeList()).as(n)
          .isEqualTo(expected);
    }
  }

  @Test
  void anEmptyOutputFolderIsRefusedAndNothingIsWritten() throws Exception {
    String f = cli.file("s.yaml", "name=s");
    List<String[]> commands = List.of(new String[] {"run", f}, new String[] {"compare", f, f},
        new String[] {"sweep", f, "--vary", "traffic.rps=1"}, new String[] {"merge", "."});
    for (String[] c : commands) {
      for (String empty : List.of("", " ")) {
        List<String> args = new ArrayList<>(List.of(c));
        args.add("-o");
        args.add(empty);
        Cli.Result r = cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(r.err()).contains("-o/--output: the folder name is empty").doesNotContain("Exception");
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("s.yaml");
    }
  }

  @Test
  void seedsOutsideWhatAFileTakesAreRefused() {
    String f = cli.file("s.yaml", "name=s");
    for (String bad : List.of("-1", "9223372036854775808", "1e20", "x")) {
      for (String command : List.of("run", "compare")) {
        Cli.Result r = cli.run(command, f, "--seed", bad, "-o", "out");
        assertThat(r.exit()).as(command + " --seed " + bad).isEqualTo(2);
        assertThat(r.err()).contains("--seed").contains("9223372036854775807").doesNotContain("Exception");
      }
    }
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }

  @Test
  void theLargestSeedIsTakenAndReported() throws Exception {
    String f = cli.file("s.yaml", "name=s");
    Cli.Result r = cli.run("run", f, "--seed", "9223372036854775807", "--json", "-o", "out", "--format", "png");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\"seed\": 9223372036854775807,");
  }
}
