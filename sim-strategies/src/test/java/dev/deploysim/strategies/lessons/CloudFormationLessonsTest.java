package dev.deploysim.strategies.lessons;

import static dev.deploysim.strategies.lessons.Lessons.duration;
import static dev.deploysim.strategies.lessons.Lessons.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lessons 24 and 25: the notes' CloudFormation update policies. */
class CloudFormationLessonsTest {

  /** "WillReplace true will wait for a complete replacement of the ASG and its instances before deleting the old ASG". */
  @Test
  void aReplacingUpdateKeepsTheOldGroupUntilTheNewOneIsComplete() {
    Summary s = run("cloudformation-replacing-update.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // both groups of 6 at the same time, never fewer than 6 serving
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(6);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
  }

  @Test
  void aReplacingUpdateThatNeverSignalsDeletesTheNewGroupAndNobodyNotices() {
    Summary s = run("cloudformation-replacing-update-bad.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // the creation policy's Timeout, PT15M
    assertThat(s.detection().afterStartSeconds()).isEqualTo(15 * 60.0);
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
  }

  /**
   * MinInstancesInService counts instances InService in the group: without signals (PauseTime PT0S)
   * the next batch goes before the load balancer has found the new instances healthy.
   */
  @Test
  void withoutSignalsTheMinimumInServiceDoesNotKeepHealthyCapacity() {
    Summary pause = run("cloudformation-rolling-pause.yaml");
    Summary signals = run("cloudformation-rolling-signals.yaml");
    // the policy asks for 4 of 6; behind the load balancer fewer serve, and with 400 requests/s on
    // fewer than 4 instances of 100 requests/s, requests fail
    assertThat(pause.capacity().minInServiceInstances()).isLessThan(4);
    assertThat(pause.traffic().failedRequests()).isPositive();
    // with signals sent once the load balancer finds an instance healthy, 4 serve throughout
    assertThat(signals.capacity().minInServiceInstances()).isEqualTo(4);
    assertThat(signals.traffic().failedRequests()).isZero();
    assertThat(duration(signals)).isGreaterThan(duration(pause));
  }
}
