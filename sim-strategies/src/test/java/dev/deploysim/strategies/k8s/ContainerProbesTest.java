package dev.deploysim.strategies.k8s;

import static dev.deploysim.strategies.k8s.PodScenarios.AT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.testing.ScenarioYaml;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Liveness and startup probes, container restarts with CrashLoopBackOff and preStop, against the
 * documented rules (docs/platforms/kubernetes.md#liveness-and-startup-probes-crashloopbackoff;
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts: restarts
 * after 10 s, 20 s, 40 s ... at most 5 min, reset after 10 minutes of running;
 * https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/). Test
 * system: {@link PodScenarios} with one replica and 50 requests/s, maxSurge 1 and maxUnavailable 0 (one new pod,
 * created at the start), a pod that exits at once when stopped (podStopTime 0s); every probe's
 * first tick comes 5 s after its container runs (firstCheckDelay), then every 10 s.
 */
class ContainerProbesTest {

  /** One new pod, created at AT; its container runs 5 s later (podStartTime); 50 requests/s, one pod serves 100. */
  static ScenarioYaml onePod() {
    return PodScenarios.of("k8s.rolling-update").set("fleet.instances", 1).set("traffic.rps", 50)
        .param("maxSurge", 1).param("maxUnavailable", 0).param("podStopTime", "0s");
  }

  static List<Double> times(RunResult r, String what) {
    return r.timeline().stream().filter(e -> e.source().equals("kubelet") && e.message().contains(what))
        .map(TimelineEvent::time).toList();
  }

