package dev.deploysim.strategies.lessons;

import static dev.deploysim.strategies.lessons.Lessons.rollbackSeconds;
import static dev.deploysim.strategies.lessons.Lessons.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each strategy does with a bad version: rollback or not, how fast, how many users see it. */
class BadVersionLessonsTest {
  static final String ERRORS = "eb-bad-errors.yaml";
  static final String FAILING = "eb-bad-version.yaml";
  static final String ROLLBACK = "rollback-speed.yaml";

  /** "a failed rolling deployment leaves mixed versions with no automatic rollback". */
  @Test
  void aFailedRollingDeploymentLeavesMixedVersionsAndDoesNotRollBack() {
    Summary s = run(ERRORS, "eb.rolling");
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    // the first batch (2 of 6) has v2 and stays attached, failing 30% of what it serves
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 4, "v2", 2));
    // the deployment fails at the command timeout: 600 s + 240 s
    assertThat(s.deployment().durationSeconds()).isEqualTo(840.0);
  }

  /** Immutable and traffic splitting take their new instances away again: ROLLED_BACK, v1 only. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"eb.immutable", "eb.traffic-splitting"})
  void policiesWithTheirOwnNewInstancesRollBack(String type) {
    for (String file : new String[] {ERRORS, FAILING}) {
      Summary s = run(file, type);
      assertThat(s.outcome()).as(file).isEqualTo(Outcome.ROLLED_BACK);
      assertThat(s.finalVersions()).as(file).isEqualTo(Map.of("v1", 6));
    }
  }

  /** "Traffic splitting: for canary deploys": the canary limits how many requests the bad version gets. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"eb.all-at-once", "eb.rolling", "eb.rolling-additional-batch", "eb.immutable", "eb.blue-green"})
  void trafficSplittingExposesFewerRequestsThan(String type) {
    Summary canary = run(ERRORS, "eb.traffic-splitting");
    Summary other = run(ERRORS, type);
    assertThat(canary.traffic().requestsServedByNewVersion()).isLessThan(other.traffic().requestsServedByNewVersion());
    assertThat(canary.traffic().failedRequests()).isLessThan(other.traffic().failedRequests());
  }

  /**
   * Elastic Beanstalk blue/green checks the new environment before the swap, when it has no traffic:
   * a version that only fails under traffic passes, and nothing swaps back by itself (in AWS the
   * swap back is manual).
   */
  @Test
  void ebBlueGreenSwapsToAVersionThatFailsOnlyUnderTraffic() {
    Summary s = run(ERRORS, "eb.blue-green");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.traffic().failedRequests()).isGreaterThan(run(ERRORS, "eb.all-at-once").traffic().failedRequests());
  }

  /** A version that never passes a health check: blue/green never swaps to it (users see nothing). */
  @Test
  void ebBlueGreenNeverSwapsToAVersionThatFailsItsHealthCheck() {
    Summary s = run(FAILING, "eb.blue-green");
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
    assertThat(s.traffic().failedRequests()).isZero();
  }

  /**
   * "Immutable ... for fast rollback", blue/green rolls back by rerouting: both put v1 back much
   * faster than an in-place rollback, which installs v1 again (2 minutes + 20 s start per round).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"eb.immutable", "codedeploy.blue-green"})
  void immutableAndBlueGreenRollBackFasterThanInPlace(String type) {
    Summary inPlace = run(ROLLBACK, "codedeploy.in-place");
    assertThat(inPlace.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // at least one install of v1 (120 s) and its start (20 s)
    assertThat(rollbackSeconds(inPlace)).isGreaterThanOrEqualTo(140.0);
    Summary fast = run(ROLLBACK, type);
    assertThat(fast.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // terminating a temporary group, or rerouting: a check interval (15 s) and the draining (20 s) at most
    assertThat(rollbackSeconds(fast)).isLessThanOrEqualTo(35.0).isLessThan(rollbackSeconds(inPlace));
  }

  /** Elastic Beanstalk rolling has no rollback at all: the bad batch stays. */
  @Test
  void ebRollingDoesNotRollBack() {
    Summary s = run(ROLLBACK, "eb.rolling");
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
  }

  /**
   * Immutable rolls back fast once it gives up, but Elastic Beanstalk only gives up at the command
   * timeout: meanwhile its first new instance serves beside the old ones and fails its requests.
   */
  @Test
  void immutableDetectsAnErroringVersionOnlyAtTheCommandTimeout() {
    Summary s = run(ROLLBACK, "eb.immutable");
    // 600 s + 240 s
    assertThat(s.detection().afterStartSeconds()).isEqualTo(840.0);
    assertThat(s.traffic().failedRequests()).isGreaterThan(0);
  }
}
