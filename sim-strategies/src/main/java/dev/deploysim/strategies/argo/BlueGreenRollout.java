package dev.deploysim.strategies.argo;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.result.Phase;
import dev.deploysim.strategies.analysis.AnalysisPhase;
import dev.deploysim.strategies.analysis.AnalysisRun;
import dev.deploysim.strategies.analysis.MetricSpec;
import dev.deploysim.strategies.analysis.TestTraffic;
import dev.deploysim.strategies.k8s.KubernetesParams;
import dev.deploysim.strategy.Deployment;
import java.util.ArrayList;
import java.util.List;

/**
 * One Argo Rollouts blue-green rollout on the pod model (docs/platforms/progressive-delivery.md).
 *
 * <p>The scenario's group is the active ReplicaSet behind the active Service (the load balancer's
 * target group); a new ReplicaSet of previewReplicaCount pods (all replicas by default) sits behind
 * the preview Service, which gets no production requests (only previewRps of tests, when given).
 * Once every preview pod is available the prePromotionAnalysis runs; then the rollout pauses when
 * autoPromotionEnabled is false (until promoted) or autoPromotionSeconds is set (that long). To
 * promote, the new ReplicaSet is scaled to all replicas, then the active Service switches to it at
 * once and the postPromotionAnalysis starts. The old ReplicaSet keeps its pods for
 * scaleDownDelaySeconds (30); without an explicit delay and with a post-promotion analysis, until
 * that analysis completes, at least 30 s. A Failed or Error analysis aborts: the active Service
 * switches back to the old pods (if it had moved) and the new ReplicaSet is scaled down after
 * abortScaleDownDelaySeconds (ROLLED_BACK).
 */
final class BlueGreenRollout extends ArgoRollout {

  record Settings(Integer previewReplicaCount, boolean autoPromotionEnabled, Integer autoPromotionSeconds,
      int scaleDownDelay, boolean scaleDownDelayGiven, int abortScaleDownDelay, boolean progressDeadlineAbort,
      List<MetricSpec> prePromotion, List<MetricSpec> postPromotion, double previewRps, List<Double> promoteAt) {}

  private enum Stage {
    PREVIEW,
    PRE_ANALYSIS,
    PAUSED,
    SCALING,
    PROMOTED,
    DONE
  }

  private final Settings s;
  private TargetGroup previewTg;
  private Stage stage = Stage.PREVIEW;
  private boolean switched;
  private boolean oldScaleDownDue;
  private boolean abortScaleDownDue;
  private double promotedAt = Double.NaN;
  private AnalysisRun post;

  BlueGreenRollout(Deployment d, KubernetesParams.Settings pods, Settings s) {
    super(d, pods, s.progressDeadlineAbort());
    this.s = s;
  }

  @Override
  protected int newRsMaxSize() {
    return replicas;
  }

  @Override
  protected String strategyName() {
    return "blue-green";
  }

  /** The ReplicaSet the active Service selects. */
  @Override
  protected AutoScalingGroup servingReplicaSet() {
    return switched ? newRs : oldRs;
  }

  /** The preview's pods: previewReplicaCount, all replicas when not given or when more. */
  private int previewCount() {
    return s.previewReplicaCount() == null ? replicas : Math.min(replicas, s.previewReplicaCount());
  }

  /** The new ReplicaSet's pods: the preview's until the promotion starts, then all replicas. */
  private int newTarget() {
    return stage == Stage.PREVIEW || stage == Stage.PRE_ANALYSIS || stage == Stage.PAUSED ? previewCount() : replicas;
  }

