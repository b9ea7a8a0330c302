package dev.deploysim.strategies.k8s;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The repository's route53-*, alb-* and k8s-* scenarios load, run, and show what their
 * descriptions claim.
 */
class StackAndPodScenarioFilesTest {
  static final Path DIR = Path.of("..", "scenarios");
  static final List<String> PREFIXES = List.of("route53-weighted", "alb-weighted-target-groups", "k8s-rolling-update",
      "k8s-recreate");

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> PREFIXES.stream().anyMatch(x -> p.getFileName().toString().startsWith(x)))
          .sorted().toList().stream();
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
  void everyTypeHasAHealthyAndABadScenario() throws IOException {
    List<String> names = files().map(p -> p.getFileName().toString()).toList();
    for (String p : PREFIXES) {
      assertThat(names).contains(p + ".yaml", p + "-bad.yaml");
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
    boolean k8s = name.startsWith("k8s-");
    int n = k8s ? 10 : 6;
    if (!name.endsWith("-bad.yaml")) {
      assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(s.finalVersions()).isEqualTo(Map.of("v2", n));
    } else if (k8s) {
      // Kubernetes never rolls back by itself
      assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(s.rollback().triggered()).isFalse();
      assertThat(s.outcomeReason()).startsWith("ProgressDeadlineExceeded");
    } else {
      assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
      assertThat(s.finalVersions()).containsEntry("v1", 6);
    }
  }

  @Test
  void theDnsRollbackTakesMinutesWhereTheListenerRollbackIsInstant() {
    Summary dns = run("route53-weighted-bad.yaml");
    Summary alb = run("alb-weighted-target-groups-bad.yaml");
    // the same version and alarm: both caught at the 50% step
    assertThat(dns.detection().by()).isEqualTo("alarm high-5xx");
    assertThat(alb.detection().by()).isEqualTo("alarm high-5xx");
    assertThat(alb.rollback().endSeconds() - alb.rollback().startSeconds()).isZero();
    // TTL 300 s: the new stack keeps more than 1% of the requests for more than a TTL
    assertThat(dns.rollback().endSeconds() - dns.rollback().startSeconds()).isGreaterThan(300);
    // and the bad version keeps failing requests while it does
    assertThat(dns.traffic().failedRequests()).isGreaterThan(alb.traffic().failedRequests());
    assertThat(dns.traffic().degradedSeconds()).isGreaterThan(alb.traffic().degradedSeconds() + 300);
  }

  @Test
  void dnsShiftsKeepBothVersionsServingLongerThanListenerShifts() {
    Summary dns = run("route53-weighted.yaml");
    Summary alb = run("alb-weighted-target-groups.yaml");
    // the same steps; stale DNS answers keep the old stack busy for up to 15 minutes more
    assertThat(dns.mixedVersionSeconds()).isGreaterThan(alb.mixedVersionSeconds() + 600);
    assertThat(dns.traffic().failedRequests()).isZero();
    assertThat(alb.traffic().failedRequests()).isZero();
  }

  @Test
  void aStalledRollingUpdateCostsNothingARecreateCostsTheService() {
    Summary rolling = run("k8s-rolling-update-bad.yaml");
    Summary recreate = run("k8s-recreate-bad.yaml");
    // 8 old pods of 100 rps serve the 600 rps
    assertThat(rolling.capacity().minInServiceInstances()).isEqualTo(8);
    assertThat(rolling.traffic().failedRequests()).isZero();
    assertThat(recreate.capacity().minInServiceInstances()).isZero();
    assertThat(recreate.traffic().downtimeSeconds()).isGreaterThan(600);
  }

  @Test
  void recreateIsDownForTheGracePeriodAndAPodStart() {
    // grace 30 s + container 3-8 s + start 15 s + first probe within 10 s
    Summary s = run("k8s-recreate.yaml");
    assertThat(s.traffic().downtimeSeconds()).isBetween(30.0 + 3 + 15, 30.0 + 8 + 15 + 10);
    Summary rolling = run("k8s-rolling-update.yaml");
    assertThat(rolling.traffic().downtimeSeconds()).isZero();
    assertThat(rolling.capacity().minInServiceInstances()).isEqualTo(8);
  }
}
