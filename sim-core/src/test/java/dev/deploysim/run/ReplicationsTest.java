package dev.deploysim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.engine.RandomStreams;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Aggregating replications: outcome counts, per-metric statistics, metrics that do not always apply. */
class ReplicationsTest {

  static Summary summary(Outcome outcome, Double duration, Double rollbackStart, Double rollbackEnd) {
    return new Summary("s", "eb.rolling", 1, outcome,
        new Summary.Deployment(300, duration == null ? null : 300 + duration, duration),
        new Summary.Capacity(6, 4, 66.6667, 6),
        new Summary.Traffic(1000, 10, 99.0, 0, 5, 500, 500),
        new Summary.Rollback(rollbackStart != null, rollbackStart == null ? null : "health checks", rollbackStart,
            rollbackEnd),
        new Summary.Cost(2.0, 0.5, null), 60, Map.of("v2", 6), null, "v1", "v2", Summary.Detection.none(), 1800);
  }

  @Test
  void statisticsOfEachMetricOverTheReplicationsWhereItApplies() {
    List<Summary> all = List.of(
        summary(Outcome.SUCCEEDED, 100.0, null, null),
        summary(Outcome.ROLLED_BACK, 200.0, 400.0, 460.0),
        summary(Outcome.SUCCEEDED, 300.0, null, null),
        summary(Outcome.FAILED, null, null, null));
    Replications.Aggregate a = Replications.aggregate(all);
    assertThat(a.count()).isEqualTo(4);
    assertThat(a.outcomes()).containsExactly(Map.entry(Outcome.SUCCEEDED, 2), Map.entry(Outcome.FAILED, 1),
        Map.entry(Outcome.ROLLED_BACK, 1));
    assertThat(a.metrics().keySet()).containsExactlyElementsOf(
        Replications.METRICS.stream().map(Replications.Metric::name).toList());

    // durations 100, 200, 300 (the unfinished run has none): mean 200, sd 100,
    // ci95 = t(0.975, 2 df) 4.3027 x 100 / sqrt(3) = 248.42; p95 by linear interpolation between
    // ranks: h = (3 - 1) x 0.95 = 1.9 -> 200 + 0.9 x 100 = 290
    Replications.Stats d = a.metric("durationSeconds");
    assertThat(d.count()).isEqualTo(3);
    assertThat(d.mean()).isCloseTo(200, within(1e-9));
    assertThat(d.ci95()).isCloseTo(4.3027 * 100 / Math.sqrt(3), within(0.01));
    assertThat(d.min()).isEqualTo(100);
    // p5: h = 2 x 0.05 = 0.1 -> 100 + 0.1 x 100 = 110
    assertThat(d.p5()).isCloseTo(110, within(1e-9));
    assertThat(d.p50()).isEqualTo(200);
    assertThat(d.p95()).isCloseTo(290, within(1e-9));
    assertThat(d.max()).isEqualTo(300);

    // one rollback (60 s): a value but no interval
    Replications.Stats rb = a.metric("rollbackSeconds");
    assertThat(rb.count()).isEqualTo(1);
    assertThat(rb.mean()).isEqualTo(60);
    assertThat(rb.ci95()).isNull();
    // no price: cost.usd never has a value
    Replications.Stats usd = a.metric("usd");
    assertThat(usd.count()).isZero();
    assertThat(usd.mean()).isNull();
    // the same in every replication: no spread
    Replications.Stats min = a.metric("minInServiceInstances");
    assertThat(min.count()).isEqualTo(4);
    assertThat(min.mean()).isEqualTo(4);
    assertThat(min.ci95()).isEqualTo(0);
  }

  @Test
  void replicationZeroIsTheScenarioSeed() {
    assertThat(Replications.seed(42, 0)).isEqualTo(42);
    assertThat(Replications.seed(42, 1)).isEqualTo(RandomStreams.replicationSeed(42, 1)).isNotEqualTo(42);
    assertThat(Replications.seed(42, 1)).isNotEqualTo(Replications.seed(42, 2));
  }