  @Override
  protected void begin() {
    // pods the stable ReplicaSet creates from now on (scaled back up, or replacing failed ones) are
    // pods like the others: they start in podStartTime
    oldRs.setLaunchTime(settings.podStart());
    int newDesired = previewCount();
    previewTg = world.createTargetGroup("preview-tg");
    addService(previewTg);
    d.log("Argo Rollouts blue-green, " + replicas + " replicas: the active Service is " + endpoints.name()
        + " (the old pods), the preview Service " + previewTg.name() + " (" + newDesired + " new pods"
        + (s.previewRps() > 0 ? ", tested at " + s.previewRps() + " requests/s" : ", no production requests") + ")");
    List<MetricSpec> all = new ArrayList<>(s.prePromotion());
    all.addAll(s.postPromotion());
    double errorRate = world.scenario().version(d.toVersion()).errorRate();
    analyses.prepare(all, s.previewRps() > 0 ? new TestTraffic(s.previewRps(), errorRate,
        () -> !switched && !aborted && newRs != null && ready(newRs) > 0) : null);
    promotions.schedule(s.promoteAt());
    d.phase("preview: " + newDesired + " new pods", Phase.Kind.DEPLOY);
    newRs = createReplicaSet("rs-" + d.toVersion(), d.toVersion(), previewTg, newDesired, replicas);
  }

  // --- stages ------------------------------------------------------------------------------------

  private void previewReady() {
    if (!s.prePromotion().isEmpty()) {
      stage = Stage.PRE_ANALYSIS;
      d.phase("prePromotionAnalysis", Phase.Kind.WAIT);
      analyses.startInline(s.prePromotion(), "prePromotionAnalysis");
      return;
    }
    pauseBeforePromotion();
  }

  private void pauseBeforePromotion() {
    if (!s.autoPromotionEnabled()) {
      stage = Stage.PAUSED;
      d.phase("paused: autoPromotionEnabled false", Phase.Kind.WAIT);
      promotions.pause("autoPromotionEnabled false");
    } else if (s.autoPromotionSeconds() != null && s.autoPromotionSeconds() > 0) {
      stage = Stage.PAUSED;
      d.phase("paused: autoPromotionSeconds " + s.autoPromotionSeconds(), Phase.Kind.WAIT);
      promotions.timedPause(s.autoPromotionSeconds());
    } else {
      startPromotion();
    }
  }

  @Override
  protected void resume() {
    if (aborted || d.isFinished()) {
      return;
    }
    if (stage == Stage.PRE_ANALYSIS) {
      // promoted after an Inconclusive prePromotionAnalysis
      pauseBeforePromotion();
    } else if (stage == Stage.PAUSED) {
      startPromotion();
    }
  }

  private void startPromotion() {
    boolean grows = previewCount() < replicas;
    stage = Stage.SCALING;
    if (grows) {
      d.phase("promote: new ReplicaSet to " + replicas + " pods", Phase.Kind.DEPLOY);
    }
    progress();
    requestSync();
  }

  private void switchActive() {
    stage = Stage.PROMOTED;
    switched = true;
    promotedAt = world.now();
    d.environment().loadBalancer().forward(previewTg);
    d.phase("promoted: the active Service selects the new pods", Phase.Kind.SHIFT);
    d.log("the active Service now selects the new ReplicaSet: every request goes to " + d.toVersion());
    if (!s.postPromotion().isEmpty()) {
      post = analyses.startInline(s.postPromotion(), "postPromotionAnalysis");
    }
    if (s.postPromotion().isEmpty() || s.scaleDownDelayGiven()) {
      scope.after(s.scaleDownDelay(), () -> {
        if (post != null && !post.isDone()) {
          d.log("scaleDownDelaySeconds passed: the postPromotionAnalysis is cancelled and the old pods go");
          analyses.terminateQuietly(post, "scaleDownDelaySeconds passed");
        }
        scaleDownOld();
      });
    }
  }

  private void scaleDownOld() {
    if (aborted || d.isFinished()) {
      return;
    }
    oldScaleDownDue = true;
    d.phase("old ReplicaSet scaled down", Phase.Kind.CLEANUP);
    requestSync();
  }

