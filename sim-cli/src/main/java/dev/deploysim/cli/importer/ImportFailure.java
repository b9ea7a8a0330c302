package dev.deploysim.cli.importer;

import dev.deploysim.load.ScenarioError;
import java.util.List;

/**
 * Input {@code sim import} cannot use: every problem found, each located in its file
 * ({@code file:line:column: key: message (hint)}). The command prints them and exits with 2.
 */
public final class ImportFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ScenarioError> problems;

  public ImportFailure(List<ScenarioError> problems) {
    super(problems.isEmpty() ? "import failed" : problems.get(0).format(), null, false, false);
    this.problems = List.copyOf(problems);
  }

  static ImportFailure at(String file, int line, int column, String message, String hint) {
    return new ImportFailure(List.of(new ScenarioError(file, line, column, "", message, hint)));
  }

  public List<ScenarioError> problems() {
    return problems;
  }
}
