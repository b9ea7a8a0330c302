package dev.deploysim.strategies.lessons;

import static dev.deploysim.strategies.lessons.Lessons.duration;
import static dev.deploysim.strategies.lessons.Lessons.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CodeDeploy lessons: configurations, outdated instances, hook timeouts, AllowTraffic, Lambda shifts. */
class CodeDeployLessonsTest {

  /** "EC2: AllAtOnce, OneAtATime, HalfAtATime": minimum healthy hosts against speed. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // 6 instances: OneAtATime keeps 5, HalfAtATime 50% = 3, AllAtOnce 0
    "codedeploy-one-at-a-time.yaml, 5",
    "codedeploy-half-at-a-time.yaml, 3",
    "codedeploy-all-at-once.yaml, 0"})
  void minimumHealthyHostsDecideTheCapacityKept(String file, int minInService) {
    assertThat(run(file).capacity().minInServiceInstances()).isEqualTo(minInService);
  }

  @Test
  void fewerHealthyHostsKeptIsFaster() {
    double one = duration(run("codedeploy-one-at-a-time.yaml"));
    double half = duration(run("codedeploy-half-at-a-time.yaml"));
    double all = duration(run("codedeploy-all-at-once.yaml"));
    assertThat(all).isLessThan(half);
    assertThat(half).isLessThan(one);
    // all at once takes every instance out: downtime, as Elastic Beanstalk's all at once
    assertThat(run("codedeploy-all-at-once.yaml").traffic().downtimeSeconds()).isGreaterThan(0);
    assertThat(run("codedeploy-one-at-a-time.yaml").traffic().failedRequests()).isZero();
  }

  /**
   * "some nodes are not updated after a successful codedeploy deployment: asg create new node during
   * deployment"; outdatedInstances UPDATE deploys to them right after.
   */
  @Test
  void instancesLaunchedDuringTheDeploymentKeepTheOldRevisionUnlessUpdated() {
    Summary ignore = run("codedeploy-scale-out-ignore.yaml");
    assertThat(ignore.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(ignore.finalVersions()).isEqualTo(Map.of("v1", 2, "v2", 6));
    Summary update = run("codedeploy-scale-out-update.yaml");
    assertThat(update.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(update.finalVersions()).isEqualTo(Map.of("v2", 8));
    assertThat(duration(update)).isGreaterThan(duration(ignore));
  }

  /** "CodeDeploy has a default timeout of 1 hour to wait for scripts to finish". */
  @Test
  void aHangingScriptFailsAfterOneHourAndTheDeploymentRollsBack() {
    Summary s = run("codedeploy-hook-timeout.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.outcomeReason()).contains("ValidateService").contains("1h");
    // the events before ValidateService take under 5 minutes, then the script's 3600 s timeout
    assertThat(s.detection().afterStartSeconds()).isBetween(3600.0, 3600.0 + 300);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
  }

  /** "CodeDeploy failing on AllowTraffic can mean that health checks on ELB are misconfigured". */
  @Test
  void failingLoadBalancerHealthChecksFailTheDeploymentAtAllowTraffic() {
    Summary s = run("codedeploy-allowtraffic.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.outcomeReason()).contains("AllowTraffic");
    assertThat(s.detection().by()).contains("AllowTraffic");
    // CodeDeploy waits up to 1 hour for the instance to become healthy behind the load balancer
    assertThat(s.detection().afterStartSeconds()).isBetween(3600.0, 3600.0 + 300);
  }

  /**
   * "LambdaLinear10PercentEvery10Minutes (10% of traffic shifted at a time),
   * LambdaCanary10Percent10Minutes (one 10% and one 90% deploy)".
   */
  @Test
  void lambdaCanaryShiftsTwiceAndLinearTenTimes() {
    Summary canary = run("lambda-canary.yaml");
    Summary linear = run("lambda-linear.yaml");
    // canary: 10% at once, the other 90% after 10 minutes
    assertThat(duration(canary)).isEqualTo(600.0);
    // linear: 10%, 20%, ... 100%: nine 10-minute waits
    assertThat(duration(linear)).isEqualTo(9 * 600.0);
    // v2 fails 10% of its requests: during the canary's 10 minutes 200/s x 10% x 10% x 600 s = 1,200
    // failed, then 200/s x 10% for the 10 minutes of cool-down = 12,000
    assertThat(canary.traffic().failedRequests()).isEqualTo(13_200);
    // linear: 200/s x 10% x (10% + 20% + ... + 90%) x 600 s = 54,000, then 12,000 after
    assertThat(linear.traffic().failedRequests()).isEqualTo(66_000);
  }

  /**
   * "CodeDeploy => CloudWatch Alarm + MinimumHealthyHosts metric can be used for rollbacks": with
   * HalfAtATime (at least 3 of 6 healthy) a revision that fails on the first 3 leaves exactly the
   * minimum; CodeDeploy fails the deployment and rolls back without any alarm.
   */
  @Test
  void minimumHealthyHostsFailAndRollBackWithoutAnAlarm() {
    Summary s = run("codedeploy-minimum-healthy-hosts.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // the reason says what the gate saw (issue 17 item 14): 50% of 6 = 3 must stay healthy
    assertThat(s.outcomeReason()).startsWith("3 of 6 instances healthy and 3 must stay healthy (minimum healthy hosts: "
        + "FLEET_PERCENT 50)").endsWith("not healthy: i-0001, i-0002 and i-0003 (deployment failed: ValidateService: "
        + "script failed)");
    // BlockTraffic drain 20 s + install 30 s + start 10 s + the ValidateService script 20 s
    assertThat(s.detection().afterStartSeconds()).isEqualTo(20.0 + 30 + 10 + 20);
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(3);
    // the failed instances never got AllowTraffic
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
  }
}
