package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.AlarmSpec.Comparison;
import dev.deploysim.scenario.AlarmSpec.Metric;
import dev.deploysim.scenario.AlarmSpec.MissingData;
import dev.deploysim.scenario.AlarmSpec.Statistic;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch metric alarms: one datapoint per period (periods aligned to the start of the run),
 * ALARM when at least M of the last N datapoints breach, OK otherwise, INSUFFICIENT_DATA when all
 * are missing; treatMissingData missing / breaching / notBreaching / ignore (ignore keeps the
 * current state).
 */
class AlarmsTest {

  private static AlarmSpec errorRate(double threshold, int n, int m, MissingData md) {
    return ModelScenarios.alarm("errors", Metric.ERROR_RATE, Statistic.AVERAGE, threshold,
        Comparison.GREATER_THAN_THRESHOLD, 60, n, m, md);
  }

  @Test
  void errorRateAlarmGoesToAlarmAtTheEndOfTheSecondBreachingPeriod() {
    // period 60 s, 3 evaluation periods, 2 datapoints to alarm, threshold 20%; a green group of
    // v2 (fails 30% of requests) takes all traffic at 150 s:
    //   [120, 180]: 30% x 30/60 = 15% (not breaching), [180, 240]: 30%, [240, 300]: 30%
    //   -> 2 of the last 3 breach at 300 s
    World w = ModelScenarios.scenario().withInstances(2).withRps(100)
        .withVersion(ModelScenarios.version("v2", 30, 10, new VersionSpec.Healthy(), 0.3, 1))
        .withAlarm(errorRate(0.2, 3, 2, MissingData.MISSING)).world();
    TargetGroup green = w.createTargetGroup("green-tg");
    w.createGroup("green-asg", w.primary().group().settings().withSizes(2, 2, 2), "v2", List.of(green));
    w.sim().runUntil(59.999);
    assertThat(w.alarms().state("errors")).isEqualTo(Alarms.State.INSUFFICIENT_DATA);
    w.sim().runUntil(60);
    assertThat(w.alarms().state("errors")).isEqualTo(Alarms.State.OK);
    w.sim().runUntil(150);
    assertThat(green.healthyCount()).isEqualTo(2);
    w.primary().loadBalancer().forward(green);
    w.sim().runUntil(299.999);
    assertThat(w.alarms().state("errors")).isEqualTo(Alarms.State.OK);
    w.sim().runUntil(300);
    assertThat(w.alarms().state("errors")).isEqualTo(Alarms.State.ALARM);
  }

  @Test
  void mOfNSlidesOverTheLastNDatapoints() {
    // requests per period (Sum), threshold 3000: demand 100 rps (6000 per period, breaching) and
    // 10 rps (600, not breaching) in the pattern B N B N N; with M = 2 of N = 3:
    //   60: [B] 1 -> OK; 120: [B N] 1 -> OK; 180: [B N B] 2 -> ALARM; 240: [N B N] 1 -> OK
    TrafficSpec.Steps steps = new TrafficSpec.Steps(List.of(new TrafficSpec.Step(0, 100), new TrafficSpec.Step(60, 10),
        new TrafficSpec.Step(120, 100), new TrafficSpec.Step(180, 10)));
    World w = ModelScenarios.scenario().withInstances(2).withTraffic(steps)
        .withAlarm(ModelScenarios.alarm("req", Metric.REQUESTS, Statistic.SUM, 3000, Comparison.GREATER_THAN_THRESHOLD,
            60, 3, 2, MissingData.MISSING)).world();
    List<String> changes = new ArrayList<>();
    w.alarms().addListener((a, from, to, why) -> changes.add(w.now() + " " + to));
    w.sim().runUntil(300);
    assertThat(changes).containsExactly("60.0 OK", "180.0 ALARM", "240.0 OK");
  }

  @Test
  void datapointsAreAlignedToPeriodsFromTheStartOfTheRun() {
    // period 300 s: the alarm can change state only at 300, 600, 900 ... whatever the time of
    // the incident (errors from 400 s on)
    TrafficSpec.Steps steps = new TrafficSpec.Steps(List.of(new TrafficSpec.Step(0, 100), new TrafficSpec.Step(400, 200)));
    World w = ModelScenarios.scenario().withInstances(1).withTraffic(steps)
        .withAlarm(ModelScenarios.alarm("failed", Metric.FAILED_REQUESTS, Statistic.SUM, 0,
            Comparison.GREATER_THAN_THRESHOLD, 300, 1, 1, MissingData.MISSING)).world();
    List<Double> at = new ArrayList<>();
    w.alarms().addListener((a, from, to, why) -> at.add(w.now()));
    w.sim().runUntil(1000);
    // [0, 300]: nothing failed -> OK at 300; [300, 600] has 200 s of 100 rps over capacity -> ALARM at 600
    assertThat(at).containsExactly(300.0, 600.0);
    assertThat(w.alarms().state("failed")).isEqualTo(Alarms.State.ALARM);
  }

