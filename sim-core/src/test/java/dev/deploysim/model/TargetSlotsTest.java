package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A target group's dense arrays (docs/scale-out.md#large-fleets): the registered targets in
 * registration order, a bit per slot set while the target is registered and healthy, and the
 * renumbering that reclaims the slots of targets that left. A routing pass reads the healthy
 * targets from them in registration order, so they must list exactly the targets that {@link
 * TargetGroup#targets()} lists as healthy, in the same order.
 */
class TargetSlotsTest {

  /** Instance ids of the slots whose bit is set, in slot order. */
  private static List<Integer> healthyFromSlots(TargetGroup tg) {
    TargetGroup.Slots s = tg.slots();
    List<Integer> ids = new ArrayList<>();
    for (int slot = 0; slot < s.size; slot++) {
      if ((s.healthy[slot >> 6] & (1L << slot)) != 0) {
        ids.add(s.instanceId[slot]);
      }
    }
    return ids;
  }

  private static List<Integer> healthyFromTargets(TargetGroup tg) {
    List<Integer> ids = new ArrayList<>();
    for (TargetGroup.Target t : tg.targets()) {
      if (t.state() == TargetState.HEALTHY) {
        ids.add(t.instance().id());
      }
    }
    return ids;
  }

  @Test
  void slotsFollowRegistrationHealthAndRemovalAndAreRenumberedWhenMostAreFree() {
    World w = ModelScenarios.scenario().withInstances(100).withRps(1000).world();
    TargetGroup tg = w.primary().targetGroup();
    List<Instance> fleet = new ArrayList<>(w.primary().group().memberList());
    // the fleet at the start: slots 0..99, all healthy; the arrays hold 128 slots (64 doubled)
    assertThat(tg.slots().size).isEqualTo(100);
    assertThat(tg.slots().instanceId).hasSize(128);
    assertThat(healthyFromSlots(tg)).isEqualTo(healthyFromTargets(tg)).hasSize(100);

    // 90 leave at once: their bits clear, the slots stay taken (10 healthy in slots 90..99)
    for (Instance i : fleet.subList(0, 90)) {
      tg.forget(i);
    }
    assertThat(tg.slots().size).isEqualTo(100);
    assertThat(healthyFromSlots(tg)).isEqualTo(healthyFromTargets(tg)).hasSize(10);

    // 28 come back: slots 100..127, state initial (not healthy): the arrays are full
    for (Instance i : fleet.subList(0, 28)) {
      tg.register(i);
    }
    assertThat(tg.slots().size).isEqualTo(128);
    assertThat(healthyFromSlots(tg)).hasSize(10);

    // one more with the arrays full and 10 + 28 + 1 = 39 registered, 2 x 39 = 78 <= 128: the 38
    // already registered are renumbered 0..37 in registration order (the 10 healthy ones first),
    // the new one gets slot 38, and the arrays keep their 128 slots
    tg.register(fleet.get(28));
    TargetGroup.Slots s = tg.slots();
    assertThat(s.size).isEqualTo(39);
    assertThat(s.instanceId).hasSize(128);
    for (int k = 0; k < 10; k++) {
      assertThat(s.instanceId[k]).isEqualTo(fleet.get(90 + k).id());
    }
    for (int k = 0; k < 29; k++) {
      assertThat(s.instanceId[10 + k]).isEqualTo(fleet.get(k).id());
    }
    assertThat(healthyFromSlots(tg)).isEqualTo(healthyFromTargets(tg)).hasSize(10);

    // their first checks 10 s after registering make the 29 healthy (initial threshold 1): 39 healthy, in registration order,
    // and each gets 1000 / 39 requests/s
    w.sim().runUntil(w.now() + 60);
    assertThat(healthyFromSlots(tg)).isEqualTo(healthyFromTargets(tg)).hasSize(39);
    assertThat(w.traffic().inServiceInstances()).isEqualTo(39);
    assertThat(w.loads.lambda[fleet.get(0).id()]).isEqualTo(1000.0 / 39);
  }

  @Test
  void aTargetThatTurnsUnhealthyLeavesTheHealthySlotsAndComesBackInItsPlace() {
    World w = ModelScenarios.scenario().withInstances(3).withRps(300).world();
    TargetGroup tg = w.primary().targetGroup();
    List<Instance> fleet = new ArrayList<>(w.primary().group().memberList());
    tg.markUnhealthy(fleet.get(1), "test");
    assertThat(healthyFromSlots(tg)).containsExactly(fleet.get(0).id(), fleet.get(2).id());
    w.sim().runUntil(w.now() + 1);
    // two healthy targets share 300 requests/s
    assertThat(w.loads.lambda[fleet.get(0).id()]).isEqualTo(150);
    // 5 passing checks in a row (healthyThreshold 5, one every 30 s: 150 s at most) bring it back,
    // in its registration place
    w.sim().runUntil(w.now() + 160);
    assertThat(healthyFromSlots(tg)).containsExactly(fleet.get(0).id(), fleet.get(1).id(), fleet.get(2).id());
    assertThat(w.loads.lambda[fleet.get(1).id()]).isEqualTo(100);
  }
}
