package dev.deploysim.model.scaling;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Autoscaler;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LifecycleState;
import dev.deploysim.model.ScaleTarget;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.World;
import dev.deploysim.scenario.ScalingPolicySpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes HorizontalPodAutoscaler with a CPU utilisation target, as documented
 * (https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/; the rules
 * in docs/platforms/kubernetes.md#horizontal-pod-autoscaler):
 *
 * <ol>
 *   <li>Every syncPeriod (15 s) it reads each pod's CPU utilisation (its served requests over its
 *       capacity, in percent, over the time since the previous sync). Pods being deleted and pods
 *       whose container does not run yet are ignored. A pod that is not ready is set aside while
 *       it is within the CPU initialisation period (5 min from its start) or has never been ready.
 *   <li>ratio = mean utilisation of the counted pods / target; within 1 +- tolerance (0.1) nothing
 *       changes; otherwise desired = ceil(ratio x counted pods). With pods set aside the ratio is
 *       worked out again, conservatively: on a scale-up they count at 0%, on a scale-down pods
 *       without a metric count at 100% of the target; if that reverses the direction or falls
 *       within the tolerance, nothing changes.
 *   <li>Stabilisation: a scale-up goes to the lowest recommendation of its window (default 0 s: the
 *       current one), a scale-down to the highest of its window (default 300 s); the replicas found at
 *       the start count as a recommendation, so nothing scales down in the first window.
 *   <li>Rate limits (the default behavior): a scale-up adds at most max(4 pods, 100%) of the
 *       replicas at the start of the policy period (15 s), a scale-down removes at most 100%; then
 *       minReplicas and maxReplicas bound it.
 * </ol>
 *
 * <p>It sets spec.replicas of its {@link ScaleTarget}: the fleet's group until a deployment hands
 * it the Deployment ({@link #retarget}). Which figures are the model's own choice (the metric
 * window, how "never been ready" is seen) is stated in docs/platforms/kubernetes.md.
 */
public final class HorizontalPodAutoscaler implements Autoscaler {
  /** --horizontal-pod-autoscaler-cpu-initialization-period (Kubernetes default 5 min). */
  public static final double CPU_INITIALIZATION_PERIOD = 300;

  private final World world;
  private final ScalingPolicySpec.HorizontalPodAutoscaler spec;
  private ScaleTarget target;
  private final Map<Instance, double[]> marks = new HashMap<>();
  private final Set<Instance> everReady = new HashSet<>();
  // (time, recommendation) of earlier syncs, for the stabilisation windows
  private final ArrayDeque<double[]> recommendations = new ArrayDeque<>();
  // (time, change of replicas) of earlier scalings, for the rate limits
  private final ArrayDeque<double[]> changes = new ArrayDeque<>();
  private double nextSync;
  private boolean stopped;

  private HorizontalPodAutoscaler(World world, ScalingPolicySpec.HorizontalPodAutoscaler spec, ScaleTarget target) {
    this.world = world;
    this.spec = spec;
    this.target = target;
  }

  /** Puts an autoscaler on a group: it syncs every syncPeriod from the start of the run. */
  public static HorizontalPodAutoscaler attach(World world, AutoScalingGroup group,
      ScalingPolicySpec.HorizontalPodAutoscaler spec) {
    HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler(world, spec, new GroupTarget(group));
    world.putAutoscaler(group, hpa);
    hpa.begin(world.now() + spec.syncPeriod());
    return hpa;
  }

  /**
   * Starts: the pods' marks are taken now, the first sync comes at {@code firstSync}, and the
   * controller starts from the replicas it finds, as one recommendation: no scale-down within the
   * first stabilisation window.
   */
  private void begin(double firstSync) {
    markAll();
    recommendations.add(new double[] {world.now(), target.replicas()});
    nextSync = firstSync;
    world.sim().at(firstSync, this::sync);
  }

  @Override
  public void retarget(ScaleTarget t) {
    this.target = t;
  }

  @Override
  public Autoscaler copyOn(ScaleTarget t) {
    HorizontalPodAutoscaler copy = new HorizontalPodAutoscaler(world, spec, t);
    copy.begin(nextSync);
    return copy;
  }

  @Override
  public void stop() {
    stopped = true;
  }

  private void markAll() {
    for (Instance i : target.pods()) {
      marks.put(i, new double[] {i.busySeconds(), world.now()});
    }
  }

  private void sync() {
    if (stopped) {
      return;
    }
    nextSync = world.now() + spec.syncPeriod();
    world.sim().after(spec.syncPeriod(), this::sync);
    world.traffic().advance();
    double now = world.now();
    int current = target.replicas();
    double sum = 0;
    int counted = 0;
    int setAside = 0;
    int missing = 0;
    Map<Instance, double[]> next = new HashMap<>();
    for (Instance pod : target.pods()) {
      double[] m = marks.get(pod);
      next.put(pod, new double[] {pod.busySeconds(), now});
      if (pod.state().isLaunching() && Double.isNaN(pod.bootedAt())) {
        continue; // Pending: no container yet
      }
      boolean ready = pod.state() == LifecycleState.IN_SERVICE && target.isReady(pod);
      if (ready) {
        everReady.add(pod);
      }
      if (m == null || now - m[1] <= 0) {
        missing++;
        continue;
      }
      if (!ready && (now - start(pod) < CPU_INITIALIZATION_PERIOD || !everReady.contains(pod))) {
        setAside++;
        continue;
      }
      sum += 100 * Math.min(1, (pod.busySeconds() - m[0]) / (now - m[1]));
      counted++;
    }
    marks.clear();
    marks.putAll(next);
    everReady.retainAll(next.keySet());
    Recommendation rec = recommend(current, sum, counted, setAside, missing);
    int desired = stabilise(now, current, rec.replicas());
    desired = limit(now, current, desired);
    if (desired == current) {
      return;
    }
    String cause = String.format(Locale.ROOT, "horizontal-pod-autoscaler: %s; replicas %d -> %d", rec.why(), current,
        desired);
    changes.add(new double[] {now, desired - current});
    world.log("hpa", cause);
    world.recordScaling(target.group(), current, desired, "horizontal-pod-autoscaler");
    target.scale(desired, cause);
  }

  private static double start(Instance pod) {
    return Double.isNaN(pod.bootedAt()) ? pod.launchedAt() : pod.bootedAt();
  }

  /** A recommendation and its arithmetic, in words. */
  record Recommendation(int replicas, String why) {}

  /**
   * The replica count the metrics ask for (replica_calculator): {@code sum} of the utilisations of
   * {@code counted} pods (percent), {@code setAside} pods not yet ready, {@code missing} pods
   * without a metric.
   */
  Recommendation recommend(int current, double sum, int counted, int setAside, int missing) {
    double target = spec.targetCpu();
    if (counted == 0) {
      return new Recommendation(current, "no ready pod with a CPU metric: no change");
    }
    double ratio = sum / (counted * target);
    String cpu = String.format(Locale.ROOT, "CPU %.1f%% of a %.0f%% target over %d pods", sum / counted, target,
        counted);
    if (setAside == 0 && missing == 0) {
      if (Math.abs(ratio - 1) <= spec.tolerance()) {
        return new Recommendation(current, cpu + ", within the tolerance");
      }
      int n = (int) Math.ceil(ratio * counted - 1e-9);
      return new Recommendation(n, cpu + String.format(Locale.ROOT, ": ceil(%d x %.3f) = %d", counted, ratio, n));
    }
    double s = sum;
    int pods = counted;
    if (ratio < 1) {
      s += missing * target;
      pods += missing;
    } else {
      pods += missing + setAside;
    }
    double again = s / (pods * target);
    String with = String.format(Locale.ROOT, "%s, %d not ready and %d without a metric counted at %s: ratio %.3f", cpu,
        setAside, missing, ratio < 1 ? "100%" : "0%", again);
    if (Math.abs(again - 1) <= spec.tolerance() || (ratio > 1) != (again > 1)) {
      return new Recommendation(current, with + ", no change");
    }
    int n = (int) Math.ceil(again * pods - 1e-9);
    if (again < 1 && n > current || again > 1 && n < current) {
      return new Recommendation(current, with + ", no change");
    }
    return new Recommendation(n, with + String.format(Locale.ROOT, ": ceil(%d x %.3f) = %d", pods, again, n));
  }

  /** The stabilisation windows: up to the lowest recommendation of its window, down to the highest of its. */
  private int stabilise(double now, int current, int rec) {
    double keep = Math.max(spec.scaleUpWindow(), spec.scaleDownWindow());
    while (!recommendations.isEmpty() && recommendations.peekFirst()[0] <= now - keep) {
      recommendations.removeFirst();
    }
    int up = rec;
    int down = rec;
    for (double[] r : recommendations) {
      if (r[0] > now - spec.scaleUpWindow()) {
        up = Math.min(up, (int) r[1]);
      }
      if (r[0] > now - spec.scaleDownWindow()) {
        down = Math.max(down, (int) r[1]);
      }
    }
    recommendations.addLast(new double[] {now, rec});
    int out = current;
    if (out < up) {
      out = up;
    }
    if (out > down) {
      out = down;
    }
    return out;
  }

  /** The scaling policies' rate limits over policyPeriod, then minReplicas and maxReplicas. */
  private int limit(double now, int current, int desired) {
    while (!changes.isEmpty() && changes.peekFirst()[0] <= now - spec.policyPeriod()) {
      changes.removeFirst();
    }
    double added = 0;
    double removed = 0;
    for (double[] c : changes) {
      if (c[1] > 0) {
        added += c[1];
      } else {
        removed -= c[1];
      }
    }
    int out = desired;
    if (desired > current) {
      double start = current - added;
      int byPods = (int) (start + spec.scaleUpPods());
      int byPercent = (int) Math.ceil(start * (1 + spec.scaleUpPercent() / 100) - 1e-9);
      out = Math.min(desired, Math.max(byPods, byPercent));
    } else if (desired < current) {
      double start = current + removed;
      int floor = (int) Math.ceil(start * (1 - spec.scaleDownPercent() / 100) - 1e-9);
      out = Math.max(desired, floor);
    }
    return Math.max(spec.minReplicas(), Math.min(spec.maxReplicas(), out));
  }

  /** A Deployment with one ReplicaSet: the group itself (before a rollout starts). */
  private record GroupTarget(AutoScalingGroup group) implements ScaleTarget {
    @Override
    public int replicas() {
      return group.desired();
    }

    @Override
    public void scale(int replicas, String cause) {
      group.updateSizes(Math.min(group.minSize(), replicas), Math.max(group.maxSize(), replicas), replicas);
    }

    @Override
    public List<Instance> pods() {
      List<Instance> out = new ArrayList<>();
      for (Instance i : group.members()) {
        if (i.state().countsTowardDesired()) {
          out.add(i);
        }
      }
      return out;
    }

    @Override
    public boolean isReady(Instance pod) {
      for (TargetGroup tg : group.targetGroups()) {
        if (tg.isHealthy(pod)) {
          return true;
        }
      }
      return false;
    }
  }
}
