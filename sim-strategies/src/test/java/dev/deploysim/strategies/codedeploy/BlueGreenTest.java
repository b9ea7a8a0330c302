package dev.deploysim.strategies.codedeploy;

import dev.deploysim.testing.ScenarioYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlueGreenTest {
  static final CodeDeployBlueGreen TYPE = new CodeDeployBlueGreen();

  /** A replacement instance: launch 40 s, then the new version installs (30 s) and starts (10 s). */
  static final double PROVISION = 40 + 30 + 10;
  /** AllowTraffic: registration until the first ALB check passes (10 s in the fixture). */
  static final double ALLOW = 10;
  /** BlockTraffic on the originals: deregistration delay (they were serving). */
  static final double DRAIN = 20;

  static RunResult run(ScenarioYaml f, Map<String, Object> params) {
    return f.copy().params(params).run();
  }

  @ParameterizedTest(name = "{0}: reroutes {1} at a time")
  @CsvSource({
      "CodeDeployDefault.OneAtATime, 1",
      "CodeDeployDefault.HalfAtATime, 4",
      "CodeDeployDefault.AllAtOnce, 9"})
  void reroutesByTheConfigurationThenTerminatesTheOriginalsAfterAnHour(String config, int atOnce) {
    RunResult r = run(CodeDeployScenarios.of(TYPE), Map.of("config", config));
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    double waves = Math.ceil(9.0 / atOnce);
    // provision, reroute in waves, drain the originals, wait 1 h (default), terminate
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(PROVISION + waves * ALLOW + DRAIN + 3600);
    // the originals serve until the replacements do: no capacity lost
    assertThat(r.summary().capacity().minInServiceInstances()).isEqualTo(9);
    assertThat(r.summary().capacity().peakInstances()).isEqualTo(18);
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v2", 9));
    assertThat(r.summary().traffic().failedRequests()).isZero();
    assertThat(r.phases()).extracting(Phase::label).contains("wait 1h before terminating the original instances");
  }

  @Test
  void twoFailedReplacementsStopOneAtATimeWithAReasonNamingTheFault() {
    // issue 17 item 14: OneAtATime on 20 replacements keeps all but one healthy: minimum 19, one at a
    // time (CodeDeploy user guide, "Instance health"). Two replacements that already run v2 fail
    // their EC2 status checks at 200 s: 18 of 20 are healthy, below 19, so no further replacement
    // may be taken offline and the deployment stops (and rolls back, the default on failure).
    RunResult r = CodeDeployScenarios.of(TYPE, 20).param("config", DeploymentConfigs.ONE_AT_A_TIME)
        .fault("{at: 200s, type: instanceFailure, count: 2, version: v2}").run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    String reason = r.summary().outcomeReason();
    assertThat(reason).startsWith("18 of 20 instances healthy and 19 must stay healthy (minimum healthy hosts: all "
        + "but one instance), so the ");
    assertThat(reason).containsPattern("; not healthy: i-\\d+ and i-\\d+ \\(EC2 status checks failed: faults\\[0\\]: "
        + "instanceFailure at 3m20s\\)$");
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).contains("EC2 status checks failed (faults[0]: "
        + "instanceFailure at 3m20s)"));
  }

  @Test
  void keepOriginalEndsAfterDeregisteringThem() {
    RunResult r = run(CodeDeployScenarios.of(TYPE), Map.of("config", DeploymentConfigs.ALL_AT_ONCE,
        "keepOriginal", true));
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(PROVISION + ALLOW + DRAIN);
    // the originals keep running (billed) outside the load balancer: only the replacements are in
    // service, but all 18 instances are still running when the run ends
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v2", 9));
    assertThat(r.timeSeries().value(r.timeSeries().size() - 1, "runningInstances")).isEqualTo(18);
  }

  @Test
  void rerouteAfterWaitsBeforeRegisteringTheReplacements() {
    RunResult r = run(CodeDeployScenarios.of(TYPE), Map.of("config", DeploymentConfigs.ALL_AT_ONCE,
        "rerouteAfter", 600.0,
        "terminateOriginalAfter", 300.0));
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(PROVISION + 600 + ALLOW + DRAIN + 300);
  }

  @Test
  void replacementScriptsRunByTheConfiguration() {
    // OneAtATime: the install events run on one replacement at a time (30 s of scripts each)
    RunResult r = run(CodeDeployScenarios.of(TYPE), Map.of("hooks", Map.of("BeforeInstall",
        CodeDeployScenarios.script(10),
        "ValidateService", CodeDeployScenarios.script(20)), "keepOriginal", true));
    assertThat(r.summary().deployment().durationSeconds()).isEqualTo(PROVISION + 9 * 30 + 9 * ALLOW + DRAIN);
  }

  @Test
  void aBadVersionFailsAllowTrafficAndTheReplacementsAreRemoved() {
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    f.set("deployment.version", "bad");
    RunResult r = run(f, Map.of());
    // the first replacement waits an hour to become healthy
    assertThat(r.summary().detection().by()).isEqualTo("AllowTraffic health checks");
    assertThat(r.summary().detection().afterStartSeconds()).isEqualTo(PROVISION + 3600);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // the originals never left the load balancer: no request failed, none reached the bad version
    assertThat(r.summary().traffic().failedRequests()).isZero();
    assertThat(r.summary().traffic().requestsServedByNewVersion()).isZero();
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v1", 9));
  }

  @Test
  void anAlarmDuringTheTerminationWaitReroutesToTheOriginals() {
    ScenarioYaml f = CodeDeployScenarios.of(TYPE);
    f.set("deployment.version", "errors");
    f.rollbackAlarm("high-errors",
        "metric: errorRate, threshold: 0.05, period: 60s, evaluationPeriods: 1, datapointsToAlarm: 1");
    RunResult r = run(f, Map.of("config", DeploymentConfigs.ALL_AT_ONCE));
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.summary().detection().by()).isEqualTo("alarm high-errors");
    // the originals register again (one check: 10 s) and the replacements drain (20 s) and go
    assertThat(r.summary().rollback().endSeconds() - r.summary().rollback().startSeconds())
        .isEqualTo(ALLOW + DRAIN);
    assertThat(r.summary().finalVersions()).containsExactly(Map.entry("v1", 9));
    assertThat(r.phases()).anyMatch(p -> p.label().equals("rollback: reroute to the original instances"));
  }
}
