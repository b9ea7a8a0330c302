package dev.deploysim.strategies.codedeploy;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One run of {@link CodeDeployBlueGreen}. */
final class BlueGreenRun extends CodeDeployRun {
  /** Longest CodeDeploy waits for the replacement instances to launch (one lifecycle event's limit). */
  static final double PROVISION_TIMEOUT = 3600;

  private static final List<LifecycleEvent> INSTALL_EVENTS = List.of(LifecycleEvent.DOWNLOAD_BUNDLE,
      LifecycleEvent.BEFORE_INSTALL, LifecycleEvent.AFTER_INSTALL, LifecycleEvent.APPLICATION_START,
      LifecycleEvent.VALIDATE_SERVICE);
  private static final List<LifecycleEvent> ALLOW_EVENTS = List.of(LifecycleEvent.BEFORE_ALLOW_TRAFFIC,
      LifecycleEvent.ALLOW_TRAFFIC, LifecycleEvent.AFTER_ALLOW_TRAFFIC);

  private final MinimumHealthyHosts min;
  private final String configName;
  private final Hooks hooks;
  private final double rerouteAfter;
  private final double terminateAfter;
  private final boolean keepOriginal;
  private AutoScalingGroup blue;
  private AutoScalingGroup green;
  private List<TargetGroup> targetGroups;
  private InstanceLifecycle lifecycle;
  private List<Instance> originals;
  private List<Instance> replacements = List.of();
  private Set<Instance> failedInstall = Set.of();
  private boolean originalsBlocked;
  private boolean terminating;

  BlueGreenRun(Deployment d, MinimumHealthyHosts min, String configName, Hooks hooks, double rerouteAfter,
      double terminateAfter, boolean keepOriginal, double alarmPollInterval) {
    super(d, alarmPollInterval);
    this.min = min;
    this.configName = configName;
    this.hooks = hooks;
    this.rerouteAfter = rerouteAfter;
    this.terminateAfter = terminateAfter;
    this.keepOriginal = keepOriginal;
  }

  @Override
  protected boolean acceptsAlarms() {
    return super.acceptsAlarms() && !terminating;
  }

  @Override
  protected void run() {
    blue = d.environment().group();
    targetGroups = blue.targetGroups();
    lifecycle = new InstanceLifecycle(d, hooks, targetGroups);
    originals = blue.inService();
    int n = originals.size();
    Scope s = d.scope();
    d.log(configName + " applies to the " + n + " replacement instances: minimum healthy hosts " + min.resolve(n)
        + ", up to " + min.concurrency(n) + " at a time");
    d.phase("provision " + n + " replacement instances", Phase.Kind.DEPLOY);
    GroupSettings gs = blue.settings().withoutWarmPool()
        .withSizes(Math.min(blue.minSize(), n), Math.max(blue.maxSize(), n), n);
    green = world.createGroup("green-asg", gs, d.toVersion(), List.of());
    green.awaitInService(s, n, PROVISION_TIMEOUT)
        .then(() -> install(s))
        .then(() -> {
          if (rerouteAfter <= 0) {
            return s.done();
          }
          d.phase("wait " + Durations.format(rerouteAfter) + " before rerouting", Phase.Kind.WAIT);
          return s.sleep(rerouteAfter);
        })
        .then(() -> reroute(s))
        .then(() -> blockOriginals(s))
        .whenDone(t -> {
          if (t.succeeded()) {
            afterReroute(s);
          } else {
            fail(t.failure());
          }
        });
  }

  private Task install(Scope s) {
    replacements = green.inService();
    boolean scripts = false;
    for (LifecycleEvent e : INSTALL_EVENTS) {
      scripts |= hooks.has(e);
    }
    if (!scripts) {
      // Install and ApplicationStart happened at launch; without scripts the other events take no time
      return s.done();
    }
    HealthGate gate = new HealthGate(d, s, replacements, replacements, Set.of(), min, d.toVersion(),
        i -> lifecycle.sequence(s, i, d.toVersion(), INSTALL_EVENTS), "install on");
    return gate.run().thenRun(() -> failedInstall = new java.util.LinkedHashSet<>(gate.failed()));
  }

  private Task reroute(Scope s) {
    List<Instance> ready = new ArrayList<>();
    for (Instance i : replacements) {
      if (!failedInstall.contains(i) && !i.isTerminated()) {
        ready.add(i);
      }
    }
    return new HealthGate(d, s, replacements, ready, failedInstall, min, d.toVersion(),
        i -> lifecycle.sequence(s, i, d.toVersion(), ALLOW_EVENTS), "reroute to")
        .kind(Phase.Kind.SHIFT).run();
  }

  private Task blockOriginals(Scope s) {
    d.phase("block traffic to the " + originals.size() + " original instances", Phase.Kind.SHIFT);
    List<Instance> live = new ArrayList<>();
    for (Instance i : originals) {
      if (!i.isTerminated()) {
        live.add(i);
      }
    }
    return scripts(s, live, LifecycleEvent.BEFORE_BLOCK_TRAFFIC)
        .then(() -> {
          originalsBlocked = true;
          List<Task> drains = new ArrayList<>();
          for (TargetGroup tg : targetGroups) {
            drains.add(blue.detach(s, tg));
          }
          return Task.all(s, drains);
        })
        .then(() -> scripts(s, live, LifecycleEvent.AFTER_BLOCK_TRAFFIC));
  }

  private Task scripts(Scope s, List<Instance> instances, LifecycleEvent e) {
    if (!hooks.has(e)) {
      return s.done();
    }
    List<Task> all = new ArrayList<>();
    for (Instance i : instances) {
      all.add(hooks.run(d, s, e, i.name()));
    }
    return Task.all(s, all);
  }

  private void afterReroute(Scope s) {
    for (TargetGroup tg : targetGroups) {
      green.attach(tg);
    }
    if (keepOriginal) {
      d.log("original instances keep running, deregistered (KEEP_ALIVE)");
      d.succeeded();
      return;
    }
    if (terminateAfter > 0) {
      d.phase("wait " + Durations.format(terminateAfter) + " before terminating the original instances",
          Phase.Kind.WAIT);
    }
    s.sleep(terminateAfter)
        .then(() -> {
          terminating = true;
          d.phase("terminate the original instances", Phase.Kind.CLEANUP);
          return blue.delete(s);
        })
        .whenDone(t -> d.succeeded());
  }

  @Override
  protected void rollback(Scope s, String why) {
    if (terminating) {
      rollbackFailed("the original instances are already being terminated");
      return;
    }
    Task t = s.done();
    if (originalsBlocked) {
      d.phase("rollback: reroute to the original instances", Phase.Kind.ROLLBACK);
      t = t.then(() -> {
        List<Task> waits = new ArrayList<>();
        for (TargetGroup tg : targetGroups) {
          blue.attach(tg);
          waits.add(tg.awaitHealthy(s, blue.inService(), InstanceLifecycle.ALLOW_TRAFFIC_TIMEOUT));
        }
        return Task.all(s, waits);
      });
    }
    if (green != null) {
      t = t.then(() -> {
        d.phase("rollback: remove the replacement instances", Phase.Kind.ROLLBACK);
        return green.delete(s);
      });
    }
    t.whenDone(x -> {
      if (x.succeeded()) {
        d.rolledBack();
      } else {
        rollbackFailed(x.failure());
      }
    });
  }
}
