package dev.deploysim.cli.text;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer over plain Java values, enough for summaries: {@code null}, {@link String},
 * {@link Boolean}, {@link Integer}/{@link Long} (written as integers), {@link Num} (a number
 * already formatted by {@link Numbers}), {@link Map} with String keys (written in iteration order;
 * use {@link #object()}) and {@link List}. Doubles are refused on purpose: every real number goes
 * through {@link Numbers} so its formatting is decided once.
 *
 * <p>Output is pretty-printed with two-space indentation, '\n' line endings and ASCII only
 * (anything else is escaped as {@code \}{@code uXXXX}), so it reads the same on any terminal.
 */
public final class Json {
  private Json() {}

  /** A number literal, formatted already (no exponent, no NaN). */
  public record Num(String literal) {
    public Num {
      if (literal == null || literal.isEmpty()) {
        throw new IllegalArgumentException("empty number literal");
      }
    }
  }

  /** An empty ordered object. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /** A real number rounded to {@code decimals}, or null when the value is null or not finite. */
  public static Object real(Double value, int decimals) {
    if (value == null) {
      return null;
    }
    String s = Numbers.real(value, decimals);
    return s == null ? null : new Num(s);
  }

  /** Seconds of simulated time (milliseconds precision), or null. */
  public static Object seconds(Double value) {
    return real(value, Numbers.SECONDS);
  }

  /** The value as pretty-printed JSON, without a trailing newline. */
  public static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 0);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v, int indent) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      quote(b, s);
    } else if (v instanceof Boolean bool) {
      b.append(bool.booleanValue());
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      b.append(((Number) v).longValue());
    } else if (v instanceof Num n) {
      b.append(n.literal());
    } else if (v instanceof Enum<?> e) {
      quote(b, e.name());
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append("{\n");
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
        }
        indent(b, indent + 1);
        quote(b, key);
        b.append(": ");
        write(b, e.getValue(), indent + 1);
        b.append(it.hasNext() ? ",\n" : "\n");
      }
      indent(b, indent);
      b.append('}');
    } else if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        indent(b, indent + 1);
        write(b, list.get(i), indent + 1);
        b.append(i < list.size() - 1 ? ",\n" : "\n");
      }
      indent(b, indent);
      b.append(']');
    } else {
      throw new IllegalArgumentException("no JSON form for " + v.getClass().getName()
          + " (format real numbers with Json.real)");
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void indent(StringBuilder b, int level) {
    for (int i = 0; i < level; i++) {
      b.append("  ");
    }
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(StringBuilder b, String s) {
    b.append('"');
    Escapes.append(b, s, c -> switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      default -> c < 0x20 || c > 0x7e
          ? "\\u" + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15] : null;
    });
    b.append('"');
  }
}
