package dev.deploysim.strategies.analysis;

import dev.deploysim.format.Keywords;
/**
 * The phase of a measurement, a metric or an analysis run, as Argo Rollouts names them. Ordered
 * from best to worst as Argo ranks completed phases (Successful, Inconclusive, Error, Failed): a
 * run takes the worst phase of its metrics.
 */
public enum AnalysisPhase {
  PENDING,
  RUNNING,
  SUCCESSFUL,
  INCONCLUSIVE,
  ERROR,
  FAILED;

  public String label() {
    return Keywords.pascalCase(this);
  }

  public boolean completed() {
    return ordinal() >= SUCCESSFUL.ordinal();
  }

  /** Failed or Error: the rollout aborts (Argo treats an Error run like a Failed one). */
  public boolean aborts() {
    return this == FAILED || this == ERROR;
  }

  /** The worse of two phases. */
  public static AnalysisPhase worse(AnalysisPhase a, AnalysisPhase b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
