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

  /**
   * Control characters (a newline in a version id, an escape sequence in a name) are written as
   * escapes ({@code \n}, {@code \u001b}), so a problem is always one line and a file cannot write to
   * the terminal through a message.
   */
  public ScenarioError {
    file = escape(file);
    path = escape(path);
    message = escape(message);
    hint = escape(hint);
  }

  /** The text with every control character (and line or paragraph separator) escaped; null stays null. */
  public static String escape(String text) {
    if (text == null || text.codePoints().noneMatch(ScenarioError::control)) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 8);
    text.codePoints().forEach(c -> {
      if (!control(c)) {
        b.appendCodePoint(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
      }
    });
    return b.toString();
  }

  private static boolean control(int c) {
    return Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029;
  }

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
