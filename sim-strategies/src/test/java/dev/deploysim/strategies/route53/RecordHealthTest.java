package dev.deploysim.strategies.route53;

import static dev.deploysim.strategies.route53.StackScenarios.FIRST_STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.testing.ScenarioYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Route 53 health on the strategies' own records (route53.weighted and route53.blue-green with
 * healthCheck or evaluateTargetHealth; docs/platforms/route53.md), from
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html:
 * an unhealthy weighted record leaves the rotation, an unhealthy PRIMARY gives way to a healthy
 * SECONDARY; 15 checkers (30 s / "about every 2 seconds") spread over one interval, each flipping
 * after failureThreshold results, the endpoint healthy while more than 18% (3 of 15) see it healthy.
 *
 * <p>A green stack whose instances all fail at F (EC2 status checks, no replacement can launch) makes
 * its load balancer answer with an error at once, so each check fails without the 4 s connection
 * timeout: the 13th checker flips (failureThreshold - 1) x interval + 12 x interval / 15 + d after F,
 * d in [0, interval / 15). For 30 s x 3: 60 + 24 + d = 84..86 s. The name servers answer without it
 * dns.propagation later (30 s here), and clients (no stale ones here) follow within one TTL (60 s):
 * time for the failing stack to leave the rotation = 84..86 + 30 + 60 = 174..176 s.
 */
class RecordHealthTest {
  private static final double PROPAGATION = 30;
  private static final double TTL = StackScenarios.TTL;
  /** The fault: 2 minutes into the 50% step, which starts at the first step. */
  private static final double F = FIRST_STEP + 120;
  private static final String HEALTH_CHECK = "{interval: 30s, failureThreshold: 3}";

  /** The test system without stale clients, with a fixed propagation, green failing at F for 10 minutes. */
  private static ScenarioYaml failingAt(String type) {
    return StackScenarios.of(type)
        .set("dns.staleClientFraction", 0)
        .set("dns.propagation", ScenarioYaml.seconds(PROPAGATION))
        .fault("{at: " + ScenarioYaml.seconds(F) + ", type: instanceFailure, count: 6, version: v2}")
        .fault("{at: " + ScenarioYaml.seconds(F) + ", type: launchFailures, probability: 1, duration: 10m}");
  }

  private static List<TimelineEvent> events(RunResult r, String text) {
    return r.timeline().stream().filter(e -> e.message().contains(text)).toList();
  }

  private static double served(RunResult r, double time) {
    return StackScenarios.at(r, "servedRps", time);
  }

  @Test
  void aWeightedRecordWhoseHealthCheckFailsLeavesTheRotationWithoutARollback() {
    RunResult r = failingAt("route53.weighted").param("healthCheck", HEALTH_CHECK)
        .param("steps", "[{weight: 50, hold: 10m}, {weight: 100}]").run();
    List<TimelineEvent> unhealthy = events(r, "health check green-lb-check of green-lb is unhealthy");
    assertThat(unhealthy).hasSize(1);
    double detection = unhealthy.get(0).time() - F;
    // (3 - 1) x 30 + 12 x 30 / 15 + d, d in [0, 2): 84..86 s
    double earliest = (3 - 1) * 30 + 12 * 30 / 15.0;
    assertThat(detection).isGreaterThanOrEqualTo(earliest).isLessThan(earliest + 30 / 15.0);
    // blue alone answers one propagation later
    List<TimelineEvent> answer = events(r, "name servers now answer blue-lb=50 (TTL");
    assertThat(answer).hasSize(1);
    double a = answer.get(0).time();
    assertThat(a).isCloseTo(unhealthy.get(0).time() + PROPAGATION, within(1e-9));
    // 400 requests/s, half to green (failing) until the answer changes; one TTL later every client
    // asks blue (6 instances, 600 requests/s): all 400 served
    assertThat(served(r, 5 * Math.ceil((a + TTL + 5) / 5))).isCloseTo(400, within(1e-6));
    assertThat(served(r, 5 * Math.floor(a / 5))).isCloseTo(200, within(1e-6));
    // failed: green's half from F to the answer, then a triangle over the TTL:
    // 200 x (a - F) + 200 x 60 / 2, within one recomputation second (200 requests) of it
    double failed = 200 * (a - F) + 200 * TTL / 2;
    assertThat(failed).isBetween(200 * (PROPAGATION + earliest) + 6000, 200 * (PROPAGATION + earliest + 2) + 6000);
    assertThat((double) r.summary().traffic().failedRequests()).isCloseTo(failed, within(200.0));
    // no pipeline rollback: once replacements launch (after the 10 minutes) green serves again,
    // Route 53 takes it back, and the deployment completes when terminateOldAfter (15m) has passed
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(events(r, "rollback started")).isEmpty();
    assertThat(events(r, "name servers now answer blue-lb=0, green-lb=100")).hasSize(1);
  }

