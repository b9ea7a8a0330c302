package dev.deploysim.cli.text;

/**
 * A mistake of the user (a missing file, an output folder that cannot be written, an unknown
 * strategy type): printed as one line {@code sim: <message>}, exit code 2, never a stack trace.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message, null, false, false);
  }
}
