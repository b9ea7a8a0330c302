package dev.deploysim.cli.text;

import java.util.function.IntFunction;

/**
 * Text written into a quoted form character by character (a JSON string, a double-quoted YAML
 * scalar, an XML attribute): each form says only what a character becomes.
 */
public final class Escapes {
  private Escapes() {}

  /**
   * Appends {@code s}, each character as {@code escape} writes it: its replacement ("" drops it), or
   * null for the character itself.
   */
  public static StringBuilder append(StringBuilder b, String s, IntFunction<String> escape) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement = escape.apply(c);
      if (replacement == null) {
        b.append(c);
      } else {
        b.append(replacement);
      }
    }
    return b;
  }
}
