package dev.deploysim.strategies.argo;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Autoscaler;
import dev.deploysim.strategies.analysis.AnalysisRun;
import dev.deploysim.strategies.k8s.DeploymentController;
import dev.deploysim.strategies.k8s.KubernetesParams;
import dev.deploysim.strategy.Deployment;

/**
 * What both Argo Rollouts strategies share: their pauses and promotions, their analysis runs, and
 * what a rollout without progress does (progressDeadlineSeconds): abort with progressDeadlineAbort,
 * else Degraded and left as it is (FAILED).
 *
 * <p>A Rollout exposes the /scale subresource, so a HorizontalPodAutoscaler sets its spec.replicas
 * and the strategy splits them over its ReplicaSets
 * (https://argo-rollouts.readthedocs.io/en/stable/features/hpa-support/): each pass of the
 * controller works its replica counts out from the current replicas. Once the rollout is over, a
 * change goes to the ReplicaSet that serves ({@link #servingReplicaSet}).
 */
abstract class ArgoRollout extends DeploymentController {
  protected final Promotions promotions;
  protected final Analyses analyses;
  private final boolean progressDeadlineAbort;
  protected boolean aborted;

  protected ArgoRollout(Deployment d, KubernetesParams.Settings pods, boolean progressDeadlineAbort) {
    super(d, pods);
    this.progressDeadlineAbort = progressDeadlineAbort;
    this.promotions = new Promotions(d, this::resume);
    this.analyses = new Analyses(d, this::analysisDone);
  }

  /** What the strategy is called in events.log ("canary", "blue-green"). */
  protected abstract String strategyName();

  /** The ReplicaSet that has the Rollout's replicas once the controller stopped. */
  protected abstract AutoScalingGroup servingReplicaSet();

  @Override
  protected final void takeOver(Autoscaler hpa) {
    hpa.retarget(new WorkloadScale("Rollout", this::replicaSets));
    d.log("the HorizontalPodAutoscaler now sets the Rollout's replicas (its /scale subresource); the "
        + strategyName() + " splits them over its ReplicaSets");
  }

  /**
   * The autoscaler changed spec.replicas: the controller's next pass splits them (the autoscaler
   * asks for it); after the rollout, the serving ReplicaSet gets them.
   */
  @Override
  protected final void scaled(int before) {
    if (isStopped()) {
      resize(servingReplicaSet(), replicas, "the Rollout's replicas " + before + " -> " + replicas);
    }
  }

  /** A pause ended (a timer, or a promotion). */
  protected abstract void resume();

  /** An analysis run the rollout listens to completed. */
  protected abstract void analysisDone(AnalysisRun run);

  /** Aborts the rollout: {@code by} is what detected the problem. */
  protected abstract void abort(String reason, String by);

  @Override
  protected final void deadlineExceeded(String why) {
    if (progressDeadlineAbort && !aborted) {
      abort(why + " (progressDeadlineAbort)", "progress deadline");
      return;
    }
    d.detected("progress deadline");
    d.log("the rollout is Degraded (" + why + "); " + (aborted ? "the abort did not finish"
        : "Argo does not abort it (progressDeadlineAbort false): the ReplicaSets stay as they are"));
    analyses.cancelAll();
    promotions.cancel();
    stopController();
    d.failed(why);
  }
}
