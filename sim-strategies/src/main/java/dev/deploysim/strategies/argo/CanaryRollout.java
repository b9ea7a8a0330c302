package dev.deploysim.strategies.argo;

import dev.deploysim.format.CountOrPercent;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.LoadBalancer;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.result.Phase;
import dev.deploysim.strategies.analysis.AnalysisPhase;
import dev.deploysim.strategies.analysis.AnalysisRun;
import dev.deploysim.strategies.analysis.MetricSpec;
import dev.deploysim.strategies.k8s.K8sRollingUpdate;
import dev.deploysim.strategies.k8s.KubernetesParams;
import dev.deploysim.strategy.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Argo Rollouts canary rollout on the pod model (docs/platforms/progressive-delivery.md).
 *
 * <p>The scenario's group is the stable ReplicaSet, a new group the canary ReplicaSet. Steps run in
 * order: {@code setWeight} and {@code setCanaryScale} wait until both ReplicaSets have their pods
 * for the step, available (and, with a router, the weight is on the listener); a timed pause waits;
 * {@code pause: {}} and an Inconclusive analysis wait for a promotion; an inline analysis blocks.
 * After the last step the canary is promoted to 100%: without a router the canary grows to all
 * replicas and the stable shrinks to none within maxSurge and maxUnavailable; with one, the canary
 * grows to all replicas, all traffic moves to it, and the stable keeps its pods for
 * scaleDownDelaySeconds. A Failed or Error analysis (inline or background) aborts: the traffic
 * goes back to the stable, at once with a router (the canary's pods go after
 * abortScaleDownDelaySeconds), as the ReplicaSets are rescaled without one (the stable back up
 * first within maxSurge, then the canary down as availability allows). The run is then
 * ROLLED_BACK; Argo marks the rollout Degraded.
 */
final class CanaryRollout extends ArgoRollout {

  /** The canary settings beyond the pods'. */
  record Settings(List<CanaryStep> steps, boolean router, CountOrPercent maxSurge, CountOrPercent maxUnavailable,
      boolean dynamicStableScale,
      int scaleDownDelay, int abortScaleDownDelay, boolean progressDeadlineAbort, List<Double> promoteAt,
      List<MetricSpec> background, int startingStep, String given) {}

  private final Settings s;
  private LoadBalancer lb;
  private TargetGroup canaryTg;
  private int stepIndex = -1;
  private int weight;
  private CanaryStep.SetCanaryScale canaryScale;
  private int appliedWeight;
  private boolean waitingForPods;
  private boolean promoting;
  private boolean stableScaleDownDue;
  private boolean abortScaleDownDue;

  CanaryRollout(Deployment d, KubernetesParams.Settings pods, Settings s) {
    super(d, pods, s.progressDeadlineAbort());
    this.s = s;
  }

  @Override
  protected void resume() {
    advance();
  }

  @Override
  protected int newRsMaxSize() {
    return replicas + maxSurge();
  }

  /** maxSurge in pods for the current replicas (a percentage follows a HorizontalPodAutoscaler). */
  @Override
  protected int maxSurge() {
    return K8sRollingUpdate.resolve(s.maxSurge(), s.maxUnavailable(), replicas)[0];
  }

  private int maxUnavailable() {
    return K8sRollingUpdate.resolve(s.maxSurge(), s.maxUnavailable(), replicas)[1];
  }

  @Override
  protected String strategyName() {
    return "canary";
  }

  /** Promoted: the canary; otherwise (aborted, or Degraded) the stable. */
  @Override
  protected AutoScalingGroup servingReplicaSet() {
    return promoting && !aborted ? newRs : oldRs;
  }

  // --- steps -------------------------------------------------------------------------------------

  @Override
  protected void begin() {
    // pods the stable ReplicaSet creates from now on (scaled back up, or replacing failed ones) are
    // pods like the others: they start in podStartTime
    oldRs.setLaunchTime(settings.podStart());
    d.log("Argo Rollouts canary, " + replicas + " replicas, " + s.steps().size() + " steps, " + s.given());
    if (s.router()) {
      lb = d.environment().loadBalancer();
      canaryTg = world.createTargetGroup("canary-tg");
      addService(canaryTg);
      setListener(0);
      newRs = createReplicaSet("rs-" + d.toVersion(), d.toVersion(), canaryTg, 0, replicas);
      d.log("traffic routing: the stable Service is " + endpoints.name() + ", the canary Service " + canaryTg.name()
          + ", weighted target groups of " + lb.name() + "'s listener");
    } else {
      createNewReplicaSet(0);
      d.log("no traffic router: one Service over both ReplicaSets, so the canary's share is its share of the ready "
          + "pods");
    }
    analyses.prepare(s);
    promotions.schedule(s.promoteAt());
    advance();
  }

  /** Moves to the next step (at once, in its own event). */
  private void advance() {
    waitingForPods = false;
    scope.after(0, this::nextStep);
  }