  @Test
  void aLivenessProbeKillsASlowStartAgainAndAgainWithCrashLoopBackOff() {
    // v2 needs 45 s to start. Container k runs at S(k): probes at S+5, S+15, S+25 all fail (3 in a
    // row: failureThreshold), so the kubelet kills it at S+25; it stops at once (podStopTime 0s) and
    // runs again after the back-off: S(k+1) = S(k) + 25 + 10 x 2^(k-1).
    // S(1) = 300 + 5 = 305: kills 330, 365, 410, 475, 580; restarts 340, 385, 450, 555, 740
    RunResult r = onePod().v2("{install: 0s, start: 45s}")
        .param("livenessProbe", "{periodSeconds: 10, failureThreshold: 3}").run();
    double s = AT + 5;
    double[] delays = {10, 20, 40, 80, 160};
    double[] kills = new double[5];
    double[] restarts = new double[5];
    for (int k = 0; k < 5; k++) {
      kills[k] = s + 25;
      restarts[k] = kills[k] + delays[k];
      s = restarts[k];
    }
    assertThat(times(r, "container killed")).startsWith(kills[0], kills[1], kills[2], kills[3], kills[4]);
    assertThat(times(r, "container restarted")).startsWith(restarts[0], restarts[1], restarts[2], restarts[3],
        restarts[4]);
    // never ready: no progress after the pod's creation, ProgressDeadlineExceeded 600 s later; the old
    // pod serves throughout
    Summary sum = r.summary();
    assertThat(sum.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(sum.detection().afterStartSeconds()).isEqualTo(600.0);
    assertThat(sum.traffic().failedRequests()).isZero();
    assertThat(sum.traffic().requestsServedByNewVersion()).isZero();
  }

  @Test
  void theBackOffDoublesUpToMaxDelay() {
    KubernetesParams.BackOff b = new KubernetesParams.BackOff(10, 300, 600);
    // 10 x 2^(k-1): 10, 20, 40, 80, 160, then 320 > 300: capped
    assertThat(List.of(b.delay(1), b.delay(2), b.delay(3), b.delay(4), b.delay(5), b.delay(6), b.delay(7)))
        .containsExactly(10.0, 20.0, 40.0, 80.0, 160.0, 300.0, 300.0);
  }

  @Test
  void aStartupProbeGivesTheSlowStartItsTime() {
    // start 42 s; startup probe every 10 s, 6 failures allowed: it fails at S+5..S+35 (4 times) and
    // passes at S+45; the liveness probe waits until then. The application is up at S+42 = 347, its
    // first readiness probe 5 s later: ready at 352, the old pod goes: done 52 s after the start
    RunResult r = onePod().v2("{install: 0s, start: 42s}")
        .param("livenessProbe", "{periodSeconds: 10, failureThreshold: 3}")
        .param("startupProbe", "{periodSeconds: 10, failureThreshold: 6}").run();
    assertThat(times(r, "container killed")).isEmpty();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(5 + 42 + 5.0);
    // without it, the liveness probe kills the container at S+25, before it is up
    RunResult without = onePod().v2("{install: 0s, start: 42s}")
        .param("livenessProbe", "{periodSeconds: 10, failureThreshold: 3}").run();
    assertThat(times(without, "container killed")).first().isEqualTo(AT + 5 + 25);
  }

  @Test
  void aStartupProbeThatRunsOutKillsTheContainer() {
    // 2 failures allowed at S+5 and S+15: killed at S+15 = 320
    RunResult r = onePod().v2("{install: 0s, start: 42s}")
        .param("startupProbe", "{periodSeconds: 10, failureThreshold: 2}").run();
    assertThat(times(r, "container killed")).first().isEqualTo(AT + 5 + 15);
    assertThat(r.timeline().stream().filter(e -> e.message().contains("startup probe failed 2 times"))).hasSize(
        times(r, "container killed").size());
  }

  @ParameterizedTest(name = "resetAfter {0}: kills at {1}, {2}, {3}")
  @CsvSource({
      // the container runs 85 s before each kill (see below): under 10 minutes, so the back-off grows:
      // S(2) = 390 + 10 = 400, kill 485; S(3) = 485 + 20 = 505, kill 590; S(4) = 590 + 40 = 630, kill 715
      "10m, 390, 485, 590, 715",
      // 85 s >= 60 s: every restart is a first one again, after 10 s: kills 95 s apart
      "60s, 390, 485, 580, 675"})
  void theBackOffResetsAfterAContainerRanLongEnough(String resetAfter, double k1, double k2, double k3, double k4) {
    // v2 answers from 15 s after its container runs until 42 s later (failingAfter), so from S+57 it
    // fails; the liveness probe counts from S+20 (initialDelaySeconds), ticks at S+25, S+35 ...:
    // passes up to S+55, fails at S+65, S+75, S+85: killed at S+85, with S(1) = 305: 390
    RunResult r = onePod().v2("{install: 0s, start: 15s, health: {failingAfter: 42s}}")
        .param("livenessProbe", "{initialDelaySeconds: 20}")
        .param("crashLoopBackOff", "{resetAfter: " + resetAfter + "}").run();
    assertThat(times(r, "container killed")).startsWith(k1, k2, k3, k4);
  }

  @Test
  void aKilledContainerStopsWithItsPreStopHookAndTheGracePeriod() {
    // as in the first test, with preStop 5s and podStopTime 3s: the container stops 8 s after the
    // kill, then the back-off: S(2) = 305 + 25 + 8 + 10 = 348
    RunResult r = onePod().v2("{install: 0s, start: 45s}").param("preStop", "5s").param("podStopTime", "3s")
        .param("livenessProbe", "{}").run();
    assertThat(times(r, "container restarted")).first().isEqualTo(AT + 5 + 25 + 8 + 10);
    // without podStopTime the container takes its whole grace period (30 s) to stop
    RunResult whole = onePod().v2("{install: 0s, start: 45s}").remove("deployment.strategy.podStopTime")
        .param("livenessProbe", "{}").run();
    assertThat(times(whole, "container restarted")).first().isEqualTo(AT + 5 + 25 + 30 + 10);
  }

  @ParameterizedTest(name = "preStop {0}, podStopTime {1}: the old pods are gone after {2} s")
  @CsvSource({
      "0s, 5s, 5",
      // the hook comes first, then SIGTERM
      "10s, 5s, 15",
      // both count against terminationGracePeriodSeconds (30): killed at 30 s
      "20s, 20s, 30"})
  void preStopComesBeforeSigtermWithinTheGracePeriod(String preStop, String podStop, double gone) {
    // Recreate: the new pods are created once every old pod is gone, and are ready 25 s later
    Summary s = PodScenarios.of("k8s.recreate").param("preStop", preStop).param("podStopTime", podStop)
        .run().summary();
    assertThat(s.deployment().durationSeconds()).isEqualTo(gone + PodScenarios.POD_READY);
  }

  @Test
  void livenessAndStartupProbesNeedSuccessThreshold1() {
    List<ScenarioError> e = onePod().param("livenessProbe", "{successThreshold: 2}").load().errors();
    assertThat(e).singleElement().satisfies(x ->
        assertThat(x.path()).isEqualTo("deployment.strategy.livenessProbe.successThreshold"));
    assertThat(onePod().param("crashLoopBackOff", "{initialDelay: 20s, maxDelay: 10s}").load().errors())
        .singleElement().satisfies(x ->
            assertThat(x.path()).isEqualTo("deployment.strategy.crashLoopBackOff.maxDelay"));
  }

  @Test
  void argoRolloutsAndFlaggerPodsHaveTheSameKubelet() {
    // the canary's pods are the new pod template's: the same slow start is killed 25 s after its
    // container runs (probes at S+5, S+15, S+25)
    RunResult argo = PodScenarios.of("argo.canary").set("fleet.instances", 2).set("traffic.rps", 50)
        .param("steps", "[{setWeight: 50}]").param("podStopTime", "0s")
        .v2("{install: 0s, start: 45s}").param("livenessProbe", "{}").run();
    assertThat(times(argo, "container killed")).first().isEqualTo(AT + 5 + 25);
  }
}
