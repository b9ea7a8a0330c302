package dev.deploysim.cli.text;

import dev.deploysim.result.Phase;

/** How the kinds of deployment phase read: as a legend names them, and as a step a label counts. */
public final class PhaseWords {
  private PhaseWords() {}

  /** How a phase kind reads in legends. */
  public static String name(Phase.Kind kind) {
    return words(kind).name();
  }

  /** The kind as a verb, for a label of several phases: "deploy (4 steps)". */
  public static String verb(Phase.Kind kind) {
    return words(kind).verb();
  }

  private record Words(String name, String verb) {}

  /** Both words of each kind, side by side. */
  private static Words words(Phase.Kind kind) {
    return switch (kind) {
      case DEPLOY -> new Words("deploy", "deploy");
      case WAIT -> new Words("wait", "wait");
      case SHIFT -> new Words("traffic shift", "shift traffic");
      case CLEANUP -> new Words("clean-up", "clean up");
      case ROLLBACK -> new Words("rollback", "roll back");
    };
  }
}