  private void nextStep() {
    if (aborted || d.isFinished()) {
      return;
    }
    stepIndex++;
    if (stepIndex == s.startingStep() && !s.background().isEmpty()) {
      analyses.startBackground(s.background(), s.startingStep());
    }
    if (stepIndex >= s.steps().size()) {
      promote();
      return;
    }
    CanaryStep step = s.steps().get(stepIndex);
    String label = "step " + (stepIndex + 1) + "/" + s.steps().size() + ": " + step.describe();
    if (step instanceof CanaryStep.SetWeight w) {
      weight = w.weight();
      d.phase(label, Phase.Kind.SHIFT);
      waitForPods();
    } else if (step instanceof CanaryStep.SetCanaryScale c) {
      canaryScale = c;
      d.phase(label, Phase.Kind.DEPLOY);
      waitForPods();
    } else if (step instanceof CanaryStep.Pause p) {
      d.phase(label, Phase.Kind.WAIT);
      if (p.duration() == null) {
        promotions.pause("pause {}");
      } else {
        promotions.timedPause(p.duration());
      }
    } else if (step instanceof CanaryStep.Analysis a) {
      d.phase(label + " (" + a.metrics().size() + " metric" + (a.metrics().size() == 1 ? "" : "s") + ")",
          Phase.Kind.WAIT);
      analyses.startInline(a.metrics(), "step " + (stepIndex + 1));
    }
  }

  private void waitForPods() {
    waitingForPods = true;
    progress();
    requestSync();
  }

  /** After the last step: the canary becomes the stable (Argo's full promotion). */
  private void promote() {
    promoting = true;
    canaryScale = null;
    weight = 100;
    d.phase("promote: canary to 100%", Phase.Kind.SHIFT);
    waitForPods();
  }

  @Override
  protected void analysisDone(AnalysisRun run) {
    if (aborted || d.isFinished()) {
      return;
    }
    AnalysisPhase p = run.phase();
    if (p.aborts()) {
      abort("analysis " + run.name() + " " + p.label() + ": " + run.message(), "analysis " + run.name());
    } else if (p == AnalysisPhase.INCONCLUSIVE) {
      promotions.pause("analysis " + run.name() + " Inconclusive");
      if (analyses.isInline(run)) {
        // the step is over; the rollout moves on once promoted
        return;
      }
    } else if (analyses.isInline(run)) {
      advance();
    }
  }

  // --- aborting ------------------------------------------------------------------------------------

  @Override
  protected void abort(String reason, String by) {
    if (aborted || d.isFinished()) {
      return;
    }
    aborted = true;
    analyses.cancelAll();
    promotions.cancel();
    d.detected(by);
    d.log("rollout aborted (Argo marks it Degraded): " + reason);
    d.startRollback(reason);
    d.phase("abort: traffic back to the stable ReplicaSet", Phase.Kind.ROLLBACK);
    if (s.router()) {
      if (s.abortScaleDownDelay() > 0) {
        scope.after(s.abortScaleDownDelay(), () -> {
          abortScaleDownDue = true;
          requestSync();
        });
      } else {
        d.log("abortScaleDownDelaySeconds 0: the canary's pods are never scaled down");
      }
    }
    waitForPods();
  }

  // --- the controller ------------------------------------------------------------------------------

  @Override
  protected void reconcile() {
    if (s.router()) {
      reconcileRouted();
    } else {
      reconcileBasic();
    }
    if (waitingForPods && !promoting && !aborted && stepReached()) {
      d.log("step " + (stepIndex + 1) + " reached: " + desired(newRs) + " canary and " + desired(oldRs)
          + " stable pods available" + (s.router() ? ", canary weight " + appliedWeight : ""));
      advance();
    }
  }

  private CanaryReplicas.Counts targets() {
    if (!s.router()) {
      int w = aborted ? 0 : weight;
      return CanaryReplicas.basic(replicas, w, maxSurge() > 0);
    }
    if (aborted) {
      int canary = abortScaleDownDue ? 0 : desired(newRs);
      return new CanaryReplicas.Counts(canary, replicas);
    }
    if (promoting) {
      int stable = stableScaleDownDue ? 0 : s.dynamicStableScale()
          ? CanaryReplicas.podsFor(100 - appliedWeight, replicas) : replicas;
      return new CanaryReplicas.Counts(replicas, stable);
    }
    // setCanaryScale's weight is a share of the current replicas
    Integer scale = canaryScale == null ? null : canaryScale.pods(replicas);
    return CanaryReplicas.routed(replicas, weight, scale, s.dynamicStableScale(), 100 - appliedWeight);
  }

