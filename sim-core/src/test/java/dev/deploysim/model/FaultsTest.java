package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.scenario.FaultSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Injected faults: a zone outage impairs the zone's instances and its launches fail, so the group
 * replaces them in the other zones; instance failures impair N random in-service instances (EC2
 * status checks: replaced at once); launch failures delay capacity; slow boots stretch launches.
 * Cold launch in the test scenario: 60 s boot + 30 s install + 10 s start.
 */
class FaultsTest {

  private static Map<String, Integer> perZone(AutoScalingGroup g) {
    Map<String, Integer> m = new HashMap<>();
    for (Instance i : g.inService()) {
      m.merge(i.zone(), 1, Integer::sum);
    }
    return m;
  }

  @Test
  void zoneOutageMovesTheFleetToTheOtherZones() {
    // 6 instances over a, b, c; zone a fails at 105 s for 1000 s. Its 2 instances are impaired;
    // the group checks every 10 s (at 110 s), marks them and replaces them at once (an impaired
    // instance has nothing in flight) in b and c: InService at 110 + 100 = 210 s
    World w = ModelScenarios.scenario().withInstances(6).withZones("a", "b", "c").withRps(600)
        .withFault(new FaultSpec.ZoneOutage(105, "a", 1000)).world();
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(105);
    assertThat(w.isZoneDown("a")).isTrue();
    List<Instance> inA = g.inService().stream().filter(i -> i.zone().equals("a")).toList();
    assertThat(inA).hasSize(2).allSatisfy(i -> assertThat(i.isImpaired()).isTrue());
    // their third of the requests fails until the load balancer stops routing to them
    w.sim().runUntil(105.001);
    assertThat(w.traffic().failedRps()).isCloseTo(200, within(1e-6));
    w.sim().runUntil(110);
    assertThat(inA).allSatisfy(i -> assertThat(i.isTerminated()).isTrue());
    w.sim().runUntil(210);
    assertThat(g.inService()).hasSize(6);
    assertThat(perZone(g)).doesNotContainKey("a").containsEntry("b", 3).containsEntry("c", 3);
    w.sim().runUntil(1105);
    assertThat(w.isZoneDown("a")).isFalse();
  }

