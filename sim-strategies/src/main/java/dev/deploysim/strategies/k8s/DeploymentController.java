package dev.deploysim.strategies.k8s;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.HealthCheck;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LifecycleState;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.TargetState;
import dev.deploysim.model.World;
import dev.deploysim.model.WorldListener;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.scenario.LifecycleHookSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes Deployment controller over two ReplicaSets, in the model's terms: a ReplicaSet is
 * an Auto Scaling group whose instances are its pods (the scenario's group is the old ReplicaSet;
 * the new one is created with the pod start time as its launch time), and the Service's endpoints
 * are a target group with the readiness probe as its health check, so a pod gets requests once its
 * probe passes.
 *
 * <p>What the controller sees, as Kubernetes counts it: a pod is <em>active</em> from its creation
 * until it is told to terminate (terminating pods count for nothing, as in Kubernetes), <em>ready</em>
 * while its readiness probe passes, and <em>available</em> once it has been ready for
 * minReadySeconds. It acts whenever one of these changes. Deleting a pod takes it out of the
 * endpoints at once; it then has terminationGracePeriodSeconds to stop (a terminate lifecycle hook
 * holds it that long, or podStopTime when shorter) and is billed until it is gone.
 *
 * <p>Progress (Kubernetes' Progressing condition): a ReplicaSet scaled, or more pods ready or
 * available than before. With no progress for progressDeadlineSeconds the rollout is marked
 * failed (ProgressDeadlineExceeded): the outcome is FAILED, and, as in Kubernetes, nothing is
 * rolled back: the controller keeps the ReplicaSets where they are and keeps trying.
 */
abstract class DeploymentController {
  protected final Deployment d;
  protected final World world;
  protected final KubernetesParams.Settings settings;
  protected final AutoScalingGroup oldRs;
  protected final TargetGroup endpoints;
  protected final int replicas;
  protected final Scope scope;
  protected AutoScalingGroup newRs;
  private final LifecycleHookSpec shutdown;
  private final Map<Instance, Double> readySince = new HashMap<>();
  private WorldListener listener;
  private static final int MAX_SYNCS_PER_INSTANT = 10_000;
  private boolean syncPending;
  private double syncInstant = Double.NaN;
  private int syncsAtInstant;
  private boolean complete;
  private boolean deadlineArmed;
  private double lastProgress;
  private int lastUpdated;
  private int lastOld;
  private int lastReady;
  private int lastAvailable;

  DeploymentController(Deployment d, KubernetesParams.Settings settings) {
    this.d = d;
    this.world = d.world();
    this.settings = settings;
    this.oldRs = d.environment().group();
    this.endpoints = d.environment().targetGroup();
    this.replicas = oldRs.desired();
    this.scope = d.scope();
    this.shutdown = new LifecycleHookSpec("termination-grace-period", LifecycleHookSpec.Transition.TERMINATING,
        settings.grace(), LifecycleHookSpec.HookResult.CONTINUE, settings.podStop(),
        LifecycleHookSpec.HookResult.CONTINUE);
  }

  // --- what each strategy does -----------------------------------------------------------------

  /** The first step, when the rollout starts. */
  protected abstract void begin();

  /** One pass of the controller: scale the ReplicaSets as the strategy allows. */
  protected abstract void reconcile();

  /** Most pods the new ReplicaSet may have (its group's maximum size). */
  protected abstract int newRsMaxSize();

  // --- the run ---------------------------------------------------------------------------------

  final void start() {
    configureService();
    listener = new WorldListener() {
      @Override
      public void instanceInService(AutoScalingGroup g, Instance i) {
        if (isReplicaSet(g)) {
          requestSync();
        }
      }

      @Override
      public void instanceTerminated(AutoScalingGroup g, Instance i) {
        readySince.remove(i);
        if (isReplicaSet(g)) {
          requestSync();
        }
      }

      @Override
      public void targetHealthChanged(TargetGroup tg, Instance i, TargetState state) {
        if (tg != endpoints) {
          return;
        }
        if (state == TargetState.HEALTHY) {
          readySince.put(i, world.now());
          if (settings.minReady() > 0) {
            scope.after(settings.minReady(), DeploymentController.this::requestSync);
          }
        } else {
          readySince.remove(i);
        }
        requestSync();
      }
    };
    world.addListener(listener);
    lastProgress = world.now();
    lastUpdated = 0;
    lastOld = active(oldRs);
    lastReady = ready(oldRs);
    lastAvailable = available(oldRs);
    begin();
    armDeadline();
    requestSync();
  }

  private boolean isReplicaSet(AutoScalingGroup g) {
    return g == oldRs || g == newRs;
  }

  /** The Service's endpoints: the readiness probe decides; leaving is immediate; no fail-open. */
  private void configureService() {
    HealthCheck probe = settings.probe();
    Distribution phase = world.scenario().loadBalancer().healthCheck().firstCheckDelay();
    if (phase != null) {
      // loadBalancer.healthCheck.firstCheckDelay, when given, places a new pod's probes (tests use it)
      probe = new HealthCheck(probe.interval(), probe.timeout(), probe.healthyThreshold(), probe.unhealthyThreshold(),
          probe.initialHealthyThreshold(), phase);
    }
    endpoints.setHealthCheck(probe);
    endpoints.setInitialDelay(settings.initialDelay());
    endpoints.setDeregistrationDelay(0);
    endpoints.setFailOpen(false);
    if (settings.grace() > 0) {
      oldRs.putLifecycleHook(shutdown);
    }
    d.log("old ReplicaSet: group " + oldRs.name() + " (" + replicas + " pods with " + d.fromVersion()
        + "); Service endpoints: target group " + endpoints.name() + " with the " + settings.describeProbe()
        + "; a terminating pod leaves the endpoints at once and stops within " + settings.grace() + "s"
        + (settings.podStop() == null ? " (it uses all of it)" : " (it takes " + settings.podStop().describe() + ")"));
  }

  /** Creates the new ReplicaSet with {@code desired} pods. */
  protected final void createNewReplicaSet(int desired) {
    GroupSettings base = oldRs.settings();
    int max = Math.max(desired, newRsMaxSize());
    GroupSettings gs = base.withoutWarmPool().withLaunchTime(settings.podStart())
        .withHooks(settings.grace() > 0 ? List.of(shutdown) : List.of()).withSizes(0, max, desired);
    newRs = world.createGroup("rs-" + d.toVersion(), gs, d.toVersion(), List.of(endpoints));
    d.log("new ReplicaSet: group " + newRs.name() + " with " + d.toVersion() + "; a pod's container runs after "
        + settings.podStart().describe() + ", then the application installs and starts");
    progress();
    requestSync();
  }

  protected final void scaleNewReplicaSet(int n) {
    d.log("scale up ReplicaSet " + newRs.name() + " to " + n + " (" + oldRs.name() + " at " + oldRs.desired() + ")");
    newRs.setDesiredCapacity(n);
    progress();
    requestSync();
  }

  /**
   * Scales the old ReplicaSet down by {@code n} replicas: the ReplicaSet then deletes the pods it has
   * beyond its new size, in the ReplicaSet controller's order. Replicas it has not been able to
   * create (launches failing) go first: they need no pod deleted.
   */
  protected final void scaleDownOld(int n, String why) {
    if (n <= 0) {
      return;
    }
    int target = Math.max(0, oldRs.desired() - n);
    List<Instance> victims = podsToDelete(oldRs, Math.max(0, active(oldRs) - target));
    d.log("scale down ReplicaSet " + oldRs.name() + " to " + target + " (" + why + ")");
    for (Instance i : victims) {
      oldRs.terminate(scope, i, true);
    }
    if (oldRs.desired() != target) {
      oldRs.updateSizes(Math.min(oldRs.minSize(), target), oldRs.maxSize(), target);
    }
    progress();
    requestSync();
  }

  /**
   * The pods a ReplicaSet deletes first: not yet running, then not ready, then ready for the
   * shortest time, then the newest.
   */
  private List<Instance> podsToDelete(AutoScalingGroup rs, int n) {
    List<Instance> pods = activePods(rs);
    pods.sort(Comparator.<Instance>comparingInt(i -> i.state() != LifecycleState.IN_SERVICE ? 0
            : !endpoints.isHealthy(i) ? 1 : 2)
        .thenComparing(i -> -readySince.getOrDefault(i, Double.NEGATIVE_INFINITY))
        .thenComparing(i -> -i.id()));
    return pods.subList(0, Math.min(n, pods.size()));
  }

  // --- what the controller counts ----------------------------------------------------------------

  /** Pods created and not told to terminate (launching or running). */
  protected static List<Instance> activePods(AutoScalingGroup rs) {
    List<Instance> out = new ArrayList<>();
    if (rs == null) {
      return out;
    }
    for (Instance i : rs.members()) {
      if (i.state().countsTowardDesired()) {
        out.add(i);
      }
    }
    return out;
  }

  protected static int active(AutoScalingGroup rs) {
    return activePods(rs).size();
  }

  protected final int ready(AutoScalingGroup rs) {
    int n = 0;
    for (Instance i : activePods(rs)) {
      if (i.state() == LifecycleState.IN_SERVICE && endpoints.isHealthy(i)) {
        n++;
      }
    }
    return n;
  }

  protected final int available(AutoScalingGroup rs) {
    int n = 0;
    double now = world.now();
    for (Instance i : activePods(rs)) {
      if (i.state() == LifecycleState.IN_SERVICE && endpoints.isHealthy(i)
          && now - readySince.getOrDefault(i, Double.NEGATIVE_INFINITY) >= settings.minReady() - 1e-9) {
        n++;
      }
    }
    return n;
  }

  protected final int desired(AutoScalingGroup rs) {
    return rs == null ? 0 : rs.desired();
  }

  // --- syncing, progress, completion -------------------------------------------------------------

  protected final void requestSync() {
    if (!syncPending && !complete) {
      syncPending = true;
      scope.after(0, () -> {
        syncPending = false;
        sync();
      });
    }
  }

  private void sync() {
    if (complete) {
      return;
    }
    // a controller that keeps acting within one instant is a bug: fail loudly, not by running out of memory
    if (world.now() != syncInstant) {
      syncInstant = world.now();
      syncsAtInstant = 0;
    }
    if (++syncsAtInstant > MAX_SYNCS_PER_INSTANT) {
      throw new IllegalStateException("the Deployment controller does not settle at " + world.now());
    }
    reconcile();
    observe();
  }

  /** Kubernetes' Progressing condition is refreshed now. */
  protected final void progress() {
    lastProgress = world.now();
  }

  private void observe() {
    int updated = active(newRs);
    int old = active(oldRs);
    int ready = ready(oldRs) + ready(newRs);
    int avail = available(oldRs) + available(newRs);
    if (updated > lastUpdated || old < lastOld || ready > lastReady || avail > lastAvailable) {
      progress();
    }
    lastUpdated = updated;
    lastOld = old;
    lastReady = ready;
    lastAvailable = avail;
    if (newRs != null && desired(newRs) == replicas && updated == replicas && available(newRs) == replicas
        && old == 0 && desired(oldRs) == 0) {
      complete();
    }
  }

  private void complete() {
    complete = true;
    world.removeListener(listener);
    int stopping = oldRs.members().size();
    d.log("rollout complete: " + replicas + " of " + replicas + " pods updated and available, none of the old "
        + "ReplicaSet left" + (stopping > 0 ? " (" + stopping + " old pods still stopping)" : ""));
    if (!d.isFinished()) {
      d.succeeded();
    } else {
      d.log("(the progress deadline had already been exceeded: Kubernetes kept going and finished the rollout)");
    }
  }

  private void armDeadline() {
    if (deadlineArmed) {
      return;
    }
    deadlineArmed = true;
    scope.after(lastProgress + settings.progressDeadline() - world.now(), this::checkDeadline);
  }

  private void checkDeadline() {
    deadlineArmed = false;
    if (complete || d.isFinished()) {
      return;
    }
    double due = lastProgress + settings.progressDeadline();
    if (world.now() < due - 1e-9) {
      armDeadline();
      return;
    }
    String state = active(newRs) + " new pods (" + available(newRs) + " available), " + active(oldRs)
        + " old pods (" + available(oldRs) + " available)";
    String why = "ProgressDeadlineExceeded: no progress for " + settings.progressDeadline() + "s; " + state;
    d.detected("progress deadline");
    d.log("the Deployment's Progressing condition is False (" + why + "); Kubernetes does not roll back: the "
        + "ReplicaSets stay as they are and the controller keeps trying");
    d.failed(why);
  }

  static String seconds(double s) {
    return Durations.format(s);
  }
}
