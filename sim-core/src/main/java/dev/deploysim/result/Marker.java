package dev.deploysim.result;

/** A point in time worth marking on charts: an alarm, a failure, a rollback. */
public record Marker(double time, String label, Kind kind) {
  public enum Kind {
    INFO,
    WARNING,
    FAILURE
  }
}
