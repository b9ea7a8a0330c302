package dev.deploysim.cli.importer;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A value of a CloudFormation template after its intrinsic functions were worked out as far as the
 * template allows: parameters' defaults (or {@code --parameter}), mappings, conditions, {@code
 * !Sub}, {@code !Join}, {@code !Select}, {@code !Split}. What only exists once the stack is deployed
 * ({@code !GetAtt}, a resource's physical ID, the region) is unknown, with the reason. A mapping's
 * keys are worked out when they are read.
 */
final class CfnValue extends Value {
  private final CfnTemplate template;
  private final Kind kind;
  private final String text;
  private final List<Value> items;
  private final MappingNode map;
  private final Where where;
  private final String path;
  private final String note;
  private final String reason;
  private final String resourceRef;

  private CfnValue(CfnTemplate template, Kind kind, String text, List<Value> items, MappingNode map, Where where,
      String path, String note, String reason, String resourceRef) {
    this.template = template;
    this.kind = kind;
    this.text = text;
    this.items = items == null ? List.of() : List.copyOf(items);
    this.map = map;
    this.where = where;
    this.path = path;
    this.note = note;
    this.reason = reason;
    this.resourceRef = resourceRef;
  }

  static CfnValue scalar(CfnTemplate t, String text, Where where, String path, String note) {
    return new CfnValue(t, Kind.SCALAR, text, null, null, where, path, note, null, null);
  }

  static CfnValue list(CfnTemplate t, List<Value> items, Where where, String path, String note) {
    return new CfnValue(t, Kind.LIST, null, items, null, where, path, note, null, null);
  }

  static CfnValue map(CfnTemplate t, MappingNode node, Where where, String path) {
    return new CfnValue(t, Kind.MAP, null, null, node, where, path, null, null, null);
  }

  static CfnValue absent(CfnTemplate t, Where where, String path) {
    return new CfnValue(t, Kind.ABSENT, null, null, null, where, path, null, null, null);
  }

  static CfnValue unknown(CfnTemplate t, String reason, Where where, String path, String resourceRef) {
    return new CfnValue(t, Kind.UNKNOWN, null, null, null, where, path, null, reason, resourceRef);
  }

  /** The same value reached by another path with a remark (a branch of !If). */
  CfnValue via(String otherPath, String remark) {
    String n = note == null ? remark : remark == null ? note : remark + "; " + note;
    return new CfnValue(template, kind, text, items, map, where, otherPath, n, reason, resourceRef);
  }

  @Override
  Value renamed(String newPath) {
    return via(newPath, null);
  }

  /** The logical ID of the resource this value refers to (!Ref or !GetAtt), or null. */
  String resourceRef() {
    return resourceRef;
  }

  @Override
  Kind kind() {
    return kind;
  }

  @Override
  String unknown() {
    return kind == Kind.UNKNOWN ? reason : null;
  }

  @Override
  String text() {
    return kind == Kind.SCALAR ? text : null;
  }

  @Override
  List<Value> items() {
    return items;
  }

  @Override
  Value get(String key) {
    String childPath = path.isEmpty() ? key : path + "." + key;
    if (map != null) {
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          String literalPath = where.path().isEmpty() ? key : where.path() + "." + key;
          CfnValue v = template.resolve(t.getValueNode(), literalPath, childPath);
          if ((v.isMap() || v.isList()) && v.where.path().equals(literalPath)) {
            return new CfnValue(template, v.kind, v.text, v.items, v.map, Where.of(where.file(), k, literalPath),
                v.path, v.note, v.reason, v.resourceRef);
          }
          return v;
        }
      }
    }
    return absent(template, where.at(childPath), childPath);
  }

  @Override
  List<String> keys() {
    List<String> out = new ArrayList<>();
    if (map != null) {
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          out.add(k.getValue());
        }
      }
    }
    return out;
  }

  /** The mapping node of a MAP value (its key lines, for messages). */
  MappingNode mapNode() {
    return map;
  }

  Node keyNode(String key) {
    return map == null ? null : keyNode(map, key);
  }

  @Override
  Where keyWhere(String key) {
    Node k = keyNode(key);
    if (k == null) {
      return super.keyWhere(key);
    }
    Where at = Where.of(where.file(), k, path.isEmpty() ? key : path + "." + key);
    return at;
  }

  @Override
  Where where() {
    return where;
  }

  @Override
  String path() {
    return path;
  }

  @Override
  String note() {
    return note;
  }
}
