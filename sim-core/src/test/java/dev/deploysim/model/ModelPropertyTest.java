package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimeSeries;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.LifecycleHookSpec.HookResult;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import dev.deploysim.scenario.WarmPoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Properties over random small scenarios (instances 1-8, zones 1-3, health checks within the AWS
 * ranges, hooks, warm pools, random versions good and bad, random faults and alarms) driven by a
 * strategy that takes random control-plane actions: requests are conserved in every sample and at
 * every routing change, downtime accrues only while nothing is served, counts never go negative,
 * only legal lifecycle moves happen (an illegal one throws), and a seed determines the run.
 */
class ModelPropertyTest {
  static final int CONFIGS = 200;
  static final double HORIZON = 2400;

  static Scenario randomScenario(long configSeed) {
    RandomStream r = new RandomStream(configSeed);
    int n = 1 + r.nextInt(8);
    List<String> zones = List.of("a", "b", "c").subList(0, 1 + r.nextInt(3));
    ModelScenarios s = ModelScenarios.scenario().withSeed(1000 + configSeed).withHorizon(HORIZON)
        .withInstances(n).withSizes(r.nextInt(n + 1), n + r.nextInt(4)).withZones(zones.toArray(String[]::new))
        .withCapacity(50 + 150 * r.nextDouble()).withLaunchTime(new Distribution.Uniform(20, 20 + 100 * r.nextDouble()));
    if (r.nextBoolean(0.5)) {
      s.withElbHealthChecks(r.nextInt(301));
    } else {
      s.withGracePeriod(r.nextInt(301));
    }
    if (r.nextBoolean(0.3)) {
      s.withHook(ModelScenarios.launchHook(30 + r.nextInt(571), r.nextBoolean(0.5) ? HookResult.CONTINUE : HookResult.ABANDON,
          r.nextBoolean(0.3) ? null : 5 + 95 * r.nextDouble(), r.nextBoolean(0.8) ? HookResult.CONTINUE : HookResult.ABANDON));
    }
    if (r.nextBoolean(0.3)) {
      s.withHook(ModelScenarios.terminateHook(30 + r.nextInt(571), r.nextBoolean(0.3) ? null : 5 + 95 * r.nextDouble()));
    }
    if (r.nextBoolean(0.3)) {
      WarmPoolSpec.PoolState st = List.of(WarmPoolSpec.PoolState.values()).get(r.nextInt(3));
      s.withWarmPool(new WarmPoolSpec(r.nextInt(2), r.nextBoolean(0.5) ? null : n + r.nextInt(3), st,
          Distribution.constant(5 + 25 * r.nextDouble()), r.nextBoolean(0.5)));
    }
    boolean clb = r.nextBoolean(0.3);
    // AWS ranges: interval 5-300 s, timeout 2-120 s (below the interval), thresholds 2-10
    int interval = r.nextBoolean(0.8) ? 5 + r.nextInt(56) : 5 + r.nextInt(296);
    int timeout = 2 + r.nextInt(Math.min(120, interval - 1) - 1);
    int healthy = 2 + r.nextInt(9);
    Distribution first = r.nextBoolean(0.5) ? null : Distribution.constant(interval * r.nextDouble());
    if (clb) {
      s.withClb();
    }
    s.withHealthCheck(interval, timeout, healthy, 2 + r.nextInt(9), clb ? healthy : 1, first);
    s.withDeregistrationDelay(r.nextInt(601)).withSlowStart(r.nextBoolean(0.7) ? 0 : 30 + r.nextInt(871));
    double ttl = r.nextInt(301);
    s.withDns(ttl, 0.2 * r.nextDouble(), ttl + r.nextInt(1801));
    switch (r.nextInt(3)) {
      case 0 -> s.withRps(r.nextInt(1001));
      case 1 -> s.withTraffic(new TrafficSpec.Steps(List.of(new TrafficSpec.Step(0, r.nextInt(1001)),
          new TrafficSpec.Step(r.nextInt(2400), r.nextInt(1001)), new TrafficSpec.Step(r.nextInt(2400), 0))));
      default -> s.withTraffic(new TrafficSpec.Diurnal(500 * r.nextDouble(), 500 * r.nextDouble(), 3600, r.nextInt(3600)));
    }
    for (String v : List.of("v1", "v2", "v3")) {
      VersionSpec.Health h = switch (r.nextInt(5)) {
        case 0 -> new VersionSpec.Failing();
        case 1 -> new VersionSpec.FailingAfter(r.nextInt(601));
        default -> new VersionSpec.Healthy();
      };
      s.withVersion(ModelScenarios.version(v, 5 + r.nextInt(56), 1 + r.nextInt(30), h,
          r.nextBoolean(0.6) ? 0 : 0.5 * r.nextDouble(), 0.5 + r.nextDouble()));
    }
    if (r.nextBoolean(0.5)) {
      // the latency model: requests queue, the excess times out past the idle timeout
      s.withResponseTime(r.nextBoolean(0.5) ? Distribution.constant(0.01 + 0.3 * r.nextDouble())
          : new Distribution.Exponential(0.01 + 0.3 * r.nextDouble()));
      s.withIdleTimeout(1 + 120 * r.nextDouble());
    }
    int alarms = r.nextInt(3);
    for (int k = 0; k < alarms; k++) {
      AlarmSpec.Metric m = List.of(AlarmSpec.Metric.values()).get(r.nextInt(AlarmSpec.Metric.values().length));
      int evals = 1 + r.nextInt(5);
      s.withAlarm(ModelScenarios.alarm("alarm" + k, m, Alarms.defaultStatistic(m), r.nextDouble() * 10,
          List.of(AlarmSpec.Comparison.values()).get(r.nextInt(4)), 60 * (1 + r.nextInt(5)), evals,
          1 + r.nextInt(evals), List.of(AlarmSpec.MissingData.values()).get(r.nextInt(4))));
    }
    int faults = r.nextInt(4);
    for (int k = 0; k < faults; k++) {
      double at = r.nextInt(1800);
      s.withFault(switch (r.nextInt(4)) {
        case 0 -> new FaultSpec.ZoneOutage(at, zones.get(r.nextInt(zones.size())), 60 + r.nextInt(841));
        case 1 -> new FaultSpec.InstanceFailure(at, 1 + r.nextInt(3), r.nextBoolean(0.7) ? null : "v1", null);
        case 2 -> new FaultSpec.LaunchFailures(at, r.nextDouble(), 60 + r.nextInt(541));
        default -> new FaultSpec.SlowBoots(at, 1 + 3 * r.nextDouble(), 60 + r.nextInt(541));
      });
    }
    return s.build();
  }

