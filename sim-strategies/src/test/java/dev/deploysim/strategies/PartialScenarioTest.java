package dev.deploysim.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A strategy's own rules run even when parts of the file it does not read have problems (and their
 * problems are reported together): every repository scenario, with one such part broken, reports
 * exactly that part's problem, so no strategy rule trips over the missing part or adds a problem
 * of its own, and a strategy rule is still reported beside it.
 */
class PartialScenarioTest {
  static final ScenarioLoader LOADER = new ScenarioLoader(Strategies.catalog());

  /** A part a strategy does not read, broken, with the key path its problem is reported at. */
  record Break(String key, Object value, String path) {}

  static final List<Break> BREAKS = List.of(
      new Break("traffic", Map.of("rps", -1), "traffic.rps"),
      new Break("dns", Map.of("ttl", -1), "dns.ttl"),
      new Break("output", Map.of("sampleInterval", 0), "output.sampleInterval"),
      new Break("alarms", List.of(Map.of("name", "x", "metric", "errors", "threshold", 1)), "alarms[0].metric"),
      new Break("faults", List.of(Map.of("at", "1m", "type", "meteor")), "faults[0].type"),
      new Break("name", "not a name", "name"));

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("..", "scenarios"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @SuppressWarnings("unchecked")
  static String with(String yaml, Break b) {
    Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>)
        new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(yaml));
    doc.put(b.key(), b.value());
    return new Dump(DumpSettings.builder().build()).dumpToString(doc);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void aBrokenPartTheStrategyDoesNotReadIsTheOnlyProblem(Path file) throws IOException {
    String yaml = Files.readString(file);
    LoadResult valid = LOADER.parse(yaml, file.toString());
    if (!valid.ok()) {
      return; // a lesson that shows a refused file; ScenarioFilesTest says which may be
    }
    for (Break b : BREAKS) {
      LoadResult r = assertDoesNotThrow(() -> LOADER.parse(with(yaml, b), file + " with " + b.key()));
      assertThat(r.errors()).as(() -> b + ":\n" + r.errors().stream().map(ScenarioError::format)
          .collect(Collectors.joining("\n"))).extracting(ScenarioError::path).containsOnly(b.path());
    }
  }

  @Test
  void aStrategyRuleIsReportedWithTheOtherProblemsOfTheFileAndOfTheDeployment() {
    String yaml = """
        name: two problems
        fleet: {instances: 4}
        traffic: {rps: 200}
        versions: {v1: {}, v2: {}}
        deployment:
          version: v2
          strategy: {type: eb.rolling, batchSize: 6}
          rollback: {onFailure: true}
        """;
    LoadResult r = LOADER.parse(yaml, "x.yaml");
    assertThat(r.errors()).extracting(ScenarioError::format).containsExactly(
        "x.yaml:1:1: name: must be letters, digits, '.', '_' or '-', starting with a letter or digit (it names the "
            + "output folder), got \"two problems\" (e.g. two-problems)",
        "x.yaml:7:32: deployment.strategy.batchSize: batch size 6 is larger than the fleet's 4 instances (use at most 4,"
            + " or a percentage like \"50%\")",
        "x.yaml:8:14: deployment.rollback.onFailure: Elastic Beanstalk rolling deployments do not roll back"
            + " automatically: a failed deployment leaves finished batches on the new version; redeploy a known good"
            + " version, or use eb.immutable");
  }
}
