package dev.deploysim.strategies.flagger;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Autoscaler;
import dev.deploysim.model.Instance;
import dev.deploysim.model.ScaleTarget;
import dev.deploysim.model.LoadBalancer;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.result.Phase;
import dev.deploysim.strategies.analysis.Measurements;
import dev.deploysim.strategies.analysis.MetricQueries;
import dev.deploysim.strategies.analysis.RequestHistory;
import dev.deploysim.strategies.analysis.TestTraffic;
import dev.deploysim.strategies.k8s.DeploymentController;
import dev.deploysim.strategies.k8s.KubernetesParams;
import dev.deploysim.strategy.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Flagger canary analysis on the pod model, as Flagger's scheduler runs it (scheduler.go;
 * docs/platforms/progressive-delivery.md).
 *
 * <p>The scenario's group is the primary Deployment's pods behind the primary Service; the new
 * version's canary Deployment gets all replicas behind the canary Service; a weighted router sends
 * each its share. Every {@code interval} from the start the scheduler acts once: while the canary's
 * pods are not all ready it waits (the canary Deployment's progress deadline rolls it back); at
 * the first iteration with the canary ready it starts the analysis and sets the first weight; at
 * each later one it first rolls back when the failed checks have reached {@code threshold}, then
 * runs the metric checks: one failing adds a failed check (never reset in this analysis) and the
 * weight stays; all passing move the weight on (stepWeight, or the next of stepWeights) until it is
 * at least maxWeight, and at the iteration after that promote. Blue/green counts passing
 * iterations instead and routes all traffic to the canary before promoting. Promotion copies the
 * canary's template to the primary: the primary Deployment rolls out the new version (a
 * RollingUpdate with the Kubernetes defaults, maxSurge and maxUnavailable 25%); at the first
 * iteration after it finished all traffic goes to the primary, and at the next the canary is
 * scaled to zero: succeeded. A rollback sends all traffic to the primary at once and scales the
 * canary to zero.
 *
 * <p>With a HorizontalPodAutoscaler (fleet.scaling, Flagger's autoscalerRef) the primary
 * Deployment's replicas are the autoscaler's: it sees the primary's pods only, and during the
 * promotion the primary spreads a change over its two ReplicaSets as a Deployment does. With
 * canaryAutoscaler the canary Deployment has a copy of it (same settings, same sync ticks) from its
 * creation until it is scaled to zero, and an iteration halts (Flagger: "HPA scaling the canary")
 * while pods that copy added are not available: no check, no weight change, no failed check.
 */
final class FlaggerRollout extends DeploymentController {

  record Settings(double interval, int threshold, int maxWeight, Integer stepWeight, List<Integer> stepWeights,
      Integer iterations, List<FlaggerMetric> metrics, double loadTestRps, boolean canaryAutoscaler) {}

  private enum Stage {
    INITIALIZING,
    PROGRESSING,
    PROMOTING,
    FINALISING,
    DONE
  }

  private static final int PRIMARY_SURGE_PERCENT = 25;
  private static final int PRIMARY_UNAVAILABLE_PERCENT = 25;

  private final Settings s;
  private LoadBalancer lb;
  private TargetGroup canaryTg;
  private AutoScalingGroup primaryNew;
  private Measurements measurements;
  private Stage stage = Stage.INITIALIZING;
  private int canaryWeight;
  private int iterations;
  private int failedChecks;
  /** What the last failed check saw, for the rollback reason. */
  private String lastFailure = "";
  private boolean started;
  /** The canary Deployment's own autoscaler (canaryAutoscaler), or null. */
  private Autoscaler canaryHpa;

  FlaggerRollout(Deployment d, KubernetesParams.Settings pods, Settings s) {
    super(d, pods);
    this.s = s;
  }

  @Override
  protected int newRsMaxSize() {
    return replicas;
  }

  @Override
  protected void begin() {
    // pods the stable ReplicaSet creates from now on (scaled back up, or replacing failed ones) are
    // pods like the others: they start in podStartTime
    oldRs.setLaunchTime(settings.podStart());
    lb = d.environment().loadBalancer();
    canaryTg = world.createTargetGroup("canary-tg");
    addService(canaryTg);
    route(0);
    String mode = s.iterations() != null ? "blue/green, " + s.iterations() + " iterations"
        : s.stepWeights() != null ? "weights " + s.stepWeights() : "stepWeight " + s.stepWeight() + " to maxWeight "
            + s.maxWeight();
    d.log("Flagger canary: every " + Durations.format(s.interval()) + ", " + mode + ", threshold " + s.threshold()
        + " failed checks, " + s.metrics().size() + " metric check" + (s.metrics().size() == 1 ? "" : "s"));
    if (!s.metrics().isEmpty()) {
      double keep = 0;
      for (FlaggerMetric m : s.metrics()) {
        keep = Math.max(keep, m.interval());
      }
      measurements = new Measurements(world, keep);
      RequestHistory.Counts canary = Measurements.version(world.traffic(), d.toVersion());
      if (s.loadTestRps() > 0) {
        double errorRate = world.scenario().version(d.toVersion()).errorRate();
        canary = RequestHistory.Counts.sum(canary, new TestTraffic(s.loadTestRps(), errorRate,
            () -> stage == Stage.PROGRESSING && started && ready(newRs) > 0));
      }
      measurements.track(MetricQueries.CANARY, canary, d.toVersion());
    }
    d.phase("new revision: canary scaled up", Phase.Kind.DEPLOY);
    newRs = createReplicaSet("rs-" + d.toVersion() + "-canary", d.toVersion(), canaryTg, replicas, replicas);
    if (autoscaler != null && s.canaryAutoscaler()) {
      canaryHpa = autoscaler.copyOn(new CanaryScale());
      d.log("the canary Deployment has a HorizontalPodAutoscaler of its own, with the primary's settings "
          + "(canaryAutoscaler)");
    }
    scope.after(s.interval(), this::tick);
  }

  // --- autoscaling ---------------------------------------------------------------------------------

  /** The primary Deployment's ReplicaSets: every one but the canary's. */
  private List<AutoScalingGroup> primarySets() {
    List<AutoScalingGroup> out = new ArrayList<>(replicaSets());
    out.remove(newRs);
    return out;
  }

  /** The fleet's autoscaler scales the primary Deployment (the canary's pods are not its). */
  @Override
  protected void takeOver(Autoscaler hpa) {
    hpa.retarget(new WorkloadScale("primary Deployment", this::primarySets));
    d.log("the HorizontalPodAutoscaler now sets the primary Deployment's replicas (Flagger's autoscalerRef)");
  }

  /** The primary is a Deployment: one ReplicaSet gets the change, two share it proportionally. */
  @Override
  protected void scaled(int before) {
    scaleDeployment(primarySets(), primaryNew, before);
  }

  /** The primary's rollout surge (a Deployment's default 25%, rounded up). */
  @Override
  protected int maxSurge() {
    return primaryLimits()[0];
  }

  /** The primary's maxSurge and maxUnavailable for the current replicas (Kubernetes' defaults, 25% each). */
  private int[] primaryLimits() {
    int surge = (int) Math.ceil(replicas * PRIMARY_SURGE_PERCENT / 100.0 - 1e-9);
    int unavailable = (int) Math.floor(replicas * PRIMARY_UNAVAILABLE_PERCENT / 100.0 + 1e-9);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new int[] {surge, unavailable};
  }

  /** Whether the canary's autoscaler added pods that are not available yet. */
  private boolean canaryScaling() {
    return canaryHpa != null && available(newRs) < desired(newRs);
  }

  private void stopCanaryAutoscaler() {
    if (canaryHpa != null) {
      canaryHpa.stop();
      canaryHpa = null;
    }
  }

  /** The canary Deployment as its autoscaler's scale target. */
  private final class CanaryScale implements ScaleTarget {
    @Override
    public AutoScalingGroup group() {
      return newRs;
    }

    @Override
    public int replicas() {
      return desired(newRs);
    }

    @Override
    public void scale(int n, String cause) {
      d.log("the canary's HorizontalPodAutoscaler sets the canary Deployment's replicas " + desired(newRs) + " -> "
          + n);
      resize(newRs, n, "the canary Deployment's replicas");
    }

    @Override
    public List<Instance> pods() {
      return activePods(newRs);
    }

    @Override
    public boolean isReady(Instance pod) {
      return isReadyPod(pod);
    }
  }

  private void route(int canary) {
    Map<TargetGroup, Integer> w = new LinkedHashMap<>();
    w.put(endpoints, 100 - canary);
    w.put(canaryTg, canary);
    lb.setWeights(w);
    canaryWeight = canary;
  }

  // --- the scheduler -------------------------------------------------------------------------------

  private void tick() {
    if (d.isFinished() || stage == Stage.DONE) {
      return;
    }
    switch (stage) {
      case INITIALIZING -> {
        if (available(newRs) >= desired(newRs)) {
          stage = Stage.PROGRESSING;
          analyse();
        } else {
          d.log("Flagger: canary not ready (" + available(newRs) + " of " + desired(newRs) + " pods available), "
              + "waiting");
        }
      }
      case PROGRESSING -> analyse();
      case PROMOTING -> {
        if (primaryNew != null && available(primaryNew) >= replicas && active(oldRs) == 0) {
          route(0);
          d.phase("promoted: all traffic to the primary", Phase.Kind.CLEANUP);
          d.log("Flagger: the primary runs " + d.toVersion() + "; all traffic routed to the primary");
          stage = Stage.FINALISING;
        } else {
          d.log("Flagger: waiting for the primary's rollout");
        }
      }
      case FINALISING -> {
        stopCanaryAutoscaler();
        scaleDown(newRs, desired(newRs), "Flagger scales the canary to zero");
        stage = Stage.DONE;
        stopController();
        d.log("Flagger: promotion completed");
        d.succeeded();
        return;
      }
      default -> {
        return;
      }
    }
    if (!d.isFinished() && stage != Stage.DONE) {
      scope.after(s.interval(), this::tick);
    }
  }

  private void analyse() {
    if (failedChecks >= s.threshold()) {
      // Flagger's own words first ("Rolling back ... failed checks threshold reached N"), then what the checks saw
      rollback("failed checks threshold reached " + failedChecks + " (analysis.threshold " + s.threshold()
          + "); the last failed check: " + lastFailure + "; Flagger routes all traffic back to the primary");
      return;
    }
    if (canaryScaling()) {
      d.log("Flagger: halt advancement, the canary's HorizontalPodAutoscaler is scaling it (" + available(newRs)
          + " of " + desired(newRs) + " pods available)");
      return;
    }
    if (!started) {
      started = true;
      // the load tester starts now: the measurements see the change
      world.changed();
      d.log("Flagger: starting canary analysis");
      advance();
      return;
    }
    List<String> failures = new ArrayList<>();
    List<String> passes = new ArrayList<>();
    for (FlaggerMetric m : s.metrics()) {
      FlaggerMetric.Check c = m.check(measurements, MetricQueries.CANARY);
      (c.passed() ? passes : failures).add(c.detail());
    }
    if (!failures.isEmpty()) {
      failedChecks++;
      lastFailure = String.join("; ", failures);
      d.log("Flagger: halt advancement, " + String.join("; ", failures) + " (failed checks " + failedChecks + " of "
          + s.threshold() + ")");
      return;
    }
    if (!passes.isEmpty()) {
      d.log("Flagger: checks passed: " + String.join("; ", passes));
    }
    advance();
  }

  private void advance() {
    if (s.iterations() != null) {
      if (iterations < s.iterations()) {
        iterations++;
        d.phase("iteration " + iterations + "/" + s.iterations(), Phase.Kind.WAIT);
        return;
      }
      route(100);
      d.log("Flagger: routing all traffic to the canary");
      promote();
      return;
    }
    int max = maxWeight();
    if (canaryWeight < max) {
      int next = Math.min(100, canaryWeight + nextStep());
      route(next);
      d.phase("canary weight " + next, Phase.Kind.SHIFT);
      return;
    }
    promote();
  }

  private int maxWeight() {
    return s.stepWeights() != null ? Math.min(100, s.stepWeights().get(s.stepWeights().size() - 1)) : s.maxWeight();
  }

  private int nextStep() {
    if (s.stepWeights() != null) {
      for (int w : s.stepWeights()) {
        if (w > canaryWeight) {
          return w - canaryWeight;
        }
      }
      return 100 - canaryWeight;
    }
    return s.stepWeight();
  }

  private void promote() {
    stage = Stage.PROMOTING;
    d.phase("promotion: the primary rolls out " + d.toVersion(), Phase.Kind.DEPLOY);
    d.log("Flagger: copying the canary's template to the primary");
    primaryNew = createReplicaSet("rs-" + d.toVersion() + "-primary", d.toVersion(), endpoints, 0, replicas);
  }

  private void rollback(String why) {
    d.detected("Flagger analysis");
    d.startRollback(why);
    d.phase("rollback: all traffic to the primary", Phase.Kind.ROLLBACK);
    route(0);
    stopCanaryAutoscaler();
    scaleDown(newRs, desired(newRs), "Flagger: canary failed, scaling it to zero");
    stage = Stage.DONE;
    stopController();
    d.log("Flagger: rolling back, " + why);
    d.rolledBack();
  }

  // --- the controller ------------------------------------------------------------------------------

  @Override
  protected void reconcile() {
    if (stage == Stage.PROMOTING && primaryNew != null) {
      int[] limits = primaryLimits();
      rollingStep(oldRs, primaryNew, limits[0], limits[1]);
    }
  }

  @Override
  protected boolean isComplete() {
    return false;
  }

  @Override
  protected boolean deadlineApplies() {
    return stage == Stage.INITIALIZING || stage == Stage.PROMOTING;
  }

  @Override
  protected void deadlineExceeded(String why) {
    if (stage == Stage.INITIALIZING) {
      rollback("progress deadline exceeded: " + why);
      return;
    }
    d.detected("progress deadline");
    stopController();
    d.failed("the primary's rollout made no progress: " + why);
  }
}