  /** Checks the model's invariants after every routing change. */
  static final class Invariants implements Runnable {
    private final World w;
    private final String label;
    private double prevTime = Double.NaN;
    private double prevDemand;
    private double prevServed;
    private double prevDowntime;
    int checks;

    Invariants(World w, String label) {
      this.w = w;
      this.label = label;
    }

    private void check(boolean ok, String what) {
      if (!ok) {
        throw new AssertionError(label + " at " + w.now() + " s: " + what);
      }
    }

    @Override
    public void run() {
      checks++;
      Traffic t = w.traffic();
      double demand = t.demandRps();
      double served = t.servedRps();
      double failed = t.failedRps();
      check(Math.abs(served + failed - demand) <= 1e-6 * Math.max(1, demand),
          "offered " + demand + " != served " + served + " + failed " + failed);
      check(served >= -1e-9 && failed >= -1e-9, "negative rate");
      double offeredTotal = t.offeredTotal();
      check(Math.abs(t.servedTotal() + t.failedTotal() - offeredTotal) <= 1e-6 * Math.max(1, offeredTotal),
          "totals not conserved");
      check(t.runningInstances() >= 0 && t.healthyInstances() >= 0 && t.unhealthyTargets() >= 0
          && t.inServiceInstances() >= 0 && t.launchingInstances() >= 0 && t.drainingTargets() >= 0
          && t.servingCapacityRps() >= 0, "negative count");
      for (String v : t.versions()) {
        check(t.instances(v) >= 0 && t.inService(v) >= 0, "negative count for " + v);
        check(t.handledRps(v) >= -1e-9 && t.errorRps(v) <= t.handledRps(v) + 1e-9, "errors > handled for " + v);
      }
      // nothing serves more than its capacity x capacity factor
      double capacity = 0;
      for (AutoScalingGroup g : w.groups()) {
        check(g.minSize() >= 0 && g.minSize() <= g.desired() && g.desired() <= g.maxSize(),
            g.name() + " sizes " + g.minSize() + " / " + g.desired() + " / " + g.maxSize());
        for (Instance i : g.members()) {
          check(!i.isTerminated(), i + " is terminated but still a member of " + g.name());
          check(i.group() == g, i + " is a member of " + g.name() + " but belongs to " + i.group());
          if (i.canServe()) {
            capacity += g.settings().capacity() * i.versionSpec().capacityFactor();
          }
        }
      }
      // (with a latency model the rate is what arrives and will be served: a backlog may absorb
      // more than the capacity for a while, see docs/latency.md)
      check(t.modelsLatency() || served <= capacity + 1e-6, "served " + served + " > capacity " + capacity);
      check(t.timedOutTotal() >= 0 && t.timedOutTotal() <= t.failedTotal() + 1e-6, "timed out not within failed");
      // downtime accrues exactly while there is demand and nothing is served
      if (!Double.isNaN(prevTime)) {
        double dt = w.now() - prevTime;
        double expected = prevDemand > 1e-9 && prevServed <= 1e-9 ? dt : 0;
        double got = t.downtimeSeconds() - prevDowntime;
        // with a latency model an interval whose every request timed out is downtime too
        boolean allTimedOut = t.modelsLatency() && Math.abs(got - dt) <= 1e-6;
        check(Math.abs(got - expected) <= 1e-6 || allTimedOut, "downtime accrued wrongly");
      }
      prevTime = w.now();
      prevDemand = demand;
      prevServed = served;
      prevDowntime = t.downtimeSeconds();
    }
  }

