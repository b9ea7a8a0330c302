package dev.deploysim.cli;

import dev.deploysim.testing.ScenarioYaml;
import dev.deploysim.load.LoadResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.StrategyCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line in-process with captured stdout/stderr and a temporary working folder.
 *
 * <p>Scenario files for tests are written in a tiny line format that {@link #FAKE_PARSER} turns
 * into the {@link TestScenarios} system: {@code name=...}, {@code bad=true} (v2 never
 * passes a health check), {@code type=...}, {@code price=0.1}, {@code seed=N}, or
 * {@code error=line:col:path:message} lines that make the file invalid.
 */
final class Cli {
  final Path workingDir;
  final StrategyCatalog catalog;
  final CliContext.ScenarioParser parser;
  final Terminal terminal;

  record Result(int exit, String out, String err) {}

  Cli(Path workingDir) {
    this(workingDir, Strategies.catalog(), FAKE_PARSER, Terminal.none());
  }

  Cli(Path workingDir, StrategyCatalog catalog, CliContext.ScenarioParser parser, Terminal terminal) {
    this.workingDir = workingDir;
    this.catalog = catalog;
    this.parser = parser;
    this.terminal = terminal;
  }

  Cli withCatalog(StrategyCatalog c) {
    return new Cli(workingDir, c, parser, terminal);
  }

  Cli withParser(CliContext.ScenarioParser p) {
    return new Cli(workingDir, catalog, p, terminal);
  }

  Cli withTerminal(Terminal t) {
    return new Cli(workingDir, catalog, parser, t);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(catalog, parser, terminal, workingDir, new PrintWriter(out, true),
        new PrintWriter(err, true));
    int code = Main.run(args, ctx);
    return new Result(code, out.toString(), err.toString());
  }

  /** Writes a test scenario file (fake format) into the working folder; returns its name. */
  String file(String fileName, String... lines) {
    try {
      Files.writeString(workingDir.resolve(fileName), String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fileName;
  }

  static final CliContext.ScenarioParser FAKE_PARSER = (text, displayName) -> {
    Map<String, String> kv = new HashMap<>();
    List<ScenarioError> errors = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      String k = line.substring(0, eq).trim();
      String v = line.substring(eq + 1).trim();
      if (k.equals("error")) {
        String[] p = v.split(":", 4);
        errors.add(new ScenarioError(displayName, Integer.parseInt(p[0]), Integer.parseInt(p[1]), p[2], p[3], null));
      } else {
        kv.put(k, v);
      }
    }
    if (!errors.isEmpty()) {
      return new LoadResult(null, errors);
    }
    Double price = kv.containsKey("price") ? Double.parseDouble(kv.get("price")) : null;
    ScenarioYaml yaml = TestScenarios.of(kv.getOrDefault("name", "test"), kv.getOrDefault("type", "eb.all-at-once"),
        Boolean.parseBoolean(kv.getOrDefault("bad", "false")), price);
    for (String key : List.of("seed", "at")) {
      if (kv.containsKey(key)) {
        yaml.set(key.equals("at") ? "deployment.at" : key, kv.get(key));
      }
    }
    Scenario s = yaml.scenario();
    return new LoadResult(s, List.of());
  };
}
