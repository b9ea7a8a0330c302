package dev.deploysim.strategies.argo;

/**
 * Argo Rollouts' replica arithmetic for a canary (utils/replicaset/canary.go).
 *
 * <p>Without a traffic router the canary's weight is approximated by pod counts
 * ({@link #basic}): the candidates are the ceiling and the floor of replicas x weight / 100 canary
 * pods out of replicas in total and, when maxSurge is above 0, the same out of replicas + 1; the
 * candidate whose share canary / total is nearest the weight wins, the ceiling first when the
 * floor and the ceiling are equally near; with a weight from 1 to 99 neither side gets 0 pods
 * unless a single replica leaves no choice. Example (Argo's docs): 10 replicas at 41% gives 4
 * canary and 6 stable pods.
 *
 * <p>With a traffic router ({@link #routed}) the canary gets ceil(weight x replicas / 100) pods, at
 * least minPodsPerReplicaSet (1) when the weight is above 0, and the stable keeps all replicas
 * unless dynamicStableScale shrinks it to ceil((100 - weight) x replicas / 100).
 */
public final class CanaryReplicas {
  private CanaryReplicas() {}

  /** Pods for a canary and a stable ReplicaSet. */
  public record Counts(int canary, int stable) {
    public int total() {
      return canary + stable;
    }
  }

  /** approximateWeightedCanaryStableReplicaCounts: pod counts whose share is nearest the weight. */
  public static Counts basic(int replicas, int weight, boolean maxSurge) {
    if (replicas == 0) {
      return new Counts(0, 0);
    }
    boolean zeroAllowed = weight == 100 || weight == 0 || replicas == 1 && !maxSurge;
    int bestCanary = -1;
    int bestTotal = -1;
    double bestDelta = Double.POSITIVE_INFINITY;
    int[] totals = maxSurge ? new int[] {replicas, replicas + 1} : new int[] {replicas};
    for (int total : totals) {
      int ceil = (int) Math.ceil(total * (double) weight / 100);
      int floor = (int) Math.floor(total * (double) weight / 100);
      boolean tied = tied(weight, total);
      // candidates in Argo's order: the ceiling, then the floor (left out when tied with it)
      if (ceil < total || zeroAllowed) {
        double delta = delta(weight, ceil, total);
        if (delta < bestDelta) {
          bestDelta = delta;
          bestCanary = ceil;
          bestTotal = total;
        }
      }
      if (!tied && (floor != 0 || zeroAllowed)) {
        double delta = delta(weight, floor, total);
        if (delta < bestDelta) {
          bestDelta = delta;
          bestCanary = floor;
          bestTotal = total;
        }
      }
    }
    if (bestCanary < 0) {
      return new Counts(0, replicas);
    }
    return new Counts(bestCanary, bestTotal - bestCanary);
  }

  /** Whether replicas x weight / 100 ends in exactly one half (ceiling and floor equally near). */
  private static boolean tied(int weight, int total) {
    double x = total * (weight / 100.0);
    return x - Math.floor(x) == 0.5;
  }

  private static double delta(int weight, int canary, int total) {
    return Math.abs(canary * 100.0 / total - weight);
  }

  /** Pods a ReplicaSet needs to take {@code weight} percent of the traffic: ceil(weight x replicas / 100). */
  public static int podsFor(int weight, int replicas) {
    return (int) Math.ceil(weight * (double) replicas / 100 - 1e-9);
  }

  /**
   * CalculateReplicaCountsForTrafficRoutedCanary.
   *
   * @param canaryScale the canary's pods set by setCanaryScale, or null to match the weight
   * @param actualStableWeight the stable's share of the traffic now (dynamicStableScale keeps the
   *     pods it needs until the weight has moved)
   */
  public static Counts routed(int replicas, int weight, Integer canaryScale, boolean dynamicStableScale,
      int actualStableWeight) {
    int canary = canaryScale != null ? canaryScale : podsFor(weight, replicas);
    if (canaryScale == null && weight > 0) {
      canary = Math.max(canary, Math.min(1, replicas));
    }
    int stable = replicas;
    if (dynamicStableScale) {
      stable = Math.max(podsFor(100 - weight, replicas), podsFor(actualStableWeight, replicas));
    }
    return new Counts(canary, stable);
  }
}
