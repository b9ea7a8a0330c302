package dev.deploysim.strategies.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.strategies.Strategies;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A deployment of two fleets in two regions, one after the other (docs/resilience.md#deploying-several-fleets):
 * each fleet's run of the strategy takes its documented time, eu-west-1 starts at the instant
 * us-east-1 succeeded, and a bad version stops at us-east-1.
 *
 * <p>The system: app-us (4 instances) in us-east-1, app-eu (2) in eu-west-1, each behind its own ALB
 * (a check every 10 s, a new target healthy after one passing check, 15 s deregistration delay),
 * weighted records 2:1 over 300 requests/s; versions install in 30 s and start in 10 s, instances
 * launch in 60 s. No `deployment.target`: every fleet, in the order of `regions`.
 */
class FleetByFleetTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Strategies.catalog());
  private static final double AT = 300;
  private static final double DRAIN = 15;
  private static final double INSTALL_START = 30 + 10;
  private static final double LAUNCH = 60;
  private static final double CHECK = 10;
  private static final int US = 4;
  private static final int EU = 2;

  private static String scenario(String strategy, String v2) {
    return """
        name: fleet-by-fleet
        regions: [us-east-1, eu-west-1]
        fleets:
          app-eu: {region: eu-west-1, instances: 2, capacity: 100, zones: [a, b], launchTime: 60s}
          app-us: {region: us-east-1, instances: 4, capacity: 100, zones: [a, b], launchTime: 60s}
        loadBalancers:
          lb-us: {fleet: app-us, type: alb, healthCheck: {interval: 10s, healthyThreshold: 2, unhealthyThreshold: 2}, deregistrationDelay: 15s}
          lb-eu: {fleet: app-eu, type: alb, healthCheck: {interval: 10s, healthyThreshold: 2, unhealthyThreshold: 2}, deregistrationDelay: 15s}
        dns:
          ttl: 60s
          records:
            - {type: weighted, weight: 2, target: lb-us}
            - {type: weighted, weight: 1, target: lb-eu}
        traffic: {rps: 300}
        versions:
          v1: {install: 30s, start: 10s}
          v2: %s
        horizon: 3h
        deployment:
          at: 5m
          version: v2
          strategy: %s
        """.formatted(v2, strategy);
  }

  private static final String GOOD = "{install: 30s, start: 10s}";
  private static final String BAD = "{install: 30s, start: 10s, health: failing}";

  /**
   * Each type with the documented bounds of one fleet's deployment of n instances (seconds).
   *
   * <ul>
   *   <li>eb.rolling, batches of 2: per batch detach and drain 15 s, install and start 40 s, the
   *       target's first check (up to 10 s), 12 consecutive OK reports 10 s apart (120 s) aligned to the
   *       next report (up to 10 s): 175..195 s (docs/platforms/elastic-beanstalk.md);
   *   <li>codedeploy.in-place (OneAtATime): per instance BlockTraffic drains 15 s, Install and
   *       ApplicationStart 40 s, AllowTraffic waits for one passing check, up to 10 s: 55..65 s
   *       (docs/platforms/codedeploy.md);
   *   <li>k8s.rolling-update, maxSurge 1, maxUnavailable 0: one pod at a time, its container running
   *       after 3..8 s (the type's assumed start delay), install and start 40 s, ready after one
   *       readiness probe up to 10 s later: 43..58 s per pod (docs/platforms/kubernetes.md);
   *   <li>codedeploy.blue-green, terminateOriginalAfter 5m: the replacement group launches every
   *       instance at once (60 s, install and start 40 s: 100 s), reroutes one instance at a time
   *       (each registered and healthy after one check, up to 10 s), blocks traffic to the originals
   *       (drains 15 s), waits 300 s and terminates them: 415 s + up to 10 s per instance.
   * </ul>
   */
  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of("{type: eb.rolling, batchSize: 2}", bounds(perBatch(175, 195), 2)),
        Arguments.of("{type: codedeploy.in-place}", bounds(DRAIN + INSTALL_START, DRAIN + INSTALL_START + CHECK)),
        Arguments.of("{type: k8s.rolling-update, maxSurge: 1, maxUnavailable: 0}",
            bounds(3 + INSTALL_START, 8 + INSTALL_START + CHECK)),
        Arguments.of("{type: codedeploy.blue-green, terminateOriginalAfter: 5m}", new Bounds(
            n -> LAUNCH + INSTALL_START + DRAIN + 300, n -> LAUNCH + INSTALL_START + n * CHECK + DRAIN + 300)));
  }

  /** Bounds of a fleet of n instances when every instance (or batch of {@code batch}) takes lo..hi. */
  private static Bounds bounds(double lo, double hi) {
    return new Bounds(n -> n * lo, n -> n * hi);
  }

  private static Bounds bounds(double[] perBatch, int batch) {
    return new Bounds(n -> Math.ceil(n / (double) batch) * perBatch[0], n -> Math.ceil(n / (double) batch) * perBatch[1]);
  }

  private static double[] perBatch(double lo, double hi) {
    return new double[] {lo, hi};
  }

  record Bounds(java.util.function.IntToDoubleFunction lo, java.util.function.IntToDoubleFunction hi) {}

  private static RunResult run(String yaml) {
    LoadResult r = LOADER.parse(yaml, "fleet-by-fleet.yaml");
    assertThat(r.errors()).extracting(ScenarioError::format).isEmpty();
    return ScenarioRunner.run(r.scenario(), Strategies.catalog());
  }

  private static double time(RunResult r, String message) {
    List<TimelineEvent> found = r.timeline().stream().filter(e -> e.message().startsWith(message)).toList();
    assertThat(found).as(message).hasSize(1);
    return found.get(0).time();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void eachRegionAfterThePreviousOneSucceeded(String strategy, Bounds b) {
    RunResult r = run(scenario(strategy, GOOD));

    // us-east-1 is first in regions, though app-eu comes first in the file
    double usStart = time(r, "app-us: deployment started");
    double usEnd = time(r, "app-us: deployment succeeded");
    double euStart = time(r, "app-eu: deployment started");
    double euEnd = time(r, "app-eu: deployment succeeded");
    assertThat(usStart).isEqualTo(AT);
    assertThat(usEnd - usStart).as("app-us's own deployment").isBetween(b.lo().applyAsDouble(US), b.hi().applyAsDouble(US));
    assertThat(euStart).as("eu-west-1 starts when us-east-1 succeeded").isEqualTo(usEnd);
    assertThat(euEnd - euStart).as("app-eu's own deployment").isBetween(b.lo().applyAsDouble(EU), b.hi().applyAsDouble(EU));

    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.summary().outcomeReason()).isNull();
    assertThat(r.summary().deployment().startSeconds()).isEqualTo(AT);
    assertThat(r.summary().deployment().endSeconds()).isEqualTo(euEnd);
    assertThat(r.summary().deployment().durationSeconds()).isCloseTo(euEnd - AT, within(1e-9));
    assertThat(r.summary().finalVersions()).containsExactly(java.util.Map.entry("v2", US + EU));
    // the baseline is both fleets
    assertThat(r.summary().capacity().baselineInstances()).isEqualTo(US + EU);
    // phases named after their fleet, us-east-1's before eu-west-1's
    List<String> phases = r.phases().stream().map(Phase::label).toList();
    assertThat(phases).allMatch(p -> p.startsWith("app-us: ") || p.startsWith("app-eu: "));
    int lastUs = phases.lastIndexOf(phases.stream().filter(p -> p.startsWith("app-us: ")).reduce((x, y) -> y).orElseThrow());
    assertThat(phases.subList(0, lastUs + 1)).allMatch(p -> p.startsWith("app-us: "));
    assertThat(r.phases().stream().filter(p -> p.label().startsWith("app-eu: ")).mapToDouble(Phase::start).min()
        .orElseThrow()).isGreaterThanOrEqualTo(usEnd);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void aBadVersionStopsAtTheFirstRegion(String strategy, Bounds b) {
    RunResult r = run(scenario(strategy, BAD));

    assertThat(r.summary().outcome()).isNotEqualTo(Outcome.SUCCEEDED);
    assertThat(r.timeline()).noneMatch(e -> e.message().startsWith("app-eu: "));
    assertThat(r.phases()).allMatch(p -> p.label().startsWith("app-us: "));
    String verb = r.summary().outcome() == Outcome.ROLLED_BACK ? "rolled back" : "failed";
    assertThat(r.summary().outcomeReason()).startsWith("app-us (us-east-1): ")
        .endsWith("; app-eu (eu-west-1) not deployed: app-us (us-east-1) " + verb);
    // eu-west-1 kept v1: its third of the 300 requests/s was served in every sample
    double[] euServed = r.timeSeries().series("servedRps_eu-west-1");
    for (int k = 0; k < euServed.length; k++) {
      assertThat(euServed[k]).as("row %d", k).isCloseTo(100.0, within(1e-6));
    }
    assertThat(r.summary().deployment().endSeconds()).isEqualTo(time(r, "app-us: deployment " + verb));
  }

  @Test
  void theListedOrderIsKept() {
    RunResult r = run(scenario("{type: codedeploy.in-place}", GOOD).replace("  at: 5m\n", "  at: 5m\n  target: [app-eu, app-us]\n"));
    assertThat(time(r, "app-us: deployment started")).isEqualTo(time(r, "app-eu: deployment succeeded"));
    assertThat(time(r, "app-eu: deployment started")).isEqualTo(AT);
  }

  /** deployment.bakeTime: eu-west-1 starts exactly one bake (5 minutes) after us-east-1 succeeded. */
  @Test
  void theNextRegionStartsOneBakeLater() {
    RunResult r = run(scenario("{type: codedeploy.in-place}", GOOD).replace("  at: 5m\n", "  at: 5m\n  bakeTime: 5m\n"));
    double usEnd = time(r, "app-us: deployment succeeded");
    assertThat(time(r, "app-eu: deployment started")).isEqualTo(usEnd + 300);
    assertThat(r.phases()).anyMatch(p -> p.label().equals("app-us: bake 5m before app-eu (eu-west-1)")
        && p.start() == usEnd && p.end() == usEnd + 300);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void aTypeThatOwnsTheNameIsRefusedForSeveralFleets() {
    LoadResult r = LOADER.parse(scenario("{type: route53.weighted}", GOOD), "fleet-by-fleet.yaml");
    assertThat(r.errors()).extracting(ScenarioError::format).singleElement().asString()
        .contains("deployment.strategy.type: route53.weighted cannot deploy the 2 fleets (app-us, app-eu) one after "
            + "the other: it moves the application's DNS name");
  }
}
