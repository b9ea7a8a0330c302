package dev.deploysim.strategies.lessons;

import static dev.deploysim.strategies.lessons.Lessons.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import org.junit.jupiter.api.Test;

/** Lesson 27: a Kubernetes Deployment of 8 pods (500 requests/s, 100 per pod), rolling update against recreate. */
class KubernetesLessonsTest {

  @Test
  void aRollingUpdateKeepsThreeQuartersAvailable() {
    Summary s = run("k8s-rolling-update.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // maxUnavailable 25% of 8, rounded down: 2; at least 6 available
    assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(8 - 2);
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void recreateIsDownUntilTheFirstNewPodIsReady() {
    Summary s = run("k8s-recreate.yaml");
    assertThat(s.capacity().minInServiceInstances()).isZero();
    // the old pods' grace period 30 s, a new pod's container 3-8 s, the application's start 15 s,
    // then its first readiness probe within one 10 s period
    assertThat(s.traffic().downtimeSeconds()).isBetween(30.0 + 3 + 15, 30.0 + 8 + 15 + 10);
    // 500 requests/s fail while nothing serves
    assertThat((double) s.traffic().failedRequests()).isCloseTo(500 * s.traffic().downtimeSeconds(),
        within(500 * 10.0));
  }
}
