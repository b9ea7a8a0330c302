package dev.deploysim.strategies.cloudformation;

import dev.deploysim.testing.ScenarioYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * cloudformation.replacing-update against the documented rules
 * (docs/platforms/cloudformation.md#replacing-update), on the test system of {@link StackScenario}
 * (6 instances): the new group's instances are launched at 60 s and signal (healthy) at 60 + 90 =
 * 150 s; the old group's instances drain for 20 s when it is deleted.
 */
class ReplacingUpdateTest {
  static final String TYPE = "cloudformation.replacing-update";
  static final double AT = StackScenario.AT;
  static final double SIGNALS = 40 + 30 + 10 + 10;

  static ScenarioYaml replacing() {
    return StackScenario.of(TYPE, 6);
  }

  @Test
  void keepsFullCapacityAndDoublesTheInstances() {
    // signals at 150 s; cleanup deletes the old group (20 s of draining): 90 + 20 = 110 s
    RunResult r = replacing().run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(6);
    assertThat(s.capacity().minCapacityPercent()).isEqualTo(100.0);
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.deployment().durationSeconds()).isCloseTo(SIGNALS + 20, within(1e-6));
    assertThat(r.phases()).extracting(Phase::label)
        .containsExactly("create blue-asg-replacement (6 x v2)", "cleanup: delete blue-asg");
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).isEqualTo("group blue-asg deleted"));
  }

  @Test
  void aCreationPolicyTimeoutRollsBack() {
    // v2 never passes a health check: no signal by the default Timeout PT5M (360 s); the rollback
    // deletes the new group, whose instances never served (no draining): ends at 360 s
    RunResult r = replacing().v2("{health: failing}").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(s.deployment().durationSeconds()).isCloseTo(300, within(1e-6));
    assertThat(s.detection().by()).isEqualTo("creation policy timeout");
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.capacity().peakInstances()).isEqualTo(12);
    assertThat(s.outcomeReason())
        .isEqualTo("creation of blue-asg-replacement: received 0 SUCCESS signal(s) out of 6 within Timeout 5m, "
            + "6 needed");
  }

  @Test
  void theTimeoutIsTheCreationPolicys() {
    Summary s = replacing().v2("{health: failing}").param("timeout", "PT15M").run().summary();
    assertThat(s.deployment().durationSeconds()).isCloseTo(900, within(1e-6));
  }

  @Test
  void disableRollbackKeepsBothGroups() {
    Summary s = replacing().v2("{health: failing}").onFailure(false).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.rollback().triggered()).isFalse();
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6, "v2", 6));
  }

  @Test
  void minSuccessfulInstancesPercentAndCountBothApply() {
    // 6 instances at 50%: 3 must signal, here within a Timeout of PT2M (by 180 s). At 145 s (InService
    // at 140 s, first check at 150 s) some new instances fail their EC2 status checks; the group
    // replaces them at its next health check (150 s), but those replacements could signal only at
    // 150 + 90 = 240 s, after the timeout. 4 failures: 2 signals, not enough: the update fails at
    // 180 s and the rollback deletes the new group, whose 2 healthy instances drain 20 s first
    ScenarioYaml few = replacing().param("minSuccessfulInstancesPercent", 50).param("timeout", "PT2M")
        .fault("{at: 145s, type: instanceFailure, count: 4, version: v2}");
    Summary s = few.run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.outcomeReason()).contains("received 2 SUCCESS signal(s) out of 6").contains("3 needed");
    assertThat(s.deployment().durationSeconds()).isCloseTo(120 + 20, within(1e-6));
    // 3 failures leave 3 signals at 150 s: enough
    String three = "{at: 145s, type: instanceFailure, count: 3, version: v2}";
    Summary enough = replacing().param("minSuccessfulInstancesPercent", 50).param("timeout", "PT2M").fault(three)
        .run().summary();
    assertThat(enough.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // Count 4 asks for more than 50% of 6 does: 3 signals are not enough
    Summary counted = replacing().param("minSuccessfulInstancesPercent", 50).param("timeout", "PT2M")
        .param("count", 4).fault(three).run().summary();
    assertThat(counted.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(counted.outcomeReason()).contains("4 needed");
  }

  @Test
  void instancesTheNewGroupReplacesCanStillSignal() {
    // the same 4 failures with the default Timeout PT5M: the group's replacements (launched at
    // 150 s) signal at 240 s, in time: 2 + 4 signals
    Summary s = replacing().param("minSuccessfulInstancesPercent", 50)
        .fault("{at: 145s, type: instanceFailure, count: 4, version: v2}").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void aRollbackTriggerDuringTheMonitoringTimeDeletesTheNewGroup() {
    // v2 fails half its requests but signals at 150 s; with 10 minutes of monitoring the old group is
    // still there when the alarm's datapoint for 120-180 s (6 of 12 targets healthy from 150 s:
    // 1/2 x 0.5 x 30/60 = 12.5%) goes to ALARM at 180 s: the new group is deleted (20 s draining)
    Summary s = replacing().v2("{errorRate: 0.5}").errorRateAlarm().param("monitoringTime", "10m").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.detection().atSeconds()).isCloseTo(180, within(1e-6));
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    assertThat(s.deployment().endSeconds()).isCloseTo(180 + 20, within(1e-6));
  }
}
