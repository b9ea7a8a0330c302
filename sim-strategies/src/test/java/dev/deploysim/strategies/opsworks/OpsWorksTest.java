package dev.deploysim.strategies.opsworks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.testing.ScenarioYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The opsworks.* types against AWS OpsWorks Stacks' documented behaviour (docs/platforms/opsworks.md;
 * https://docs.aws.amazon.com/opsworks/latest/userguide/workingcookbook-events.html and the pages it
 * links). Test system: 4 instances of 100 requests/s for 200 requests/s, boot 60 s, install 30 s and
 * start 10 s, an ALB checking every 10 s (2 successes to be healthy) with 20 s of draining, Setup
 * runs of exactly 3 minutes, the deployment at 5 minutes (300 s).
 */
class OpsWorksTest {
  static final double AT = 300;
  static final double BOOT = 60;
  static final double SETUP = 180;
  static final double INSTALL_AND_START = 30 + 10;

  static ScenarioYaml stack(String type) {
    return ScenarioYaml.deploying(type).with(Strategies.catalog())
        .set("fleet.instances", 4).set("fleet.zones", List.of("a", "b")).set("fleet.capacity", 100)
        .set("fleet.launchTime", "60s").set("traffic.rps", 200)
        .set("loadBalancer.type", "alb").set("loadBalancer.healthCheck", "{interval: 10s, healthyThreshold: 2}")
        .set("loadBalancer.deregistrationDelay", "20s")
        .version("v1", "{install: 30s, start: 10s}").v2("{install: 30s, start: 10s}")
        .param("setupTime", "3m");
  }

  static List<TimelineEvent> events(RunResult r, String text) {
    return r.timeline().stream().filter(e -> e.message().contains(text)).toList();
  }

