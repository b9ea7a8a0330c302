package dev.deploysim.cli.importer;

import dev.deploysim.cli.text.Escapes;
import dev.deploysim.load.ScenarioFormat;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link Draft} as a scenario file: block YAML, keys in the order the format describes
 * them, every value followed by a comment that says where it comes from (aligned in one column),
 * and a header that names the input files and lists the notes.
 */
final class DraftWriter {
  private DraftWriter() {}

  /** Comments start at this column at most; a longer line gets its comment two spaces after it. */
  private static final int MAX_COMMENT_COLUMN = 44;
  private static final int WRAP = 100;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_ ./%:()+-]*");
  private static final Pattern LOOKS_TYPED = Pattern.compile(
      "(?i)(true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9_]*(\\.[0-9]*)?([eE][-+]?[0-9]+)?|\\.inf|\\.nan|0x[0-9a-f]+|0o[0-7]+)");

  static String write(Draft draft, StrategyCatalog catalog, List<String> sources) {
    Block root = new Block(ScenarioFormat.root(catalog));
    Imported type = draft.get("deployment.strategy.type");
    Shapes shapes = new Shapes(catalog, type == null ? null : type.value().toString());
    for (Map.Entry<String, Imported> e : draft.values().entrySet()) {
      root.insert(segments(e.getKey()), 0, e.getValue(), shapes);
    }
    List<String[]> lines = new ArrayList<>();
    root.render(lines, "", "", draft);
    StringBuilder out = new StringBuilder();
    header(out, draft, sources);
    int column = 0;
    for (String[] l : lines) {
      if (l[1] != null && l[0].length() + 2 <= MAX_COMMENT_COLUMN) {
        column = Math.max(column, l[0].length() + 2);
      }
    }
    for (String[] l : lines) {
      out.append(l[0]);
      if (l[1] != null) {
        int pad = Math.max(2, column - l[0].length());
        out.append(" ".repeat(pad)).append("# ").append(l[1]);
      }
      out.append('\n');
    }
    out.append(BUDGETS_HINT);
    return out.toString();
  }

  /** How to turn the scenario into a CI gate: budgets for sim check, commented out (docs/ci.md). */
  static final String BUDGETS_HINT = """
      
      # To gate this deployment in CI, give it budgets and run `sim check` (docs/ci.md); for example:
      # budgets:
      #   maxDuration: 30m
      #   minCapacityPercent: 90
      #   maxFailedRequests: 0
      """;

  private static void header(StringBuilder out, Draft draft, List<String> sources) {
    out.append("# Imported by `sim import` from ").append(String.join(", ", sources)).append(".\n");
    wrap(out, "# ", "# ", "Each value says where it comes from. \"from FILE:LINE KEY\": read from your files; "
        + "\"default:\": the platform's documented default for a key your files leave out; \"assumed:\": "
        + "not in your files, a stand-in to replace with your own figures before you trust the results.");
    for (String h : draft.headerLines()) {
      wrap(out, "# ", "# ", h);
    }
    if (!draft.notes().isEmpty()) {
      out.append("#\n# Notes:\n");
      for (String n : draft.notes()) {
        wrap(out, "#   - ", "#     ", n);
      }
    }
    out.append('\n');
  }

  private static void wrap(StringBuilder out, String first, String rest, String text) {
    String prefix = first;
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && prefix.length() + line.length() + 1 + word.length() > WRAP) {
        out.append(prefix).append(line).append('\n');
        prefix = rest;
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(prefix).append(line).append('\n');
  }

  /** {@code a.b[0].c} -> [a, b, [0], c]: keys as strings, list indexes as Integers. */
  static List<Object> segments(String path) {
    List<Object> out = new ArrayList<>();
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      String key = bracket < 0 ? part : part.substring(0, bracket);
      out.add(key);
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        out.add(Integer.valueOf(part.substring(bracket + 1, close)));
        bracket = part.indexOf('[', close);
      }
    }
    return out;
  }

  /** A mapping being written: children by key (a value, a block or a list of blocks). */
  private static final class Block {
    final ParamType type;
    final Map<String, Object> children = new LinkedHashMap<>();
    final Map<String, String> childPaths = new LinkedHashMap<>();

    Block(ParamType type) {
      this.type = type;
    }

    void insert(List<Object> segs, int i, Imported value, Shapes shapes) {
      String key = (String) segs.get(i);
      ParamType childType = childType(type, key, shapes);
      if (i == segs.size() - 1) {
        children.put(key, value);
        return;
      }
      if (segs.get(i + 1) instanceof Integer index) {
        @SuppressWarnings("unchecked")
        List<Block> items = (List<Block>) children.computeIfAbsent(key, k -> new ArrayList<Block>());
        while (items.size() <= index) {
          items.add(new Block(childType instanceof ParamType.ListType l ? l.item() : null));
        }
        items.get(index).insert(segs, i + 2, value, shapes);
        return;
      }
      Object existing = children.get(key);
      Block child = existing instanceof Block b ? b : new Block(childType);
      children.put(key, child);
      child.insert(segs, i + 1, value, shapes);
    }

    void render(List<String[]> lines, String indent, String path, Draft draft) {
      List<String> keys = new ArrayList<>(children.keySet());
      List<String> order = fieldOrder(type);
      keys.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
      for (String key : keys) {
        String childPath = path.isEmpty() ? key : path + "." + key;
        Object c = children.get(key);
        String head = indent + key + ":";
        if (c instanceof Imported v) {
          lines.add(new String[] {head + " " + value(v.value()), v.provenance().comment()});
        } else if (c instanceof Block b) {
          lines.add(new String[] {head, comment(draft.blockComment(childPath))});
          b.render(lines, indent + "  ", childPath, draft);
        } else {
          lines.add(new String[] {head, comment(draft.blockComment(childPath))});
          @SuppressWarnings("unchecked")
          List<Block> items = (List<Block>) c;
          for (int n = 0; n < items.size(); n++) {
            List<String[]> itemLines = new ArrayList<>();
            String itemPath = childPath + "[" + n + "]";
            items.get(n).render(itemLines, indent + "    ", itemPath, draft);
            for (int j = 0; j < itemLines.size(); j++) {
              String[] l = itemLines.get(j);
              if (j == 0) {
                l[0] = indent + "  - " + l[0].substring(indent.length() + 4);
                if (l[1] == null) {
                  l[1] = comment(draft.blockComment(itemPath));
                }
              }
              lines.add(l);
            }
          }
        }
      }
    }
  }

  private static String comment(Provenance p) {
    return p == null ? null : p.comment();
  }

  private static int rank(List<String> order, String key) {
    int i = order.indexOf(key);
    return i < 0 ? order.size() : i;
  }

  private static List<String> fieldOrder(ParamType type) {
    List<String> names = new ArrayList<>();
    if (type instanceof ParamType.OneOfType one) {
      type = one.alternatives().stream().filter(a -> a instanceof ParamType.ObjectType).findFirst().orElse(null);
    }
    if (type instanceof ParamType.ObjectType o) {
      for (ParamSpec f : o.fields()) {
        names.add(f.name());
      }
    }
    return names;
  }

  /** The type of a key's value under a mapping of the given type (null when unknown). */
  private static ParamType childType(ParamType parent, String key, Shapes shapes) {
    ParamType t = parent;
    if (t instanceof ParamType.OneOfType o) {
      t = o.alternatives().stream().filter(a -> a instanceof ParamType.ObjectType).findFirst().orElse(null);
    }
    if (t instanceof ParamType.TaggedUnionType u) {
      t = shapes.keysOf(u);
    }
    if (t instanceof ParamType.MapType m) {
      return m.value();
    }
    if (!(t instanceof ParamType.ObjectType o)) {
      return null;
    }
    ParamSpec f = o.field(key);
    if (f == null) {
      return null;
    }
    return f.type() instanceof ParamType.TaggedUnionType u ? shapes.keysOf(u) : f.type();
  }

  /** The keys of a tagged mapping: those of the draft's strategy type where it is one, else of every variant. */
  private record Shapes(StrategyCatalog catalog, String typeName) {
    ParamType.ObjectType keysOf(ParamType.TaggedUnionType union) {
      ParamType.TaggedUnionType.Variant v = typeName == null ? null : union.variant(typeName);
      return v != null ? new ParamType.ObjectType(union.fields(v)) : union.anyVariant();
    }
  }

  /** One value in YAML: plain where that reads back as the same text, else double-quoted. */
  static String value(Object v) {
    if (v instanceof Imported.Flow f) {
      return f.yaml();
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      for (Object o : l) {
        parts.add(value(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Double d) {
      return number(d);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return text(v.toString());
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  /** A string scalar: plain when safe, double-quoted (with escapes) otherwise. */
  static String text(String s) {
    if (PLAIN.matcher(s).matches() && !LOOKS_TYPED.matcher(s).matches() && !s.endsWith(" ")
        && !s.endsWith(":") && !s.contains(": ") && !s.contains(" #")) {
      return s;
    }
    StringBuilder b = new StringBuilder("\"");
    Escapes.append(b, s, c -> switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      case '\t' -> "\\t";
      default -> c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\x%02x", c) : null;
    });
    return b.append('"').toString();
  }
}
