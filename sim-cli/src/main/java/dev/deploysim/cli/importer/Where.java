package dev.deploysim.cli.importer;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A place in an input file: the file as the user named it, 1-based line and column (0 when
 * unknown), and the key path of the value there in the file's own terms ({@code
 * WebServerGroup.UpdatePolicy.AutoScalingRollingUpdate.MaxBatchSize}).
 */
public record Where(String file, int line, int column, String path) {

  static Where of(String file, Node node, String path) {
    if (node == null) {
      return new Where(file, 0, 0, path);
    }
    return node.getStartMark()
        .map(m -> new Where(file, m.getLine() + 1, m.getColumn() + 1, path))
        .orElse(new Where(file, 0, 0, path));
  }

  /** The same place under another key path. */
  Where at(String otherPath) {
    return new Where(file, line, column, otherPath);
  }

  /** {@code file:line} (or the file alone when the line is unknown). */
  String fileAndLine() {
    return line > 0 ? file + ":" + line : file;
  }
}
