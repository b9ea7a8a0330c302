package dev.deploysim.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Problems found in a scenario, each tied to a key path such as {@code deployment.strategy.batchSize}
 * (list items as {@code faults[2].zone}); the scenario loader turns paths into file:line:column.
 */
public final class Problems {

  /**
   * One problem: the key path, what is wrong, optionally what was probably meant, and the other part
   * of the file it depends on (null: none).
   */
  public record Problem(String path, String message, String hint, String dependsOn) {
    public Problem(String path, String message, String hint) {
      this(path, message, hint, null);
    }
  }

  private final List<Problem> problems = new ArrayList<>();

  public void add(String path, String message) {
    problems.add(new Problem(path, message, null));
  }

  public void add(String path, String message, String hint) {
    problems.add(new Problem(path, message, hint));
  }

  /**
   * A problem that follows from another part of the file, {@code part} (a top-level key such as
   * {@code alarms}): not reported while that part has problems of its own (an alarm that failed to
   * load is not "undefined").
   */
  public void addDependingOn(String part, String path, String message, String hint) {
    problems.add(new Problem(path, message, hint, part));
  }

  public List<Problem> all() {
    return List.copyOf(problems);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }
}
