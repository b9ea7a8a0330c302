package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.deploysim.load.ScenarioSchema;
import dev.deploysim.strategies.Strategies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed scenario.schema.json (what editors read through the
 * {@code # yaml-language-server: $schema=../scenario.schema.json} line) is exactly what
 * {@code sim schema} prints for the strategies in the build, and a valid draft-07 schema.
 */
class SchemaFileTest {
  static final String REGENERATE = "regenerate it at the repository root: ./sim schema > scenario.schema.json";

  /** The repository root: the nearest directory up from the working directory with the Maven wrapper. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("sim-cli"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  @Test
  void committedSchemaIsWhatSimSchemaPrints() throws Exception {
    Path file = repositoryRoot().resolve("scenario.schema.json");
    String expected = ScenarioSchema.generate(Strategies.catalog());
    if (!Files.exists(file)) {
      fail("scenario.schema.json is missing; " + REGENERATE);
    }
    String actual = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    if (!actual.equals(expected)) {
      String[] a = actual.split("\n", -1);
      String[] e = expected.split("\n", -1);
      int line = 0;
      while (line < Math.min(a.length, e.length) && a[line].equals(e[line])) {
        line++;
      }
      fail("scenario.schema.json is out of date (strategies or the format changed); " + REGENERATE
          + "\nfirst difference at line " + (line + 1) + ":\n  committed: "
          + (line < a.length ? a[line].strip() : "(end of file)") + "\n  generated: "
          + (line < e.length ? e[line].strip() : "(end of file)"));
    }
  }

  @Test
  void schemaIsAValidDraft07Schema() throws Exception {
    String text = ScenarioSchema.generate(Strategies.catalog());
    Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
    assertThat(meta.validate(new ObjectMapper().readTree(text))).isEmpty();
  }

  @Test
  void everyStrategyTypeHasItsParameters() throws Exception {
    var tree = new ObjectMapper().readTree(ScenarioSchema.generate(Strategies.catalog()));
    var strategy = tree.at("/properties/deployment/properties/strategy");
    assertThat(strategy.at("/properties/type/enum")).hasSize(Strategies.catalog().names().size());
    var cases = strategy.get("allOf");
    for (int i = 0; i < Strategies.catalog().all().size(); i++) {
      var type = Strategies.catalog().all().get(i).description();
      assertThat(cases.get(i).at("/if/properties/type/const").asText()).isEqualTo(type.name());
      for (var p : type.params()) {
        assertThat(cases.get(i).at("/then/properties").has(p.name())).as(type.name() + "." + p.name()).isTrue();
      }
    }
  }
}
