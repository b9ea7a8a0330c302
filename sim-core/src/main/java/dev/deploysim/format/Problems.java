package dev.deploysim.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Problems found in a scenario, each tied to a key path such as {@code deployment.strategy.batchSize}
 * (list items as {@code faults[2].zone}); the scenario loader turns paths into file:line:column.
 */
public final class Problems {

  /** One problem: the key path, what is wrong, and optionally what was probably meant. */
  public record Problem(String path, String message, String hint) {}

  private final List<Problem> problems = new ArrayList<>();

  public void add(String path, String message) {
    problems.add(new Problem(path, message, null));
  }

  public void add(String path, String message, String hint) {
    problems.add(new Problem(path, message, hint));
  }

  public List<Problem> all() {
    return List.copyOf(problems);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }
}
