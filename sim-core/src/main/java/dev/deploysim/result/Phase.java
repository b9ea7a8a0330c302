package dev.deploysim.result;

/**
 * A labelled span of the deployment, for shading charts ("batch 2 of 3", "canary 10%").
 *
 * @param kind what sort of work the span is
 * @param fleet the fleet it deploys when a deployment deploys several, one after the other (its
 *     label starts with the name); null otherwise
 */
public record Phase(String label, Kind kind, double start, double end, String fleet) {

  /** A phase of the deployment of one environment. */
  public Phase(String label, Kind kind, double start, double end) {
    this(label, kind, start, end, null);
  }

  public enum Kind {
    /** new version being installed or launched */
    DEPLOY,
    /** waiting: health gates, bake and evaluation times */
    WAIT,
    /** traffic moving between versions */
    SHIFT,
    /** old capacity being removed */
    CLEANUP,
    /** undoing the deployment */
    ROLLBACK
  }
}
