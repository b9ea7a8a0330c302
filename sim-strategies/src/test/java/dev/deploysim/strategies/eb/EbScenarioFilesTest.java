package dev.deploysim.strategies.eb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.Simulate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's eb-*.yaml scenarios load, run, and show what their descriptions claim. They use
 * the elastic-beanstalk load balancer preset (ALB: checks every 15 s, one pass for a new target,
 * 20 s deregistration delay), 6 instances, 400 requests/second, install 30 s, start 10 s.
 */
class EbScenarioFilesTest {
  static final Path DIR = Path.of("..", "scenarios");
  static final List<String> POLICIES = List.of("all-at-once", "rolling", "rolling-additional-batch", "immutable",
      "traffic-splitting", "blue-green");

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.getFileName().toString().startsWith("eb-")).sorted().toList().stream();
    }
  }

  static Summary run(String file) {
    try {
      return Simulate.run(Files.readString(DIR.resolve(file))).summary();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyPolicyHasAHealthyAndABadScenario() throws IOException {
    List<String> names = files().map(p -> p.getFileName().toString()).toList();
    for (String p : POLICIES) {
      assertThat(names).contains("eb-" + p + ".yaml", "eb-" + p + "-bad.yaml");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void loadsAndRuns(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("# yaml-language-server: $schema=../scenario.schema.json");
    assertThat(lines).anyMatch(l -> l.startsWith("description: "));
    String name = file.getFileName().toString();
    assertThat(lines).contains("name: " + name.replace(".yaml", ""));
    RunResult r = Simulate.run(Files.readString(file));
    Summary s = r.summary();
    assertThat(s.strategy()).startsWith("eb.");
    if (!name.endsWith("-bad.yaml")) {
      assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    } else if (name.startsWith("eb-immutable") || name.startsWith("eb-traffic-splitting")) {
      assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
      assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    } else {
      assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(s.rollback().triggered()).isFalse();
    }
  }

  @Test
  void immutableDoublesCapacityWithoutFailures() {
    Summary s = run("eb-immutable.yaml");
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(6);
    assertThat(s.traffic().failedRequests()).isZero();
    // two launch steps (launch + install 30 s + start 10 s, then 12 reports x 10 s) and a 20 s
    // drain: at least 2 x (30 + 10 + 120) + 20 = 340 s even with instant launches
    assertThat(s.deployment().durationSeconds()).isGreaterThan(340);
  }

  @Test
  void allAtOnceFailsTheRequestsOfTheRestart() {
    // 400 rps x (install 30 s + start 10 s) = 16,000
    Summary s = run("eb-all-at-once.yaml");
    assertThat(s.traffic().failedRequests()).isEqualTo(16_000);
    assertThat(s.capacity().minInServiceInstances()).isZero();
  }

  @Test
  void rollingBadLeavesMixedVersionsAndABatchOut() {
    Summary s = run("eb-rolling-bad.yaml");
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 4, "v2", 2));
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(4);
    // the command timeout: 600 s + 240 s
    assertThat(s.deployment().durationSeconds()).isCloseTo(840, within(1e-6));
  }

  @Test
  void additionalBatchKeepsSixInService() {
    assertThat(run("eb-rolling-additional-batch.yaml").capacity().minInServiceInstances()).isEqualTo(6);
    Summary bad = run("eb-rolling-additional-batch-bad.yaml");
    assertThat(bad.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(bad.traffic().failedRequests()).isZero();
  }

  @Test
  void trafficSplittingBadFailsOnlyTheCanaryShareBriefly() {
    // 400 rps x 10% x 30% errors x 30 s (three reports 10 s apart) = 360
    Summary s = run("eb-traffic-splitting-bad.yaml");
    assertThat((double) s.traffic().failedRequests()).isCloseTo(360, within(1.0));
  }

  @Test
  void blueGreenStaleClientsFailOnlyWhenTheOldEnvironmentGoesEarly() {
    assertThat(run("eb-blue-green.yaml").traffic().failedRequests()).isZero();
    // integral from 5 to 15 minutes after the swap of 400 x 5% x (1 - s/900) = 4,000 (a few more
    // from the model's 1 s steps)
    assertThat((double) run("eb-blue-green-terminate-early.yaml").traffic().failedRequests())
        .isCloseTo(4000, within(40.0));
    Summary bad = run("eb-blue-green-bad.yaml");
    assertThat(bad.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(bad.traffic().failedRequests()).isZero();
  }
}
