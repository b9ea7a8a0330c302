package dev.deploysim.cli.importer;

import dev.deploysim.load.ScenarioError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * One input file of {@code sim import}: the name the user gave, its text and its YAML documents as
 * node trees (JSON is read the same way: it is YAML too). Nodes are never turned into Java objects,
 * so a tag like {@code !Ref} or {@code !!java.lang.Runtime} is only a label on a node; each format
 * decides which tags it accepts.
 */
record SourceFile(String name, Path path, String text, List<Node> documents) {

  /** Largest input read: CloudFormation accepts templates up to 1 MB; far more than any real file. */
  static final int MAX_BYTES = 8 * 1024 * 1024;
  /** References (*name) to lists or mappings a file may use. */
  static final int MAX_COLLECTION_ALIASES = 50;
  /** YAML documents one file may hold (a Kubernetes manifest stream). */
  static final int MAX_DOCUMENTS = 1000;

  /** Reads and parses a file; a problem is thrown as an {@link ImportFailure} located in the file. */
  static SourceFile read(String name, Path path) {
    if (!Files.exists(path)) {
      throw ImportFailure.at(name, 0, 0, "no such file", null);
    }
    if (Files.isDirectory(path)) {
      throw ImportFailure.at(name, 0, 0, "is a folder",
          "give the files in it; a .ebextensions folder is read whole");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException | SecurityException e) {
      throw ImportFailure.at(name, 0, 0, "cannot read it: " + e.getMessage(), null);
    }
    if (bytes.length > MAX_BYTES) {
      throw ImportFailure.at(name, 0, 0, "the file is too large (more than " + MAX_BYTES / (1024 * 1024)
          + " MB); a template, manifest or configuration is far smaller", null);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw ImportFailure.at(name, 0, 0, "not UTF-8 text", "save it as UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return new SourceFile(name, path, text, parse(name, text));
  }

  /** Every YAML document of the text (empty documents left out). */
  static List<Node> parse(String name, String text) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(name)
        .setSchema(new CoreSchema())
        .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
        .setAllowDuplicateKeys(false)
        .setAllowRecursiveKeys(false)
        .setCodePointLimit(MAX_BYTES)
        .setParseComments(false)
        .setUseMarks(true)
        .build();
    List<Node> docs = new ArrayList<>();
    try {
      Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      while (composer.hasNext()) {
        Node n = composer.next();
        if (docs.size() >= MAX_DOCUMENTS) {
          throw ImportFailure.at(name, line(n), 1, "more than " + MAX_DOCUMENTS + " YAML documents", null);
        }
        if (!(n instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
          docs.add(n);
        }
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      String message = problem.contains("(TAB)")
          ? "a tab character where YAML needs spaces"
          : problem.contains("exceeds") && problem.contains("aliases")
              ? "too many aliases (*name) to lists or mappings"
              : "invalid YAML: " + problem.trim();
      throw ImportFailure.at(name, mark.map(m -> m.getLine() + 1).orElse(0),
          mark.map(m -> m.getColumn() + 1).orElse(0), message, null);
    } catch (YamlEngineException e) {
      throw ImportFailure.at(name, 1, 1, "invalid YAML: " + e.getMessage(), null);
    } catch (StackOverflowError e) {
      throw ImportFailure.at(name, 1, 1, "lists and mappings are nested too deeply", null);
    }
    return docs;
  }

  private static int line(Node n) {
    return n.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  /** The only document, or a located failure when there is none or several. */
  Node single() {
    if (documents.isEmpty()) {
      throw ImportFailure.at(name, 1, 1, "the file is empty", null);
    }
    if (documents.size() > 1) {
      throw ImportFailure.at(name, line(documents.get(1)), 1,
          "more than one YAML document (---) where this kind of file holds one", null);
    }
    return documents.get(0);
  }

  Where where(Node node, String keyPath) {
    return Where.of(name, node, keyPath);
  }

  ScenarioError error(Node node, String keyPath, String message, String hint) {
    Where w = where(node, keyPath);
    return new ScenarioError(name, w.line(), w.column(), keyPath, message, hint);
  }
}
