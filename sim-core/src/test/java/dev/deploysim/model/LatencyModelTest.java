package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.engine.Distribution;
import org.junit.jupiter.api.Test;

/**
 * The latency model (docs/latency.md): M/G/1 processor sharing below saturation, E[T | S] = S / (1
 * - rho) (Kleinrock, Queueing Systems Vol. 2, sec. 4.4; Harchol-Balter 2013, ch. 22); a fluid
 * backlog at saturation whose requests time out past the load balancer's idle timeout (ALB
 * idle_timeout.timeout_seconds, default 60 s: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout);
 * the hard cap as its limit.
 */
class LatencyModelTest {

  /** Runs to {@code until} advancing the queues every second (so they settle), then measures one second. */
  private static LatencyMix settleAndMeasure(World w, double until) {
    Traffic t = w.traffic();
    for (double s = Math.floor(w.now()) + 1; s <= until; s++) {
      w.sim().runUntil(s);
      t.advance();
    }
    LatencyMix window = t.openLatencyWindow();
    w.sim().runUntil(until + 1);
    t.advance();
    return window;
  }

  @Test
  void belowSaturationLatencyIsTheProcessorSharingMean() {
    // 4 instances x 100 rps; 80 ms on an idle instance
    for (double rps : new double[] {200, 300, 360}) {
      World w = ModelScenarios.scenario().withInstances(4).withCapacity(100).withRps(rps).withResponseTime(0.080).world();
      // near saturation the queue settles slowly (its relaxation rate C K / (K + X)^2 is 0.125/s at
      // rho = 0.9): 600 s of one-second steps settle it to double precision
      LatencyMix m = settleAndMeasure(w, 600);
      double rho = rps / 4 / 100; // 0.5, 0.75, 0.9
      double expected = 0.080 / (1 - rho); // 160 ms, 320 ms, 800 ms
      assertThat(m.percentile(0.5)).as("p50 at rho %s", rho).isCloseTo(expected, within(1e-9));
      assertThat(m.percentile(0.99)).as("p99 at rho %s", rho).isCloseTo(expected, within(1e-9));
      // utilisation = rho; nothing fails and nothing times out below saturation
      CpuMeter cpu = new CpuMeter(w, null);
      w.sim().runUntil(660);
      assertThat(cpu.read()).isCloseTo(100 * rho, within(1e-6));
      assertThat(w.traffic().failedTotal()).isZero();
      assertThat(w.traffic().timedOutTotal()).isZero();
    }
  }

  @Test
  void aResponseTimeDistributionIsScaledBySlowdown() {
    // exponential S with mean 80 ms at rho = 0.5: T = 2 S ~ exponential with mean 160 ms, so
    // p50 = 0.16 ln 2 = 0.110904 s and p99 = 0.16 ln 100 = 0.736827 s
    World w = ModelScenarios.scenario().withInstances(4).withRps(200)
        .withResponseTime(new Distribution.Exponential(0.080)).world();
    LatencyMix m = settleAndMeasure(w, 120);
    assertThat(m.percentile(0.5)).isCloseTo(0.16 * Math.log(2), within(1e-9));
    assertThat(m.percentile(0.99)).isCloseTo(0.16 * Math.log(100), within(1e-9));
  }

  @Test
  void overloadBuildsABacklogThenTimesOutTheExcess() {
    // 4 instances x 100 rps, 800 rps offered: 200 rps each, rho = 2; S = 100 ms, idle timeout 60 s.
    // K = C S = 100 x 0.1 = 10 requests at full throughput. The backlog grows at about
    // lambda - C = 100 requests/s until a request would wait the idle timeout:
    // S (1 + X/K) = 60 s  =>  X_max = K (60 / 0.1 - 1) = 10 x 599 = 5990 requests, about 60 s in.
    World w = ModelScenarios.scenario().withInstances(4).withCapacity(100).withRps(800).withResponseTime(0.1).world();
    Traffic t = w.traffic();
    for (int s = 1; s <= 55; s++) {
      w.sim().runUntil(s);
      t.advance();
    }
    assertThat(t.timedOutTotal()).as("no request waited 60 s yet").isZero();
    assertThat(t.failedTotal()).isZero();
    LatencyMix m = settleAndMeasure(w, 120);
    // held at the cap: each instance completes C X/(K+X) = 100 x 5990/6000 = 99.8333 rps and times
    // out the rest, 200 - 99.8333 = 100.1667 rps; the served wait exactly the idle timeout
    double before = t.timedOutTotal();
    double offeredBefore = t.offeredTotal();
    double servedBefore = t.servedTotal();
    double failedBefore = t.failedTotal();
    w.sim().runUntil(181);
    t.advance();
    double perInstance = 200 - 100 * 5990.0 / 6000.0;
    assertThat((t.timedOutTotal() - before) / 60).isCloseTo(4 * perInstance, within(1e-6));
    assertThat(m.percentile(0.5)).isCloseTo(60, within(1e-9));
    assertThat(m.percentile(0.99)).isCloseTo(60, within(1e-9));
    // conserved: offered = served + failed over the interval
    double offered = t.offeredTotal() - offeredBefore;
    double served = t.servedTotal() - servedBefore;
    double failed = t.failedTotal() - failedBefore;
    assertThat(offered).isCloseTo(800 * 60, within(1e-6));
    assertThat(served + failed).isCloseTo(offered, within(1e-6));
    assertThat(failed).isCloseTo(4 * perInstance * 60, within(1e-6));
  }

