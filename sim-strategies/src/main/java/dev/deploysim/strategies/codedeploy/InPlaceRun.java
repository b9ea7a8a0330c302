package dev.deploysim.strategies.codedeploy;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LifecycleState;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.WorldListener;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One run of {@link CodeDeployInPlace}. */
final class InPlaceRun extends CodeDeployRun {
  private final MinimumHealthyHosts min;
  private final String configName;
  private final Hooks hooks;
  private final boolean trafficControl;
  private final boolean updateOutdated;
  private AutoScalingGroup group;
  private InstanceLifecycle lifecycle;
  private List<TargetGroup> targetGroups;
  private List<Instance> fleet = List.of();
  private HealthGate main;
  private boolean followOn;

  InPlaceRun(Deployment d, MinimumHealthyHosts min, String configName, Hooks hooks, boolean trafficControl,
      boolean updateOutdated, double alarmPollInterval) {
    super(d, alarmPollInterval);
    this.min = min;
    this.configName = configName;
    this.hooks = hooks;
    this.trafficControl = trafficControl;
    this.updateOutdated = updateOutdated;
  }

  @Override
  protected boolean acceptsAlarms() {
    return super.acceptsAlarms() && !followOn;
  }

  @Override
  protected void run() {
    group = d.environment().group();
    targetGroups = group.targetGroups();
    lifecycle = new InstanceLifecycle(d, hooks, targetGroups);
    fleet = group.inService();
    int n = fleet.size();
    int m = min.resolve(n);
    d.log(configName + ": " + n + " instances, minimum healthy hosts " + m + ", up to " + Math.max(0, n - m)
        + " at a time" + (trafficControl ? "" : ", without traffic control"));
    WorldListener launches = new WorldListener() {
      @Override
      public void instanceInService(AutoScalingGroup g, Instance i) {
        if (g == group && !fleet.contains(i) && !d.isFinished() && !d.toVersion().equals(i.version())) {
          d.log(i.name() + " launched into " + g.name() + " during the deployment with " + i.version()
              + ", the last successful revision: outdated");
        }
      }
    };
    world.addListener(launches);
    d.onComplete(() -> world.removeListener(launches));
    Scope s = d.scope();
    Set<Instance> unhealthy = new LinkedHashSet<>();
    for (Instance i : fleet) {
      if (HealthGate.looksUnhealthy(i, targetGroups)) {
        unhealthy.add(i);
      }
    }
    main = new HealthGate(d, s, fleet, fleet, unhealthy, min, d.toVersion(),
        i -> lifecycle.inPlace(s, i, d.toVersion(), trafficControl), "deploy to");
    main.run().whenDone(t -> {
      if (t.succeeded()) {
        mainSucceeded(s);
      } else {
        fail(t.failure());
      }
    });
  }

  private void mainSucceeded(Scope s) {
    group.setLaunchVersion(d.toVersion());
    List<Instance> outdated = outdated();
    if (outdated.isEmpty()) {
      d.succeeded();
      return;
    }
    if (!updateOutdated) {
      for (Instance i : outdated) {
        d.log(i.name() + " keeps " + i.effectiveVersion() + " (outdatedInstances: IGNORE)");
      }
      d.succeeded();
      return;
    }
    followOn = true;
    d.phase("follow-on deployment to outdated instances", Phase.Kind.DEPLOY);
    d.log("follow-on deployment of " + d.toVersion() + " to " + outdated.size() + " outdated instance(s)");
    world.until(s, () -> {
          for (Instance i : outdated) {
            if (!i.isTerminated() && i.state() != LifecycleState.IN_SERVICE) {
              return false;
            }
          }
          return true;
        }, null, 3600, "outdated instances in service")
        .then(() -> {
          List<Instance> targets = new ArrayList<>();
          for (Instance i : outdated) {
            if (!i.isTerminated()) {
              targets.add(i);
            }
          }
          return new HealthGate(d, s, group.inService(), targets, Set.of(), min, d.toVersion(),
              i -> lifecycle.inPlace(s, i, d.toVersion(), trafficControl), "update outdated").run();
        })
        .whenDone(t -> {
          if (!t.succeeded()) {
            d.log("follow-on deployment failed: " + t.failure());
          }
          d.succeeded();
        });
  }

  /** Instances that joined the group during the deployment and do not have the new version. */
  private List<Instance> outdated() {
    List<Instance> out = new ArrayList<>();
    for (Instance i : group.instances()) {
      if (!fleet.contains(i) && !d.toVersion().equals(i.effectiveVersion())
          && (i.state() == LifecycleState.IN_SERVICE || i.state().isLaunching())) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  protected void rollback(Scope s, String why) {
    List<Instance> targets = new ArrayList<>();
    Set<Instance> unhealthy = new LinkedHashSet<>();
    if (main != null) {
      for (Instance i : main.attempted()) {
        if (!i.isTerminated()) {
          targets.add(i);
        }
      }
      unhealthy.addAll(main.failed());
      unhealthy.addAll(main.inFlight());
    }
    for (Instance i : group.inService()) {
      if (HealthGate.looksUnhealthy(i, targetGroups)) {
        unhealthy.add(i);
      }
    }
    d.log("rollback: a new deployment of " + d.fromVersion() + " to " + targets.size() + " instance(s), " + configName);
    // the previous revision's scripts are not part of the scenario: its events take only the agent's
    // time, but ApplicationStop runs the stop script of the revision an instance last ran
    // successfully, which on the instances that got the new revision is the scenario's
    InstanceLifecycle previous = new InstanceLifecycle(d, Hooks.none(), targetGroups, hooks, d.toVersion());
    new HealthGate(d, s, group.inService(), targets, unhealthy, min, d.fromVersion(),
        i -> previous.inPlace(s, i, d.fromVersion(), trafficControl), "rollback: redeploy " + d.fromVersion() + " to")
        .run()
        .whenDone(t -> {
          if (t.succeeded()) {
            d.rolledBack();
          } else {
            rollbackFailed(t.failure());
          }
        });
  }
}
