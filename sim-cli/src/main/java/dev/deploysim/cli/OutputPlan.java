package dev.deploysim.cli;

import dev.deploysim.cli.text.UserError;
import dev.deploysim.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where each run writes: {@code out/<scenario name>/} under the working folder by default;
 * {@code -o DIR} for one file writes into DIR, for several into {@code DIR/<scenario name>/}.
 */
final class OutputPlan {
  private OutputPlan() {}

  /** An output folder as shown to the user and as written to. */
  record Target(String display, Path path) {}

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

  /** The scenario name as one safe folder name (no separators, never "." or ".."). */
  static String folderName(String scenarioName) {
    String n = scenarioName == null || scenarioName.isBlank() ? "scenario" : scenarioName.strip();
    if (!SAFE.matcher(n).matches()) {
      n = n.replaceAll("[^A-Za-z0-9._-]", "_");
    }
    if (n.equals(".") || n.equals("..")) {
      n = n.replace('.', '_');
    }
    return n;
  }

  /**
   * One target per scenario, in order. Two scenarios whose outputs would share a folder are a user
   * error: the second would overwrite the first.
   */
  static List<Target> targets(CliContext ctx, List<String> files, List<Scenario> scenarios, Path output) {
    List<Target> out = new ArrayList<>();
    Map<Path, String> seen = new HashMap<>();
    for (int i = 0; i < scenarios.size(); i++) {
      String name = folderName(scenarios.get(i).name());
      Path rel;
      if (output != null) {
        rel = scenarios.size() == 1 ? output : output.resolve(name);
      } else {
        rel = Path.of("out", name);
      }
      Path abs = ctx.resolve(rel).normalize();
      String before = seen.putIfAbsent(abs, files.get(i));
      if (before != null) {
        throw new UserError(before + " and " + files.get(i) + " both write to " + rel
            + " (same scenario name '" + scenarios.get(i).name() + "'); give them different names");
      }
      out.add(new Target(display(rel), abs));
    }
    return out;
  }

  /** A folder for one combined output (compare): DIR, or out/NAME by default. */
  static Target single(CliContext ctx, Path output, String defaultName) {
    Path rel = output != null ? output : Path.of("out", defaultName);
    return new Target(display(rel), ctx.resolve(rel).normalize());
  }

  private static String display(Path rel) {
    String s = rel.toString();
    return s.endsWith("/") || s.endsWith(java.io.File.separator) ? s : s + java.io.File.separator;
  }
}
