package dev.deploysim.strategies.lessons;

import static dev.deploysim.strategies.lessons.Lessons.duration;
import static dev.deploysim.strategies.lessons.Lessons.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import org.junit.jupiter.api.Test;

/** Blue/green needs a DNS change; alarms roll back CodeDeploy, not Elastic Beanstalk. */
class BlueGreenAndAlarmLessonsTest {

  /**
   * "Blue/Green deployments: swap environment URLs ... requires DNS change": clients that keep the
   * old answer past its TTL still reach the old environment, so terminating it early fails them.
   */
  @Test
  void terminatingTheOldEnvironmentBeforeDnsCachesLetGoFailsRequests() {
    Summary early = run("eb-blue-green-dns-early.yaml");
    // 5% of clients hold the old answer up to 15 min after the swap, letting go evenly: 5 min after
    // the swap 5% x 10/15 = 3.33% of 400/s = 13.3/s still come, falling to 0 over 10 min:
    // 13.3/s x 600 s / 2 = 4,000 requests
    assertThat(early.traffic().failedRequests()).isCloseTo(4000L, within(200L));
    assertThat(early.traffic().downtimeSeconds()).isZero();
    Summary late = run("eb-blue-green-dns-late.yaml");
    assertThat(late.traffic().failedRequests()).isZero();
    // the price of waiting: the old environment (6 instances) runs 15 minutes longer, 1.5 instance-hours
    assertThat(late.cost().extraInstanceHours() - early.cost().extraInstanceHours()).isCloseTo(1.5, within(0.05));
  }

  /** "rollback by CloudWatch alarm: codedeploy, eb not work (only by health check)": the EB file is refused. */
  @Test
  void elasticBeanstalkRefusesAlarmRollback() {
    LoadResult r = Lessons.load("eb-alarm-rollback.yaml");
    assertThat(r.ok()).isFalse();
    assertThat(r.errors()).extracting(ScenarioError::format).singleElement().asString()
        .startsWith("eb-alarm-rollback.yaml:")
        .contains("deployment.rollback.onAlarms: Elastic Beanstalk does not roll back on CloudWatch alarms");
  }

  /**
   * CodeDeploy stops and rolls back on the alarm while only the 10% canary reaches the bad
   * version, before the other 90% are shifted at 10 minutes.
   */
  @Test
  void codeDeployRollsBackOnTheAlarmDuringTheCanary() {
    Summary s = run("codedeploy-canary-alarm.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().by()).contains("canary-errors");
    // one 1-minute period with 20% errors on v2's requests breaches the 5% threshold
    assertThat(s.detection().afterStartSeconds()).isEqualTo(60.0).isLessThan(600.0);
    // 10% of 200/s for 60 s: 1,200 requests reached v2, 20% of them failed
    assertThat(s.traffic().requestsServedByNewVersion()).isEqualTo(1200);
    assertThat(s.traffic().failedRequests()).isEqualTo(240);
  }

  /**
   * "CodeDeploy can terminate the original instances ... with a waiting period of 1 hour": the
   * originals stay (deregistered, billed) for the wait, so a rollback can reroute to them.
   */
  @Test
  void codeDeployBlueGreenKeepsTheOriginalsForTheWait() {
    Summary s = run("codedeploy-keep-originals.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    // the reroute comes a few minutes in, then the 1 h wait, then the termination
    assertThat(duration(s)).isBetween(3600.0, 3600.0 + 600);
    // six originals idle for an hour: at least 6 instance-hours above the baseline
    assertThat(s.cost().extraInstanceHours()).isGreaterThanOrEqualTo(6.0);
    assertThat(s.finalVersions()).containsOnlyKeys("v2");
  }
}
