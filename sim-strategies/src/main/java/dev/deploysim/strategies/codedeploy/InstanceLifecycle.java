package dev.deploysim.strategies.codedeploy;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import java.util.ArrayList;
import java.util.List;

/**
 * What the CodeDeploy agent and service do to one EC2 instance, event by event.
 *
 * <p>Agent events: BlockTraffic deregisters the instance from the deployment group's target groups
 * and completes when draining is over (the deregistration delay); ApplicationStop runs its script,
 * then the application is down (the script is the one of the revision the instance last ran
 * successfully, as AWS runs it: the scenario describes the scripts of one revision, the one being
 * deployed, so an instance whose last successful revision is another runs no ApplicationStop
 * script); Install puts the revision's files in place (the version's install
 * time); ApplicationStart starts it (the version's start time) and then runs its script;
 * AllowTraffic registers the instance and waits until the load balancer reports it healthy, for up
 * to one hour ("CodeDeploy will wait for up to 1 hour for the instance to become healthy behind the
 * load balancer"). DownloadBundle takes no time of its own (the bundle download is part of the
 * version's install time). Scriptable events take the time of the scenario's script, or none.
 */
final class InstanceLifecycle {
  /** Longest AllowTraffic waits for a healthy target, seconds. */
  static final double ALLOW_TRAFFIC_TIMEOUT = 3600;

  private final Deployment d;
  private final Hooks hooks;
  private final List<TargetGroup> targetGroups;
  private final Hooks described;
  private final String describedRevision;

  /**
   * @param hooks the scripts this deployment runs (those of the revision it deploys, or none)
   * @param described the scripts the scenario describes, those of revision {@code describedRevision}:
   *     ApplicationStop runs them on an instance whose last successful revision is that one
   */
  InstanceLifecycle(Deployment d, Hooks hooks, List<TargetGroup> targetGroups, Hooks described,
      String describedRevision) {
    this.d = d;
    this.hooks = hooks;
    this.targetGroups = List.copyOf(targetGroups);
    this.described = described;
    this.describedRevision = describedRevision;
  }

  /** A deployment of the revision whose scripts {@code hooks} are. */
  InstanceLifecycle(Deployment d, Hooks hooks, List<TargetGroup> targetGroups) {
    this(d, hooks, targetGroups, hooks, d.toVersion());
  }

  /** ApplicationStop's scripts: those of the revision the instance last ran successfully. */
  private Hooks stopScripts(Instance i) {
    return describedRevision.equals(i.lastSuccessfulVersion()) ? described : Hooks.none();
  }

  /** An in-place deployment of {@code version} to one instance, through every event in order. */
  Task inPlace(Scope scope, Instance i, String version, boolean trafficControl) {
    boolean first = i.lastSuccessfulVersion() == null;
    List<LifecycleEvent> events = new ArrayList<>(LifecycleEvent.inPlaceOrder(trafficControl));
    if (first) {
      events.remove(LifecycleEvent.APPLICATION_STOP);
    }
    double started = d.now();
    return sequence(scope, i, version, events).thenRun(() -> {
      i.setLastSuccessfulVersion(version);
      d.log(i.name() + " now runs " + version + " (" + Durations.format(d.now() - started) + ")");
    });
  }

  /** Runs events one after the other; the first failure stops the sequence. */
  Task sequence(Scope scope, Instance i, String version, List<LifecycleEvent> events) {
    Task t = scope.done();
    for (LifecycleEvent e : events) {
      t = t.then(() -> event(scope, i, e, version));
    }
    return t;
  }

  Task event(Scope scope, Instance i, LifecycleEvent e, String version) {
    if (i.isTerminated()) {
      return scope.failed(i.name() + " was terminated");
    }
    return switch (e) {
      case BLOCK_TRAFFIC -> blockTraffic(scope, i);
      case APPLICATION_STOP -> stopScripts(i).run(d, scope, e, i.name()).then(() -> i.stopApplication(scope));
      case DOWNLOAD_BUNDLE -> scope.done();
      case INSTALL -> {
        d.log(i.name() + " Install: " + version);
        yield i.installFiles(scope, version);
      }
      case APPLICATION_START -> i.startApplication(scope).then(() -> hooks.run(d, scope, e, i.name()));
      case ALLOW_TRAFFIC -> allowTraffic(scope, i);
      default -> hooks.run(d, scope, e, i.name());
    };
  }

  /** Deregisters the instance; completes when it has drained. */
  Task blockTraffic(Scope scope, Instance i) {
    List<Task> drains = new ArrayList<>();
    for (TargetGroup tg : targetGroups) {
      if (tg.state(i) != null) {
        drains.add(tg.deregister(scope, i));
      }
    }
    return Task.all(scope, drains);
  }

  /** Registers the instance and waits until it is healthy everywhere, for at most an hour. */
  Task allowTraffic(Scope scope, Instance i) {
    List<Task> waits = new ArrayList<>();
    for (TargetGroup tg : targetGroups) {
      tg.register(i);
      waits.add(tg.awaitHealthy(scope, List.of(i), ALLOW_TRAFFIC_TIMEOUT));
    }
    return Task.all(scope, waits).recover(why -> {
      d.detected("AllowTraffic health checks");
      return scope.failed(i.name() + " AllowTraffic: " + why);
    });
  }
}
