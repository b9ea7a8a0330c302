package dev.deploysim.model;

import dev.deploysim.engine.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The default termination policy, which picks the instances a scale-in terminates, in AWS's order:
 * first the zone with the most instances, then instances of an older launch version, then the
 * instance closest to its next billing hour (hours counted from its launch), then at random.
 * Instances protected from scale-in are never picked. See docs/platforms/auto-scaling.md and
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-termination-policies.html.
 */
final class TerminationPolicy {

  /** The billing period the policy's third step counts in. */
  static final double BILLING_HOUR = 3600;

  private final RandomStream random;

  TerminationPolicy(RandomStream random) {
    this.random = random;
  }

  /** Seconds from {@code now} to the instance's next billing hour, hours counted from its launch. */
  static double untilNextBillingHour(Instance i, double now) {
    double intoHour = (now - i.launchedAt()) % BILLING_HOUR;
    return BILLING_HOUR - intoHour;
  }

  /**
   * Picks up to {@code count} victims among the members that count toward desired capacity.
   *
   * @param excluded members that may not be picked (already being replaced)
   */
  List<Instance> victims(List<Instance> members, int count, String launchVersion, Predicate<Instance> excluded,
      double now) {
    List<Instance> candidates = new ArrayList<>();
    for (Instance i : members) {
      if (i.state().countsTowardDesired() && !i.isProtectedFromScaleIn() && !excluded.test(i)) {
        candidates.add(i);
      }
    }
    // random order first so the remaining ties break at random, reproducibly
    for (int k = candidates.size() - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      Instance t = candidates.get(k);
      candidates.set(k, candidates.get(j));
      candidates.set(j, t);
    }
    // each pick: the zone with the most instances counting toward desired capacity (less those
    // picked), then an older launch version, then the closest billing hour; the first of equals in
    // the shuffled order. Zone counts go down by one per pick, the other keys do not change.
    int n = candidates.size();
    Map<String, Integer> zones = new LinkedHashMap<>();
    for (Instance i : members) {
      if (i.state().countsTowardDesired()) {
        zones.putIfAbsent(i.zone(), zones.size());
      }
    }
    int[] perZone = new int[zones.size()];
    for (Instance i : members) {
      if (i.state().countsTowardDesired()) {
        perZone[zones.get(i.zone())]++;
      }
    }
    int[] zone = new int[n];
    int[] current = new int[n];
    double[] untilHour = new double[n];
    for (int j = 0; j < n; j++) {
      Instance i = candidates.get(j);
      zone[j] = zones.get(i.zone());
      // a launch that has not installed yet counts with the version it was launched with
      current[j] = launchVersion.equals(i.effectiveVersion()) ? 1 : 0;
      untilHour[j] = untilNextBillingHour(i, now);
    }
    boolean[] picked = new boolean[n];
    List<Instance> out = new ArrayList<>();
    while (out.size() < count && out.size() < n) {
      int best = -1;
      for (int j = 0; j < n; j++) {
        if (!picked[j] && (best < 0 || before(j, best, perZone, zone, current, untilHour))) {
          best = j;
        }
      }
      picked[best] = true;
      perZone[zone[best]]--;
      out.add(candidates.get(best));
    }
    return out;
  }

  /** Whether candidate {@code a} goes strictly before {@code b} (see {@link #victims}). */
  private static boolean before(int a, int b, int[] perZone, int[] zone, int[] current, double[] untilHour) {
    int c = Integer.compare(-perZone[zone[a]], -perZone[zone[b]]);
    if (c == 0) {
      c = Integer.compare(current[a], current[b]);
    }
    if (c == 0) {
      c = Double.compare(untilHour[a], untilHour[b]);
    }
    return c < 0;
  }
}
