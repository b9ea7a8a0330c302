package dev.deploysim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Route 53 (docs/platforms/route53.md#weighted-records, #stale-clients): weighted records 0-255
 * split by weight / sum, all weights 0 split equally; after a change, clients move to the new
 * answer as their cached answers expire: ordinary clients within one TTL, the stale fraction within
 * staleClientMaxAge (the model's client cache assumption: cache ages uniform, so the old share
 * falls linearly).
 */
class DnsTest {
  private static final double EPS = 1e-9;

  /** A world with a second environment ("green", 2 x v2, healthy from 110 s). */
  private static World twoEnvironments(ModelScenarios s) {
    World w = s.world();
    w.createEnvironment("green", w.primary().group().settings().withSizes(2, 2, 2), "v2");
    return w;
  }

  private static Endpoint green(World w) {
    return w.loadBalancers().get(1);
  }

  @Test
  void weightedRecordsSplitByWeightOverSum() {
    World w = twoEnvironments(ModelScenarios.scenario().withInstances(2).withRps(256));
    w.sim().runUntil(200);
    Map<Endpoint, Integer> weights = new LinkedHashMap<>();
    weights.put(w.primary().loadBalancer(), 1);
    weights.put(green(w), 255);
    w.dns().setWeights(weights);
    // long after the change (beyond staleClientMaxAge 900 s) every client has the new answer:
    // 1/256 and 255/256 of the requests
    w.sim().runUntil(200 + 901);
    Map<Endpoint, Double> shares = w.dns().shares(w.now());
    assertThat(shares.get(w.primary().loadBalancer())).isCloseTo(1.0 / 256, within(EPS));
    assertThat(shares.get(green(w))).isCloseTo(255.0 / 256, within(EPS));
    // 256 rps: 1 rps to v1, 255 rps to v2
    assertThat(w.traffic().handledRps("v1")).isCloseTo(1, within(1e-6));
    assertThat(w.traffic().handledRps("v2")).isCloseTo(255, within(1e-6));
  }

  @Test
  void weightZeroStopsTrafficAndAllZeroSplitsEqually() {
    World w = twoEnvironments(ModelScenarios.scenario().withInstances(2).withRps(100).withDns(60, 0, 900));
    w.sim().runUntil(200);
    Map<Endpoint, Integer> weights = new LinkedHashMap<>();
    weights.put(w.primary().loadBalancer(), 0);
    weights.put(green(w), 3);
    w.dns().setWeights(weights);
    w.sim().runUntil(261);
    assertThat(w.dns().shares(w.now())).doesNotContainKey(w.primary().loadBalancer());
    assertThat(w.dns().shares(w.now()).get(green(w))).isCloseTo(1.0, within(EPS));
    weights.put(green(w), 0);
    w.dns().setWeights(weights);
    w.sim().runUntil(322);
    // all records at weight 0: equal probability
    assertThat(w.dns().shares(w.now()).get(w.primary().loadBalancer())).isCloseTo(0.5, within(EPS));
    assertThat(w.dns().shares(w.now()).get(green(w))).isCloseTo(0.5, within(EPS));
  }

  @Test
  void aSingleAnswerSendsEveryRequestToItsRecord() {
    // one answer since the start, ordinary and stale clients alike: (1 - stale) + stale = all of it
    World w = ModelScenarios.scenario().withInstances(2).withRps(100).withDns(60, 0.1, 900).world();
    w.sim().runUntil(1000);
    Map<Endpoint, Double> shares = w.dns().shares(w.now());
    assertThat(shares).containsOnlyKeys(w.primary().loadBalancer());
    assertThat(shares.get(w.primary().loadBalancer())).isCloseTo(0.9 + 0.1, within(EPS));
    // the same numbers as the general rule gives once the name has had a second answer: pointing
    // it at the same endpoint again starts a second epoch, and far enough later all is the new one
    w.dns().pointTo(w.primary().loadBalancer());
    w.sim().runUntil(1000 + 901);
    assertThat(w.dns().shares(w.now()).get(w.primary().loadBalancer())).isCloseTo(1.0, within(EPS));
  }

  @Test
  void weightsOutsideTheDocumentedRangeAreRefused() {
    World w = ModelScenarios.scenario().world();
    assertThatThrownBy(() -> w.dns().setWeights(Map.of(w.primary().loadBalancer(), 256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.dns().setWeights(Map.of(w.primary().loadBalancer(), -1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oldAnswerShareFallsLinearlyOverTheTtlAndStaleClientMaxAge() {
    // TTL 60 s, 5% stale clients that keep answers up to 900 s; switch at 200 s
    double ttl = 60;
    double f = 0.05;
    double maxAge = 900;
    World w = twoEnvironments(ModelScenarios.scenario().withInstances(2).withRps(100).withDns(ttl, f, maxAge));
    w.sim().runUntil(200);
    w.dns().pointTo(green(w));
    Endpoint blue = w.primary().loadBalancer();
    // share still on the old answer x seconds after the change:
    //   (1 - f) x max(0, 1 - x / ttl) + f x max(0, 1 - x / maxAge)
    for (double x : new double[] {0, 15, 30, 59, 60, 120, 450, 899, 900, 1000}) {
      w.sim().runUntil(200 + x);
      double expected = (1 - f) * Math.max(0, 1 - x / ttl) + f * Math.max(0, 1 - x / maxAge);
      double actual = w.dns().shares(w.now()).getOrDefault(blue, 0.0);
      assertThat(actual).as("old share %s s after the change", x).isCloseTo(expected, within(1e-9));
      // and the traffic follows (routing is recomputed every second during the transition)
      assertThat(w.traffic().handledRps("v1")).as("v1 rps at +%s s", x).isCloseTo(100 * expected, within(1e-6));
    }
  }

  @Test
  void staleClientsHitADeletedLoadBalancerAndFail() {
    // switch to green at 200 s and delete blue's load balancer at 260 s (after one TTL): only
    // the stale clients still go there, a share f x (1 - x / 900) that fails
    World w = twoEnvironments(ModelScenarios.scenario().withInstances(2).withRps(100).withDns(60, 0.05, 900));
    w.sim().runUntil(200);
    w.dns().pointTo(green(w));
    w.sim().runUntil(260);
    w.primary().loadBalancer().delete();
    for (double x : new double[] {60, 300, 600, 899}) {
      w.sim().runUntil(200 + x);
      double expected = 100 * 0.05 * (1 - x / 900);
      assertThat(w.traffic().failedRps()).as("failed rps at +%s s", x).isCloseTo(expected, within(1e-6));
    }
    w.sim().runUntil(1100);
    assertThat(w.traffic().failedRps()).isCloseTo(0, within(1e-9));
    // integral of the failed rate from 260 to 1100 s: 5 rps x (1 - x/900) over x in [60, 900]
    //   = 5 x [(900 - 60) - (900^2 - 60^2) / 1800] = 5 x (840 - 448) = 1960 requests
    w.traffic().advance();
    assertThat(w.traffic().staleDnsFailedTotal()).isCloseTo(1960, within(5.0));
  }
}
