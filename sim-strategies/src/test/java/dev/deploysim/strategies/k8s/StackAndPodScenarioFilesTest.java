package dev.deploysim.strategies.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.Simulate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the repository's route53-*, alb-* and k8s-* scenarios claim beyond the contract every type
 * keeps (sim-cli's StrategyContractTest).
 */
class StackAndPodScenarioFilesTest {
  static final Path DIR = Path.of("..", "scenarios");
  static Summary run(String file) {
    try {
      return Simulate.run(Files.readString(DIR.resolve(file))).summary();
    } catch (IOException e) {
      throw new AssertionError(e);
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
  void theAbTestEndsOnTheNewVersion() {
    Summary s = run("route53-weighted-ab-test.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
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
    // Kubernetes never rolls back by itself: the rollout is marked failed at the progress deadline
    assertThat(rolling.outcomeReason()).startsWith("ProgressDeadlineExceeded");
    assertThat(recreate.outcomeReason()).startsWith("ProgressDeadlineExceeded");
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

  @Test
  void aLivenessProbeShorterThanTheStartStallsTheRolloutAStartupProbeLetsItFinish() {
    // maxSurge 25% of 6 -> 2, maxUnavailable 25% -> 1: 3 new pods, 5 old ones serving; the liveness
    // probe kills each new container at most 10 + 2 x 10 = 30 s after it runs, before the 50 s start:
    // never ready, ProgressDeadlineExceeded 600 s after the pods were created
    Summary bad = run("k8s-liveness-crashloop-bad.yaml");
    assertThat(bad.outcomeReason()).startsWith("ProgressDeadlineExceeded")
        .contains("3 new pods (0 available), 5 old pods (5 available)");
    assertThat(bad.detection().afterStartSeconds()).isEqualTo(600.0);
    assertThat(bad.capacity().minInServiceInstances()).isEqualTo(5);
    assertThat(bad.traffic().failedRequests()).isZero();
    assertThat(bad.traffic().requestsServedByNewVersion()).isZero();
    // the startup probe allows 12 x 10 s = 120 s: the same rollout completes
    Summary good = run("k8s-startup-probe.yaml");
    assertThat(good.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(good.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(good.traffic().failedRequests()).isZero();
  }

  @Test
  void aRolloutUnderAHorizontalPodAutoscalerEndsWithItsReplicas() {
    // 1200 requests/s at the 60% target of 100 per pod: 1200 / 60 = 20 pods, all new
    Summary s = run("k8s-rolling-update-hpa.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 20));
    // the autoscaler went 10 -> 15 before the rollout and 15 -> 20 during it
    assertThat(s.scaling().scaleOutActivities()).isEqualTo(2);
  }
}