  @Test
  void withoutHealthOnTheRecordsTheWeightsStandAndNoRoute53LineIsWritten() {
    RunResult r = failingAt("route53.weighted").param("steps", "[{weight: 50, hold: 10m}, {weight: 100}]").run();
    assertThat(events(r, "route53:")).isEmpty();
    assertThat(events(r, "weighted records: blue-lb=50, green-lb=50 (TTL 1m)")).hasSize(1);
  }

  @Test
  void aBlueGreenSwapFailsOverToTheKeptBlueStackWhenGreenFailsItsHealthCheck() {
    // the swap at the first step; green fails 2 minutes later
    RunResult r = failingAt("route53.blue-green").param("healthCheck", HEALTH_CHECK).run();
    assertThat(events(r, "failover records: PRIMARY green-lb, SECONDARY blue-lb")).extracting(TimelineEvent::time)
        .containsExactly(FIRST_STEP);
    double unhealthy = events(r, "green-lb-check of green-lb is unhealthy").get(0).time();
    assertThat(unhealthy - F).isGreaterThanOrEqualTo(84).isLessThan(86);
    List<TimelineEvent> failover = events(r, "name servers now answer blue-lb (failover to SECONDARY)");
    assertThat(failover).extracting(TimelineEvent::time).containsExactly(unhealthy + PROPAGATION);
    // every request fails from F until the answer changes, then fewer over one TTL: 400 served after it
    double a = failover.get(0).time();
    assertThat(served(r, 5 * Math.ceil((a + TTL + 5) / 5))).isCloseTo(400, within(1e-6));
    assertThat(served(r, 5 * Math.floor(a / 5))).isZero();
  }

  @Test
  void aBlueGreenSwapReachesOrdinaryClientsWithinOneTtl() {
    RunResult r = StackScenarios.of("route53.blue-green").set("dns.staleClientFraction", 0).run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(events(r, "app name now points to green-lb")).extracting(TimelineEvent::time)
        .containsExactly(FIRST_STEP);
    // one change, named after it (as eb.blue-green's "swap URLs"), not after a weight ("100% to v2")
    assertThat(r.phases()).filteredOn(p -> p.kind() == dev.deploysim.result.Phase.Kind.SHIFT)
        .extracting(dev.deploysim.result.Phase::label).containsExactly("swap the alias record to v2");
    // s seconds after the swap a share s / 60 of the clients has the new answer; the 5 s row at t
    // averages the whole seconds t - 5 .. t - 1, the share at t - 3 s: at FIRST_STEP + 35, 32/60
    assertThat(StackScenarios.at(r, "newVersionTrafficPercent", FIRST_STEP + 35)).isCloseTo(100 * 32 / 60.0,
        within(1e-6));
    assertThat(StackScenarios.at(r, "newVersionTrafficPercent", FIRST_STEP + 65)).isCloseTo(100, within(1e-6));
    // the old stack goes when no client can hold its answer: terminateOldAfter defaults to
    // dns.staleClientMaxAge (15m)
    assertThat(events(r, "deleting the old stack")).extracting(TimelineEvent::time)
        .containsExactly(FIRST_STEP + StackScenarios.STALE_MAX_AGE);
  }

  @Test
  void greenUnhealthyWhenBlueWouldBeDeletedFailsTheDeploymentAndRollsItBack() {
    // v2 fails its load balancer health checks 5 minutes after it started; evaluate target health
    // makes green's record unhealthy once its target group has no healthy target
    RunResult r = StackScenarios.of("route53.blue-green").v2("{install: 30s, start: 10s, health: {failingAfter: 5m}}")
        .set("dns.propagation", ScenarioYaml.seconds(PROPAGATION)).param("evaluateTargetHealth", true).run();
    double unhealthy = events(r, "alias target green-lb is unhealthy").get(0).time();
    assertThat(events(r, "name servers now answer blue-lb (failover to SECONDARY)")).extracting(TimelineEvent::time)
        .containsExactly(unhealthy + PROPAGATION);
    // the pipeline does not react to the targets; at the end of terminateOldAfter (15m) it finds
    // green's record unhealthy and rolls back instead of deleting blue
    assertThat(events(r, "rollback started")).extracting(TimelineEvent::time)
        .containsExactly(FIRST_STEP + StackScenarios.STALE_MAX_AGE);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.summary().outcomeReason()).contains("green-lb").contains("unhealthy in Route 53");
  }

  @Test
  void aHealthCheckIntervalRoute53DoesNotOfferIsRefusedAtItsKey() {
    var errors = StackScenarios.of("route53.weighted").param("healthCheck", "{interval: 20s}").load().errors();
    assertThat(errors).extracting(ScenarioError::format).anySatisfy(e -> assertThat(e)
        .contains("deployment.strategy.healthCheck.interval").contains("30s (standard) or 10s (fast)"));
  }
}
