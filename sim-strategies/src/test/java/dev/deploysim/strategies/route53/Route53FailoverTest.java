package dev.deploysim.strategies.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.strategies.Strategies;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Route 53 health checks and failover records (docs/platforms/route53.md#health-checks), from
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html:
 * 15 checkers (AWS: about one check every 2 s at a 30 s interval: 30 / 2) spread evenly over one
 * interval from a random offset, each flipping after failureThreshold consecutive results, the
 * endpoint healthy while more than 18% of them (at least 3 of 15) see it healthy. A check of an
 * unreachable load balancer fails after the 4 s TCP connection timeout.
 *
 * <p>So after the endpoint fails at t0, checker j (j = 0..14 in the order of its next check) has
 * its next check at t0 + d + j x interval / 15 with d in [0, interval / 15); it flips
 * (failureThreshold - 1) intervals later plus 4 s; the endpoint turns unhealthy when only 2 still
 * see it healthy, at the 13th flip (j = 12):
 * detection = (failureThreshold - 1) x interval + 12 x interval / 15 + d + 4 s.
 * Going back needs 3 healthy checkers (j = 2) and no timeout:
 * recovery = (failureThreshold - 1) x interval + 2 x interval / 15 + d.
 */
class Route53FailoverTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Strategies.catalog());
  private static final double OUTAGE = 600;
  private static final double OUTAGE_LENGTH = 1800;
  private static final double PROPAGATION = 30;

  private static String scenario(String records, String faults) {
    return """
        name: failover
        regions: [us-east-1, eu-west-1]
        fleets:
          app-us: {region: us-east-1, instances: 4, zones: [a, b]}
          app-eu: {region: eu-west-1, instances: 4, zones: [a, b]}
        loadBalancers:
          lb-us: {fleet: app-us}
          lb-eu: {fleet: app-eu}
        dns:
          ttl: 60s
          staleClientFraction: 0
          propagation: 30s
          records:
        %s
        traffic: {rps: 200}
        versions: {v1: {}, v2: {}}
        faults:
        %s
        horizon: 1h
        deployment: {at: 59m, target: app-us, version: v2, strategy: {type: eb.immutable}}
        """.formatted(records.indent(4), faults.indent(2));
  }

  private static RunResult run(String yaml) {
    LoadResult r = LOADER.parse(yaml, "failover.yaml");
    assertThat(r.errors()).extracting(ScenarioError::format).isEmpty();
    return ScenarioRunner.run(r.scenario(), Strategies.catalog());
  }

  private static final String FAILOVER_30_3 = """
      - {type: failover, role: PRIMARY, target: lb-us, healthCheck: {interval: 30s, failureThreshold: 3}}
      - {type: failover, role: SECONDARY, target: lb-eu}""";

  private static final String US_OUTAGE = "- {at: 10m, type: regionOutage, region: us-east-1, duration: 30m}";

  /** eu-west-1 fails too, 10 minutes into the us-east-1 outage, for 10 minutes. */
  private static final String EU_OUTAGE_LATER = "\n- {at: 20m, type: regionOutage, region: eu-west-1, duration: 10m}";

  private static List<TimelineEvent> events(RunResult r, String text) {
    return r.timeline().stream().filter(e -> e.message().contains(text)).toList();
  }

  @Test
  void aStandardHealthCheckSeesTheOutageAfterThreeIntervalsLessTheLastCheckersAndTheAnswerFollowsAfterPropagation() {
    RunResult r = run(scenario(FAILOVER_30_3, US_OUTAGE));
    List<TimelineEvent> unhealthy = events(r, "lb-us-primary of lb-us is unhealthy");
    assertThat(unhealthy).hasSize(1);
    double detection = unhealthy.get(0).time() - OUTAGE;
    // (3 - 1) x 30 + 12 x 30 / 15 + d + 4 = 60 + 24 + 4 + d, d in [0, 2)
    double earliest = (3 - 1) * 30 + 12 * 30 / 15.0 + 4;
    assertThat(earliest).isEqualTo(88);
    assertThat(detection).isGreaterThanOrEqualTo(earliest).isLessThan(earliest + 30 / 15.0);
    // the name servers answer the SECONDARY one propagation later
    List<TimelineEvent> failover = events(r, "failover to SECONDARY");
    assertThat(failover).hasSize(1);
    assertThat(failover.get(0).time()).isCloseTo(unhealthy.get(0).time() + PROPAGATION, within(1e-9));
  }

  @Test
  void clientsReachTheSecondaryWithinOneTtlOfTheNewAnswer() {
    RunResult r = run(scenario(FAILOVER_30_3, US_OUTAGE));
    double answer = events(r, "failover to SECONDARY").get(0).time();
    // every client re-resolves within one TTL (no stale clients here): from answer + 60 s all 200
    // requests/s reach lb-eu's 4 instances (400 requests/s of capacity)
    double[] time = r.timeSeries().series("time");
    double[] served = r.timeSeries().series("servedRps");
    for (int i = 0; i < time.length; i++) {
      if (time[i] >= answer + 60 + 5 && time[i] < OUTAGE + OUTAGE_LENGTH) {
        assertThat(served[i]).as("served at %s", time[i]).isCloseTo(200, within(1e-6));
      }
      if (time[i] > OUTAGE + 5 && time[i] <= answer) {
        assertThat(served[i]).as("nothing served before the answer changes, at %s", time[i]).isZero();
      }
    }
    // half a TTL after the new answer, half of the clients have it: 100 requests/s served
    // (the 5 s row ending at answer + 32.x averages the whole seconds of its interval)
    double half = r.timeSeries().series("servedRps")[indexAfter(time, answer + 30)];
    assertThat(half).isBetween(200 * 25 / 60.0, 200 * 36 / 60.0);
  }

  private static int indexAfter(double[] time, double t) {
    for (int i = 0; i < time.length; i++) {
      if (time[i] >= t) {
        return i;
      }
    }
    throw new AssertionError("no sample after " + t);
  }

  @Test
  void aFastHealthCheckWithThresholdOneDetectsInAboutTwelveSeconds() {
    String records = FAILOVER_30_3.replace("interval: 30s, failureThreshold: 3", "interval: 10s, failureThreshold: 1");
    RunResult r = run(scenario(records, US_OUTAGE));
    double detection = events(r, "lb-us-primary of lb-us is unhealthy").get(0).time() - OUTAGE;
    // (1 - 1) x 10 + 12 x 10 / 15 + d + 4 = 8 + 4 + d, d in [0, 10/15)
    double earliest = 0 * 10 + 12 * 10 / 15.0 + 4;
    assertThat(detection).isGreaterThanOrEqualTo(earliest - 1e-9).isLessThan(earliest + 10 / 15.0);
  }

  @Test
  void theHealthCheckTurnsHealthyAgainAfterThresholdPassesOfThreeCheckersAndThePrimaryTakesBack() {
    RunResult r = run(scenario(FAILOVER_30_3, US_OUTAGE));
    double back = OUTAGE + OUTAGE_LENGTH;
    List<TimelineEvent> healthy = events(r, "lb-us-primary of lb-us is healthy");
    assertThat(healthy).hasSize(1);
    double after = healthy.get(0).time() - back;
    // (3 - 1) x 30 + 2 x 30 / 15 + d = 64 + d, d in [0, 2); no connection timeout on passes
    double earliest = (3 - 1) * 30 + 2 * 30 / 15.0;
    assertThat(after).isGreaterThanOrEqualTo(earliest).isLessThan(earliest + 2);
    assertThat(events(r, "name servers now answer lb-us (PRIMARY)").get(0).time())
        .isCloseTo(healthy.get(0).time() + PROPAGATION, within(1e-9));
  }

  @Test
  void withBothRecordsUnhealthyRoute53AnswersThePrimary() {
    String records = """
        - {type: failover, role: PRIMARY, target: lb-us, healthCheck: {interval: 10s, failureThreshold: 1}}
        - {type: failover, role: SECONDARY, target: lb-eu, healthCheck: {interval: 10s, failureThreshold: 1}}""";
    RunResult r = run(scenario(records, US_OUTAGE + EU_OUTAGE_LATER));
    assertThat(events(r, "of lb-us is unhealthy")).hasSize(1);
    assertThat(events(r, "of lb-eu is unhealthy")).hasSize(1);
    // us-east-1 out at 10m: the SECONDARY; eu-west-1 out too at 20m: both unhealthy, the PRIMARY
    List<TimelineEvent> answers = events(r, "name servers now answer");
    assertThat(answers).extracting(TimelineEvent::message).first().asString().contains("lb-eu (failover to SECONDARY)");
    assertThat(answers.get(1).message()).contains("lb-us (PRIMARY)");
    double euUnhealthy = events(r, "of lb-eu is unhealthy").get(0).time();
    assertThat(answers.get(1).time()).isCloseTo(euUnhealthy + PROPAGATION, within(1e-9));
  }

  @Test
  void anUnhealthyWeightedRecordLeavesTheRotationAndAllUnhealthyPutsAllBack() {
    String records = """
        - {type: weighted, weight: 1, target: lb-us, healthCheck: {interval: 10s, failureThreshold: 1}}
        - {type: weighted, weight: 3, target: lb-eu, healthCheck: {interval: 10s, failureThreshold: 1}}""";
    RunResult one = run(scenario(records, US_OUTAGE));
    assertThat(events(one, "name servers now answer lb-eu=3 ")).hasSize(1);
    RunResult both = run(scenario(records, US_OUTAGE + EU_OUTAGE_LATER));
    // lb-us unhealthy first: lb-eu alone; then both: both back in the rotation, 1:3
    List<TimelineEvent> answers = events(both, "name servers now answer");
    assertThat(answers.get(0).message()).contains("lb-eu=3 ");
    assertThat(answers.get(1).message()).contains("lb-us=1, lb-eu=3");
  }

  @Test
  void evaluateTargetHealthFollowsTheLoadBalancersTargetsWithoutAHealthCheck() {
    String records = """
        - {type: failover, role: PRIMARY, target: lb-us, evaluateTargetHealth: true}
        - {type: failover, role: SECONDARY, target: lb-eu}""";
    RunResult r = run(scenario(records, US_OUTAGE));
    // the load balancer cannot be reached: unhealthy at once, answered one propagation later
    List<TimelineEvent> target = events(r, "alias target lb-us is unhealthy");
    assertThat(target).hasSize(1);
    assertThat(target.get(0).time()).isEqualTo(OUTAGE);
    assertThat(events(r, "failover to SECONDARY").get(0).time()).isCloseTo(OUTAGE + PROPAGATION, within(1e-9));
  }
}
