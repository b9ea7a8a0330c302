package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.deploysim.format.ScalarSyntax;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.load.ScenarioSchema;
import dev.deploysim.strategies.Strategies;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an editor driven by the schema (yaml-language-server in VS Code, Neovim and others; the
 * JetBrains IDEs) gets, property by property, checked with a draft-07 validator: hover shows each
 * key's own description (shared definitions carry a title only); sections have titles; every value
 * completion inserts (defaultSnippets) and every default is valid where it goes; a wrong duration
 * gets a message that says what a duration is; the duration pattern accepts exactly what the loader
 * accepts; and the rules a draft-07 schema can state are there, agreeing with the loader on each
 * example. ScenarioFilesTest runs every repository scenario against the schema.
 */
class SchemaEditorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static JsonNode root;
  static Schema schema;

  @BeforeAll
  static void generate() throws Exception {
    root = JSON.readTree(ScenarioSchema.generate(Strategies.catalog()));
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(root);
  }

  /** Every object node of the schema by its JSON pointer. */
  static Map<String, JsonNode> nodes() {
    Map<String, JsonNode> all = new LinkedHashMap<>();
    walk(root, "", all);
    return all;
  }

  private static void walk(JsonNode node, String pointer, Map<String, JsonNode> out) {
    if (node.isObject()) {
      out.put(pointer, node);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("defaultSnippets") && !e.getKey().equals("default")) { // values, not schemas
          walk(e.getValue(), pointer + "/" + e.getKey(), out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, out);
      }
    }
  }

  /** A key's schema on its own (the root's definitions beside it, for its $refs). */
  static Schema schemaOf(JsonNode node) {
    ObjectNode s = node.deepCopy();
    s.put("$schema", "http://json-schema.org/draft-07/schema#");
    s.set("definitions", root.get("definitions"));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(s);
  }

  /** The keys of a mapping: pointers ending in /properties/NAME (not a property called "properties"). */
  static boolean isKey(String pointer) {
    return pointer.matches(".*/properties/[^/]+") && !pointer.endsWith("/properties/properties");
  }

  @Test
  void sharedDefinitionsHaveATitleAndNoDescriptionSoHoverShowsTheKeys() {
    for (String name : List.of("duration", "distribution")) {
      JsonNode def = root.at("/definitions/" + name);
      assertThat(def.has("title")).as(name).isTrue();
      assertThat(def.has("description")).as(name).isFalse();
    }
    List<String> withoutDescription = new ArrayList<>();
    int shared = 0;
    for (Map.Entry<String, JsonNode> e : nodes().entrySet()) {
      JsonNode node = e.getValue();
      if (isKey(e.getKey()) && node.path("allOf").path(0).has("$ref")) {
        shared++;
        if (!node.has("description")) {
          withoutDescription.add(e.getKey());
        }
      }
    }
    assertThat(shared).as("keys that use a shared definition").isGreaterThan(27);
    assertThat(withoutDescription).isEmpty();
  }

  @Test
  void everySectionHasATitleSoCompletionNamesIt() {
    List<String> untitled = new ArrayList<>();
    nodes().forEach((pointer, node) -> {
      if (pointer.matches("/properties/[^/]+") && node.has("properties") && !node.has("title")) {
        untitled.add(pointer);
      }
    });
    assertThat(untitled).isEmpty();
    assertThat(root.at("/properties/fleet/title").asText()).isEqualTo("fleet");
    assertThat(root.at("/properties/deployment/properties/strategy/title").asText()).isEqualTo("strategy");
  }

  @Test
  void everySnippetAndDefaultIsValidWhereItGoes() {
    int snippets = 0;
    for (Map.Entry<String, JsonNode> e : nodes().entrySet()) {
      JsonNode node = e.getValue();
      if (!isKey(e.getKey())) {
        continue;
      }
      Schema own = null;
      for (JsonNode snippet : node.path("defaultSnippets")) {
        own = own == null ? schemaOf(node) : own;
        assertThat(own.validate(snippet.get("body"))).as(e.getKey() + " snippet " + snippet).isEmpty();
        assertThat(snippet.toString()).doesNotContain("[object Object]");
        assertThat(snippet.get("label").asText()).isNotBlank();
        snippets++;
      }
      if (node.has("default")) {
        own = own == null ? schemaOf(node) : own;
        assertThat(own.validate(node.get("default"))).as(e.getKey() + " default " + node.get("default")).isEmpty();
      }
    }
    assertThat(snippets).isGreaterThan(100);
  }

  @Test
  void theKeysEditorsGotWrongCompleteToValidValues() {
    // a list of objects inserts a list with an object, not [object Object]
    JsonNode steps = root.at("/properties/traffic/properties/pattern/properties/steps/defaultSnippets/0/body");
    assertThat(steps.isArray() && steps.get(0).isObject()).as(steps.toString()).isTrue();
    assertThat(steps.get(0).has("at") && steps.get(0).has("rps")).as(steps.toString()).isTrue();
    // durations insert a value, so completion writes "key: value" rather than a bare key
    for (String key : List.of("instanceWarmup", "podStopTime")) {
      List<String> found = new ArrayList<>();
      nodes().forEach((pointer, node) -> {
        if (pointer.endsWith("/properties/" + key)) {
          found.add(pointer);
          assertThat(node.path("defaultSnippets").path(0).path("body").isValueNode()).as(pointer).isTrue();
        }
      });
      assertThat(found).as(key).isNotEmpty();
    }
    // instances: a fleet of at least one, and completion suggests one
    JsonNode instances = root.at("/properties/fleet/properties/instances");
    assertThat(instances.get("minimum").asLong()).isEqualTo(1);
    assertThat(instances.at("/defaultSnippets/0/body").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aWrongDurationSaysWhatADurationIsAndItsBounds() {
    assertThat(root.at("/definitions/duration/errorMessage").asText())
        .isEqualTo("expected " + ScalarSyntax.DURATION_EXAMPLES + "; at most 30 days (720h), the longest time a "
            + "run simulates");
    assertThat(root.at("/definitions/distribution/errorMessage").asText()).contains("lognormal");
    // a key with its own range says it: a CodeDeploy interval is 1 to 2880 minutes
    JsonNode interval = nodes().entrySet().stream()
        .filter(e -> e.getKey().endsWith("/properties/canary/properties/interval")).findFirst().orElseThrow()
        .getValue();
    assertThat(interval.get("errorMessage").asText()).endsWith("must be between 1m and 48h");
  }

  /** The strings that split the editor and the loader before the pattern came from the parser's grammar. */
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"P", "PT", "1m1m", "1h30", "30m1h", "1s1m", "PT1H30M", "pt5m", "P1D", "P1DT", "P1DT2H",
      "PT.5S", "1h30m", "250ms", "1.5s", ".5m", "5.m", "30", "0", " 30s ", "30 s", "-5s", "1e3", "5min", "1d2h3m4s5ms",
      "1d1d", "ms", "s", "", "PT5M ", "P5M", "PT5D", "1H", "2d", "1.5h", "T5M", "PT5M30S", "5ms1s", "1h 30m", "0.0s",
      "01m"})
  void theDurationPatternAcceptsExactlyWhatTheLoaderAccepts(String text) {
    JsonNode duration = root.at("/definitions/duration");
    boolean schemaAccepts = schemaOf(duration).validate(new TextNode(text)).isEmpty();
    String yaml = SCENARIO.formatted(1, 4, "\"" + text + "\"", "eb.rolling", "onFailure: false");
    boolean loaderAccepts = load(yaml).ok();
    assertThat(schemaAccepts).as("schema accepts \"" + text + "\"").isEqualTo(loaderAccepts);
    assertThat(ScalarSyntax.duration(text).isPresent()).isEqualTo(loaderAccepts);
  }

  @Test
  void theSeedHasItsRealUpperBound() {
    assertThat(root.at("/properties/seed/maximum").asLong()).isEqualTo(Long.MAX_VALUE);
    LoadResult r = load(SCENARIO.formatted("1e20", 4, "30s", "eb.rolling", "onFailure: false"));
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).format()).contains("seed: must be at most 9223372036854775807, got "
        + "100000000000000000000");
  }

  static final String SCENARIO = """
      name: editor
      seed: %s
      fleet: {instances: %s, zones: [a, b]}
      loadBalancer: {type: alb}
      traffic: {rps: 100}
      versions: {v1: {install: 30s}, v2: {}}
      alarms: [{name: errors, metric: errorRate, threshold: 0.05}]
      deployment:
        at: %s
        version: v2
        strategy: {type: %s}
        rollback: {%s}
      """;

  static LoadResult load(String yaml) {
    return new ScenarioLoader(Strategies.catalog()).parse(yaml, "editor.yaml");
  }

  static void agree(String name, String yaml, boolean valid) {
    LoadResult loaded = load(yaml);
    var errors = schema.validate(ScenarioFilesTest.json(yaml));
    assertThat(loaded.ok()).as(name + ": loader " + loaded.errors().stream().map(ScenarioError::format)
        .collect(Collectors.joining("; "))).isEqualTo(valid);
    assertThat(errors.isEmpty()).as(name + ": schema " + errors).isEqualTo(valid);
  }

  /**
   * The base is valid for both; each change makes both the loader and the schema refuse it, or
   * neither. (seed: 1e20 is left to {@link #theSeedHasItsRealUpperBound}: this validator compares a
   * decimal with a whole-number maximum after rounding it into a long, an editor's JavaScript does
   * not.)
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "valid                          | 1    | 4 | eb.rolling                      | onFailure: false   | true",
      "onAlarms on eb.rolling         | 1    | 4 | eb.rolling                      | onAlarms: [errors] | false",
      "onAlarms on eb.immutable       | 1    | 4 | eb.immutable                    | onAlarms: [errors] | false",
      "onAlarms on codedeploy.in-place| 1    | 4 | codedeploy.in-place             | onAlarms: [errors] | true",
      "onFailure true on eb.rolling   | 1    | 4 | eb.rolling                      | onFailure: true    | false",
      "onFailure false on eb.immutable| 1    | 4 | eb.immutable                    | onFailure: false   | false",
      "seed 2^63-1                    | 9223372036854775807 | 4 | eb.rolling       | onFailure: false   | true",
      "seed 2^63                      | 9223372036854775808 | 4 | eb.rolling       | onFailure: false   | false",
      "zero instances                 | 1    | 0 | eb.rolling                      | onFailure: false   | false"})
  void theSchemaAndTheLoaderAgreeOnRollbackSeedAndFleet(String name, String seed, String instances, String type,
      String rollback, boolean valid) {
    agree(name, SCENARIO.formatted(seed, instances, "1m", type, rollback), valid);
  }

  static final String CODEDEPLOY = """
      name: editor
      fleet: {instances: 4, zones: [a, b]}
      loadBalancer: {type: alb}
      traffic: {rps: 100}
      versions: {v1: {install: 30s}, v2: {}}
      deployment:
        at: 1m
        version: v2
        strategy: {type: %s}
      """;

  /** CodeDeploy: one configuration, predefined or custom; each platform's own configurations and hooks. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "config                                 | codedeploy.in-place, config: CodeDeployDefault.HalfAtATime | true",
      "minimumHealthyHosts                    | codedeploy.in-place, minimumHealthyHosts: {type: HOST_COUNT, value: 2} | true",
      "config and minimumHealthyHosts         | codedeploy.in-place, config: CodeDeployDefault.HalfAtATime, minimumHealthyHosts: {type: HOST_COUNT, value: 2} | false",
      "blue/green config and minimum          | codedeploy.blue-green, config: CodeDeployDefault.AllAtOnce, minimumHealthyHosts: {type: FLEET_PERCENT, value: 50} | false",
      "FLEET_PERCENT 99                       | codedeploy.in-place, minimumHealthyHosts: {type: FLEET_PERCENT, value: 99} | true",
      "FLEET_PERCENT 100                      | codedeploy.in-place, minimumHealthyHosts: {type: FLEET_PERCENT, value: 100} | false",
      "HOST_COUNT 0                           | codedeploy.in-place, minimumHealthyHosts: {type: HOST_COUNT, value: 0} | true",
      "in-place hook of EC2                   | codedeploy.in-place, hooks: {BeforeInstall: 10s} | true",
      "in-place hook of ECS only              | codedeploy.in-place, hooks: {AfterAllowTestTraffic: 10s} | false",
      "ecs canary                             | codedeploy.traffic-shift, platform: ecs, canary: {percent: 10, interval: 5m} | true",
      "ecs config and canary                  | codedeploy.traffic-shift, platform: ecs, config: CodeDeployDefault.ECSAllAtOnce, canary: {percent: 10, interval: 5m} | false",
      "canary and linear                      | codedeploy.traffic-shift, platform: ecs, canary: {percent: 10, interval: 5m}, linear: {percent: 10, interval: 1m} | false",
      "canary percent 0                       | codedeploy.traffic-shift, platform: ecs, canary: {percent: 0, interval: 5m} | false",
      "canary percent 100                     | codedeploy.traffic-shift, platform: ecs, canary: {percent: 100, interval: 5m} | false",
      "ecs config                             | codedeploy.traffic-shift, platform: ecs, config: CodeDeployDefault.ECSLinear10PercentEvery1Minutes | true",
      "lambda config                          | codedeploy.traffic-shift, platform: lambda, config: CodeDeployDefault.LambdaCanary10Percent5Minutes | true",
      "lambda with an ECS config              | codedeploy.traffic-shift, platform: lambda, config: CodeDeployDefault.ECSAllAtOnce | false",
      "ecs with a Lambda config               | codedeploy.traffic-shift, platform: ecs, config: CodeDeployDefault.LambdaAllAtOnce | false",
      "ecs hook BeforeInstall                 | codedeploy.traffic-shift, platform: ecs, hooks: {BeforeInstall: 10s} | true",
      "lambda hook BeforeAllowTraffic         | codedeploy.traffic-shift, platform: lambda, hooks: {BeforeAllowTraffic: 10s} | true",
      "lambda hook BeforeInstall              | codedeploy.traffic-shift, platform: lambda, hooks: {BeforeInstall: 10s} | false"})
  void theSchemaAndTheLoaderAgreeOnCodeDeploy(String name, String strategy, boolean valid) {
    agree(name, CODEDEPLOY.formatted(strategy), valid);
  }
}
