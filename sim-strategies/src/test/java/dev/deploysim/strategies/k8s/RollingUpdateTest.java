package dev.deploysim.strategies.k8s;

import static dev.deploysim.strategies.k8s.PodScenarios.AT;
import static dev.deploysim.strategies.k8s.PodScenarios.POD_READY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.format.CountOrPercent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * k8s.rolling-update against the Deployment's documented rules
 * (docs/platforms/kubernetes.md#rollingupdate-maxsurge-and-maxunavailable,
 * #minreadyseconds-and-availability, #progress-deadline-and-failure): maxSurge rounds up and
 * maxUnavailable rounds down from a percentage of replicas, both 0 is refused (and if both come to
 * 0 by rounding, maxUnavailable becomes 1); a pod is available once ready for minReadySeconds;
 * without progress for progressDeadlineSeconds the rollout fails and is not rolled back. Test
 * system: {@link PodScenarios} (a new pod is ready 25 s after it is created).
 */
class RollingUpdateTest {

  @ParameterizedTest(name = "{0} replicas, maxSurge {1}, maxUnavailable {2}: at most {3} pods, at least {4} ready")
  @CsvSource({
      // 25% of 10 = 2.5: surge rounds up to 3 (13 pods), unavailable rounds down to 2 (8 ready)
      "10, 25%, 25%, 13, 8",
      // 30% of 10 = 3 exactly both ways
      "10, 30%, 30%, 13, 7",
      // one at a time without surge: 10 pods, 9 ready; with surge and no unavailable: 11, 10
      "10, 0, 1, 10, 9",
      "10, 1, 0, 11, 10",
      // 50% of 4 = 2 extra pods, none unavailable
      "4, 50%, 0, 6, 4",
      // 25% of 3 = 0.75: surge 1, unavailable 0
      "3, 25%, 25%, 4, 3",
      // 25% of 2 = 0.5 rounds down to 0 and surge is 0%: both 0, so maxUnavailable is 1
      "2, 0%, 25%, 2, 1"})
  void theControllerKeepsWithinSurgeAndUnavailable(int replicas, String surge, String unavailable, int maxPods,
      int minReady) {
    PodScenarios.Extremes e = PodScenarios.watch(PodScenarios.of("k8s.rolling-update")
        .set("fleet.instances", replicas)
        .param("maxSurge", quoted(surge)).param("maxUnavailable", quoted(unavailable)));
    assertThat(e.deployment().outcome()).isEqualTo(Outcome.SUCCEEDED);
    // the limits hold at every change, and the controller uses them fully
    assertThat(e.maxActive()).isEqualTo(maxPods);
    assertThat(e.minReady()).isEqualTo(minReady);
  }

  @Test
  void resolvesPercentagesAsKubernetesDoes() {
    assertThat(K8sRollingUpdate.resolve(CountOrPercent.percent(25), CountOrPercent.percent(25), 10))
        .containsExactly(3, 2);
    assertThat(K8sRollingUpdate.resolve(CountOrPercent.percent(0), CountOrPercent.percent(25), 2))
        .containsExactly(0, 1);
    // maxUnavailable never above replicas
    assertThat(K8sRollingUpdate.resolve(CountOrPercent.count(0), CountOrPercent.count(5), 3))
        .containsExactly(0, 3);
  }

  @Test
  void defaultRolloutInTwoWaves() {
    // t = 0: 3 new pods (surge), 2 old deleted (unavailable), then 2 more new pods (8 + 5 = 13).
    // t = 25 s: the 5 are ready: 13 available, 8 must stay: 5 old deleted, 5 more new pods.
    // t = 50 s: those are ready: the last 3 old pods go; 10 new available: complete after 2 x 25 s
    Summary s = PodScenarios.of("k8s.rolling-update").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.deployment().durationSeconds()).isEqualTo(2 * POD_READY);
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(8);
    assertThat(s.traffic().failedRequests()).isZero();
    // terminating pods do not count against maxSurge, but they are billed until they have used
    // their 30 s grace period: from 25 s to 30 s, 10 new + 3 old + 2 stopping since 0 + 5
    // stopping since 25 s = 20 pods
    assertThat(s.capacity().peakInstances()).isEqualTo(20);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 10));
  }

  @Test
  void minReadySecondsDelaysEachWave() {
    // a pod is available 10 s after it is ready: each wave takes 25 + 10 s
    Summary s = PodScenarios.of("k8s.rolling-update").param("minReadySeconds", "10").run().summary();
    assertThat(s.deployment().durationSeconds()).isEqualTo(2 * (POD_READY + 10));
  }

  @Test
  void aVersionThatNeverGetsReadyStallsUntilTheProgressDeadline() {
    // 3 + 2 new pods are created at 0 (the last progress: no pod becomes ready after that); with
    // none available no more old pods may go: 8 old serve, the 5 new ones never get requests.
    // 600 s later (progressDeadlineSeconds): ProgressDeadlineExceeded, FAILED, no rollback
    Summary s = PodScenarios.of("k8s.rolling-update").v2(PodScenarios.NEVER_READY).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.outcomeReason()).startsWith("ProgressDeadlineExceeded")
        .contains("5 new pods (0 available), 8 old pods (8 available)");
    assertThat(s.detection().by()).isEqualTo("progress deadline");
    assertThat(s.detection().afterStartSeconds()).isEqualTo(600.0);
    assertThat(s.deployment().durationSeconds()).isEqualTo(600.0);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(8);
    // 8 pods x 100 rps cover the 600 rps: nothing fails, and v2 never serves a request
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
  }

  @Test
  void theDeadlineCountsFromTheLastProgress() {
    Summary s = PodScenarios.of("k8s.rolling-update").v2(PodScenarios.NEVER_READY)
        .param("progressDeadlineSeconds", "120")
        .run().summary();
    assertThat(s.detection().afterStartSeconds()).isEqualTo(120.0);
  }

  @Test
  void initialDelaySecondsHoldsTheFirstProbe() {
    // the container runs at 5 s, the application at 20 s; with initialDelaySeconds 40 the probes
    // at 25 s and 35 s (every 10 s) are skipped: ready at 45 s, two waves of 45 s
    Summary s = PodScenarios.of("k8s.rolling-update").param("readinessProbe", "{initialDelaySeconds: 40}")
        .run().summary();
    assertThat(s.deployment().durationSeconds()).isEqualTo(2 * 45.0);
  }

  @Test
  void replicasTheOldReplicaSetCouldNotCreateGoFirst() {
    // 2 old pods fail at 270 s (replaced at once: the group checks every 10 s); every launch fails
    // from 265 s for 3 minutes. A failed launch is given up after its 25 s boot (fleet.launchTime,
    // the old version's pod start) and retried 10 s later: tried at 270, given up at 295, next try
    // at 305. So when the rollout starts at 300 s the old ReplicaSet wants 10 pods and has 8, all
    // available. The controller scales away its unavailable replicas first (maxScaledDown =
    // 13 - 8 - 3 new unavailable = 2): the 2 it could not create, no running pod; 8 stay ready
    PodScenarios.Extremes e = PodScenarios.watch(PodScenarios.of("k8s.rolling-update").set("fleet.launchTime", "25s")
        .fault("{at: 4m30s, type: instanceFailure, count: 2}")
        .fault("{at: 4m25s, type: launchFailures, probability: 1, duration: 3m}"));
    assertThat(e.deployment().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(e.minReady()).isEqualTo(8);
    assertThat(e.maxActive()).isLessThanOrEqualTo(13);
    // no new pod could start before the launch failures ended at 445 s
    assertThat(e.deployment().endTime() - AT).isGreaterThan(145 + POD_READY);
  }

  static String quoted(String v) {
    return v.endsWith("%") ? "\"" + v + "\"" : v;
  }
}
