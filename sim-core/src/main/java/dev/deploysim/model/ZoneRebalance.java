package dev.deploysim.model;

import dev.deploysim.control.Scope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Zone rebalancing (the AZRebalance process) after an Availability Zone outage ends: when a zone
 * that was unavailable comes back and the group's instances are no longer spread evenly over its
 * live zones, the group launches new instances in the under-filled zones first and only then
 * terminates as many in the over-filled ones, so rebalancing never lowers capacity. While it does,
 * the group may exceed its maximum size by a margin of 10%
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/auto-scaling-benefits.html#AutoScalingBehavior.Rebalancing,
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-suspend-resume-processes.html).
 *
 * <p>Rules modelled: balanced means no live zone holds more than ceil(N / zones) of the N
 * instances counting toward the desired capacity; the instances above that are the ones to move.
 * The group launches them (into the zone with the fewest instances, as every launch does), up to
 * its maximum size plus the margin, waits until they are InService, then lets its desired capacity
 * apply again: the scale-in picks its victims by the default termination policy, whose first rule
 * is the zone with the most instances. If the margin did not allow every move at once, it goes
 * round again. Suspending AZRebalance stops it; with Launch suspended it does nothing (it would have
 * to launch first); a zone that came back meanwhile is rebalanced when they are resumed. With
 * Terminate suspended the group stays above its maximum size, as AWS warns.
 *
 * <p>Not documented, chosen here: the margin is 10% of the maximum size rounded up (at least one
 * instance, so a small group can rebalance at all); all moves a round allows are launched at once.
 * Only the end of a zone outage starts a rebalance (AWS also rebalances after other causes of
 * imbalance: zones added to the group, instances terminated or put in Standby by hand).
 */
final class ZoneRebalance {
  /** The share of the maximum size the group may exceed while it rebalances. */
  static final double MAX_SIZE_MARGIN = 0.10;

  private final AutoScalingGroup group;
  private final World world;
  /** Instances launched above the desired capacity by the current round (0 when none runs). */
  private int extra;
  private boolean active;
  /** A zone came back while AZRebalance or Launch was suspended: rebalance on their resume. */
  private boolean deferred;

  ZoneRebalance(AutoScalingGroup group, World world) {
    this.group = group;
    this.world = world;
  }

  /** Instances the group keeps above its desired capacity for the current round. */
  int extra() {
    return extra;
  }

  /** Instances the group may exceed its maximum size by: 10% of it, rounded up, at least one. */
  static int margin(int maxSize) {
    return Math.max(1, (int) Math.ceil(maxSize * MAX_SIZE_MARGIN - 1e-9));
  }

  /** Instances that count toward the desired capacity in each live zone of the group, in its order. */
  Map<String, Integer> perZone() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String z : group.settings().zones()) {
      if (!world.isZoneDown(group, z)) {
        counts.put(z, 0);
      }
    }
    for (Instance i : group.memberList()) {
      if (i.state().countsTowardDesired() && counts.containsKey(i.zone())) {
        counts.merge(i.zone(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Instances above ceil(N / zones) in the over-filled zones: how many must move. */
  static int moves(Map<String, Integer> counts) {
    if (counts.size() < 2) {
      return 0;
    }
    int n = 0;
    for (int c : counts.values()) {
      n += c;
    }
    int ceil = (n + counts.size() - 1) / counts.size();
    int moves = 0;
    for (int c : counts.values()) {
      moves += Math.max(0, c - ceil);
    }
    return moves;
  }

  /** A zone of the group is available again: rebalance if the group is now uneven. */
  void zoneRecovered() {
    round();
  }

  /** A process was resumed: a rebalance that suspension held back runs now. */
  void resumed() {
    if (deferred) {
      round();
    }
  }

  private void round() {
    if (group.isSuspended(AutoScalingGroup.Process.AZ_REBALANCE)
        || group.isSuspended(AutoScalingGroup.Process.LAUNCH)) {
      deferred = true;
      return;
    }
    deferred = false;
    if (active || group.isDeleted()) {
      return;
    }
    Map<String, Integer> counts = perZone();
    int moves = moves(counts);
    if (moves == 0) {
      return;
    }
    int ceiling = group.maxSize() + margin(group.maxSize());
    int n = Math.min(moves, ceiling - group.occupied());
    if (n <= 0) {
      return;
    }
    active = true;
    extra = n;
    world.log("asg", group.name() + " AZRebalance: instances per zone " + counts + "; launching " + n
        + " in the under-filled zone(s) first (up to " + ceiling + " instances: MaxSize " + group.maxSize()
        + " + 10%)");
    group.requestReconcile();
    int target = group.desired() + n;
    Scope s = world.systemScope();
    world.until(s, () -> group.isDeleted() || launched(target), null, Double.POSITIVE_INFINITY,
            "rebalancing launches in " + group.name())
        .whenDone(t -> {
          extra = 0;
          if (group.isDeleted()) {
            active = false;
            return;
          }
          world.log("asg", group.name() + " AZRebalance: new instances InService; terminating " + n
              + " in the over-filled zone(s)" + (group.isSuspended(AutoScalingGroup.Process.TERMINATE)
                  ? " (Terminate is suspended: the group stays above its desired capacity)" : ""));
          group.requestReconcile();
          // once the scale-in has picked its victims, see whether another round is needed
          world.until(s, () -> group.isDeleted() || group.occupied() <= group.desired()
                  || group.isSuspended(AutoScalingGroup.Process.TERMINATE), null, Double.POSITIVE_INFINITY,
                  "rebalancing terminations in " + group.name())
              .whenDone(x -> {
                active = false;
                if (!group.isSuspended(AutoScalingGroup.Process.TERMINATE)) {
                  round();
                }
              });
        });
  }

  /** Whether the round's launches are done: the group holds its target, nothing still launching. */
  private boolean launched(int target) {
    if (group.occupied() < target) {
      return false;
    }
    for (Instance i : group.memberList()) {
      if (i.state().isLaunching()) {
        return false;
      }
    }
    return true;
  }
}
