package dev.deploysim.result;

/** How a simulated deployment ended. */
public enum Outcome {
  /** The new version serves everywhere. */
  SUCCEEDED,
  /** The deployment stopped and was not rolled back. */
  FAILED,
  /** A rollback ran to completion and the old version serves everywhere. */
  ROLLED_BACK
}
