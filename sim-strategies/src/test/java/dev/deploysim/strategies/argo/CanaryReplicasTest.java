package dev.deploysim.strategies.argo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Argo Rollouts' replica arithmetic (utils/replicaset/canary.go; docs/platforms/
 * progressive-delivery.md#replica-arithmetic).
 */
class CanaryReplicasTest {

  @ParameterizedTest(name = "{0} replicas at {1}% (maxSurge {2}): {3} canary, {4} stable")
  @CsvSource({
      // Argo's docs: 10 replicas at 41% -> ceil 5 (50%, 9 off) or floor 4 (40%, 1 off); with surge,
      // 5 of 11 (45.5%, 4.5 off) or 4 of 11 (36.4%, 4.6 off): 4 canary, 6 stable
      "10, 41, true, 4, 6",
      // 20% of 10 is exactly 2
      "10, 20, true, 2, 8",
      // 5% of 10 = 0.5: floor 0 is not allowed (1-99% keeps a pod on each side); ceil 1 of 10 is
      // 10% (5 off), 1 of 11 is 9.09% (4.09 off): the surge wins
      "10, 5, true, 1, 10",
      "10, 5, false, 1, 9",
      // 3 replicas at 50%: 1.5, floor and ceiling tie: the larger canary (2 of 3, 16.7 off); with
      // surge 2 of 4 is exact
      "3, 50, false, 2, 1",
      "3, 50, true, 2, 2",
      // 0 and 100
      "10, 0, true, 0, 10",
      "10, 100, true, 10, 0",
      // one replica without surge may go to 0: 50% ties, the larger canary takes it
      "1, 50, false, 1, 0",
      // 99% of 10 = 9.9: ceil 10 leaves no stable pod (not allowed), floor 9 (90%, 9 off); with surge
      // 10 of 11 = 90.9% (8.1 off): 10 canary, 1 stable
      "10, 99, true, 10, 1"})
  void basicCanaryApproximatesTheWeightWithPods(int replicas, int weight, boolean surge, int canary, int stable) {
    CanaryReplicas.Counts c = CanaryReplicas.basic(replicas, weight, surge);
    assertThat(c.canary()).isEqualTo(canary);
    assertThat(c.stable()).isEqualTo(stable);
  }

  @Test
  void routedCanaryRoundsUpAndKeepsTheStable() {
    // ceil(5 x 10 / 100) = 1 pod for 5%; ceil(41 x 10 / 100) = 5 pods for 41%; the stable keeps 10
    assertThat(CanaryReplicas.routed(10, 5, null, false, 95)).isEqualTo(new CanaryReplicas.Counts(1, 10));
    assertThat(CanaryReplicas.routed(10, 41, null, false, 59)).isEqualTo(new CanaryReplicas.Counts(5, 10));
    // 1% of 10 = 0.1 rounds up to 1 (minPodsPerReplicaSet 1 anyway)
    assertThat(CanaryReplicas.routed(10, 1, null, false, 99).canary()).isEqualTo(1);
    // setCanaryScale overrides the weight's pods
    assertThat(CanaryReplicas.routed(10, 90, 1, false, 10).canary()).isEqualTo(1);
    // dynamicStableScale: ceil(80 x 10 / 100) = 8, but not below what the stable's current weight needs
    assertThat(CanaryReplicas.routed(10, 20, null, true, 100).stable()).isEqualTo(10);
    assertThat(CanaryReplicas.routed(10, 20, null, true, 80).stable()).isEqualTo(8);
  }
}