  /** SplitMix64's finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Test
  void replicationSeedsFollowTheDocumentedFormulaAndAreValidFileSeeds() {
    // README: seed_i = mix(mix(seed) + i x 0x9E3779B97F4A7C15) with the sign bit cleared, i >= 1
    for (long seed : new long[] {0, 1, 42, Long.MAX_VALUE}) {
      for (int i = 1; i <= 10_000; i++) {
        long expected = mix(mix(seed) + i * 0x9E3779B97F4A7C15L) & 0x7FFFFFFFFFFFFFFFL;
        long s = Replications.seed(seed, i);
        assertThat(s).isEqualTo(expected);
        // issue 17 item 7: a file's seed: is 0 to 2^63-1, so every printed seed can be written back
        assertThat(s).isBetween(0L, Long.MAX_VALUE);
      }
    }
  }

  @Test
  void recoveryMetricsComeFromTheRecoveryBlockAndAreEmptyWithoutAFault() {
    Summary s = summary(Outcome.SUCCEEDED, 100.0, null, null);
    // a failover run: detected 88.559 s after the fault, back 862.541 s after it, no writes lost
    Summary faulted = new Summary(s.scenario(), s.strategy(), s.seed(), s.outcome(), s.deployment(), s.capacity(),
        s.traffic(), s.rollback(), s.cost(), s.mixedVersionSeconds(), s.finalVersions(), null, "v1", "v2",
        Summary.Detection.none(), 1800, Summary.Latency.none(), Summary.Scaling.none(),
        new Summary.Recovery(88.559, 862.541, null, 1342.541, 77254L));
    Replications.Row r = Replications.row(0, 1, faulted);
    assertThat(r.value(index("recoveryDetectedSeconds"))).isEqualTo(88.559);
    assertThat(r.value(index("rtoSeconds"))).isEqualTo(862.541);
    assertThat(r.value(index("rpoSeconds"))).isNull();
    assertThat(r.value(index("failoverAtSeconds"))).isEqualTo(1342.541);
    assertThat(r.value(index("recoveryFailedRequests"))).isEqualTo(77254.0);
    // no fault: every recovery key is null, so every recovery metric is empty
    Replications.Row none = Replications.row(0, 1, s);
    for (String m : List.of("recoveryDetectedSeconds", "rtoSeconds", "rpoSeconds", "failoverAtSeconds",
        "recoveryFailedRequests")) {
      assertThat(none.value(index(m))).as(m).isNull();
    }
  }

  private static int index(String metric) {
    return Replications.METRICS.indexOf(Replications.metric(metric));
  }

  @Test
  void rowsCarryEveryMetricWithNaNWhereItDoesNotApply() {
    Replications.Row r = Replications.row(3, 99, summary(Outcome.ROLLED_BACK, 200.0, 400.0, 460.0));
    assertThat(r.index()).isEqualTo(3);
    assertThat(r.seed()).isEqualTo(99);
    assertThat(r.values()).hasSize(Replications.METRICS.size());
    assertThat(r.value(0)).isEqualTo(200.0); // durationSeconds
    int rollback = Replications.METRICS.indexOf(Replications.metric("rollbackSeconds"));
    assertThat(r.value(rollback)).isEqualTo(60.0); // 460 - 400
    int usd = Replications.METRICS.indexOf(Replications.metric("usd"));
    assertThat(r.value(usd)).isNull();
    assertThat(Double.isNaN(r.values()[usd])).isTrue();
  }

  @Test
  void memoryPerReplicationIsOneDoublePerMetricAndOneSortedCopy() {
    // 25 metrics x 8 bytes kept, plus 8 bytes for the sorted copy of the one metric being queried
    assertThat(Replications.METRICS).hasSize(25);
    assertThat(Replications.bytesPerReplication()).isEqualTo(25 * 8 + 8);
  }
}
