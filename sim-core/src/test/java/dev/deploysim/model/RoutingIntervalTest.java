package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.scenario.FaultSpec;
import org.junit.jupiter.api.Test;

/**
 * {@code traffic.routingInterval}: 0 re-routes at every change (exact); a positive interval q
 * re-routes once at the next multiple of q after a change, so a change at t reaches the traffic at
 * ceil(t / q) * q. Routing costs time linear in the fleet; the interval bounds how often very large
 * fleets pay it (docs/scale-out.md). The scenario is FaultsTest's: 6 instances over zones a, b, c at
 * 600 rps (100 each); zone a fails, impairing its 2 instances, whose 200 rps fail until the group's
 * health check (every 10 s, at 110 s) terminates them.
 */
class RoutingIntervalTest {

  private static World world(double routingInterval) {
    return ModelScenarios.scenario().withInstances(6).withZones("a", "b", "c").withRps(600)
        .withRoutingInterval(routingInterval).withFault(new FaultSpec.ZoneOutage(107, "a", 1000)).world();
  }

  @Test
  void exactRoutingFailsTheImpairedShareFromTheOutage() {
    World w = world(0);
    w.sim().runUntil(107.001);
    // 2 of 6 instances impaired: 600 x 2 / 6 = 200 rps fail at once
    assertThat(w.traffic().failedRps()).isCloseTo(200, within(1e-6));
  }

  @Test
  void anIntervalDefersTheChangeToItsNextMultiple() {
    World w = world(5);
    // the outage at 107 s reaches the traffic at ceil(107 / 5) x 5 = 110 s
    w.sim().runUntil(109.999);
    assertThat(w.traffic().failedRps()).isZero();
    assertThat(w.isZoneDown("a")).isTrue();
    w.sim().runUntil(110.001);
    // at 110 s the group's health check has also terminated the two (FaultsTest): the replacements
    // are not in service yet, so 4 instances serve 400 of 600 rps and 200 fail, as with exact routing
    assertThat(w.traffic().failedRps()).isCloseTo(200, within(1e-6));
  }

  @Test
  void anIntervalCollapsesTheChangesBeforeItIntoOneUpdate() {
    // with exact routing, the requests failed between 107 s and 110 s are 200 rps x 3 s = 600 more
    // than with a 5 s interval, which routes to the impaired pair until 110 s; from there on both
    // worlds route the same
    World exact = world(0);
    World coarse = world(5);
    exact.sim().runUntil(300);
    coarse.sim().runUntil(300);
    assertThat(exact.traffic().failedTotal() - coarse.traffic().failedTotal()).isCloseTo(600, within(1e-6));
  }
}
