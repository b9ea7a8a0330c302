package dev.deploysim.strategies.codedeploy;

import dev.deploysim.testing.ScenarioYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Distribution;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.strategies.Simulate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InPlaceTest {
  static final CodeDeployInPlace TYPE = new CodeDeployInPlace();

  /**
   * One instance, no hook scripts: BlockTraffic drains for the deregistration delay (20 s; the
   * instance was serving), Install 30 s, ApplicationStart 10 s, AllowTraffic until the first ALB
   * check after registration passes (10 s in the fixture): 70 s.
   */
  static final double PER_INSTANCE = 20 + 30 + 10 + 10;

  /** The most instances named in one "deploy to" phase. */
  static int maxAtOnce(RunResult r) {
    int max = 0;
    for (Phase p : r.phases()) {
      if (p.label().startsWith("deploy to ")) {
        max = Math.max(max, p.label().substring("deploy to ".length()).split(", ").length);
      }
    }
    return max;
  }

  static RunResult run(int n, Map<String, Object> params) {
    ScenarioYaml f = CodeDeployScenarios.of(TYPE, n);
    return f.copy().params(params).run();
  }

  @ParameterizedTest(name = "{1} on {0} instances: {2} at a time")
  @CsvSource({
      "9, CodeDeployDefault.OneAtATime, 1",
      "9, CodeDeployDefault.HalfAtATime, 4",
      "9, CodeDeployDefault.AllAtOnce, 9",
      "10, CodeDeployDefault.OneAtATime, 1",
      "10, CodeDeployDefault.HalfAtATime, 5",
      "10, CodeDeployDefault.AllAtOnce, 10"})
  void predefinedConfigsDeployInWavesOfTheirConcurrency(int n, String config, int atOnce) {
    RunResult r = run(n, Map.of("config", config));
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(maxAtOnce(r)).isEqualTo(atOnce);
    // ceil(n / atOnce) waves of 70 s each
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(Math.ceil((double) n / atOnce) * PER_INSTANCE);
    // an instance is out of the load balancer from BlockTraffic to AllowTraffic
    assertThat(r.summary().capacity().minInServiceInstances()).isEqualTo(n - atOnce);
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v2", n));
    if (atOnce < n) {
      assertThat(r.summary().traffic().failedRequests()).isZero();
    } else {
      // all out of the load balancer: from BlockTraffic until registration (drain 20 + install
      // 30 + start 10 = 60 s) no target takes requests; once registered, the load balancer fails
      // open to the initial targets, which serve
      assertThat(r.summary().traffic().failedRequests()).isEqualTo(60 * 400);
    }
  }

  @Test
  void defaultConfigIsOneAtATime() {
    RunResult r = run(9, Map.of());
    assertThat(maxAtOnce(r)).isEqualTo(1);
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(9 * PER_INSTANCE);
  }

  @Test
  void hostCountSixOfNineDeploysThreeAtATime() {
    RunResult r = run(9, Map.of("minimumHealthyHosts", Map.of("type", "HOST_COUNT", "value", 6)));
    assertThat(maxAtOnce(r)).isEqualTo(3);
    assertThat(r.summary().capacity().minInServiceInstances()).isEqualTo(6);
    // 9 / 3 = 3 waves
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(3 * PER_INSTANCE);
  }

  @Test
  void fleetPercentFortyOfNineKeepsFourAndDeploysFive() {
    // 40% of 9 = 3.6, rounded up to 4: 5 at a time, then the other 4: two waves
    RunResult r = run(9, Map.of("minimumHealthyHosts", Map.of("type", "FLEET_PERCENT", "value", 40)));
    assertThat(maxAtOnce(r)).isEqualTo(5);
    assertThat(r.summary().capacity().minInServiceInstances()).isEqualTo(4);
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(2 * PER_INSTANCE);
  }

  @Test
  void ninetyFivePercentOfTenFailsAtOnceWithoutTouchingAnInstance() {
    // 95% of 10 = 9.5 -> 10 = the whole fleet; the rollback (same configuration) cannot run either
    RunResult r = run(10, Map.of("minimumHealthyHosts", Map.of("type", "FLEET_PERCENT", "value", 95)));
    assertThat(r.summary().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.summary().deployment().durationSeconds()).isZero();
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v1", 10));
    assertThat(r.summary().capacity().minInServiceInstances()).isEqualTo(10);
    assertThat(r.summary().outcomeReason()).contains("minimum healthy hosts is 10 of 10");
  }

  @Test
  void allowTrafficWaitsForOnePassingCheckAtMostOneIntervalAfterRegistration() {
    // ALB: a newly registered target is healthy after one passing check; the first check comes
    // within one interval (30 s) of registration
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    f.set("loadBalancer.healthCheck", "{interval: 30s, healthyThreshold: 3, unhealthyThreshold: 2}");
    RunResult r = f.copy().params(Map.of("config", DeploymentConfigs.ALL_AT_ONCE)).run();
    Map<String, Double> registered = new HashMap<>();
    int healthy = 0;
    for (TimelineEvent e : r.timeline()) {
      String[] w = e.message().split(" ");
      if (e.message().endsWith("registered with blue-tg") && !e.message().contains("deregistered")) {
        registered.put(w[0], e.time());
      } else if (e.message().contains("initial -> healthy")) {
        double wait = e.time() - registered.get(w[0]);
        assertThat(wait).isGreaterThan(0).isLessThanOrEqualTo(30);
        healthy++;
      }
    }
    assertThat(healthy).isEqualTo(9);
    // all at once: drain 20 + install 30 + start 10 + the slowest first check (<= 30 s)
    assertThat(r.summary().deployment().durationSeconds()).isBetween(60.0, 90.0);
  }

  @Test
  void aVersionThatFailsHealthChecksFailsAllowTrafficAfterAnHourAndIsRolledBack() {
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    f.set("deployment.version", "bad");
    RunResult r = f.copy().params(Map.of()).run();
    // first instance: drain 20 + install 30 + start 10, then AllowTraffic waits up to 3600 s
    assertThat(r.summary().detection().by()).isEqualTo("AllowTraffic health checks");
    assertThat(r.summary().detection().afterStartSeconds()).isEqualTo(20 + 30 + 10 + 3600.0);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // rollback: the same lifecycle with v1 on that instance; it never served (unhealthy), so it
    // leaves the target group at once: install 30 + start 10 + first check 10 = 50 s
    assertThat(r.summary().rollback().endSeconds() - r.summary().rollback().startSeconds()).isEqualTo(50.0);
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v1", 9));
    assertThat(r.summary().traffic().requestsServedByNewVersion()).isZero();
    assertThat(r.phases()).anyMatch(p -> p.kind() == Phase.Kind.ROLLBACK && p.label().contains("redeploy v1"));
  }

  @Test
  void withoutRollbackAFailedDeploymentKeepsWhatItUpdated() {
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    f.set("deployment.version", "bad");
    f.onFailure(false);
    RunResult r = f.copy().params(Map.of()).run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.summary().rollback().triggered()).isFalse();
    // OneAtATime stops at the first failed instance: it keeps the bad version, 8 keep v1
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v1", 8), Map.entry("bad", 1));
  }

  @Test
  void aHookThatNeverFinishesFailsTheInstanceAfterOneHour() {
    // the script timeout defaults to 3600 s, which is also the most a lifecycle event may take
    RunResult r = run(9, Map.of("hooks", Map.of("ValidateService", CodeDeployScenarios.script(100 * 3600))));
    assertThat(r.summary().detection().by()).isEqualTo("hook ValidateService timed out");
    // drain 20 + install 30 + start 10, then ValidateService runs until its timeout
    assertThat(r.summary().detection().afterStartSeconds()).isEqualTo(20 + 30 + 10 + 3600.0);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  void aScriptTimeoutBelowAnHourEndsTheEventEarlier() {
    RunResult r = run(9, Map.of("hooks", Map.of("BeforeInstall",
        Map.of("duration", Distribution.constant(900), "timeout", 600.0))));
    // drain 20, then BeforeInstall runs until its 600 s timeout
    assertThat(r.summary().detection().afterStartSeconds()).isEqualTo(20 + 600.0);
  }

  @Test
  void hookScriptsAddTheirTimeInLifecycleOrder() {
    Map<String, Object> hooks = new HashMap<>();
    for (LifecycleEvent e : LifecycleEvent.EC2_HOOKS) {
      hooks.put(e.awsName(), CodeDeployScenarios.script(5));
    }
    RunResult r = run(3, Map.of("hooks", hooks));
    // 9 scripts of 5 s on each instance, one instance at a time, but ApplicationStop: AWS runs the
    // ApplicationStop script of the revision the instance last ran (v1), which the scenario does
    // not describe; 8 scripts of 5 s
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(3 * (PER_INSTANCE + 8 * 5));
    List<String> order = r.timeline().stream()
        .filter(e -> e.message().startsWith("i-0001 ") && e.message().endsWith("hook script started"))
        .map(e -> e.message().split(" ")[1].replace(":", "")).toList();
    assertThat(order).containsExactly("BeforeBlockTraffic", "AfterBlockTraffic", "BeforeInstall",
        "AfterInstall", "ApplicationStart", "ValidateService", "BeforeAllowTraffic", "AfterAllowTraffic");
  }

  @Test
  void aFailingScriptFailsTheInstance() {
    RunResult r = run(9, Map.of("hooks", Map.of("AfterInstall", Map.of("duration", Distribution.constant(5),
        "fails", 1.0))));
    assertThat(r.summary().detection().by()).isEqualTo("hook AfterInstall failed");
    // drain 20 + install 30 + script 5
    assertThat(r.summary().detection().afterStartSeconds()).isEqualTo(55.0);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
  }

  /**
   * Three instances through the real loader, timed as the fixture: install 30 s, start 10 s,
   * deregistration delay 20 s, first ALB check 10 s after registration (one pass).
   */
  static RunResult runYaml(String hooks) {
    return Simulate.run("""
        name: hooks
        fleet: {instances: 3, maxSize: 6, launchTime: 40s}
        loadBalancer: {healthCheck: {interval: 10s, firstCheckDelay: 10s}, deregistrationDelay: 20s}
        traffic: {rps: 300}
        versions: {v1: {install: 30s, start: 10s}, v2: {install: 30s, start: 10s}}
        deployment:
          at: 60s
          version: v2
          strategy:
            type: codedeploy.in-place
            hooks:
        """ + hooks.indent(6));
  }

  @Test
  void aHookWrittenAsARunTimeOrADistributionTakesThatLong() {
    RunResult r = runYaml("BeforeInstall: 30s\nValidateService: {uniform: [10s, 20s]}\nAfterInstall: {fails: false}");
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    // per instance 70 s + BeforeInstall 30 s + ValidateService 10..20 s, one instance at a time
    assertThat(r.summary().deployment().durationSeconds()).isBetween(3 * (PER_INSTANCE + 30 + 10),
        3 * (PER_INSTANCE + 30 + 20));
  }

  @Test
  void aHookThatNeverFinishesFailsAtItsTimeout() {
    RunResult r = runYaml("ValidateService: {duration: never}");
    assertThat(r.summary().detection().by()).isEqualTo("hook ValidateService timed out");
    // drain 20 + install 30 + start 10, then ValidateService hangs until the 3600 s default timeout
    assertThat(r.summary().detection().afterStartSeconds()).isEqualTo(20 + 30 + 10 + 3600.0);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.timeline()).extracting(TimelineEvent::message)
        .contains("i-0001 ValidateService: hook script timed out after 1h (it never finishes)");
    RunResult shorter = runYaml("ValidateService: {duration: never, timeout: 5m}");
    assertThat(shorter.summary().detection().afterStartSeconds()).isEqualTo(20 + 30 + 10 + 300.0);
  }

  @Test
  void failsTrueAlwaysFailsAndFailsZeroNever() {
    RunResult r = runYaml("AfterInstall: {duration: 5s, fails: true}");
    assertThat(r.summary().detection().by()).isEqualTo("hook AfterInstall failed");
    // drain 20 + install 30 + script 5
    assertThat(r.summary().detection().afterStartSeconds()).isEqualTo(55.0);
    assertThat(runYaml("AfterInstall: {duration: 5s, fails: 0}").summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void withoutTrafficControlInstancesStayRegisteredAndRequestsFail() {
    RunResult with = run(9, Map.of());
    RunResult without = run(9, Map.of("trafficControl", false));
    assertThat(with.summary().traffic().failedRequests()).isZero();
    assertThat(without.summary().traffic().failedRequests()).isPositive();
    // no BlockTraffic / AllowTraffic: install 30 + start 10 per instance
    assertThat(without.summary().deployment().durationSeconds()).isEqualTo(9 * 40.0);
  }

  @Test
  void aRollbackRunsTheNewRevisionsApplicationStopWhereTheNewRevisionRan() {
    // AWS runs the ApplicationStop script of the revision an instance last ran successfully. The
    // alarm of the test below rolls back at 180 s: i-0001 runs the new revision since 130 s,
    // i-0002 is still on its way (its last successful revision is v1). The rollback stops the new
    // revision on i-0001 with its script (7 s); the deployment itself ran none (v1's is not
    // described), so the alarm comes at the same time and the rollback takes 7 s longer.
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    f.set("deployment.version", "errors");
    f.rollbackAlarm("high-errors",
        "metric: errorRate, threshold: 0.02, period: 60s, evaluationPeriods: 1, datapointsToAlarm: 1");
    Summary without = f.copy().params(Map.of()).run().summary();
    Summary with = f.copy().params(Map.of("hooks", Map.of("ApplicationStop", CodeDeployScenarios.script(7)))).run()
        .summary();
    assertThat(with.detection().atSeconds()).isEqualTo(without.detection().atSeconds()).isEqualTo(180.0);
    assertThat(with.rollback().endSeconds() - with.rollback().startSeconds())
        .isEqualTo(without.rollback().endSeconds() - without.rollback().startSeconds() + 7);
  }

  @Test
  void anAlarmStopsTheDeploymentAndRollsBack() {
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    f.set("deployment.version", "errors"); // passes health checks, fails half of its requests
    f.rollbackAlarm("high-errors",
        "metric: errorRate, threshold: 0.02, period: 60s, evaluationPeriods: 1, datapointsToAlarm: 1");
    RunResult r = f.copy().params(Map.of()).run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.summary().detection().by()).isEqualTo("alarm high-errors");
    assertThat(r.summary().rollback().reason()).contains("high-errors");
    // the first instance serves 1/9 of 400 rps from 70 s after the start (130 s into the run);
    // half of it fails: 22 rps of 400 = 5.6% > 2% in the period 120-180 s: ALARM at 180 s
    assertThat(r.summary().detection().atSeconds()).isEqualTo(180.0);
    // the deployment had reached the second instance at most
    assertThat(r.summary().traffic().requestsServedByNewVersion()).isLessThan(2 * 400 / 9 * 120);
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v1", 9));
  }

  @Test
  void outdatedInstancesStayOnThePreviousRevisionWithIgnore() {
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    // scale out by one while the deployment runs (it starts at 60 s and takes 9 x 70 s)
    f.scheduledAction("{at: 200s, desired: 10}");
    RunResult ignore = f.copy().params(Map.of("outdatedInstances", "IGNORE")).run();
    assertThat(ignore.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    // the new instance launched with the last successful revision (v1) and kept it
    assertThat(ignore.summary().finalVersions()).containsExactly(Map.entry("v1", 1), Map.entry("v2", 9));
    assertThat(ignore.timeline()).anyMatch(e -> e.message().contains("outdated"));

    RunResult update = f.copy().params(Map.of()).run();
    // UPDATE (the default) deploys to it right after: one more instance, 70 s more
    assertThat(update.summary().finalVersions()).containsExactly(Map.entry("v2", 10));
    assertThat(update.summary().deployment().durationSeconds()).isEqualTo(10 * PER_INSTANCE);
  }
}
