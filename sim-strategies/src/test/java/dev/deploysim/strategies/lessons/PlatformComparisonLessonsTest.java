package dev.deploysim.strategies.lessons;

import static dev.deploysim.strategies.lessons.Lessons.duration;
import static dev.deploysim.strategies.lessons.Lessons.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Lessons 20 to 23: one system deployed the ways the notes list (6 instances of 100 requests/s, an
 * ALB checking every 15 s with 20 s of draining, 400 requests/s, install 30 s, start 10 s, DNS TTL
 * 60 s with 5% of the clients keeping answers up to 15 minutes).
 */
class PlatformComparisonLessonsTest {

  /** "rolling: eb, ..., cloudformation+asg+AutoScalingRollingUpdate policy, codedeploy": each drops one batch. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rolling-eb.yaml", "rolling-cloudformation.yaml", "rolling-codedeploy.yaml",
    "rolling-opsworks.yaml"})
  void everyRollingDeploymentKeepsAllButOneBatch(String file) {
    Summary s = run(file);
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // 6 instances, 2 at a time: 4 keep serving, and 4 x 100 requests/s carry the 400 of demand
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(4);
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
  }

  @Test
  void elasticBeanstalkWaitsForItsHealthGateAfterEachBatch() {
    // 3 batches x (drain 20 s + install 30 s + start 10 s + 12 reports 10 s apart = 120 s)
    assertThat(duration(run("rolling-eb.yaml"))).isEqualTo(3 * (20.0 + 30 + 10 + 120));
  }

  /** "rolling = drop traffic to n instance > deploy > allow traffic": CodeDeploy does just that. */
  @Test
  void codeDeployBlocksDeploysAndAllowsTrafficPerBatch() {
    Summary s = run("rolling-codedeploy.yaml");
    // 3 batches x (BlockTraffic: drain 20 s + install 30 s + start 10 s + AllowTraffic: one passing
    // check, within one 15 s interval)
    assertThat(duration(s)).isBetween(3 * (20.0 + 30 + 10), 3 * (20.0 + 30 + 10 + 15));
    assertThat(s.capacity().peakInstances()).isEqualTo(6);
  }

  /** "opsworks (not ideal, it is manual deploy)": the operator's deregister, Deploy, register, check. */
  @Test
  void opsWorksByHandTakesCodeDeploysPath() {
    Summary s = run("rolling-opsworks.yaml");
    // 3 batches x (deregister: drain 20 s + Deploy recipes: install 30 s + start 10 s + register: one
    // passing check, within one 15 s interval; docs/platforms/opsworks.md#rolling-deployments-by-hand)
    assertThat(duration(s)).isBetween(3 * (20.0 + 30 + 10), 3 * (20.0 + 30 + 10 + 15));
    assertThat(s.capacity().peakInstances()).isEqualTo(6);
  }

  /** CloudFormation does not deploy to the instances it takes out: it terminates them and launches new ones. */
  @Test
  void cloudFormationReplacesInsteadOfDeploying() {
    Summary s = run("rolling-cloudformation.yaml");
    // 4 in service + 2 draining on their way out + 2 launching = 8 billed at the peak
    assertThat(s.capacity().peakInstances()).isEqualTo(6 + 2);
    assertThat(run("rolling-eb.yaml").capacity().peakInstances()).isEqualTo(6);
  }

  /** "blue/green deployment: eb (cname swap), codedeploy, 2x(cfn+asg+elb)+route53 or 2(cfn+asg)+elb". */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"blue-green-eb.yaml", "blue-green-codedeploy.yaml", "blue-green-route53.yaml",
    "blue-green-alb.yaml"})
  void everyBlueGreenRunsASecondFleetAndLosesNothing(String file) {
    Summary s = run(file);
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    assertThat(s.traffic().failedRequests()).isZero();
  }

  @Test
  void theDnsWaysMixVersionsAsLongAsStaleClientsKeepTheirAnswers() {
    // the 5% of clients that keep an answer past its TTL keep the old fleet for up to 15 minutes
    assertThat(run("blue-green-eb.yaml").mixedVersionSeconds()).isCloseTo(15 * 60.0, within(5.0));
    assertThat(run("blue-green-route53.yaml").mixedVersionSeconds()).isCloseTo(15 * 60.0, within(5.0));
    // listener weights apply to the next request
    assertThat(run("blue-green-alb.yaml").mixedVersionSeconds()).isZero();
    // CodeDeploy registers the 6 replacements one at a time (OneAtATime), each within one passing
    // check (at most 15 s), then blocks the originals: both serve at most 6 x 15 s
    assertThat(run("blue-green-codedeploy.yaml").mixedVersionSeconds()).isPositive().isLessThanOrEqualTo(6 * 15.0);
  }

  /** "canary deployment: codedeploy only on lambda / ecs, eb (traffic splitting), ...". */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"canary-eb.yaml", "canary-ecs.yaml"})
  void aCanaryGivesTheNewVersionItsShareForTheEvaluationTime(String file) {
    RunResult r = Lessons.result(file);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    // 10% of the requests for 10 minutes (samples every 5 s: the edges may lose one)
    assertThat(Lessons.secondsWithin(r, "newVersionTrafficPercent", 9.9, 10.1)).isBetween(600.0 - 10, 600.0);
    // v2 fails 10% of its 40 requests/s meanwhile
    assertThat(Lessons.secondsWithin(r, "failedRps", 3.99, 4.01)).isBetween(600.0 - 10, 600.0);
    assertThat(Lessons.secondsWithin(r, "newVersionTrafficPercent", 99.9, 100.1)).isPositive();
  }

  /** "a/b test for a long time: (cloudformation+asg+alb)x2+route53 weighted round robin". */
  @Test
  void aWeightedAbTestSettlesAtItsWeightsAndPaysForASecondStack() {
    RunResult r = Lessons.result("ab-test-route53.yaml");
    // half of the answers name each stack once the stale clients (15 minutes) have come over:
    // deployment at 5m, new stack healthy within a few minutes, well settled an hour later
    assertThat(Lessons.valueAt(r, "newVersionTrafficPercent", 5 * 60 + 3600)).isCloseTo(50.0, within(0.1));
    // one TTL (60 s) after the first answers name the new stack, all but the stale 5% follow:
    // 95% x 50% = 47.5% at least (plus one 5 s sample)
    double first = Lessons.firstTime(r, "newVersionTrafficPercent", 0.01);
    assertThat(Lessons.valueAt(r, "newVersionTrafficPercent", first + 60 + 5)).isGreaterThanOrEqualTo(47.5);
    Summary s = r.summary();
    assertThat(s.mixedVersionSeconds()).isGreaterThanOrEqualTo(2 * 3600.0);
    // a second stack of 6 for the two hours of the test
    assertThat(s.cost().extraInstanceHours()).isGreaterThanOrEqualTo(6 * 2.0);
  }
}
