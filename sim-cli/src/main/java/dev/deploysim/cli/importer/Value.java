package dev.deploysim.cli.importer;

import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A value of an input file as an importer reads it: a scalar, a list, a mapping, absent (the key is
 * not there), or unknown (a CloudFormation expression that cannot be worked out before the stack
 * exists, such as {@code !GetAtt}). Every value knows where its literal is ({@link #where()}) and
 * by which key path it was reached ({@link #path()}): a property that refers to a parameter is
 * reached by the property's path, and its literal is the parameter's default.
 */
abstract class Value {

  /** The key node of the entry {@code key} of a YAML mapping (to point at a key rather than its value). */
  static Node keyNode(MappingNode m, String key) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return k;
      }
    }
    return null;
  }
  /**
   * What a value is: {@code ABSENT} when the key is not in the file (or is CloudFormation's {@code
   * AWS::NoValue}), {@code UNKNOWN} when it cannot be worked out before the stack exists.
   */
  enum Kind { SCALAR, LIST, MAP, ABSENT, UNKNOWN }

  abstract Kind kind();

  /** Why the value cannot be worked out, or null when it can (always null outside a template). */
  String unknown() {
    return null;
  }

  final boolean absent() {
    return kind() == Kind.ABSENT;
  }

  final boolean isMap() {
    return kind() == Kind.MAP;
  }

  final boolean isList() {
    return kind() == Kind.LIST;
  }

  /** Text of a scalar; null for lists and mappings. */
  abstract String text();

  /** Items of a list; empty for anything else. */
  abstract List<Value> items();

  /** A key of a mapping, or an absent value. */
  abstract Value get(String key);

  /** Keys of a mapping in file order; empty for anything else. */
  abstract List<String> keys();

  /** Where the literal value is. */
  abstract Where where();

  /** The key path by which the value was reached (may differ from where().path()). */
  abstract String path();

  /** Where a key of a mapping is written (for "no such key" problems); its value's place by default. */
  Where keyWhere(String key) {
    return get(key).where();
  }

  /** The same value reached by another key path (a setting's name rather than its list position). */
  abstract Value renamed(String newPath);

  /** A remark on how the value was worked out (a condition's outcome), or null. */
  String note() {
    return null;
  }

  boolean present() {
    return !absent();
  }

  boolean isScalar() {
    return kind() == Kind.SCALAR;
  }

  /** The key, or its other spelling: the API's camelCase or CloudFormation's PascalCase. */
  Value field(String key) {
    Value v = get(key);
    if (v.present() || key.isEmpty()) {
      return v;
    }
    char c = key.charAt(0);
    String other = (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)) + key.substring(1);
    Value o = get(other);
    return o.present() ? o : v;
  }

  Provenance provenance() {
    return new Provenance.FromFile(where(), path(), note());
  }

  /** {@code file:line:column} of the literal, for messages. */
  String at() {
    Where w = where();
    return w.line() > 0 ? w.file() + ":" + w.line() + ":" + w.column() : w.file();
  }

  /** What the value is, for a message: "a list", "a mapping", "'abc'". */
  String describe() {
    if (absent()) {
      return "nothing";
    }
    if (isMap()) {
      return "a mapping";
    }
    if (isList()) {
      return "a list";
    }
    if (unknown() != null) {
      return "an expression";
    }
    String t = text();
    return t.isEmpty() ? "an empty value" : "'" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'";
  }
}
