package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.load.ScenarioSchema;
import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Every scenario shipped in scenarios/ (recursively) loads without a problem and validates against
 * the JSON Schema, so the schema never rejects a file the simulator accepts. A built-in sample
 * runs too, so the test checks something even without scenario files.
 */
class ScenarioFilesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A small valid scenario with the first strategy type, independent of the files in scenarios/. */
  static final String SAMPLE = """
      # yaml-language-server: $schema=../scenario.schema.json
      name: sample
      description: built-in sample of ScenarioFilesTest
      seed: 3
      fleet:
        instances: 4
        maxSize: 8
        zones: [a, b]
        launchTime: {lognormal: {median: 40s, p95: 90s}}
        lifecycleHooks:
          - {transition: launching, completesAfter: {uniform: [10s, 20s]}}
      loadBalancer: {type: alb, healthCheck: {interval: 10s, timeout: 5s, healthyThreshold: 3}}
      dns: {ttl: 60s}
      traffic: {pattern: {steps: [{at: 0s, rps: 100}, {at: 10m, rps: 300}]}}
      versions:
        v1: {install: 30s, start: 10s}
        v2: {install: {normal: {mean: 30s, sd: 5s}}, start: PT10S, health: {failingAfter: 1h}}
      deployment:
        at: 5m
        version: v2
        strategy: {type: eb.all-at-once}
      alarms:
        - {name: errors, metric: errorRate, threshold: 0.05, evaluationPeriods: 3, datapointsToAlarm: 2}
      faults:
        - {at: 8m, type: instanceFailure, count: 1, zone: b}
      output: {sampleInterval: 10s}
      """;

  static Schema schema() {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(ScenarioSchema.generate(Strategies.catalog()), InputFormat.JSON);
  }

  /** YAML read with the YAML 1.2 core schema, as the loader reads it, as a JSON tree. */
  static JsonNode json(String yaml) {
    return JSON.valueToTree(new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(yaml));
  }

  static void check(Schema schema, String yaml, String name) {
    LoadResult r = new ScenarioLoader(Strategies.catalog()).parse(yaml, name);
    assertThat(r.errors()).as(() -> "loader problems:\n"
        + r.errors().stream().map(ScenarioError::format).collect(Collectors.joining("\n"))).isEmpty();
    assertThat(r.ok()).isTrue();
    assertThat(schema.validate(json(yaml))).as(name + " against scenario.schema.json").isEmpty();
  }

  /**
   * Lesson files that show a refusal (`sim validate` on them is the lesson): the loader refuses them,
   * and so does the schema (it states what each strategy type refuses under deployment.rollback), so
   * an editor shows the refusal while the file is written.
   */
  static final List<String> REFUSED = List.of("scenarios/lessons/eb-alarm-rollback.yaml");

  static void checkRefused(Schema schema, String yaml, String name) {
    LoadResult r = new ScenarioLoader(Strategies.catalog()).parse(yaml, name);
    assertThat(r.ok()).as(name + " is refused").isFalse();
    assertThat(r.errors()).isNotEmpty();
    assertThat(schema.validate(json(yaml))).as(name + " against scenario.schema.json").isNotEmpty();
  }

  static List<Path> scenarioFiles() throws IOException {
    Path dir = SchemaFileTest.repositoryRoot().resolve("scenarios");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  @TestFactory
  List<DynamicTest> scenariosLoadAndMatchTheSchema() throws IOException {
    Schema schema = schema();
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(dynamicTest("built-in sample", () -> check(schema, SAMPLE, "sample.yaml")));
    Path root = SchemaFileTest.repositoryRoot();
    for (Path p : scenarioFiles()) {
      String name = root.relativize(p).toString();
      String text = Files.readString(p, StandardCharsets.UTF_8);
      String unix = name.replace(java.io.File.separatorChar, '/');
      tests.add(dynamicTest(name, () -> {
        if (REFUSED.contains(unix)) {
          checkRefused(schema, text, name);
        } else {
          check(schema, text, name);
        }
      }));
    }
    return tests;
  }
}
