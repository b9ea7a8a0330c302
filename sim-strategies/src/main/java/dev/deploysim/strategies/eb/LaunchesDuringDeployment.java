package dev.deploysim.strategies.eb;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.strategy.Deployment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Instances the environment's group launches while a rolling deployment runs (a scaling policy, a
 * scheduled action, a replacement), under {@link EbParams#LAUNCHED_DURING_DEPLOYMENT}: they boot
 * with the last successful version (default) or with the version being deployed. The rolling
 * batches are fixed when the deployment starts, so old-version launches are not updated by it
 * (docs/scaling.md#deployments-under-scaling).
 */
final class LaunchesDuringDeployment {
  private final Deployment d;
  private final AutoScalingGroup group;
  private final boolean newVersion;
  private final Set<Instance> started;

  LaunchesDuringDeployment(Deployment d, AutoScalingGroup group, boolean newVersion) {
    this.d = d;
    this.group = group;
    this.newVersion = newVersion;
    this.started = new HashSet<>(group.members());
    if (newVersion) {
      d.log("instances launched during the deployment boot with " + d.toVersion()
          + " (launchedDuringDeployment: new-version)");
      group.setLaunchVersion(d.toVersion());
    }
  }

  /** Whether launches during the deployment get the version being deployed. */
  boolean newVersion() {
    return newVersion;
  }

  /** The version the group launches while the deployment runs. */
  String duringVersion() {
    return newVersion ? d.toVersion() : d.fromVersion();
  }

  /** The deployment failed: from now on the group launches the last successful version. */
  void failed() {
    if (newVersion) {
      group.setLaunchVersion(d.fromVersion());
    }
  }

  /** The deployment succeeded: lists the instances launched meanwhile that it left on another version. */
  void succeeded() {
    List<Instance> left = notUpdated(group.instances(), started, d.toVersion());
    if (!left.isEmpty()) {
      d.log("not updated: " + RollingBatches.names(left) + " launched into " + group.name()
          + " during the deployment with " + d.fromVersion() + " and keep it (launchedDuringDeployment: "
          + "last-successful); deploy again to update them");
    }
  }

  /** Instances of {@code now} that were not in {@code started} and do not run {@code version}. */
  static List<Instance> notUpdated(Collection<Instance> now, Collection<Instance> started, String version) {
    List<Instance> out = new ArrayList<>();
    for (Instance i : now) {
      if (!started.contains(i) && !i.isTerminated() && !version.equals(i.effectiveVersion())) {
        out.add(i);
      }
    }
    return out;
  }
}
