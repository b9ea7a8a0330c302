package dev.deploysim.strategies.argo;

import dev.deploysim.strategies.analysis.AnalysisRun;
import dev.deploysim.strategies.k8s.DeploymentController;
import dev.deploysim.strategies.k8s.KubernetesParams;
import dev.deploysim.strategy.Deployment;

/**
 * What both Argo Rollouts strategies share: their pauses and promotions, their analysis runs, and
 * what a rollout without progress does (progressDeadlineSeconds): abort with progressDeadlineAbort,
 * else Degraded and left as it is (FAILED).
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