  @Test
  void theHardCapIsTheLimitOfShortResponseTimesAndTimeouts() {
    // hard cap: 4 x 100 rps serve 400 of 800 rps, 400 fail at once
    World cap = ModelScenarios.scenario().withInstances(4).withRps(800).world();
    cap.sim().runUntil(300);
    assertThat(cap.traffic().failedRps()).isCloseTo(400, within(1e-9));
    // with S and tau the throughput of a saturated instance is C X_max / (K + X_max) = C (1 - S / tau)
    // (X_max = K (tau / S - 1)): it tends to C, and the served latency tau to 0, as S / tau and tau go to 0
    double[][] cases = {{0.01, 1}, {0.001, 1}, {0.0001, 0.1}};
    for (double[] c : cases) {
      double s = c[0];
      double tau = c[1];
      World w = ModelScenarios.scenario().withInstances(4).withRps(800).withResponseTime(s).withIdleTimeout(tau).world();
      Traffic t = w.traffic();
      for (int k = 1; k <= 200; k++) {
        w.sim().runUntil(k);
        t.advance();
      }
      double offered = t.offeredTotal();
      double failedBefore = t.failedTotal();
      w.sim().runUntil(260);
      t.advance();
      double failedRate = (t.failedTotal() - failedBefore) / 60;
      double expected = 800 - 4 * 100 * (1 - s / tau); // 404, 400.4, 400.4
      assertThat(failedRate).as("S %s, tau %s", s, tau).isCloseTo(expected, within(1e-6));
      assertThat(offered).isPositive();
    }
  }

  @Test
  void aColdInstanceHasLessCapacityAndSlowerRequestsUntilItsWarmUpEnds() {
    // v2: 80 ms, for 120 s after it starts half the capacity and each request twice as long.
    // Health checks every 300 s so the restart does not take the target out of service.
    World w = ModelScenarios.scenario().withInstances(2).withCapacity(50).withRps(60)
        .withHealthCheck(300, 5, 5, 2, 1, ModelScenarios.FIRST_CHECK_10S)
        .withVersion(ModelScenarios.warming("v1", 0.080, 0, 1))
        .withVersion(ModelScenarios.warming("v2", 0.080, 120, 0.5)).world();
    Instance first = w.primary().group().inService().get(0);
    w.sim().runUntil(100);
    first.install(w.systemScope(), "v2"); // install 30 s + start 10 s: serves again at 140 s, cold until 260 s
    w.sim().runUntil(141);
    // capacity: 50 (warm v1) + 50 x 0.5 (cold v2) = 75 rps
    assertThat(w.traffic().servingCapacityRps()).isCloseTo(75, within(1e-9));
    LatencyMix m = settleAndMeasure(w, 230);
    // 30 rps each. Warm: rho = 30/50 = 0.6, T = 0.08 / 0.4 = 0.2 s.
    // Cold: C = 25, rho = 30/25 > 1: saturated, its backlog grows, so its latency is above
    // the stationary values: the mixture's p99 is the cold instance's and above 0.2 s, p50 the warm one
    assertThat(m.percentile(0.5)).isCloseTo(0.2, within(1e-9));
    assertThat(m.percentile(0.99)).isGreaterThan(0.2 / 0.5);
    // warm again after 260 s: both at rho 0.6, 0.2 s each, once the cold backlog has drained
    LatencyMix after = settleAndMeasure(w, 600);
    assertThat(w.traffic().servingCapacityRps()).isCloseTo(100, within(1e-9));
    assertThat(after.percentile(0.99)).isCloseTo(0.2, within(1e-9));
  }
}
