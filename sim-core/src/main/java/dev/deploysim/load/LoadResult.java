package dev.deploysim.load;

import dev.deploysim.scenario.Scenario;
import java.util.List;

/**
 * A loaded scenario, or the problems found in the file (in file order).
 *
 * @param errors the problems shown: every one, or the first {@link Diagnostics#MAX_ERRORS} of a file
 *     with more
 * @param problemCount how many problems the file has in all (at least {@code errors.size()})
 */
public record LoadResult(Scenario scenario, List<ScenarioError> errors, int problemCount) {
  public LoadResult {
    errors = List.copyOf(errors);
    problemCount = Math.max(problemCount, errors.size());
  }

  /** A result whose problems are all shown. */
  public LoadResult(Scenario scenario, List<ScenarioError> errors) {
    this(scenario, errors, errors.size());
  }

  public boolean ok() {
    return scenario != null && errors.isEmpty();
  }

  /**
   * The line that ends a file's problems: {@code x.yaml: 3 problems}, or when not all are shown
   * {@code x.yaml: 3000 problems (the first 100 shown)}.
   */
  public String summary(String file) {
    return summary(file, problemCount, errors.size());
  }

  /** The same line for any count of problems, {@code shown} of them listed. */
  public static String summary(String file, int count, int shown) {
    String line = file + ": " + count + (count == 1 ? " problem" : " problems");
    return shown < count ? line + " (the first " + shown + " shown)" : line;
  }
}
