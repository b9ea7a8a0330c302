package dev.deploysim.strategies.k8s;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Autoscaler;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LifecycleState;
import dev.deploysim.model.ScaleTarget;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.TargetState;
import dev.deploysim.model.World;
import dev.deploysim.model.WorldListener;
import dev.deploysim.scenario.LoadBalancerSpec.HealthCheckSpec;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.scenario.LifecycleHookSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
 *
 * <p>Controllers of other workloads built on pods (Argo Rollouts, Flagger) extend it: they may
 * create more ReplicaSets ({@link #createReplicaSet}) behind more Services ({@link #addService}),
 * decide when the rollout is complete ({@link #isComplete}, {@link #finish}), when the progress
 * deadline applies ({@link #deadlineApplies}) and what exceeding it does ({@link
 * #deadlineExceeded}).
 */
public abstract class DeploymentController {
  protected final Deployment d;
  protected final World world;
  protected final KubernetesParams.Settings settings;
  protected final AutoScalingGroup oldRs;
  protected final TargetGroup endpoints;
  /** spec.replicas: the scenario's replicas, or what the HorizontalPodAutoscaler sets. */
  protected int replicas;
  protected final Scope scope;
  protected AutoScalingGroup newRs;
  private final List<AutoScalingGroup> replicaSets = new ArrayList<>();
  private final List<TargetGroup> services = new ArrayList<>();
  private final LifecycleHookSpec shutdown;
  private final Kubelet kubelet;
  private final Map<Instance, Double> readySince = new HashMap<>();
  private WorldListener listener;
  /** The fleet's HorizontalPodAutoscaler, or null. */
  protected Autoscaler autoscaler;
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

  protected DeploymentController(Deployment d, KubernetesParams.Settings settings) {
    this.d = d;
    this.world = d.world();
    this.settings = settings;
    this.oldRs = d.environment().group();
    this.endpoints = d.environment().targetGroup();
    this.replicas = oldRs.desired();
    this.scope = d.scope();
    this.shutdown = new LifecycleHookSpec("termination-grace-period", LifecycleHookSpec.Transition.TERMINATING,
        settings.grace(), LifecycleHookSpec.HookResult.CONTINUE, settings.podStop(),
        LifecycleHookSpec.HookResult.CONTINUE, settings.preStop());
    this.kubelet = settings.probesContainers() ? new Kubelet(world, settings, services) : null;
    replicaSets.add(oldRs);
    services.add(endpoints);
  }

  // --- what each strategy does -----------------------------------------------------------------

  /** The first step, when the rollout starts. */
  protected abstract void begin();

  /** One pass of the controller: scale the ReplicaSets as the strategy allows. */
  protected abstract void reconcile();

  /** Most pods the new ReplicaSet may have (its group's maximum size). */
  protected abstract int newRsMaxSize();

  /**
   * Whether the rollout is complete now. By default: the new ReplicaSet has all replicas, every one
   * available, and the old one none.
   */
  protected boolean isComplete() {
    return newRs != null && desired(newRs) == replicas && active(newRs) == replicas && available(newRs) == replicas
        && active(oldRs) == 0 && desired(oldRs) == 0;
  }

  /** Reports the end of a complete rollout (by default: the deployment succeeded). */
  protected void finish() {
    int stopping = oldRs.members().size();
    d.log("rollout complete: " + replicas + " of " + replicas + " pods updated and available, none of the old "
        + "ReplicaSet left" + (stopping > 0 ? " (" + stopping + " old pods still stopping)" : ""));
    if (!d.isFinished()) {
      d.succeeded();
    } else {
      d.log("(the progress deadline had already been exceeded: Kubernetes kept going and finished the rollout)");
    }
  }

  /** Whether the progress deadline counts now (it does not while a rollout waits on purpose). */
  protected boolean deadlineApplies() {
    return true;
  }

  /**
   * No progress for progressDeadlineSeconds. By default Kubernetes' behaviour: the rollout is
   * marked failed and nothing is rolled back.
   */
  protected void deadlineExceeded(String why) {
    d.detected("progress deadline");
    d.log("the Deployment's Progressing condition is False (" + why + "); Kubernetes does not roll back: the "
        + "ReplicaSets stay as they are and the controller keeps trying");
    d.failed(why);
  }

  /**
   * The fleet's HorizontalPodAutoscaler scales this workload from now on (before {@link #begin}).
   * By default it sets the Deployment's replicas through its /scale subresource and sees the pods of
   * every ReplicaSet.
   */
  protected void takeOver(Autoscaler hpa) {
    hpa.retarget(new WorkloadScale("Deployment", () -> replicaSets));
    d.log("the HorizontalPodAutoscaler now sets the Deployment's replicas; the rollout follows them");
  }

  // --- the run ---------------------------------------------------------------------------------

  public final void start() {
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
        if (!services.contains(tg)) {
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
    autoscaler = world.autoscalerOf(oldRs);
    if (autoscaler != null) {
      takeOver(autoscaler);
    }
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
    return replicaSets.contains(g);
  }

  /** The Service's endpoints: the readiness probe decides; leaving is immediate; no fail-open. */
  private void configureService() {
    probeService(endpoints);
    if (settings.grace() > 0) {
      oldRs.putLifecycleHook(shutdown);
    }
    d.log("old ReplicaSet: group " + oldRs.name() + " (" + replicas + " pods with " + d.fromVersion()
        + "); Service endpoints: target group " + endpoints.name() + " with the " + settings.describeProbe()
        + "; a terminating pod leaves the endpoints at once and stops within " + settings.grace() + "s"
        + (settings.podStop() == null ? " (it uses all of it)" : " (" + (settings.preStop() == null ? ""
            : "preStop " + settings.preStop().describe() + ", then ") + "it takes " + settings.podStop().describe()
            + ")"));
  }

  /**
   * Another Service over some of the pods (a canary or preview Service): its endpoints are a target
   * group with the readiness probe as health check, no deregistration delay and no fail-open.
   */
  protected final void addService(TargetGroup tg) {
    probeService(tg);
    services.add(tg);
  }

  private void probeService(TargetGroup tg) {
    HealthCheckSpec probe = settings.probe();
    Distribution phase = world.scenario().loadBalancer().healthCheck().firstCheckDelay();
    if (phase != null) {
      // loadBalancer.healthCheck.firstCheckDelay, when given, places a new pod's probes (tests use it)
      probe = probe.withFirstCheckDelay(phase);
    }
    tg.setHealthCheck(probe);
    tg.setInitialDelay(settings.initialDelay());
    tg.setDeregistrationDelay(0);
    tg.setFailOpen(false);
  }

  /** Creates the new ReplicaSet with {@code desired} pods, behind the Service's endpoints. */
  protected final void createNewReplicaSet(int desired) {
    newRs = createReplicaSet("rs-" + d.toVersion(), d.toVersion(), endpoints, desired, newRsMaxSize());
  }

  /**
   * Creates a ReplicaSet of {@code version} with {@code desired} pods (at most {@code maxSize}, or
   * desired if larger), its pods endpoints of {@code service}.
   */
  protected final AutoScalingGroup createReplicaSet(String name, String version, TargetGroup service, int desired,
      int maxSize) {
    GroupSettings base = oldRs.settings();
    int max = Math.max(desired, maxSize);
    GroupSettings gs = base.withoutWarmPool().withLaunchTime(settings.podStart())
        .withHooks(settings.grace() > 0 ? List.of(shutdown) : List.of()).withSizes(0, max, desired);
    AutoScalingGroup rs = world.createGroup(name, gs, version, List.of(service));
    replicaSets.add(rs);
    d.log("new ReplicaSet: group " + rs.name() + " with " + version + "; a pod's container runs after "
        + settings.podStart().describe() + ", then the application installs and starts");
    if (kubelet != null && version.equals(d.toVersion())) {
      // the probes are the new pod template's: the kubelet runs them on every pod of this ReplicaSet
      rs.setBootstrap(kubelet);
      d.log("the kubelet probes its containers: " + (settings.startup() == null ? ""
          : "startup probe " + settings.startup().describe() + (settings.liveness() == null ? "" : "; "))
          + (settings.liveness() == null ? "" : "liveness probe " + settings.liveness().describe())
          + "; a killed container restarts after " + seconds(settings.backOff().initial()) + ", doubling up to "
          + seconds(settings.backOff().max()) + " (CrashLoopBackOff)");
    }
    progress();
    requestSync();
    return rs;
  }

  /**
   * One pass of a Deployment's RollingUpdate from ReplicaSet {@code from} to {@code to} (rolling.go):
   * scale {@code to} up while the pods stay within replicas + maxSurge, else scale {@code from} down
   * while at least replicas - maxUnavailable stay available, its pods that are not available first.
   */
  protected final void rollingStep(AutoScalingGroup from, AutoScalingGroup to, int maxSurge, int maxUnavailable) {
    // scale up, if we can (rolling.go reconcileNewReplicaSet / NewRSNewReplicas)
    int newCount = desired(to);
    if (newCount < replicas) {
      int total = desired(from) + newCount;
      int maxTotal = replicas + maxSurge;
      if (total < maxTotal) {
        int n = newCount + Math.min(maxTotal - total, replicas - newCount);
        d.log("scale up ReplicaSet " + to.name() + " to " + n + " (" + from.name() + " at " + from.desired() + ")");
        setDesired(to, n);
        progress();
        requestSync();
        return;
      }
    }
    // scale down, if we can (reconcileOldReplicaSets)
    int oldCount = desired(from);
    if (oldCount == 0) {
      return;
    }
    int minAvailable = replicas - maxUnavailable;
    int newUnavailable = desired(to) - available(to);
    int maxScaledDown = oldCount + desired(to) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return;
    }
    // old pods that are not available go first: they would block the rollout
    int cleanup = Math.min(maxScaledDown, oldCount - available(from));
    scaleDown(from, cleanup, "old pods that are not available first");
    int availableAll = available(from) + available(to);
    int scaleDown = availableAll > minAvailable ? Math.min(desired(from), availableAll - minAvailable) : 0;
    scaleDown(from, scaleDown, availableAll + " available, at least " + minAvailable + " must stay");
  }

  /** Sets a ReplicaSet's replicas, its maximum size growing with them. */
  private static void setDesired(AutoScalingGroup rs, int n) {
    if (n > rs.maxSize()) {
      rs.updateSizes(Math.min(rs.minSize(), n), n, n);
    } else {
      rs.setDesiredCapacity(n);
    }
  }

  /** Most pods above replicas while the rollout runs, for the current replicas (0 unless a rolling update). */
  protected int maxSurge() {
    return 0;
  }

  /**
   * The Deployment's replicas changed (the HorizontalPodAutoscaler) from {@code before}: the
   * deployment controller's scale() in sync.go. With one active ReplicaSet (or none: the newest) it
   * gets all replicas, and the old ones go once the new one has them all; with several, the change
   * to replicas + maxSurge is spread over the active ReplicaSets in proportion to their size, the
   * largest first, the rest of it to the largest; ReplicaSets at 0 stay at 0
   * (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#proportional-scaling).
   */
  protected void scaled(int before) {
    scaleDeployment(replicaSets, newRs, before);
  }

  /**
   * {@link #scaled} for a Deployment made of {@code sets} (oldest first), {@code newest} its new
   * ReplicaSet (null before it exists).
   */
  protected final void scaleDeployment(List<AutoScalingGroup> sets, AutoScalingGroup newest, int before) {
    List<AutoScalingGroup> active = new ArrayList<>();
    for (AutoScalingGroup rs : sets) {
      if (rs.desired() > 0) {
        active.add(rs);
      }
    }
    if (active.size() <= 1) {
      AutoScalingGroup only = !active.isEmpty() ? active.get(0) : newest;
      if (only != null) {
        resize(only, replicas, "the Deployment's replicas");
      }
      if (newest != null && newest.desired() == replicas) {
        for (AutoScalingGroup rs : sets) {
          if (rs != newest && rs.desired() > 0) {
            scaleDown(rs, rs.desired(), "the new ReplicaSet has all replicas");
          }
        }
      }
      return;
    }
    int total = 0;
    for (AutoScalingGroup rs : active) {
      total += rs.desired();
    }
    int toAdd = replicas + maxSurge() - total;
    if (toAdd == 0) {
      return;
    }
    // largest first; among equals the newer first when growing, the older first when shrinking
    List<AutoScalingGroup> order = new ArrayList<>(active);
    order.sort(Comparator.comparingInt((AutoScalingGroup rs) -> -rs.desired())
        .thenComparingInt(rs -> (toAdd > 0 ? -1 : 1) * sets.indexOf(rs)));
    int[] sizes = new int[order.size()];
    for (int k = 0; k < sizes.length; k++) {
      sizes[k] = order.get(k).desired();
    }
    int[] next = proportional(sizes, toAdd);
    for (int k = 0; k < sizes.length; k++) {
      resize(order.get(k), next[k], "proportional scaling: replicas " + before + " -> " + replicas);
    }
  }

  /**
   * Spreads {@code toAdd} replicas (negative: removes) over ReplicaSets of {@code sizes}, largest
   * first: each gets round(size x toAdd / total), never beyond what is left to add, and the first
   * (the largest) what remains; none goes below 0.
   */
  static int[] proportional(int[] sizes, int toAdd) {
    int total = 0;
    for (int n : sizes) {
      total += n;
    }
    int[] out = sizes.clone();
    int added = 0;
    for (int k = 0; k < sizes.length; k++) {
      if (added == toAdd || sizes[k] == 0) {
        continue;
      }
      int fraction = (int) Math.round((double) sizes[k] * toAdd / total);
      int proportion = toAdd > 0 ? Math.min(fraction, toAdd - added) : Math.max(fraction, toAdd - added);
      out[k] += proportion;
      added += proportion;
    }
    out[0] = Math.max(0, out[0] + toAdd - added);
    return out;
  }

  /** Scales a ReplicaSet up or down to {@code n} pods. */
  protected final void resize(AutoScalingGroup rs, int n, String why) {
    if (n > rs.desired()) {
      scaleUp(rs, n, why);
    } else if (n < rs.desired()) {
      scaleDown(rs, rs.desired() - n, why);
    }
  }

  /**
   * A workload of ReplicaSets as the HorizontalPodAutoscaler's scale target (its /scale
   * subresource): its replicas are {@link #replicas}, its pods those of {@code sets}; a change goes
   * through {@link #scaled}.
   */
  protected final class WorkloadScale implements ScaleTarget {
    private final String kind;
    private final Supplier<List<AutoScalingGroup>> sets;

    /** {@code kind} names the workload in events.log ("Deployment", "Rollout"). */
    public WorkloadScale(String kind, Supplier<List<AutoScalingGroup>> sets) {
      this.kind = kind;
      this.sets = sets;
    }

    /** The ReplicaSet with the most replicas, the newer on a tie. */
    @Override
    public AutoScalingGroup group() {
      AutoScalingGroup best = oldRs;
      for (AutoScalingGroup rs : sets.get()) {
        if (rs.desired() >= best.desired()) {
          best = rs;
        }
      }
      return best;
    }

    @Override
    public int replicas() {
      return replicas;
    }

    @Override
    public void scale(int n, String cause) {
      int before = replicas;
      replicas = n;
      d.log("the HorizontalPodAutoscaler sets the " + kind + "'s replicas " + before + " -> " + n);
      scaled(before);
      requestSync();
    }

    @Override
    public List<Instance> pods() {
      List<Instance> out = new ArrayList<>();
      for (AutoScalingGroup rs : sets.get()) {
        out.addAll(activePods(rs));
      }
      return out;
    }

    @Override
    public boolean isReady(Instance pod) {
      return isReadyPod(pod);
    }
  }

  /** Scales a ReplicaSet up to {@code n} pods (its maximum size grows with it). */
  protected final void scaleUp(AutoScalingGroup rs, int n, String why) {
    if (n <= rs.desired()) {
      return;
    }
    d.log("scale up ReplicaSet " + rs.name() + " to " + n + " (" + why + ")");
    if (n > rs.maxSize()) {
      rs.updateSizes(rs.minSize(), n, n);
    } else {
      rs.setDesiredCapacity(n);
    }
    progress();
    requestSync();
  }

  /**
   * Scales the old ReplicaSet down by {@code n} replicas: the ReplicaSet then deletes the pods it has
   * beyond its new size, in the ReplicaSet controller's order. Replicas it has not been able to
   * create (launches failing) go first: they need no pod deleted.
   */
  protected final void scaleDownOld(int n, String why) {
    scaleDown(oldRs, n, why);
  }

  /** Scales a ReplicaSet down by {@code n} replicas, deleting pods as {@link #scaleDownOld} does. */
  protected final void scaleDown(AutoScalingGroup rs, int n, String why) {
    if (n <= 0) {
      return;
    }
    int target = Math.max(0, rs.desired() - n);
    List<Instance> victims = podsToDelete(rs, Math.max(0, active(rs) - target));
    d.log("scale down ReplicaSet " + rs.name() + " to " + target + " (" + why + ")");
    for (Instance i : victims) {
      rs.terminate(scope, i, true);
    }
    if (rs.desired() != target) {
      rs.updateSizes(Math.min(rs.minSize(), target), rs.maxSize(), target);
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
            : !isReadyPod(i) ? 1 : 2)
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

  /** Whether a pod passes its readiness probe in its Service. */
  protected final boolean isReadyPod(Instance i) {
    for (TargetGroup tg : services) {
      if (tg.isRegistered(i)) {
        return tg.isHealthy(i);
      }
    }
    return false;
  }

  protected final int ready(AutoScalingGroup rs) {
    int n = 0;
    for (Instance i : activePods(rs)) {
      if (i.state() == LifecycleState.IN_SERVICE && isReadyPod(i)) {
        n++;
      }
    }
    return n;
  }

  protected final int available(AutoScalingGroup rs) {
    int n = 0;
    double now = world.now();
    for (Instance i : activePods(rs)) {
      if (i.state() == LifecycleState.IN_SERVICE && isReadyPod(i)
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
    if (isComplete()) {
      complete();
    }
  }

  private void complete() {
    stopController();
    finish();
  }

  /** The ReplicaSets so far, oldest first. */
  protected final List<AutoScalingGroup> replicaSets() {
    return replicaSets;
  }

  /** Whether the controller has stopped watching and acting. */
  protected final boolean isStopped() {
    return complete;
  }

  /** The controller stops watching and acting (the rollout is over). */
  protected final void stopController() {
    complete = true;
    world.removeListener(listener);
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
    if (!deadlineApplies()) {
      progress();
    }
    double due = lastProgress + settings.progressDeadline();
    if (world.now() < due - 1e-9) {
      armDeadline();
      return;
    }
    String state = active(newRs) + " new pods (" + available(newRs) + " available), " + active(oldRs)
        + " old pods (" + available(oldRs) + " available)";
    deadlineExceeded("ProgressDeadlineExceeded: no progress for " + settings.progressDeadline() + "s; " + state);
  }

  static String seconds(double s) {
    return Durations.format(s);
  }
}
