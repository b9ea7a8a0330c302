package dev.deploysim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.deploysim.format.ScalarSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The schema's duration and percentage patterns accept exactly the texts the loader accepts: both
 * come from {@link ScalarSyntax}. Each text is written into a scenario (quoted, so YAML keeps it
 * text) and loaded, and validated against the generated schema's definition; the two answers must
 * agree for every text. The ECMAScript reading (what editors use) is checked too where node is
 * installed.
 */
class DurationGrammarAgreementTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Valid and invalid durations, the tricky ones first. */
  static final List<String> DURATIONS = List.of(
      "P", "PT", "1m1m", "1h30", "PT5M", "1h30m", "250ms", "30", "-5s", "1e3s",
      "30s", "5m", "2d", "1d2h3m4s5ms", "1s500ms", ".5s", "0.5s", "5.s", "1.2.3s", "30m1h", "1h1h", "5 m", "5M",
      "pt5m", "Pt5M", "P1D", "P1DT", "P1DT2H", "PT1.5S", "PT5", "P1..5D", "PT.5S", "P.5D", " 30s ", "\t30s", "",
      " ", "s", "ms", "m5", "1ms1s", "5mm", "PT1H30M", "PT30M1H", "P1M", "P1W", "1.5h", "0", "00", "007s",
      "1_000s", "+5s", "5S", "5H", "1h 30m", "30sec", "1e3", "0x10", "never", "1d1d", "1h30m15s500ms", "PT0S",
      "P0D", "1.", ".", "..5s", "5ms5", "P1DT1H1M1S", "p1dt1h", "T5M", "PTM", "P5DT", "10", "3600s", "1m30s",
      "1h.5m", "PT1H.5M", "h", "1 h", "1h\t");

  static final List<String> PERCENTS = List.of(
      "30%", "30 %", " 30%", "30% ", "0%", "100%", "100.5%", ".5%", "5.%", "%", "30", "-5%", "30%%", "3 0%",
      "1e2%", "30 percent", "30%\t");

  static Map<String, Object> definitions() {
    @SuppressWarnings("unchecked")
    Map<String, Object> defs = (Map<String, Object>) ScenarioSchema.tree(TestCatalog.catalog()).get("definitions");
    return defs;
  }

  static Schema definition(String name) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "http://json-schema.org/draft-07/schema#");
    schema.put("$ref", "#/definitions/" + name);
    schema.put("definitions", definitions());
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(JsonText.write(schema), InputFormat.JSON);
  }

  static boolean loaderAccepts(String key, String text) throws IOException {
    String yaml = ScenarioValuesTest.scenario(key.equals("at") ? "" : key + ": " + JSON.writeValueAsString(text),
        "").replace("deployment:\n", key.equals("at") ? "deployment:\n  at: " + JSON.writeValueAsString(text) + "\n"
            : "deployment:\n");
    return new ScenarioLoader(TestCatalog.catalog()).parse(yaml, "t.yaml").ok();
  }

  @Test
  void durationPatternAndLoaderAgreeOnEveryText() throws Exception {
    Schema duration = definition("duration");
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    for (String text : DURATIONS) {
      boolean loader = loaderAccepts("at", text);
      boolean schema = duration.validate(TextNode.valueOf(text)).isEmpty();
      accepted += loader ? 1 : 0;
      if (loader != schema) {
        disagreements.add(JSON.writeValueAsString(text) + " loader=" + loader + " schema=" + schema);
      }
    }
    assertThat(disagreements).as("texts the schema and the loader disagree on").isEmpty();
    // the list holds both kinds, so agreement is not "both refuse everything"
    assertThat(accepted).isBetween(20, DURATIONS.size() - 20);
  }

  @Test
  void percentPatternAndLoaderAgreeOnEveryText() throws Exception {
    // the schema of fake.rolling's batchSize: a count or a percentage
    JsonNode batchSize = JSON.readTree(ScenarioSchema.generate(TestCatalog.catalog()))
        .at("/properties/deployment/properties/strategy/allOf/3/then/properties/batchSize");
    assertThat(batchSize.isMissingNode()).isFalse();
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(JSON.writeValueAsString(batchSize), InputFormat.JSON);
    List<String> disagreements = new ArrayList<>();
    for (String text : PERCENTS) {
      // batchSize of fake.rolling is a count or a percentage from 1% to 100%
      boolean loaderReads = ScalarSyntax.percent(text).isPresent();
      boolean loader = loaderAccepts("batchSize", text);
      boolean inRange = loaderReads && ScalarSyntax.percent(text).getAsDouble() >= 1
          && ScalarSyntax.percent(text).getAsDouble() <= 100;
      assertThat(loader).as(text).isEqualTo(inRange);
      boolean pattern = schema.validate(TextNode.valueOf(text)).isEmpty();
      if (loader != pattern) {
        disagreements.add(JSON.writeValueAsString(text) + " loader=" + loader + " schema=" + pattern);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  /** The same patterns read as ECMAScript regular expressions (the dialect of JSON Schema), by node. */
  @Test
  void ecmaScriptReadsThePatternsAsJavaDoes() throws Exception {
    assumeTrue(NodeJs.available(), "node is not installed: the ECMAScript reading of the patterns is not checked");
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("duration", Map.of("pattern", ScalarSyntax.durationPattern(), "texts", DURATIONS));
    input.put("percent", Map.of("pattern", ScalarSyntax.percentPattern(), "texts", PERCENTS));
    String script = "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        + "const out = {};\n"
        + "for (const [k, v] of Object.entries(input)) {\n"
        + "  const re = new RegExp(v.pattern, 'u');\n"
        + "  out[k] = v.texts.map(t => re.test(t));\n"
        + "}\n"
        + "process.stdout.write(JSON.stringify(out));\n";
    JsonNode out = JSON.readTree(NodeJs.run(script, JSON.writeValueAsString(input)));
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < DURATIONS.size(); i++) {
      String t = DURATIONS.get(i);
      if (out.get("duration").get(i).asBoolean() != ScalarSyntax.duration(t).isPresent()) {
        disagreements.add("duration " + JSON.writeValueAsString(t));
      }
    }
    for (int i = 0; i < PERCENTS.size(); i++) {
      String t = PERCENTS.get(i);
      if (out.get("percent").get(i).asBoolean() != ScalarSyntax.percent(t).isPresent()) {
        disagreements.add("percent " + JSON.writeValueAsString(t));
      }
    }
    assertThat(disagreements).isEmpty();
  }

  /** Runs node scripts for tests; absent node is reported, never a failure. */
  static final class NodeJs {
    private NodeJs() {}

    static boolean available() {
      try {
        Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Runs a script with the given standard input; its standard output. */
    static String run(String script, String stdin) throws IOException, InterruptedException {
      Path file = Files.createTempFile("deploysim-test", ".js");
      try {
        Files.writeString(file, script);
        Process p = new ProcessBuilder("node", file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(p.exitValue()).as("node exit code").isZero();
        return out;
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }
}