  @Test
  void theDeployCommandRestartsEveryInstanceAtOnce() {
    RunResult r = stack("opsworks.deploy").run();
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 4));
    // all 4 restart together: for the 40 s of install and start no instance serves
    assertThat(s.capacity().minInServiceInstances()).isZero();
    assertThat(s.traffic().downtimeSeconds()).isGreaterThanOrEqualTo(INSTALL_AND_START - 10);
    assertThat(s.traffic().failedRequests()).isGreaterThanOrEqualTo(Math.round(200 * (INSTALL_AND_START - 10)));
  }

  @Test
  void theManualRollingPatternKeepsThreeOfFourServing() {
    RunResult r = stack("opsworks.rolling").run();
    Summary s = r.summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 4));
    // one instance out at a time: 3 x 100 requests/s >= 200, nothing fails
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(3);
    assertThat(s.traffic().failedRequests()).isZero();
    // each batch: 20 s draining + 40 s install and start + the first health check after it registers
    // again (within one 10 s interval; an ALB target in state initial is healthy after 1 pass,
    // docs/platforms/load-balancing.md)
    assertThat(r.phases()).filteredOn(p -> p.kind() == Phase.Kind.DEPLOY).hasSize(4);
    assertThat(s.deployment().durationSeconds()).isBetween(4 * (20 + INSTALL_AND_START), 4 * (20 + INSTALL_AND_START + 10));
  }

  @Test
  void aBadVersionStopsTheRollingDeploymentAtTheFirstInstance() {
    RunResult r = stack("opsworks.rolling").v2("{install: 30s, start: 10s, health: failing}")
        .param("verifyTimeout", "5m").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    // the first batch: 20 s draining, 40 s install and start, then 5 minutes without a healthy check
    assertThat(s.deployment().durationSeconds()).isEqualTo(20 + INSTALL_AND_START + 300);
  }

  @Test
  void aClonedStackServesSetupTimeLaterThanAStackOfBakedInstances() {
    // opsworks.blue-green and route53.weighted differ only by Setup: the clone's instances run it
    // after their boot, so the first weight change comes exactly 180 s later
    RunResult ow = stack("opsworks.blue-green").param("steps", List.of(Map.of("weight", 100))).run();
    RunResult r53 = stack("route53.weighted").remove("deployment.strategy.setupTime")
        .param("steps", List.of(Map.of("weight", 100))).run();
    double owShift = firstShift(ow);
    double r53Shift = firstShift(r53);
    assertThat(owShift - r53Shift).isCloseTo(SETUP, org.assertj.core.api.Assertions.within(1e-9));
    // baked: boot 60 s + install and start 40 s, then the first passing health check (within 10 s)
    assertThat(r53Shift - AT).isBetween(BOOT + INSTALL_AND_START, BOOT + INSTALL_AND_START + 10);
    assertThat(ow.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(ow.summary().finalVersions()).isEqualTo(Map.of("v2", 4));
  }

  static double firstShift(RunResult r) {
    return r.phases().stream().filter(p -> p.kind() == Phase.Kind.SHIFT).findFirst().orElseThrow().start();
  }

  @Test
  void anInstanceWhoseAgentStopsIsHealedAndConfigureRunsOnEveryInstance() {
    // the agent of one instance stops at 2m; OpsWorks looks every 60 s (60, 120, ... s) and heals an
    // instance silent for 5 minutes: at the check of 120 + 300 = 420 s
    RunResult r = stack("opsworks.deploy").set("deployment.at", "20m")
        .fault("{at: 2m, type: agentFailure, count: 1}").run();
    List<TimelineEvent> heals = events(r, "auto healing");
    assertThat(heals).hasSize(1);
    assertThat(heals.get(0).time()).isEqualTo(120 + 300.0);
    // Configure on every online instance when it goes offline and when its replacement comes online
    assertThat(events(r, "Configure (").stream().filter(e -> e.message().contains("on 3 online")).count())
        .isGreaterThanOrEqualTo(1);
    assertThat(events(r, "came online) on 4 online")).hasSize(1);
    // the replacement: stop (20 s draining + 10 s Shutdown), then boot 60 s, Setup 180 s, 40 s
    double online = events(r, "came online) on 4 online").get(0).time();
    assertThat(online).isBetween(420 + 20 + 10 + BOOT + SETUP + INSTALL_AND_START,
        420 + 20 + 10 + BOOT + SETUP + INSTALL_AND_START + 20);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void aCloneWhoseAgentsNeverStartIsNeverOnlineAndThePipelineRollsBack() {
    // agents of instances booting from 5m for 1 h do not start: the clone's 4 instances never run
    // Setup; the pipeline gives up after its 10 minute timeout, at 300 + 600 = 900 s
    RunResult r = stack("opsworks.blue-green").fault("{at: 5m, type: agentFailure, count: 0, duration: 1h}").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.rollback().startSeconds()).isEqualTo(AT + 600);
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(events(r, "its agent has not started")).hasSize(4);
  }

  @Test
  void loadBasedInstancesStartAfterTheThresholdsWaitTime() {
    // 380 requests/s from 10m on 4 x 100: the layer's CPU is 95% > 80%; judged once a minute, the
    // first period above is 600-660 s, so after thresholdsWaitTime 5m one instance starts at 900 s
    RunResult r = stack("opsworks.deploy").set("deployment.at", "30m").remove("traffic.rps")
        .set("traffic.pattern", "{steps: [{at: 0s, rps: 200}, {at: 10m, rps: 380}]}")
        .param("loadBasedInstances", Map.of("count", 2)).run();
    List<TimelineEvent> starts = events(r, "load-based instance(s)");
    assertThat(starts).isNotEmpty();
    assertThat(starts.get(0).time()).isEqualTo(600 + 300.0);
    assertThat(starts.get(0).message()).contains("starting 1");
  }

  @Test
  void timeBasedInstancesFollowTheirSchedule() {
    // online during hour 0 (UTC) of every day; the schedule is applied every 2 minutes from 0 s
    RunResult r = stack("opsworks.deploy").set("deployment.at", "70m")
        .param("timeBasedInstances", Map.of("count", 1, "hours", List.of(0))).run();
    List<TimelineEvent> changes = events(r, "time-based instance(s)");
    assertThat(changes).extracting(TimelineEvent::time).startsWith(0.0, 3600.0);
    assertThat(changes.get(0).message()).startsWith("starting 1");
    assertThat(changes.get(1).message()).startsWith("stopping 1");
  }

  /**
   * The clone's 4 instances fail at F = 12m, during the 50% step (the first step comes at
   * AT + BOOT + SETUP + INSTALL_AND_START + up to one 10 s health check = 580..590 s), and no
   * replacement can launch for 10 minutes. With a Route 53 health check on each record (30 s, threshold
   * 3; docs/platforms/route53.md#health-on-the-deployments-records) the clone's load balancer answers
   * with errors, so the 13th of 15 checkers flips (3 - 1) x 30 + 12 x 30 / 15 + d = 84 + d s after F,
   * d in [0, 2); the name servers drop the record dns.propagation (30 s) later. No pipeline rollback.
   */
  @Test
  void aClonedStackWhoseRoute53HealthCheckFailsLeavesTheRotationWithoutARollback() {
    double f = 12 * 60;
    ScenarioYaml failing = stack("opsworks.blue-green").set("dns.staleClientFraction", 0).set("dns.propagation", "30s")
        .param("steps", "[{weight: 50, hold: 10m}, {weight: 100}]")
        .fault("{at: 12m, type: instanceFailure, count: 4, version: v2}")
        .fault("{at: 12m, type: launchFailures, probability: 1, duration: 10m}");
    RunResult r = failing.copy().param("healthCheck", "{interval: 30s, failureThreshold: 3}").run();
    assertThat(firstShift(r)).isBetween(AT + BOOT + SETUP + INSTALL_AND_START, AT + BOOT + SETUP + INSTALL_AND_START + 10);
    List<TimelineEvent> unhealthy = events(r, "of green-lb is unhealthy");
    assertThat(unhealthy).hasSize(1);
    double detection = unhealthy.get(0).time() - f;
    assertThat(detection).isGreaterThanOrEqualTo((3 - 1) * 30 + 12 * 30 / 15.0).isLessThan((3 - 1) * 30 + 14 * 30 / 15.0);
    assertThat(events(r, "name servers now answer blue-lb=50")).extracting(TimelineEvent::time)
        .containsExactly(unhealthy.get(0).time() + 30);
    assertThat(events(r, "rollback started")).isEmpty();
    // without the health check the pipeline watches the clone's targets and rolls back instead
    RunResult watched = failing.run();
    assertThat(watched.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(events(watched, "route53:")).isEmpty();
  }

  @Test
  void helpAndRefusalsSayWhatOpsWorksDoes() {
    assertThat(new OpsWorksDeploy().description().summary()).contains("end of life on 26 May 2024");
    assertThat(stack("opsworks.deploy").errorRateAlarm().load().errors()).extracting(ScenarioError::format)
        .anySatisfy(e -> assertThat(e).contains("OpsWorks Stacks does not act on CloudWatch alarms"));
    assertThat(stack("opsworks.rolling").param("batchSize", 5).load().errors()).extracting(ScenarioError::format)
        .anySatisfy(e -> assertThat(e).contains("batchSize").contains("larger than the fleet"));
  }
}
