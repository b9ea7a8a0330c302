package dev.deploysim.strategies.k8s;

import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * A Kubernetes Deployment with strategy RollingUpdate (kubernetes/api apps/v1, the deployment
 * controller's rolling.go): the new ReplicaSet is scaled up while total pods stay within replicas
 * + maxSurge (a percentage rounds up), and the old one down while available pods stay at least
 * replicas - maxUnavailable (a percentage rounds down; if both come to 0, maxUnavailable is 1). Each
 * pass first scales up if it can, else scales down: old pods that are not available go first, then
 * as many available ones as the minimum allows. A version whose pods never get ready stalls at the
 * limits (replicas - maxUnavailable old pods serving, the surge pods not ready) until the progress
 * deadline: FAILED, nothing rolled back.
 */
public final class K8sRollingUpdate extends KubernetesType {
  static final ParamSpec MAX_SURGE = ParamSpec.optional("maxSurge", new ParamType.CountOrPercentType(0, 0, 1000),
      CountOrPercent.percent(25), null,
      "pods above replicas while the rollout runs: a count or a percentage of replicas, rounded up (Kubernetes "
          + "default 25%); not 0 together with maxUnavailable");

  static final ParamSpec MAX_UNAVAILABLE = ParamSpec.optional("maxUnavailable",
      new ParamType.CountOrPercentType(0, 0, 100), CountOrPercent.percent(25), null,
      "pods below replicas that may be unavailable while the rollout runs: a count or a percentage of replicas, "
          + "rounded down (Kubernetes default 25%); not 0 together with maxSurge");

  public K8sRollingUpdate() {
    super(new StrategyDescription("k8s.rolling-update",
        "Kubernetes Deployment, strategy RollingUpdate",
        "a new ReplicaSet grows and the old one shrinks, within replicas + maxSurge pods and at least replicas - "
            + "maxUnavailable available; a version that never gets ready stalls until progressDeadlineSeconds (FAILED, "
            + "old pods still serving, no rollback)",
        KubernetesParams.withPodTemplate(MAX_SURGE, MAX_UNAVAILABLE, KubernetesParams.MIN_READY_SECONDS,
            KubernetesParams.PROGRESS_DEADLINE_SECONDS),
        ROLLBACK));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    super.validate(params, scenario, problems);
    CountOrPercent surge = params.countOrPercent("maxSurge");
    CountOrPercent unavailable = params.countOrPercent("maxUnavailable");
    for (String key : List.of("maxSurge", "maxUnavailable")) {
      CountOrPercent c = key.equals("maxSurge") ? surge : unavailable;
      if (!c.percent() && c.value() != Math.rint(c.value())) {
        problems.add(KubernetesParams.PATH + key, "a count of pods must be a whole number, got " + c);
      }
    }
    if (surge.value() == 0 && unavailable.value() == 0) {
      problems.add(KubernetesParams.PATH + (params.isExplicit("maxUnavailable") ? "maxUnavailable" : "maxSurge"),
          "maxSurge and maxUnavailable cannot both be 0: the rollout could neither add nor remove a pod",
          "e.g. maxSurge: 1 with maxUnavailable: 0");
    }
  }

  /**
   * maxSurge and maxUnavailable as pod counts for {@code replicas} (Kubernetes' ResolveFenceposts
   * and MaxUnavailable): surge rounds up, unavailable down; both 0 makes unavailable 1; unavailable
   * is at most replicas.
   */
  public static int[] resolve(CountOrPercent surge, CountOrPercent unavailable, int replicas) {
    int s = surge.ceilOf(replicas);
    int u = unavailable.floorOf(replicas);
    if (s == 0 && u == 0) {
      u = 1;
    }
    return new int[] {s, Math.min(u, replicas)};
  }

  @Override
  public Strategy create(StrategyParams params) {
    KubernetesParams.Settings settings = KubernetesParams.Settings.of(params);
    CountOrPercent surge = params.countOrPercent("maxSurge");
    CountOrPercent unavailable = params.countOrPercent("maxUnavailable");
    return d -> new Run(d, settings, surge, unavailable).start();
  }

  private static final class Run extends DeploymentController {
    private final CountOrPercent surge;
    private final CountOrPercent unavailable;
    private final String given;

    Run(Deployment d, KubernetesParams.Settings settings, CountOrPercent surge, CountOrPercent unavailable) {
      super(d, settings);
      this.surge = surge;
      this.unavailable = unavailable;
      this.given = "maxSurge " + surge + ", maxUnavailable " + unavailable;
    }

    /** maxSurge for the current replicas (a percentage follows the HorizontalPodAutoscaler). */
    @Override
    protected int maxSurge() {
      return resolve(surge, unavailable, replicas)[0];
    }

    private int maxUnavailable() {
      return resolve(surge, unavailable, replicas)[1];
    }

    @Override
    protected int newRsMaxSize() {
      return replicas;
    }

    @Override
    protected void begin() {
      d.phase("rolling update (" + given + ")", Phase.Kind.DEPLOY);
      d.log(replicas + " replicas, " + given + ": at most " + (replicas + maxSurge()) + " pods, at least "
          + (replicas - maxUnavailable()) + " available"
          + (settings.minReady() > 0 ? " (ready for " + settings.minReady() + "s)" : ""));
      createNewReplicaSet(0);
    }

    @Override
    protected void reconcile() {
      rollingStep(oldRs, newRs, maxSurge(), maxUnavailable());
    }
  }
}