  static RunResult run(Scenario s, Consumer<World> onStart) {
    return ScenarioRunner.run(s, new ChaosStrategy(30, onStart));
  }

  private static void assertSamplesConserved(RunResult r, String label) {
    TimeSeries ts = r.timeSeries();
    assertThat(ts.size()).isGreaterThan((int) (HORIZON / 5) - 1);
    for (int k = 0; k < ts.size(); k++) {
      double d = ts.value(k, "demandRps");
      double s = ts.value(k, "servedRps");
      double f = ts.value(k, "failedRps");
      assertThat(Math.abs(s + f - d)).as("%s sample %d: %s = %s + %s", label, k, d, s, f)
          .isLessThanOrEqualTo(1e-6 * Math.max(1, d));
      for (String c : ts.columns()) {
        if (Double.isNaN(ts.value(k, c)) && (c.startsWith("latency") || c.equals("cpuPercent"))) {
          continue; // no served request in the interval (latency) or the first row (cpu): empty
        }
        assertThat(ts.value(k, c)).as("%s sample %d column %s", label, k, c).isGreaterThanOrEqualTo(-1e-9);
      }
    }
  }

  @Test
  void invariantsHoldOverRandomScenariosAndActions() {
    int totalChecks = 0;
    for (long c = 1; c <= CONFIGS; c++) {
      Scenario s = randomScenario(c);
      String label = "config " + c;
      List<Invariants> inv = new ArrayList<>();
      RunResult r = run(s, w -> {
        Invariants i = new Invariants(w, label);
        inv.add(i);
        w.traffic().addUpdateListener(i);
      });
      assertThat(inv).hasSize(1);
      totalChecks += inv.get(0).checks;
      assertSamplesConserved(r, label);
      assertThat(r.timeline()).as(label).isNotEmpty();
    }
    assertThat(totalChecks).isGreaterThan(CONFIGS * 10);
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    for (long c = 1; c <= CONFIGS; c += 10) {
      Scenario s = randomScenario(c);
      RunResult a = run(s, w -> {});
      RunResult b = run(s, w -> {});
      assertThat(b.timeline()).as("config %d timeline", c).isEqualTo(a.timeline());
      assertThat(b.timeSeries().size()).isEqualTo(a.timeSeries().size());
      for (int k = 0; k < a.timeSeries().size(); k++) {
        assertThat(b.timeSeries().row(k)).as("config %d row %d", c, k).containsExactly(a.timeSeries().row(k));
      }
      assertThat(b.summary()).isEqualTo(a.summary());
    }
  }

  /** InService times of the instances launched by a scale-out from 2 to 6 at 100 s. */
  private static List<Double> inServiceTimes(long seed) {
    Scenario s = ModelScenarios.scenario().withSeed(seed).withHorizon(600).withInstances(2).withSizes(2, 6)
        .withLaunchTime(new Distribution.Uniform(30, 90)).withScheduledAction(100, null, null, 6).build();
    RunResult r = ScenarioRunner.run(s, new ChaosStrategy(1e9, w -> {}));
    List<Double> out = new ArrayList<>();
    for (TimelineEvent e : r.timeline()) {
      if (e.source().equals("asg") && e.message().startsWith("blue-asg ") && e.message().endsWith(" InService")) {
        out.add(e.time());
      }
    }
    assertThat(out).hasSize(4);
    return out;
  }

  @Test
  void differentSeedsGiveDifferentLaunchTimes() {
    // launch uniform in [30, 90] s + install 30 s + start 10 s after 100 s: InService in [170, 230]
    List<Double> one = inServiceTimes(1);
    List<Double> two = inServiceTimes(2);
    assertThat(one).allSatisfy(t -> assertThat(t).isBetween(170.0, 230.0));
    assertThat(two).allSatisfy(t -> assertThat(t).isBetween(170.0, 230.0));
    assertThat(two).isNotEqualTo(one);
    assertThat(inServiceTimes(1)).isEqualTo(one);
  }
}
