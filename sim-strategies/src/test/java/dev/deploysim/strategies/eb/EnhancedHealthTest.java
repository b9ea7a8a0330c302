package dev.deploysim.strategies.eb;

import dev.deploysim.testing.ScenarioYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Environment;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.model.World;
import dev.deploysim.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The health gate on its own, against a world whose fleet has run v1 healthily for an hour. The
 * gate starts at t = 100 s; the health agent reports every 10 s from then on (110, 120, ...).
 * Faults: a zone outage makes the zone's instances fail their checks while it lasts (the group's
 * own health checks are suspended so that it does not replace them).
 */
class EnhancedHealthTest {
  static final double GATE_START = 100;
  static final double DEADLINE = GATE_START + 840;

  /** Result of one gate or watch: when it completed and how. */
  record Outcome(double at, boolean succeeded, String failure, String detectedBy) {}

  static Outcome gate(Scenario s, EnhancedHealth.Rules rules) {
    World world = new World(s, false);
    Environment env = world.primary();
    AutoScalingGroup g = env.group();
    g.suspend(AutoScalingGroup.Process.HEALTH_CHECK);
    g.suspend(AutoScalingGroup.Process.REPLACE_UNHEALTHY);
    Scope scope = new Scope("test", world.sim());
    Outcome[] out = new Outcome[1];
    world.sim().at(GATE_START, () -> {
      List<Instance> instances = g.inService();
      EnhancedHealth.Gate gate = EnhancedHealth.await(world, scope, env.targetGroup(), instances, rules, DEADLINE);
      gate.task().whenDone(t -> out[0] = new Outcome(world.now(), t.succeeded(), t.failure(), gate.detectedBy()));
    });
    world.sim().runUntil(2000);
    return out[0];
  }

  static Outcome watch(Scenario s, double duration) {
    World world = new World(s, false);
    Environment env = world.primary();
    AutoScalingGroup g = env.group();
    g.suspend(AutoScalingGroup.Process.HEALTH_CHECK);
    g.suspend(AutoScalingGroup.Process.REPLACE_UNHEALTHY);
    Scope scope = new Scope("test", world.sim());
    Outcome[] out = new Outcome[1];
    world.sim().at(GATE_START, () -> {
      Task t = EnhancedHealth.watch(world, scope, env.targetGroup(), g.inService(), EnhancedHealth.Rules.defaults(),
          duration);
      t.whenDone(x -> out[0] = new Outcome(world.now(), x.succeeded(), x.failure(), null));
    });
    world.sim().runUntil(2000);
    return out[0];
  }

  static Scenario withOutage(double from, double duration) {
    return EbScenarios.of("eb.all-at-once")
        .fault("{at: " + ScenarioYaml.seconds(from) + ", type: zoneOutage, zone: a, duration: "
        + ScenarioYaml.seconds(duration) + "}").scenario();
  }

  @Test
  void healthyInstancesNeedTwelveReportsTenSecondsApart() {
    // 12 consecutive OK reports at 110, 120, ..., 220
    Outcome o = gate(EbScenarios.of("eb.all-at-once").scenario(), EnhancedHealth.Rules.defaults());
    assertThat(o.succeeded()).isTrue();
    assertThat(o.at()).isCloseTo(GATE_START + 12 * 10, within(1e-9));
  }

  @Test
  void aFailedReportResetsTheCount() {
    // zone a down from 145 s to 165 s: the reports at 150 and 160 are Severe for its instances and
    // restart their count; the next OK report is at 170, the 12th at 170 + 11 x 10 = 280. (Two
    // failed ELB checks at 15 s intervals stay below the unhealthy threshold of 5, so the targets
    // stay healthy in the load balancer.)
    Outcome o = gate(withOutage(145, 20), EnhancedHealth.Rules.defaults());
    assertThat(o.succeeded()).isTrue();
    assertThat(o.at()).isCloseTo(280, within(1e-9));
  }

  @Test
  void basicHealthOnlyAsksTheLoadBalancer() {
    // basic health: the targets are healthy in the load balancer already, so the gate passes at once
    Outcome o = gate(EbScenarios.of("eb.all-at-once").scenario(), new EnhancedHealth.Rules(false, HealthStatus.OK));
    assertThat(o.succeeded()).isTrue();
    assertThat(o.at()).isCloseTo(GATE_START, within(1e-9));
  }

  @Test
  void aGateFailsOnlyAtTheCommandTimeout() {
    // zone a stays down: its instances report Severe throughout, and Elastic Beanstalk does not act
    // before the command timeout: the gate fails at its deadline, 100 + 840 = 940 s
    Outcome o = gate(withOutage(50, 3000), EnhancedHealth.Rules.defaults());
    assertThat(o.succeeded()).isFalse();
    assertThat(o.at()).isCloseTo(DEADLINE, within(1e-9));
    assertThat(o.detectedBy()).isEqualTo("health checks");
    assertThat(o.failure()).contains("Severe");
  }

  @Test
  void watchFailsAtTheThirdFailedReportWithinAMinute() {
    // zone a down from 145 s for 30 s: Severe reports at 150, 160, 170: the third within one
    // minute ends the watch at 170 s
    Outcome o = watch(withOutage(145, 30), 300);
    assertThat(o.succeeded()).isFalse();
    assertThat(o.at()).isCloseTo(170, within(1e-9));
  }

  @Test
  void watchToleratesTwoFailedReportsWithinAMinute() {
    // zone a down from 145 s for 20 s: two Severe reports (150, 160) only; the watch runs its 300 s
    Outcome o = watch(withOutage(145, 20), 300);
    assertThat(o.succeeded()).isTrue();
    assertThat(o.at()).isCloseTo(GATE_START + 300, within(1e-9));
  }

  @Test
  void statusFollowsTheShareOfFailedRequests() {
    assertThat(HealthStatus.forFailureShare(0)).isEqualTo(HealthStatus.OK);
    assertThat(HealthStatus.forFailureShare(0.005)).isEqualTo(HealthStatus.OK);
    assertThat(HealthStatus.forFailureShare(0.05)).isEqualTo(HealthStatus.WARNING);
    assertThat(HealthStatus.forFailureShare(0.15)).isEqualTo(HealthStatus.DEGRADED);
    assertThat(HealthStatus.forFailureShare(0.3)).isEqualTo(HealthStatus.SEVERE);
    assertThat(HealthStatus.WARNING.countsAsHealthy(HealthStatus.OK)).isFalse();
    assertThat(HealthStatus.WARNING.countsAsHealthy(HealthStatus.WARNING)).isTrue();
    assertThat(HealthStatus.PENDING.countsAsHealthy(HealthStatus.SEVERE)).isFalse();
    assertThat(HealthStatus.PENDING.isFailure(HealthStatus.OK)).isFalse();
  }
}
