package dev.deploysim.model;

import dev.deploysim.engine.RandomStream;
import java.util.ArrayList;
import java.util.Comparator;
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
    List<Instance> out = new ArrayList<>();
    while (out.size() < count && !candidates.isEmpty()) {
      Map<String, Integer> perZone = new LinkedHashMap<>();
      for (Instance i : members) {
        if (i.state().countsTowardDesired() && !out.contains(i)) {
          perZone.merge(i.zone(), 1, Integer::sum);
        }
      }
      Instance pick =
          candidates.stream()
              .min(
                  Comparator.<Instance>comparingInt(i -> -perZone.getOrDefault(i.zone(), 0))
                      // a launch that has not installed yet counts with the version it was launched with
                      .thenComparingInt(i -> launchVersion.equals(i.effectiveVersion()) ? 1 : 0)
                      .thenComparingDouble(i -> untilNextBillingHour(i, now)))
              .orElseThrow();
      candidates.remove(pick);
      out.add(pick);
    }
    return out;
  }
}