  @Override
  protected void analysisDone(AnalysisRun run) {
    if (aborted || d.isFinished()) {
      return;
    }
    AnalysisPhase p = run.phase();
    if (p.aborts()) {
      abort(run.name() + " " + p.label() + ": " + run.message(), "analysis " + run.name());
    } else if (p == AnalysisPhase.INCONCLUSIVE && stage == Stage.PRE_ANALYSIS) {
      promotions.pause(run.name() + " Inconclusive");
    } else if (stage == Stage.PRE_ANALYSIS) {
      pauseBeforePromotion();
    } else if (run == post && !s.scaleDownDelayGiven()) {
      // without an explicit delay the old pods wait for the analysis, at least 30 seconds
      double wait = Math.max(0, promotedAt + 30 - world.now());
      scope.after(wait, this::scaleDownOld);
    }
  }

  @Override
  protected void abort(String reason, String by) {
    aborted = true;
    // the smoke tests stop now: the measurements see the change
    world.changed();
    analyses.cancelAll();
    promotions.cancel();
    d.detected(by);
    d.log("rollout aborted (Degraded): " + reason);
    d.startRollback(reason);
    d.phase("abort" + (switched ? ": the active Service back to the old pods" : ": preview scaled down"),
        Phase.Kind.ROLLBACK);
    if (switched) {
      d.environment().loadBalancer().forward(endpoints);
      switched = false;
    }
    if (s.abortScaleDownDelay() > 0) {
      scope.after(s.abortScaleDownDelay(), () -> {
        abortScaleDownDue = true;
        requestSync();
      });
    } else {
      d.log("abortScaleDownDelaySeconds 0: the new pods are never scaled down");
    }
    progress();
    requestSync();
  }

  // --- the controller ------------------------------------------------------------------------------

  @Override
  protected void reconcile() {
    int target = aborted ? (abortScaleDownDue ? 0 : desired(newRs)) : newTarget();
    if (desired(newRs) < target) {
      scaleUp(newRs, target, "the new ReplicaSet for " + (stage == Stage.SCALING ? "promotion" : "preview"));
    } else if (desired(newRs) > target) {
      scaleDown(newRs, desired(newRs) - target, "abortScaleDownDelaySeconds passed");
    }
    if (oldScaleDownDue && !aborted && desired(oldRs) > 0) {
      scaleDown(oldRs, desired(oldRs), "scaleDownDelaySeconds after the promotion");
    }
    if (!switched && !oldScaleDownDue && desired(oldRs) != replicas) {
      // the active ReplicaSet has the Rollout's replicas (they change with a HorizontalPodAutoscaler)
      resize(oldRs, replicas, "the active ReplicaSet has the Rollout's replicas");
    }
    if (aborted) {
      return;
    }
    if (stage == Stage.PREVIEW && available(newRs) >= previewCount() && desired(newRs) == previewCount()) {
      d.log("preview ready: " + previewCount() + " new pods available");
      stage = Stage.PRE_ANALYSIS;
      scope.after(0, this::previewReady);
    } else if (stage == Stage.SCALING && available(newRs) >= replicas) {
      switchActive();
    }
  }

  @Override
  protected boolean isComplete() {
    if (aborted) {
      return !switched && (s.abortScaleDownDelay() == 0 || active(newRs) == 0) && available(oldRs) >= replicas;
    }
    return stage == Stage.PROMOTED && (post == null || post.isDone()) && super.isComplete();
  }

  @Override
  protected void finish() {
    promotions.cancel();
    analyses.cancelAll();
    if (d.isFinished()) {
      return;
    }
    stage = Stage.DONE;
    if (aborted) {
      d.log("abort complete: the old pods serve every request");
      d.rolledBack();
      return;
    }
    d.log("rollout complete: " + replicas + " pods of " + d.toVersion() + " active, the old ReplicaSet scaled down");
    d.succeeded();
  }

  @Override
  protected boolean deadlineApplies() {
    return stage == Stage.PREVIEW || stage == Stage.SCALING || aborted;
  }
}
