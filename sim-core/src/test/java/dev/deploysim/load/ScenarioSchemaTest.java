package dev.deploysim.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The JSON Schema generated from the format (with the test catalog): a valid draft-07 schema, the
 * same text every time, accepting the valid scenarios and rejecting the invalid ones that a schema
 * can tell apart.
 */
class ScenarioSchemaTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static String text;
  static Schema schema;

  @BeforeAll
  static void generate() {
    text = ScenarioSchema.generate(TestCatalog.catalog());
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text, InputFormat.JSON);
  }

  /** YAML read as the YAML 1.2 core schema, as the loader reads it, then as a JSON tree. */
  static JsonNode yamlToJson(String yaml) {
    Object data = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(yaml);
    return JSON.valueToTree(data);
  }

  static List<Error> validate(String yaml) {
    return schema.validate(yamlToJson(yaml));
  }

  @Test
  void isAValidDraft07Schema() throws Exception {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    Schema meta = registry.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
    assertThat(meta.validate(JSON.readTree(text))).isEmpty();
    assertThat(JSON.readTree(text).get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
  }

  @Test
  void isDeterministicAndPretty() {
    assertThat(ScenarioSchema.generate(TestCatalog.catalog())).isEqualTo(text);
    assertThat(text).startsWith("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n");
    assertThat(text).endsWith("}\n");
    assertThat(text).doesNotContain("\t");
  }

  @Test
  void describesEveryStrategyTypeAndItsParameters() throws Exception {
    JsonNode strategy = JSON.readTree(text).at("/properties/deployment/properties/strategy");
    assertThat(strategy.at("/properties/type/enum").toString())
        .isEqualTo("[\"fake.all-at-once\",\"fake.immutable\",\"fake.refresh\",\"fake.rolling\",\"fake.serverless\"]");
    JsonNode rolling = strategy.at("/allOf/3");
    assertThat(rolling.at("/if/properties/type/const").asText()).isEqualTo("fake.rolling");
    assertThat(rolling.at("/then/additionalProperties").asBoolean(true)).isFalse();
    assertThat(rolling.at("/then/properties/batchSize/default").asText()).isEqualTo("30%");
    assertThat(rolling.at("/then/properties/timeout/default").asText()).isEqualTo("10m");
    assertThat(rolling.at("/then/properties/steps/items/required").toString()).isEqualTo("[\"weight\",\"hold\"]");
    JsonNode root = JSON.readTree(text);
    assertThat(root.at("/properties/fleet/properties/launchTime/default").toString())
        .isEqualTo("{\"lognormal\":{\"median\":\"40s\",\"p95\":\"1m30s\"}}");
    assertThat(root.at("/properties/fleet/properties/healthCheckGracePeriod/default").asText()).isEqualTo("5m");
    assertThat(root.at("/properties/fleet/additionalProperties").asBoolean(true)).isFalse();
  }

  static Stream<String> validFiles() throws Exception {
    return files("valid");
  }

  static Stream<String> files(String dir) throws URISyntaxException, java.io.IOException {
    Path d = Path.of(ScenarioSchemaTest.class.getResource("/scenarios/" + dir).toURI());
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> dir + "/" + p.getFileName()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void acceptsValidScenarios(String file) {
    String yaml = ScenarioLoaderTest.resource(file);
    assertThat(new ScenarioLoader(TestCatalog.catalog()).parse(yaml, file).errors()).isEmpty();
    assertThat(validate(yaml)).isEmpty();
  }

  @Test
  void acceptsEveryShapeTheLoaderAccepts() {
    String yaml = ScenarioValuesTest.scenario("batchSize: \"30%\", timeout: PT10M, pauseTime: never, "
        + "warmup: {triangular: [1s, 2s, 3s]}, hooks: {BeforeInstall: {exponential: {mean: 30s}}}, "
        + "steps: [{weight: 10, hold: 90}], minimumHealthyHosts: {type: FLEET_PERCENT, value: 50}", """
        loadBalancer: {type: clb, preset: elastic-beanstalk, healthCheck: {firstCheckDelay: {normal: {mean: 5s, sd: 1s}}}}
        dns: {ttl: 30s}
        versions:
          v1: {health: {failingAfter: 1h}}
          v2: {health: failing, start: 250ms}
        alarms: [{name: a, metric: healthyHosts, threshold: 1, comparison: LessThanThreshold}]
        faults: [{at: 1m, type: slowBoots, factor: 3, duration: 10m}, {at: 2m, type: instanceFailure}]
        output: {sampleInterval: 1s}
        """).replace("versions: {v1: {}, v2: {}}\n", "").replace("fleet: {instances: 6, zones: [a, b, c]}",
        "fleet: {instances: 6, zones: [a, b, c], lifecycleHooks: [{transition: terminating, completesAfter: never}],"
            + " warmPool: {state: Hibernated}, scheduledActions: [{at: 1h, desired: 3}]}");
    assertThat(new ScenarioLoader(TestCatalog.catalog()).parse(yaml, "t.yaml").errors()).isEmpty();
    assertThat(validate(yaml)).isEmpty();
  }

  /** Invalid files whose mistake a schema can see (rules across keys it cannot). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"unknown-key", "wrong-type", "bad-duration", "negative-count", "unknown-strategy",
      "unknown-parameter", "error-rate-out-of-range", "unknown-distribution", "missing-name", "missing-instances",
      "missing-deployment-version", "missing-strategy-type", "boolean-yes", "count-or-percent-word",
      "root-is-a-list", "traffic-rps-and-pattern", "fault-key-of-other-type", "enum-wrong-case",
      "name-is-a-number", "name-with-spaces", "zone-listed-twice", "count-not-whole", "negative-duration",
      "unknown-root-key", "one-version-only", "distribution-two-kinds",
      "version-health-word", "on-alarms-too-many"})
  void rejectsWhatItCanSee(String name) {
    String yaml = ScenarioLoaderTest.resource("invalid/" + name + ".yaml");
    assertThat(validate(yaml)).as(name).isNotEmpty();
  }
}
