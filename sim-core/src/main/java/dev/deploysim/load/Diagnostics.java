package dev.deploysim.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Problems found while loading one file, and where each key path sits in the file, so that
 * problems reported by key path alone (domain rules, strategies' own checks) get a line and column.
 */
final class Diagnostics {
  /** Problems kept for one file; more are counted, not listed. */
  static final int MAX_ERRORS = 100;

  private final String file;
  private final List<ScenarioError> errors = new ArrayList<>();
  private final Map<String, int[]> marks = new HashMap<>();
  private final List<String> errorPaths = new ArrayList<>();
  private int dropped;

  Diagnostics(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /** Remembers where a key (or list item) sits: its node's start. */
  void mark(String path, Node node) {
    node.getStartMark().ifPresent(m -> marks.putIfAbsent(path, position(m)));
  }

  private static int[] position(Mark m) {
    return new int[] {m.getLine() + 1, m.getColumn() + 1};
  }

  /** Line and column of a path, or of its nearest ancestor that is in the file; null if none. */
  int[] locate(String path) {
    String p = path;
    while (true) {
      int[] pos = marks.get(p);
      if (pos != null) {
        return pos;
      }
      if (p.isEmpty()) {
        return null;
      }
      p = parent(p);
    }
  }

  /** {@code a.b[2].c} -> {@code a.b[2]} -> {@code a.b} -> {@code a} -> empty. */
  static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** A problem at a key path, located at the key (or its nearest ancestor in the file). */
  void error(String path, String message, String hint) {
    add(locate(path), path, message, hint);
  }

  void error(String path, String message) {
    error(path, message, null);
  }

  /** A problem located at a node of the document. */
  void errorAt(Node node, String path, String message, String hint) {
    int[] pos = node == null ? null : node.getStartMark().map(Diagnostics::position).orElse(null);
    add(pos == null ? locate(path) : pos, path, message, hint);
  }

  /** A problem at a line and column (1-based) of the file, or unlocated when line is 0. */
  void errorAt(int line, int column, String path, String message, String hint) {
    add(line > 0 ? new int[] {line, column} : null, path, message, hint);
  }

  private void add(int[] pos, String path, String message, String hint) {
    errorPaths.add(path == null ? "" : path);
    if (errors.size() >= MAX_ERRORS) {
      dropped++;
      return;
    }
    errors.add(new ScenarioError(file, pos == null ? 0 : pos[0], pos == null ? 0 : pos[1],
        path == null ? "" : path, message, hint));
  }

  /** The state before a tentative step, to undo its problems with {@link #rollback}. */
  record Checkpoint(int errors, int paths, int dropped) {}

  Checkpoint checkpoint() {
    return new Checkpoint(errors.size(), errorPaths.size(), dropped);
  }

  /** True when a problem was reported since the checkpoint. */
  boolean failedSince(Checkpoint c) {
    return errorPaths.size() > c.paths();
  }

  /** Forgets the problems reported since the checkpoint (the marks of key paths stay). */
  void rollback(Checkpoint c) {
    errors.subList(c.errors(), errors.size()).clear();
    errorPaths.subList(c.paths(), errorPaths.size()).clear();
    dropped = c.dropped();
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  int count() {
    return errors.size() + dropped;
  }

  /** True when a problem was reported at this path or inside it. */
  boolean failed(String path) {
    for (String p : errorPaths) {
      if (p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "[")) {
        return true;
      }
    }
    return false;
  }

  /** The problems kept (the first {@link #MAX_ERRORS}) in file order, unlocated ones first. */
  List<ScenarioError> errors() {
    List<ScenarioError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(ScenarioError::line).thenComparingInt(ScenarioError::column));
    return sorted;
  }

  /** The outcome: the scenario when nothing was reported, else the problems and how many there are in all. */
  LoadResult result(dev.deploysim.scenario.Scenario scenario) {
    return new LoadResult(hasErrors() ? null : scenario, errors(), count());
  }
}
