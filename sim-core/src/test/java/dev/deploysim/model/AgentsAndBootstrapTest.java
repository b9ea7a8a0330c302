package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.scenario.FaultSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The management agent of an instance (stopped or kept from starting by an agentFailure fault) and a
 * group's bootstrap (work between an instance's boot and its application's install, such as an
 * OpsWorks Setup run). Cold launch in the test scenario: 60 s boot + 30 s install + 10 s start.
 */
class AgentsAndBootstrapTest {

  @Test
  void anAgentFailureStopsTheAgentsOfThatManyInstancesAndNothingElse() {
    World w = ModelScenarios.scenario().withInstances(4).withRps(400)
        .withFault(new FaultSpec.AgentFailure(100, 2, null, null, 0)).world();
    w.sim().runUntil(100);
    List<Instance> all = w.primary().group().inService();
    assertThat(all).filteredOn(i -> !i.isAgentRunning()).hasSize(2)
        .allSatisfy(i -> assertThat(i.agentSilentSince()).isEqualTo(100.0));
    assertThat(all).filteredOn(Instance::isAgentRunning)
        .allSatisfy(i -> assertThat(i.agentSilentSince()).isNaN());
    // the applications keep serving: 4 x 100 requests/s for 400
    w.sim().runUntil(200);
    assertThat(w.traffic().failedRps()).isZero();
    assertThat(w.traffic().inServiceInstances()).isEqualTo(4);
  }

  @Test
  void anImpairedMachineIsSilentToo() {
    World w = ModelScenarios.scenario().withInstances(2).withRps(0)
        .withFault(new FaultSpec.InstanceFailure(50, 1, null, null)).world();
    Instance first = w.primary().group().inService().get(0);
    Instance second = w.primary().group().inService().get(1);
    w.sim().runUntil(50);
    Instance failed = first.isImpaired() ? first : second;
    assertThat(failed.agentSilentSince()).isEqualTo(50.0);
  }

  @Test
  void agentsOfInstancesBootingInTheWindowDoNotStart() {
    // at 0 s agents stop starting for 120 s; the desired capacity goes from 2 to 4 at 30 s: both
    // boot at 90 s (60 s launch), inside the window; a third launched at 150 s boots at 210 s
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 5).withRps(0)
        .withFault(new FaultSpec.AgentFailure(0, 0, null, null, 120))
        .withScheduledAction(30, null, null, 4).withScheduledAction(150, null, null, 5).world();
    w.sim().runUntil(100);
    AutoScalingGroup g = w.primary().group();
    assertThat(g.members()).filteredOn(i -> !Double.isNaN(i.bootedAt()))
        .filteredOn(i -> i.bootedAt() == 90.0).hasSize(2).allSatisfy(i -> assertThat(i.isAgentRunning()).isFalse());
    // the applications do not need the agent: InService at 90 + 30 s install + 10 s start = 130 s;
    // the two of the initial fleet were not hit (count 0)
    w.sim().runUntil(130);
    assertThat(g.inService()).hasSize(2 + 2).filteredOn(Instance::isAgentRunning).hasSize(2);
    w.sim().runUntil(211);
    assertThat(g.members()).filteredOn(i -> i.bootedAt() == 210.0).singleElement()
        .satisfies(i -> assertThat(i.isAgentRunning()).isTrue());
  }

  @Test
  void aBootstrapRunsBetweenBootAndInstall() {
    // a 120 s bootstrap: InService at 60 s boot + 120 s + 30 s install + 10 s start = 220 s after launch
    World w = ModelScenarios.scenario().withInstances(1).withSizes(1, 2).withRps(0)
        .withScheduledAction(100, null, null, 2).world();
    AutoScalingGroup g = w.primary().group();
    g.setBootstrap((scope, i) -> scope.sleep(120));
    w.sim().runUntil(100 + 219.9);
    assertThat(g.inService()).hasSize(1);
    w.sim().runUntil(100 + 220);
    assertThat(g.inService()).hasSize(2);
  }

  @Test
  void aBootstrapThatNeverEndsLeavesTheInstancePendingAndBilled() {
    World w = ModelScenarios.scenario().withInstances(1).withSizes(1, 2).withRps(0)
        .withScheduledAction(100, null, null, 2).world();
    AutoScalingGroup g = w.primary().group();
    g.setBootstrap((scope, i) -> w.until(scope, () -> false, null, Double.POSITIVE_INFINITY, "never"));
    w.sim().runUntil(3600);
    assertThat(g.inService()).hasSize(1);
    assertThat(g.members()).filteredOn(i -> i.state() == LifecycleState.PENDING).hasSize(1);
    assertThat(w.traffic().runningInstances()).isEqualTo(2);
  }
}
