package dev.deploysim.load;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Safe YAML: text to one node tree (never to Java objects), with line and column on every node.
 * YAML 1.2 core schema ({@code yes} is text, {@code true} a boolean), no type tags beyond the
 * standard ones, few aliases to collections, a size limit, and exactly one document.
 */
final class YamlReader {
  private YamlReader() {}

  /** Code points a scenario file may have. */
  static final int MAX_CODE_POINTS = 1_000_000;

  /** Aliases (*name) to lists or mappings a file may use; each one can multiply data. */
  static final int MAX_COLLECTION_ALIASES = 50;

  private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

  /** The document's root mapping, or null after reporting why there is none. */
  static MappingNode read(String text, Diagnostics diag) {
    if (ScenarioText.tooLarge(text)) {
      int[] at = ScenarioText.limit(text);
      diag.errorAt(at[0], at[1], "", ScenarioText.TOO_LARGE, null);
      return null;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    LoadSettings settings = LoadSettings.builder()
        .setLabel(diag.file())
        .setSchema(new CoreSchema())
        .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
        .setAllowDuplicateKeys(false)
        .setAllowRecursiveKeys(false)
        .setAllowNonScalarKeys(true) // refused by the walk, located at the key, in the project's words
        .setCodePointLimit(MAX_CODE_POINTS + 16)
        .setParseComments(false)
        .setUseMarks(true)
        .build();
    Node root;
    try {
      Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      if (!composer.hasNext()) {
        empty(diag);
        return null;
      }
      root = composer.next();
      if (composer.hasNext()) {
        Node second = composer.next();
        int line = second.getStartMark().map(m -> m.getLine() + 1).orElse(1);
        diag.errorAt(documentMarker(text, line), 1, "",
            "more than one YAML document (---); a scenario file holds exactly one",
            "split the documents into separate files");
        return null;
      }
    } catch (MarkedYamlEngineException e) {
      syntaxError(e, diag);
      return null;
    } catch (YamlEngineException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("Number of aliases for non-scalar nodes exceeds")) {
        int[] at = excessAlias(text, settings);
        diag.errorAt(at[0], at[1], "", tooManyAliases(), null);
      } else {
        diag.errorAt(1, 1, "", "invalid YAML: " + message, null);
      }
      return null;
    } catch (StackOverflowError e) {
      diag.errorAt(1, 1, "", "lists and mappings are nested too deeply", null);
      return null;
    }
    if (root instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
      empty(diag);
      return null;
    }
    if (!(root instanceof MappingNode m)) {
      diag.errorAt(root, "", "the top level must be a mapping of keys (name:, fleet:, traffic:, versions:, "
          + "deployment: ...), got " + ScalarReader.got(root), null);
      return null;
    }
    diag.mark("", root);
    return m;
  }

  private static String tooManyAliases() {
    return "too many aliases: more than " + MAX_COLLECTION_ALIASES
        + " references (*name) to lists or mappings; a scenario does not need to multiply data like this";
  }

  /** The line of the {@code ---} that starts the document whose first node is on {@code line}. */
  private static int documentMarker(String text, int line) {
    String[] lines = text.split("\n", -1);
    for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      if (lines[i].startsWith("---")) {
        return i + 1;
      }
    }
    return line;
  }

  /**
   * Where the alias that passes the limit is (1-based line and column): the composer refuses it
   * without a position, so replay the parser's events (only on this error path) and count.
   */
  private static int[] excessAlias(String text, LoadSettings settings) {
    Set<String> collections = new java.util.HashSet<>();
    int count = 0;
    try {
      ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
      while (parser.hasNext()) {
        org.snakeyaml.engine.v2.events.Event e = parser.next();
        if (e instanceof org.snakeyaml.engine.v2.events.CollectionStartEvent c) {
          c.getAnchor().ifPresent(a -> collections.add(a.getValue()));
        } else if (e instanceof org.snakeyaml.engine.v2.events.AliasEvent a
            && collections.contains(a.getAlias().getValue()) && ++count > MAX_COLLECTION_ALIASES) {
          return a.getStartMark().map(m -> new int[] {m.getLine() + 1, m.getColumn() + 1}).orElse(new int[] {1, 1});
        }
      }
    } catch (YamlEngineException e) {
      // fall through: no better position
    }
    return new int[] {1, 1};
  }

  private static void empty(Diagnostics diag) {
    diag.errorAt(1, 1, "", "the file is empty; a scenario needs at least name, traffic, versions and deployment",
        null);
  }

  private static void syntaxError(MarkedYamlEngineException e, Diagnostics diag) {
    Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
    int line = mark.map(m -> m.getLine() + 1).orElse(0);
    int column = mark.map(m -> m.getColumn() + 1).orElse(0);
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    String message;
    String hint = null;
    if (problem.contains("Number of aliases for non-scalar nodes exceeds")) {
      message = tooManyAliases();
    } else if (problem.contains("(TAB)")) {
      message = "invalid YAML: a tab character; YAML indents with spaces only";
    } else if (problem.startsWith("found undefined alias")) {
      String name = problem.substring("found undefined alias".length()).trim();
      message = "alias *" + name + " refers to no anchor";
      hint = "define it first with &" + name;
    } else if (problem.contains("exceeds the limit")) {
      message = "the file is too large: more than " + MAX_CODE_POINTS + " characters";
    } else {
      message = "invalid YAML: " + problem.trim();
      String context = e.getContext();
      if (context != null && !context.isBlank()) {
        hint = e.getContextMark()
            .filter(m -> mark.isEmpty() || m.getLine() != mark.get().getLine() || m.getColumn() != mark.get().getColumn())
            .map(m -> context.trim() + " that starts at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
            .orElse(context.trim());
      }
    }
    diag.errorAt(line, column, "", message, hint);
  }

  /**
   * Every node with an explicit non-standard tag ({@code !!java.lang.Runtime}, {@code !foo},
   * {@code !!binary}). Walks each distinct node once (aliases share nodes), without recursion.
   */
  static Set<Node> forbiddenTags(Node root) {
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Node> bad = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (!seen.add(n)) {
        continue;
      }
      if (!STANDARD_TAGS.contains(n.getTag())) {
        bad.add(n);
        continue;
      }
      if (n instanceof MappingNode m) {
        for (int i = m.getValue().size() - 1; i >= 0; i--) {
          NodeTuple t = m.getValue().get(i);
          todo.push(t.getValueNode());
          todo.push(t.getKeyNode());
        }
      } else if (n instanceof SequenceNode s) {
        for (int i = s.getValue().size() - 1; i >= 0; i--) {
          todo.push(s.getValue().get(i));
        }
      }
    }
    return bad;
  }

  static void reportTag(Node n, String path, Diagnostics diag) {
    diag.errorAt(n, path, "type tags are not allowed: " + shortTag(n.getTag()),
        "a scenario holds plain values, lists and mappings; remove the tag");
  }

  private static String shortTag(Tag tag) {
    String v = tag.getValue();
    return v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v;
  }
}