  /** Bad version from 0 to 120 s, no requests afterwards; one datapoint decides (N = M = 1). */
  private static Alarms.State afterRequestsStop(MissingData md) {
    TrafficSpec.Steps steps = new TrafficSpec.Steps(List.of(new TrafficSpec.Step(0, 100), new TrafficSpec.Step(120, 0)));
    World w = ModelScenarios.scenario().withInstances(2).withTraffic(steps)
        .withVersion(ModelScenarios.version("v1", 30, 10, new VersionSpec.Healthy(), 0.5, 1))
        .withAlarm(errorRate(0.1, 1, 1, md)).world();
    w.sim().runUntil(120);
    assertThat(w.alarms().state("errors")).isEqualTo(Alarms.State.ALARM);
    // [120, 180] has no requests: the error rate datapoint is missing
    w.sim().runUntil(180);
    return w.alarms().state("errors");
  }

  @Test
  void treatMissingDataVariants() {
    assertThat(afterRequestsStop(MissingData.MISSING)).isEqualTo(Alarms.State.INSUFFICIENT_DATA);
    assertThat(afterRequestsStop(MissingData.BREACHING)).isEqualTo(Alarms.State.ALARM);
    assertThat(afterRequestsStop(MissingData.NOT_BREACHING)).isEqualTo(Alarms.State.OK);
    assertThat(afterRequestsStop(MissingData.IGNORE)).isEqualTo(Alarms.State.ALARM);
  }

  @Test
  void noRequestsMeansInsufficientData() {
    World w = ModelScenarios.scenario().withInstances(2).withRps(0).withAlarm(errorRate(0.1, 3, 2, MissingData.MISSING))
        .world();
    w.sim().runUntil(600);
    assertThat(w.alarms().state("errors")).isEqualTo(Alarms.State.INSUFFICIENT_DATA);
  }

  @Test
  void healthyHostsMinimumSeesAFleetThatIsWhole() {
    // 4 healthy hosts all along: the Minimum of every period is 4, never below 4
    World w = ModelScenarios.scenario().withInstances(4)
        .withAlarm(ModelScenarios.alarm("hosts", Metric.HEALTHY_HOSTS, Statistic.MINIMUM, 4,
            Comparison.LESS_THAN_THRESHOLD, 60, 1, 1, MissingData.MISSING)).world();
    List<String> changes = new ArrayList<>();
    w.alarms().addListener((a, from, to, why) -> changes.add(w.now() + " " + to));
    w.sim().runUntil(600);
    assertThat(changes).containsExactly("60.0 OK");
  }

  @Test
  void healthyHostsMinimumCatchesADipInsideAPeriod() {
    // one target goes unhealthy at some time in (100, 130] (stopped at 70 s, two failed checks
    // within 60 s) and is healthy again after the restart; the period containing the dip has
    // Minimum 3 < 4 -> ALARM at the end of it, even though the period ends with 4 healthy again
    World w = ModelScenarios.scenario().withInstances(4)
        .withAlarm(ModelScenarios.alarm("hosts", Metric.HEALTHY_HOSTS, Statistic.MINIMUM, 4,
            Comparison.LESS_THAN_THRESHOLD, 600, 1, 1, MissingData.MISSING)).world();
    Instance i = w.primary().group().inService().get(0);
    w.sim().runUntil(70);
    i.stopApplication(w.systemScope());
    w.sim().runUntil(131);
    assertThat(w.primary().targetGroup().healthyCount()).isEqualTo(3);
    i.startApplication(w.systemScope());
    w.sim().runUntil(599.999);
    assertThat(w.primary().targetGroup().healthyCount()).isEqualTo(4); // back within 5 x 30 s + 40 s
    assertThat(w.alarms().state("hosts")).isEqualTo(Alarms.State.INSUFFICIENT_DATA);
    w.sim().runUntil(600);
    assertThat(w.alarms().state("hosts")).isEqualTo(Alarms.State.ALARM);
  }

  @Test
  void newVersionErrorRateCountsOnlyTheDeployedVersion() {
    // v2 (the deployment's version) fails 40% of its requests and takes 1/4 of the traffic:
    // the overall error rate is 10% but newVersionErrorRate is 40%
    World w = ModelScenarios.scenario().withInstances(2).withRps(100)
        .withVersion(ModelScenarios.version("v2", 30, 10, new VersionSpec.Healthy(), 0.4, 1))
        .withAlarm(ModelScenarios.alarm("new", Metric.NEW_VERSION_ERROR_RATE, Statistic.AVERAGE, 0.3,
            Comparison.GREATER_THAN_THRESHOLD, 60, 1, 1, MissingData.MISSING))
        .withAlarm(errorRate(0.3, 1, 1, MissingData.MISSING)).world();
    TargetGroup green = w.createTargetGroup("green-tg");
    w.createGroup("green-asg", w.primary().group().settings().withSizes(2, 2, 2), "v2", List.of(green));
    w.sim().runUntil(120);
    Map<TargetGroup, Integer> weights = new LinkedHashMap<>();
    weights.put(w.primary().targetGroup(), 3);
    weights.put(green, 1);
    w.primary().loadBalancer().setWeights(weights);
    w.sim().runUntil(240);
    assertThat(w.alarms().state("new")).isEqualTo(Alarms.State.ALARM);
    assertThat(w.alarms().state("errors")).isEqualTo(Alarms.State.OK);
  }
}