  /** Without a router: toward the targets within replicas + maxSurge pods and replicas - maxUnavailable available. */
  private void reconcileBasic() {
    CanaryReplicas.Counts t = targets();
    int maxTotal = replicas + maxSurge();
    int room = maxTotal - desired(newRs) - desired(oldRs);
    if (room > 0 && desired(newRs) < t.canary()) {
      int n = Math.min(t.canary(), desired(newRs) + room);
      room -= n - desired(newRs);
      scaleUp(newRs, n, "canary toward " + t.canary() + " of " + t.total());
    }
    if (room > 0 && desired(oldRs) < t.stable()) {
      scaleUp(oldRs, Math.min(t.stable(), desired(oldRs) + room), "stable toward " + t.stable());
    }
    int minAvailable = replicas - maxUnavailable();
    int budget = available(newRs) + available(oldRs) - minAvailable;
    budget = shrink(newRs, t.canary(), budget, minAvailable);
    shrink(oldRs, t.stable(), budget, minAvailable);
  }

  /**
   * Scales a ReplicaSet down toward its target: its pods that are not available first (they cost
   * no availability), then as many available ones as the budget allows. Returns what is left of it.
   */
  private int shrink(AutoScalingGroup rs, int target, int budget, int minAvailable) {
    int excess = desired(rs) - target;
    if (excess <= 0) {
      return budget;
    }
    int notAvailable = Math.max(0, desired(rs) - available(rs));
    int free = Math.min(excess, notAvailable);
    scaleDown(rs, free, "pods that are not available first");
    excess -= free;
    int n = Math.min(excess, Math.max(0, budget));
    if (n > 0) {
      scaleDown(rs, n, "toward " + target + "; at least " + minAvailable + " available must stay");
    }
    return budget - n;
  }

  /** With a router: ReplicaSets straight to their targets; the weight moves once the pods are there. */
  private void reconcileRouted() {
    CanaryReplicas.Counts t = targets();
    if (desired(newRs) < t.canary()) {
      scaleUp(newRs, t.canary(), "canary pods for the step");
    } else if (desired(newRs) > t.canary()) {
      scaleDown(newRs, desired(newRs) - t.canary(), aborted ? "abortScaleDownDelaySeconds passed" : "canary scale");
    }
    if (desired(oldRs) < t.stable()) {
      scaleUp(oldRs, t.stable(), "stable pods for the weight");
    } else if (desired(oldRs) > t.stable()) {
      scaleDown(oldRs, desired(oldRs) - t.stable(), promoting && stableScaleDownDue
          ? "scaleDownDelaySeconds passed after the promotion" : "dynamicStableScale");
    }
    int target = aborted ? 0 : weight;
    if (appliedWeight != target) {
      boolean canaryReady = target == 0 || available(newRs) >= desired(newRs);
      boolean stableReady = available(oldRs) >= CanaryReplicas.podsFor(100 - target, replicas);
      if (canaryReady && stableReady) {
        setListener(target);
        if (promoting && target == 100) {
          d.phase("promoted: old ReplicaSet kept for scaleDownDelaySeconds (" + s.scaleDownDelay() + "s)",
              Phase.Kind.CLEANUP);
          scope.after(s.scaleDownDelay(), () -> {
            stableScaleDownDue = true;
            requestSync();
          });
        }
      }
    }
  }

  private void setListener(int canaryWeight) {
    Map<TargetGroup, Integer> w = new LinkedHashMap<>();
    w.put(endpoints, 100 - canaryWeight);
    w.put(canaryTg, canaryWeight);
    lb.setWeights(w);
    appliedWeight = canaryWeight;
    d.log("canary weight " + canaryWeight + " on the listener");
    // the ReplicaSets' targets may depend on the weight now on the listener (dynamicStableScale)
    requestSync();
  }

  /** Whether the current setWeight / setCanaryScale step has its pods (and weight). */
  private boolean stepReached() {
    CanaryReplicas.Counts t = targets();
    boolean pods = desired(newRs) == t.canary() && available(newRs) >= t.canary()
        && desired(oldRs) == t.stable() && available(oldRs) >= t.stable();
    return pods && (!s.router() || appliedWeight == weight);
  }

  @Override
  protected boolean isComplete() {
    if (aborted) {
      boolean trafficBack = s.router() ? appliedWeight == 0 : active(newRs) == 0 && desired(newRs) == 0;
      boolean canaryGone = !s.router() || s.abortScaleDownDelay() == 0 || active(newRs) == 0;
      return trafficBack && canaryGone && available(oldRs) >= replicas;
    }
    return promoting && (!s.router() || appliedWeight == 100) && super.isComplete();
  }

  @Override
  protected void finish() {
    promotions.cancel();
    if (d.isFinished()) {
      analyses.cancelAll();
      return;
    }
    if (aborted) {
      d.log("abort complete: the stable ReplicaSet serves every request" + (s.router() && s.abortScaleDownDelay() == 0
          ? " (the canary's pods stay, abortScaleDownDelaySeconds 0)" : ", the canary has no pods"));
      d.rolledBack();
      return;
    }
    analyses.terminateBackground("the rollout completed");
    d.log("rollout complete: the canary is the new stable, " + replicas + " pods of " + d.toVersion());
    d.succeeded();
  }

  @Override
  protected boolean deadlineApplies() {
    return waitingForPods || promoting || aborted;
  }
}
