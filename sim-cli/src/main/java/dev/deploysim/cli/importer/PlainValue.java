package dev.deploysim.cli.importer;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** A value of a plain YAML or JSON file (no expressions): the node as it is. */
final class PlainValue extends Value {
  private final SourceFile file;
  private final Node node;
  private final String path;
  private final Node parentForAbsent;
  /** Where a list or mapping is written: its key's line rather than its first item's. */
  private final Node locator;

  private PlainValue(SourceFile file, Node node, String path, Node parentForAbsent) {
    this(file, node, path, parentForAbsent, node);
  }

  private PlainValue(SourceFile file, Node node, String path, Node parentForAbsent, Node locator) {
    this.file = file;
    this.node = node;
    this.path = path;
    this.parentForAbsent = parentForAbsent;
    this.locator = locator;
  }

  static PlainValue of(SourceFile file, Node node, String path) {
    return new PlainValue(file, node, path, node);
  }

  Node node() {
    return node;
  }

  @Override
  Kind kind() {
    if (node == null || node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
      return Kind.ABSENT;
    }
    return node instanceof MappingNode ? Kind.MAP : node instanceof SequenceNode ? Kind.LIST : Kind.SCALAR;
  }

  @Override
  String text() {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }

  @Override
  List<Value> items() {
    List<Value> out = new ArrayList<>();
    if (node instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        out.add(new PlainValue(file, s.getValue().get(i), path + "[" + i + "]", node));
      }
    }
    return out;
  }

  @Override
  Value get(String key) {
    String childPath = path.isEmpty() ? key : path + "." + key;
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          Node v = t.getValueNode();
          return new PlainValue(file, v, childPath, node, v instanceof ScalarNode ? v : k);
        }
      }
    }
    return new PlainValue(file, null, childPath, node == null ? parentForAbsent : node);
  }

  @Override
  List<String> keys() {
    List<String> out = new ArrayList<>();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          out.add(k.getValue());
        }
      }
    }
    return out;
  }

  /** The key node of a mapping entry (for locating a key rather than its value). */
  Node keyNode(String key) {
    return node instanceof MappingNode m ? keyNode(m, key) : null;
  }

  @Override
  Where keyWhere(String key) {
    Node k = keyNode(key);
    return k == null ? super.keyWhere(key) : file.where(k, path.isEmpty() ? key : path + "." + key);
  }

  @Override
  Where where() {
    if (file == null) {
      return new Where("", 0, 0, path);
    }
    return file.where(node != null ? locator : parentForAbsent, path);
  }

  @Override
  Value renamed(String newPath) {
    return new PlainValue(file, node, newPath, parentForAbsent, locator);
  }

  @Override
  String path() {
    return path;
  }
}
