package dev.deploysim.strategies.k8s;

import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * A Kubernetes Deployment with strategy Recreate (the deployment controller's recreate.go): the old
 * ReplicaSet is scaled to 0, so every old pod is killed, and only when all of them are gone (each
 * has had up to terminationGracePeriodSeconds to stop) is the new ReplicaSet created and scaled to
 * replicas. Nothing serves in between: downtime by design, from the first old pod leaving the
 * endpoints to the first new pod passing its readiness probe. A version whose pods never get ready
 * leaves the service down until someone acts; the rollout is marked failed at the progress
 * deadline (FAILED, no rollback).
 */
public final class K8sRecreate extends KubernetesType {

  public K8sRecreate() {
    super(new StrategyDescription("k8s.recreate",
        "Kubernetes Deployment, strategy Recreate",
        "kill all old pods, wait until they are gone, then start all new ones: downtime from the first old pod leaving "
            + "to the first new pod ready; a version that never gets ready stays down (FAILED at "
            + "progressDeadlineSeconds, no rollback)",
        KubernetesParams.withPodTemplate(KubernetesParams.MIN_READY_SECONDS, KubernetesParams.PROGRESS_DEADLINE_SECONDS),
        ROLLBACK));
  }

  @Override
  public Strategy create(StrategyParams params) {
    KubernetesParams.Settings settings = KubernetesParams.Settings.of(params);
    return d -> new Run(d, settings).start();
  }

  private static final class Run extends DeploymentController {
    Run(Deployment d, KubernetesParams.Settings settings) {
      super(d, settings);
    }

    @Override
    protected int newRsMaxSize() {
      return replicas;
    }

    @Override
    protected void begin() {
      d.phase("kill all old pods", Phase.Kind.CLEANUP);
      scaleDownOld(desired(oldRs), "Recreate: all old pods go before any new one is created");
    }

    @Override
    protected void reconcile() {
      if (newRs != null) {
        return;
      }
      // do not start a new pod while an old one is still running (recreate.go oldPodsRunning)
      if (!oldRs.members().isEmpty()) {
        return;
      }
      d.phase("start all new pods", Phase.Kind.DEPLOY);
      d.log("all old pods are gone");
      createNewReplicaSet(replicas);
    }
  }
}
