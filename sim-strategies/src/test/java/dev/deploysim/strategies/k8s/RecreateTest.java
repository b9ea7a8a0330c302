package dev.deploysim.strategies.k8s;

import dev.deploysim.testing.ScenarioYaml;
import static dev.deploysim.strategies.k8s.PodScenarios.POD_READY;
import static dev.deploysim.strategies.k8s.PodScenarios.RPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * k8s.recreate (docs/platforms/kubernetes.md#recreate: "All existing Pods are killed before new
 * ones are created"; their removal is awaited first). The old pods leave the Service's endpoints at
 * once; they stop within terminationGracePeriodSeconds; only then are the new pods created, ready
 * 25 s later in the test system ({@link PodScenarios}). Every request in between fails.
 */
class RecreateTest {

  @ParameterizedTest(name = "grace {0}s, pods stop after {1}: down {2}s")
  @CsvSource({
      // default: a pod uses its whole 30 s grace period; then 25 s to the first ready pod
      "30, default, 55",
      // a pod that exits 2 s after SIGTERM
      "30, 2s, 27",
      "60, default, 85",
      // a pod that would take 20 s is killed at its 10 s grace period
      "10, 20s, 35",
      // no grace period: killed at once
      "0, default, 25"})
  void downtimeFromTheFirstPodLeavingToTheFirstNewPodReady(int grace, String stop, double down) {
    ScenarioYaml p = PodScenarios.of("k8s.recreate").param("terminationGracePeriodSeconds", Integer.toString(grace));
    if (!stop.equals("default")) {
      p.param("podStopTime", stop);
    }
    Summary s = p.run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.traffic().downtimeSeconds()).isEqualTo(down);
    assertThat(s.traffic().downtimeSeconds()).isGreaterThanOrEqualTo(Math.min(grace, stopSeconds(stop, grace)));
    // all 600 requests/s fail meanwhile
    assertThat(s.traffic().failedRequests()).isEqualTo(Math.round(RPS * down));
    // the new pods are all ready at once: the rollout is complete then
    assertThat(s.deployment().durationSeconds()).isEqualTo(down);
    assertThat(s.capacity().minInServiceInstances()).isZero();
    // never more than the replicas: old pods are gone before new ones exist
    assertThat(s.capacity().peakInstances()).isEqualTo(10);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 10));
  }

  static double stopSeconds(String stop, int grace) {
    return stop.equals("default") ? grace : Double.parseDouble(stop.replace("s", ""));
  }

  @Test
  void defaultDowntimeIsTheGracePeriodPlusAPodStart() {
    Summary s = PodScenarios.of("k8s.recreate").run().summary();
    assertThat(s.traffic().downtimeSeconds()).isEqualTo(PodScenarios.GRACE + POD_READY);
  }

  @Test
  void aVersionThatNeverGetsReadyLeavesTheServiceDown() {
    // the old pods are gone at 30 s when the new ReplicaSet is created (the last progress); 600 s
    // later ProgressDeadlineExceeded: FAILED at 630 s, no rollback, and the service stays down
    // through the 600 s the run goes on
    Summary s = PodScenarios.of("k8s.recreate").v2(PodScenarios.NEVER_READY).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.detection().afterStartSeconds()).isEqualTo(PodScenarios.GRACE + 600);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.traffic().downtimeSeconds()).isEqualTo(PodScenarios.GRACE + 600 + Scenario.COOL_DOWN_SECONDS);
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
  }
}
