package dev.deploysim.cli.output;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Chart file formats ({@code --format png,svg}). */
public enum OutputFormat {
  PNG,
  SVG;

  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Set<OutputFormat> all() {
    return EnumSet.allOf(OutputFormat.class);
  }

  /** Parses one format name, case-insensitively. */
  public static OutputFormat parse(String s) {
    for (OutputFormat f : values()) {
      if (f.extension().equalsIgnoreCase(s.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown chart format '" + s.trim() + "' (expected png or svg)");
  }
}
