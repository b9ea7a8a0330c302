package dev.deploysim.cli;

import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioText;
import dev.deploysim.cli.output.OutputFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates the scenario files named on the command line. Every problem of every file is
 * printed to stderr (one {@code file:line:column: path: message} line each, then a one-line count
 * per file), so one run shows everything to fix.
 */
final class ScenarioInputs {
  private ScenarioInputs() {}

  /** A file as the user typed it, its text and what it held. */
  record Input(String file, String text, Scenario scenario) {}

  /** The outcome for one file: a scenario, or the lines that describe what is wrong. */
  record Checked(String file, String text, Scenario scenario, List<String> problems) {
    boolean ok() {
      return scenario != null;
    }
  }

  static Checked check(CliContext ctx, String file) {
    Path path = ctx.resolve(Path.of(file));
    if (!Files.exists(path)) {
      return failed(file, file + ": no such file");
    }
    if (Files.isDirectory(path)) {
      return failed(file, file + ": is a folder, not a scenario file");
    }
    if (!Files.isReadable(path)) {
      return failed(file, file + ": cannot read it: permission denied");
    }
    String text;
    try (InputStream in = Files.newInputStream(path)) {
      ScenarioText.Decoded decoded = ScenarioText.read(in, file);
      if (!decoded.ok()) {
        return problems(file, decoded.problem());
      }
      text = decoded.text();
    } catch (IOException e) {
      return failed(file, file + ": cannot read it: " + OutputFolder.reason(e));
    }
    LoadResult r = ctx.parser().parse(text, file);
    if (r.ok()) {
      return new Checked(file, text, r.scenario(), List.of());
    }
    return problems(file, r);
  }

  /** Every problem of a file, one line each, then the line that counts them. */
  private static Checked problems(String file, LoadResult r) {
    List<String> lines = new ArrayList<>();
    for (ScenarioError e : r.errors()) {
      lines.add(e.format());
    }
    lines.add(r.errors().isEmpty() ? file + ": invalid scenario" : r.summary(file));
    return new Checked(file, null, null, lines);
  }

  private static Checked failed(String file, String line) {
    return new Checked(file, null, null, List.of(line));
  }

  /**
   * Checks every file, printing all problems to stderr; returns the scenarios when all are valid,
   * null when any is not (the caller exits with 2).
   */
  static List<Input> loadAll(CliContext ctx, List<String> files) {
    List<Input> inputs = new ArrayList<>();
    boolean ok = true;
    for (String f : files) {
      Checked c = check(ctx, f);
      if (c.ok()) {
        inputs.add(new Input(f, c.text(), c.scenario()));
      } else {
        ok = false;
        c.problems().forEach(ctx.err()::println);
      }
    }
    ctx.err().flush();
    return ok ? inputs : null;
  }
}
