package dev.deploysim.cli.importer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario being assembled: values by key path ({@code fleet.instances}, {@code
 * alarms[0].name}, {@code deployment.strategy.hooks.BeforeInstall.timeout}), each with its
 * provenance; comments for whole blocks; and notes for the user (settings read but not simulated,
 * values that could not be resolved). Keys never contain dots.
 */
final class Draft {
  private final Map<String, Imported> values = new LinkedHashMap<>();
  private final Map<String, Provenance> blockComments = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> header = new ArrayList<>();

  void put(String path, Object value, Provenance provenance) {
    values.put(path, new Imported(value, provenance));
  }

  void put(String path, Imported value) {
    values.put(path, value);
  }

  Imported get(String path) {
    return values.get(path);
  }

  boolean has(String path) {
    return values.containsKey(path);
  }

  /** True when a value at the path or under it is set. */
  boolean hasUnder(String prefix) {
    for (String p : values.keySet()) {
      if (p.equals(prefix) || p.startsWith(prefix + ".") || p.startsWith(prefix + "[")) {
        return true;
      }
    }
    return false;
  }

  /** Removes the value at the path and everything under it. */
  void removeUnder(String prefix) {
    values.keySet().removeIf(p -> p.equals(prefix) || p.startsWith(prefix + ".") || p.startsWith(prefix + "["));
    blockComments.keySet().removeIf(p -> p.equals(prefix) || p.startsWith(prefix + ".") || p.startsWith(prefix + "["));
  }

  /** A comment on the line of a block's key ({@code loadBalancer:  # from ...}). */
  void comment(String path, Provenance provenance) {
    blockComments.put(path, provenance);
  }

  Provenance blockComment(String path) {
    return blockComments.get(path);
  }

  /** A remark for the user: printed on stderr and written at the top of the file. */
  void note(String text) {
    if (!notes.contains(text)) {
      notes.add(text);
    }
  }

  /** A line for the top of the file (after the notes' heading). */
  void header(String text) {
    header.add(text);
  }

  Map<String, Imported> values() {
    return Collections.unmodifiableMap(values);
  }

  List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  List<String> headerLines() {
    return Collections.unmodifiableList(header);
  }

  /**
   * The provenance of the value at the path or, when there is none, of the nearest value or block
   * above it ({@code deployment.strategy.maxBatchSize} -> {@code deployment.strategy}).
   */
  Provenance provenanceOf(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Imported v = values.get(p);
      if (v != null) {
        return v.provenance();
      }
      Provenance b = blockComments.get(p);
      if (b != null) {
        return b;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return null;
  }

  int count(boolean assumed) {
    int n = 0;
    for (Imported v : values.values()) {
      if (v.assumed() == assumed) {
        n++;
      }
    }
    return n;
  }
}
