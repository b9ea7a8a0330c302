package dev.deploysim.model;

import dev.deploysim.scenario.FleetSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * An Auto Scaling group's health checks and the replacement of unhealthy instances (the HealthCheck
 * and ReplaceUnhealthy processes).
 *
 * <p>Documented rules modelled here: every health-check interval the group marks Unhealthy an
 * InService instance whose EC2 status checks fail, or, with ELB health checks, that a target group
 * reports unhealthy once the grace period since it went InService has passed. Unhealthy instances
 * are replaced by terminating first and launching after, at most 10% of the desired capacity at a
 * time (at least one); an impaired instance is replaced at once. See docs/platforms/auto-scaling.md
 * and https://docs.aws.amazon.com/autoscaling/ec2/userguide/replace-unhealthy-instance.html.
 */
final class HealthCheckReplacement {

  private final AutoScalingGroup group;
  private final World world;
  /** Instances terminated to be replaced: they keep their desired-capacity slot until gone. */
  private final Set<Instance> replacing = new HashSet<>();
  private long nextCheck;

  HealthCheckReplacement(AutoScalingGroup group, World world) {
    this.group = group;
    this.world = world;
  }

  /** Whether the instance is being terminated to be replaced (it still occupies its slot). */
  boolean isReplacing(Instance i) {
    return replacing.contains(i);
  }

  /** The instance is gone. */
  void forget(Instance i) {
    replacing.remove(i);
  }

  void schedule() {
    nextCheck = world.sim().after(group.settings().healthCheckInterval(), this::check);
  }

  /** The group is deleted: no more checks. */
  void stop() {
    world.sim().cancel(nextCheck);
  }

  private void check() {
    if (group.isDeleted()) {
      return;
    }
    // while the group's region is out, so is its Auto Scaling service: nothing is checked or replaced
    if (!group.isSuspended(AutoScalingGroup.Process.HEALTH_CHECK) && !world.isRegionDown(world.regionOf(group))) {
      markUnhealthy();
      replaceUnhealthy();
    }
    schedule();
  }

  private void markUnhealthy() {
    GroupSettings settings = group.settings();
    if (world.impairedInstances == 0 && !anyTargetUnhealthy(settings)) {
      return; // no instance can be marked (the usual case): no need to look at every member
    }
    double now = world.now();
    for (Instance i : group.memberList()) {
      if (i.state() != LifecycleState.IN_SERVICE || i.isMarkedUnhealthy()) {
        continue;
      }
      String why = null;
      if (i.isImpaired()) {
        why = "EC2 status checks failed" + (i.impairment() == null ? "" : " (" + i.impairment() + ")");
      } else if (settings.healthCheckType() == FleetSpec.HealthCheckType.ELB
          && now >= i.inServiceSince() + settings.healthCheckGracePeriod()) {
        for (TargetGroup tg : group.targetGroupList()) {
          if (tg.state(i) == TargetState.UNHEALTHY) {
            why = "ELB health check failed in " + tg.name();
            break;
          }
        }
      }
      if (why != null) {
        i.setMarkedUnhealthy(true);
        world.log("asg", group.name() + " marks " + i.name() + " Unhealthy: " + why);
        world.incidents().detected();
      }
    }
  }

  /** Whether an ELB health check could mark an instance: some target of the group is unhealthy. */
  private boolean anyTargetUnhealthy(GroupSettings settings) {
    if (settings.healthCheckType() != FleetSpec.HealthCheckType.ELB) {
      return false;
    }
    for (TargetGroup tg : group.targetGroupList()) {
      if (tg.unhealthyCount() > 0) {
        return true;
      }
    }
    return false;
  }

  private void replaceUnhealthy() {
    if (group.isSuspended(AutoScalingGroup.Process.REPLACE_UNHEALTHY) || world.markedUnhealthyInstances == 0) {
      return;
    }
    boolean candidate = false;
    for (Instance i : group.memberList()) {
      if (i.isMarkedUnhealthy() && !group.isTerminating(i)) {
        candidate = true;
        break;
      }
    }
    if (!candidate) {
      return; // nothing to replace (the usual case): no need to count replacements in flight
    }
    int desired = group.desired();
    int limit = Math.max(1, (int) Math.floor(desired * 0.1));
    // a replacement is in flight from the start of the old instance's termination until the new
    // instance is InService and has passed its first load balancer check, and finished the default
    // instance warmup when the group has one (AWS waits for new instances to pass an initial health
    // check and finish the default instance warmup before replacing more)
    // (instances missing from desired capacity count too: their launches may not have started yet)
    int inFlight = replacing.size() + Math.max(0, desired - group.occupied());
    for (Instance i : group.memberList()) {
      if (i.state().isLaunching()
          || i.state() == LifecycleState.IN_SERVICE && (awaitsFirstCheck(i) || group.inDefaultWarmup(i))) {
        inFlight++;
      }
    }
    for (Instance i : new ArrayList<>(group.memberList())) {
      if (!i.isMarkedUnhealthy() || group.isTerminating(i)) {
        continue;
      }
      if (!i.isImpaired() && inFlight >= limit) {
        continue;
      }
      replacing.add(i);
      inFlight++;
      group.startTermination(i, "replacing unhealthy instance");
    }
  }

  private boolean awaitsFirstCheck(Instance i) {
    for (TargetGroup tg : group.targetGroupList()) {
      if (tg.state(i) == TargetState.INITIAL) {
        return true;
      }
    }
    return false;
  }
}
