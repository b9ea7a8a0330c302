package dev.deploysim.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How an enum constant is written in a scenario or by AWS, derived from its Java name so that the
 * word is written once: {@code ERROR_RATE} is {@code errorRate} in a file, {@code BEFORE_INSTALL} is
 * {@code BeforeInstall} as AWS names it.
 */
public final class Keywords {
  private Keywords() {}

  /** ERROR_RATE -> errorRate, LATENCY_P99 -> latencyP99, STABLE -> stable. */
  public static String camelCase(Enum<?> constant) {
    String pascal = pascalCase(constant);
    return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
  }

  /** BEFORE_INSTALL -> BeforeInstall, OK -> Ok. */
  public static String pascalCase(Enum<?> constant) {
    StringBuilder b = new StringBuilder();
    for (String part : constant.name().split("_")) {
      if (!part.isEmpty()) {
        b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return b.toString();
  }

  /** RDS_MULTI_AZ -> rds-multi-az, AURORA -> aurora. */
  public static String kebabCase(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} whose {@code word} is {@code text}, or null. */
  public static <E extends Enum<E>> E find(Class<E> type, String text, Function<E, String> word) {
    for (E e : type.getEnumConstants()) {
      if (word.apply(e).equals(text)) {
        return e;
      }
    }
    return null;
  }

  /** The {@code word} of every constant of {@code type}, in declaration order. */
  public static <E extends Enum<E>> List<String> all(Class<E> type, Function<E, String> word) {
    List<String> out = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      out.add(word.apply(e));
    }
    return out;
  }
}