  @Test
  void launchesInAZoneThatIsDownFail() {
    // zones a, b with one instance each; a third launch starts at 50 s in zone a (tie -> first
    // zone). Zone a goes down at 80 s: its in-service instance is replaced in b at once (80 s);
    // the boot in a at 110 s fails; the group retries 10 s later (120 s) in zone b: InService at
    // 220 s, when all three instances are in b
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 3).withZones("a", "b").withRps(0)
        .withFault(new FaultSpec.ZoneOutage(80, "a", 3600)).world();
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(50);
    g.setDesiredCapacity(3);
    w.sim().runUntil(50.001);
    Instance first = g.members().stream().filter(i -> i.state().isLaunching()).findFirst().orElseThrow();
    assertThat(first.zone()).isEqualTo("a");
    w.sim().runUntil(110);
    assertThat(first.isTerminated()).isTrue();
    w.sim().runUntil(120.001);
    Instance retry = g.members().stream().filter(i -> i.launchedAt() == 120).findFirst().orElseThrow();
    assertThat(retry.zone()).isEqualTo("b");
    assertThat(g.members()).allSatisfy(i -> assertThat(i.zone()).isEqualTo("b"));
    w.sim().runUntil(220);
    assertThat(retry.state()).isEqualTo(LifecycleState.IN_SERVICE);
    assertThat(perZone(g)).containsOnlyKeys("b").containsEntry("b", 3);
  }

  @Test
  void instanceFailureImpairsNRandomInServiceInstancesWhichAreReplaced() {
    World w = ModelScenarios.scenario().withInstances(5).withRps(0)
        .withFault(new FaultSpec.InstanceFailure(55, 2, null, null)).world();
    AutoScalingGroup g = w.primary().group();
    List<Instance> before = g.inService();
    w.sim().runUntil(55);
    List<Instance> failed = before.stream().filter(Instance::isImpaired).toList();
    assertThat(failed).hasSize(2);
    // replaced at the group's next check (60 s): terminated, two launches, InService at 160 s
    w.sim().runUntil(60.001);
    assertThat(failed).allSatisfy(i -> assertThat(i.isTerminated()).isTrue());
    assertThat(g.members().stream().filter(i -> i.state().isLaunching()).count()).isEqualTo(2);
    w.sim().runUntil(160);
    assertThat(g.inService()).hasSize(5).allSatisfy(i -> assertThat(i.isImpaired()).isFalse());
  }

  @Test
  void instanceFailureCanTargetAVersionOrZone() {
    World w = ModelScenarios.scenario().withInstances(6).withZones("a", "b").withRps(0)
        .withFault(new FaultSpec.InstanceFailure(5, 10, null, "b")).world();
    w.sim().runUntil(5);
    // only zone b's 3 instances can fail, however many are asked for
    List<Instance> impaired = w.primary().group().inService().stream().filter(Instance::isImpaired).toList();
    assertThat(impaired).hasSize(3).allSatisfy(i -> assertThat(i.zone()).isEqualTo("b"));
  }

  @Test
  void launchFailuresDelayCapacity() {
    // every launch fails from 0 to 300 s. A launch asked for at 10 s fails after min(boot, 30 s)
    // and is retried 10 s later: attempts at 10, 50, 90, ..., 290 s fail (the failure is decided
    // when the attempt starts); the failure of the 290 s attempt is seen at 320 s, the retry at
    // 330 s succeeds: InService at 330 + 100 = 430 s
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 3).withRps(0)
        .withFault(new FaultSpec.LaunchFailures(0, 1.0, 300)).world();
    AutoScalingGroup g = w.primary().group();
    List<Double> launches = new ArrayList<>();
    w.sim().runUntil(10);
    g.setDesiredCapacity(3);
    w.traffic().addUpdateListener(() -> {
      for (Instance i : g.members()) {
        if (i.state() == LifecycleState.PENDING && !launches.contains(i.launchedAt())) {
          launches.add(i.launchedAt());
        }
      }
    });
    w.sim().runUntil(429.999);
    assertThat(g.inService()).hasSize(2);
    w.sim().runUntil(430);
    assertThat(g.inService()).hasSize(3);
    assertThat(launches).containsExactly(10.0, 50.0, 90.0, 130.0, 170.0, 210.0, 250.0, 290.0, 330.0);
  }

  @Test
  void slowBootsMultiplyTheLaunchTime() {
    // boots take 3x as long from 0 to 600 s: 3 x 60 s + 30 s install + 10 s start = 220 s
    World w = ModelScenarios.scenario().withInstances(2).withSizes(2, 3).withRps(0)
        .withFault(new FaultSpec.SlowBoots(0, 3, 600)).world();
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(10);
    g.setDesiredCapacity(3);
    w.sim().runUntil(229.999);
    assertThat(g.inService()).hasSize(2);
    w.sim().runUntil(230);
    assertThat(g.inService()).hasSize(3);
    // after the window a launch takes the normal 100 s
    w.sim().runUntil(700);
    g.terminate(w.systemScope(), g.inService().get(0), false);
    w.sim().runUntil(799.999);
    assertThat(g.inService()).hasSize(2);
    w.sim().runUntil(800);
    assertThat(g.inService()).hasSize(3);
  }

  /** 6 instances over a, b, c with maxSize {@code max}; zone a is out from 105 s to 1105 s. */
  private static World outageOfZoneA(int max) {
    return ModelScenarios.scenario().withInstances(6).withSizes(6, max).withZones("a", "b", "c").withRps(600)
        .withDeregistrationDelay(20).withFault(new FaultSpec.ZoneOutage(105, "a", 1000)).world();
  }

  @Test
  void afterTheOutageTheGroupLaunchesInTheEmptyZoneFirstThenTerminatesAbove10PercentOfMaxSize() {
    // the outage leaves b 3, c 3, a 0 (above). At 1105 s zone a is back: N = 6 over 3 zones, at most
    // ceil(6 / 3) = 2 per zone, so 1 must leave b and 1 leave c. MaxSize 6 + 10% (0.6, rounded up to
    // 1) allows 7 instances: one round launches 1 in a (InService 1105 + 60 + 30 + 10 = 1205 s) and
    // only then terminates 1 in the fullest zone; a second round does the same: InService at 1305 s
    World w = outageOfZoneA(6);
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(1105.001);
    List<Instance> launching = g.members().stream().filter(i -> i.state().isLaunching()).toList();
    assertThat(launching).singleElement().satisfies(i -> assertThat(i.zone()).isEqualTo("a"));
    assertThat(g.inService()).hasSize(6);
    w.sim().runUntil(1204.999);
    assertThat(perZone(g)).containsEntry("b", 3).containsEntry("c", 3).doesNotContainKey("a");
    w.sim().runUntil(1205);
    // 7 InService for an instant (6 + 1 = 10% above MaxSize), then one of b or c terminates
    assertThat(perZone(g)).containsEntry("a", 1);
    w.sim().runUntil(1205.001);
    assertThat(g.members().stream().filter(i -> i.state().countsTowardDesired()).count()).isEqualTo(7);
    assertThat(g.members().stream().filter(i -> i.state().isLaunching()).toList()).singleElement()
        .satisfies(i -> assertThat(i.zone()).isEqualTo("a"));
    w.sim().runUntil(2000);
    assertThat(perZone(g)).containsEntry("a", 2).containsEntry("b", 2).containsEntry("c", 2);
    assertThat(g.desired()).isEqualTo(6);
    assertThat(g.members()).hasSize(6);
    assertThat(w.timeline()).anySatisfy(e -> assertThat(e.message()).contains("AZRebalance"));
  }

  @Test
  void withRoomAboveMaxSizeEveryMoveGoesInOneRound() {
    // MaxSize 12: 12 + 2 (10% of 12 = 1.2, rounded up) leaves room for both moves at once: 2
    // launches in a at 1105 s, InService at 1205 s, then 1 terminated in b and 1 in c
    World w = outageOfZoneA(12);
    AutoScalingGroup g = w.primary().group();
    w.sim().runUntil(1105.001);
    assertThat(g.members().stream().filter(i -> i.state().isLaunching()).toList()).hasSize(2)
        .allSatisfy(i -> assertThat(i.zone()).isEqualTo("a"));
    w.sim().runUntil(1205.001);
    assertThat(perZone(g)).containsEntry("a", 2).containsEntry("b", 2).containsEntry("c", 2);
  }

  @Test
  void suspendedAzRebalanceLeavesTheGroupUnevenUntilItIsResumed() {
    World w = outageOfZoneA(12);
    AutoScalingGroup g = w.primary().group();
    g.suspend(AutoScalingGroup.Process.AZ_REBALANCE);
    w.sim().runUntil(3000);
    assertThat(perZone(g)).containsEntry("b", 3).containsEntry("c", 3).doesNotContainKey("a");
    // resumed at 3000 s: the rebalance the zone's return asked for runs now, 2 launches in a at
    // once (MaxSize 12 + 2 leaves room), InService at 3000 + 100 = 3100 s, then 1 from b and 1 from c
    g.resume(AutoScalingGroup.Process.AZ_REBALANCE);
    w.sim().runUntil(3100.001);
    assertThat(perZone(g)).containsEntry("a", 2).containsEntry("b", 2).containsEntry("c", 2);
  }

  @Test
  void withTerminateSuspendedTheGroupStaysAboveItsMaximumSize() {
    // AWS: with Terminate suspended, AZRebalance can leave the group up to 10% above MaxSize.
    // MaxSize 6: the round launches 1 in a (7 = 6 + 1), and nothing terminates; then N = 7 over 3
    // zones allows ceil(7 / 3) = 3 per zone: balanced, no further round
    World w = outageOfZoneA(6);
    AutoScalingGroup g = w.primary().group();
    g.suspend(AutoScalingGroup.Process.TERMINATE);
    w.sim().runUntil(3000);
    assertThat(perZone(g)).containsEntry("a", 1).containsEntry("b", 3).containsEntry("c", 3);
    assertThat(g.inService()).hasSize(7);
    assertThat(g.maxSize()).isEqualTo(6);
  }

  @Test
  void marginIsTenPercentOfMaxSizeRoundedUpAtLeastOne() {
    assertThat(ZoneRebalance.margin(6)).isEqualTo(1);   // 0.6 -> 1
    assertThat(ZoneRebalance.margin(10)).isEqualTo(1);  // 1.0
    assertThat(ZoneRebalance.margin(15)).isEqualTo(2);  // 1.5 -> 2
    assertThat(ZoneRebalance.margin(100)).isEqualTo(10);
    // moves: instances above ceil(N / zones) per zone
    assertThat(ZoneRebalance.moves(Map.of("a", 0, "b", 3, "c", 3))).isEqualTo(2);   // ceil 2: 1 + 1
    assertThat(ZoneRebalance.moves(Map.of("a", 1, "b", 1, "c", 3))).isEqualTo(1);   // N 5, ceil 2
    assertThat(ZoneRebalance.moves(Map.of("a", 2, "b", 2, "c", 3))).isZero();       // N 7, ceil 3
    assertThat(ZoneRebalance.moves(Map.of("a", 5))).isZero();                       // one zone
  }
}
