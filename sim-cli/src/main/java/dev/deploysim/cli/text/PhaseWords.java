package dev.deploysim.cli.text;

import dev.deploysim.result.Phase;

/** How the kinds of deployment phase read: as a legend names them, and as a step a label counts. */
public final class PhaseWords {
  private PhaseWords() {}

  /** How a phase kind reads in legends. */
  public static String name(Phase.Kind kind) {
    return switch (kind) {
      case DEPLOY -> "deploy";
      case WAIT -> "wait";
      case SHIFT -> "traffic shift";
      case CLEANUP -> "clean-up";
      case ROLLBACK -> "rollback";
    };
  }

  /** The kind as a verb, for a label of several phases: "deploy (4 steps)". */
  public static String verb(Phase.Kind kind) {
    return switch (kind) {
      case DEPLOY -> "deploy";
      case WAIT -> "wait";
      case SHIFT -> "shift traffic";
      case CLEANUP -> "clean up";
      case ROLLBACK -> "roll back";
    };
  }
}
