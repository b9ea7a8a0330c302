package dev.deploysim.cli.text;

import dev.deploysim.result.Summary;

/** One run in a few words: the title of its charts and report, and its outcome in a phrase. */
public final class RunHeadline {
  private RunHeadline() {}

  /** "eb-immutable: eb.immutable, v1 -> v2" */
  public static String title(Summary s) {
    return s.scenario() + ": " + s.strategy() + ", " + s.fromVersion() + " -> " + s.toVersion();
  }

  /** A short outcome phrase for subtitles and legends: "SUCCEEDED after 7m12s", "FAILED (not finished)". */
  public static String outcome(Summary s) {
    StringBuilder b = new StringBuilder();
    b.append(s.outcome() == null ? "unknown" : s.outcome().name());
    if (s.deployment().durationSeconds() != null) {
      b.append(" after ").append(SummaryTable.dur(s.deployment().durationSeconds()));
    } else {
      b.append(" (not finished)");
    }
    return b.toString();
  }
}
