package dev.deploysim.load;

import dev.deploysim.scenario.Scenario;
import java.util.List;

/** A loaded scenario, or every problem found in the file (in file order). */
public record LoadResult(Scenario scenario, List<ScenarioError> errors) {
  public LoadResult {
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return scenario != null && errors.isEmpty();
  }
}
