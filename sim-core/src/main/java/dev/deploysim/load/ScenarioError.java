package dev.deploysim.load;

/**
 * One problem in a scenario file, located.
 *
 * @param file the file as the user named it
 * @param line 1-based line (0 when unknown)
 * @param column 1-based column (0 when unknown)
 * @param path key path such as {@code deployment.strategy.batchSize} or {@code faults[1].zone};
 *     empty for the whole document
 * @param message what is wrong
 * @param hint what was probably meant, or how to fix it; null when there is no guess
 */
public record ScenarioError(String file, int line, int column, String path, String message, String hint) {

  /** {@code file:line:column: path: message (hint)}, one line. */
  public String format() {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line).append(':').append(column);
    }
    b.append(": ");
    if (path != null && !path.isEmpty()) {
      b.append(path).append(": ");
    }
    b.append(message);
    if (hint != null && !hint.isEmpty()) {
      b.append(hint.startsWith(";") ? hint : " (" + hint + ")");
    }
    return b.toString();
  }
}
