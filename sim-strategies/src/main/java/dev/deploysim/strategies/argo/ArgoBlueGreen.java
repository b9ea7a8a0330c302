package dev.deploysim.strategies.argo;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.analysis.AnalysisFormat;
import dev.deploysim.strategies.analysis.MetricSpec;
import dev.deploysim.strategies.k8s.AutoscaledWorkloadType;
import dev.deploysim.strategies.k8s.KubernetesParams;
import dev.deploysim.strategies.k8s.PodRules;
import dev.deploysim.strategy.Strategy;
import java.util.List;

/**
 * Argo Rollouts' blue-green strategy (spec.strategy.blueGreen) on the Kubernetes pod model: an
 * active and a preview Service, pre- and post-promotion analysis, auto-promotion and the old
 * ReplicaSet's scale-down delay. See {@link BlueGreenRollout} and docs/platforms/
 * progressive-delivery.md.
 */
public final class ArgoBlueGreen extends AutoscaledWorkloadType {

  static final ParamSpec PREVIEW_REPLICA_COUNT = ParamSpec.optional("previewReplicaCount",
      new ParamType.IntegerType(1, 100_000), null, null,
      "pods of the new ReplicaSet before the promotion (default: all replicas); it is scaled to all replicas "
          + "before the active Service switches");

  static final ParamSpec AUTO_PROMOTION_ENABLED = ParamSpec.optional("autoPromotionEnabled",
      new ParamType.BooleanType(), true, null,
      "promote as soon as the preview is ready and its prePromotionAnalysis passed (default true); false: wait "
          + "for a promotion (promoteAt)");

  static final ParamSpec AUTO_PROMOTION_SECONDS = ParamSpec.optional("autoPromotionSeconds",
      new ParamType.IntegerType(0, 30 * 24 * 3600), null, null,
      "promote this many seconds after the rollout paused before the promotion (no default; ignored when "
          + "autoPromotionEnabled is false)");

  static final ParamSpec PRE_PROMOTION = ParamSpec.optional("prePromotionAnalysis", AnalysisFormat.ANALYSIS, null,
      null, "an analysis of the preview before the switch, {metrics: [...]}: Failed or Error aborts (the preview "
          + "gets no production requests: measure it with previewRps)");

  static final ParamSpec POST_PROMOTION = ParamSpec.optional("postPromotionAnalysis", AnalysisFormat.ANALYSIS, null,
      null, "an analysis after the switch, {metrics: [...]}: Failed or Error aborts and switches the active Service "
          + "back to the old pods");

  static final ParamSpec PREVIEW_RPS = ParamSpec.optional("previewRps", new ParamType.NumberType(0, 1e6), 0.0, null,
      "requests per second of smoke tests sent to the preview Service until the promotion (an assumption: 0, "
          + "production traffic never reaches the preview); they count in the new version's measurements only");

  static final ParamSpec SCALE_DOWN_DELAY = ParamSpec.optional("scaleDownDelaySeconds",
      new ParamType.IntegerType(0, 30 * 24 * 3600), 30, null,
      "seconds the old ReplicaSet keeps its pods after the switch (default 30): a rollback meanwhile is instant. "
          + "Given explicitly, a postPromotionAnalysis still running then is cancelled; not given, the old pods "
          + "wait for that analysis, at least 30 s");

  public ArgoBlueGreen() {
    super(new StrategyDescription("argo.blue-green",
        "Argo Rollouts blue-green (active and preview Services, pre- and post-promotion analysis)",
        "a full preview ReplicaSet beside the active one; after prePromotionAnalysis and an optional pause the active "
            + "Service switches to it at once; the old pods stay scaleDownDelaySeconds (30) for an instant switch back "
            + "when postPromotionAnalysis fails (ROLLED_BACK)",
        KubernetesParams.withPodTemplate(PREVIEW_REPLICA_COUNT, AUTO_PROMOTION_ENABLED, AUTO_PROMOTION_SECONDS, PRE_PROMOTION,
            POST_PROMOTION, PREVIEW_RPS, SCALE_DOWN_DELAY, ArgoFormat.ABORT_SCALE_DOWN_DELAY, ArgoFormat.PROMOTE_AT,
            KubernetesParams.PROGRESS_DEADLINE_SECONDS, ArgoFormat.PROGRESS_DEADLINE_ABORT,
            KubernetesParams.MIN_READY_SECONDS),
        RollbackPolicy.alwaysReverts("a Failed or Error pre- or post-promotion analysis aborts: the active Service "
            + "stays on, or switches back to, the old pods (ROLLED_BACK); a rollout without progress for "
            + "progressDeadlineSeconds is Degraded and stays where it is (FAILED) unless progressDeadlineAbort",
            "Argo Rollouts always aborts a rollout whose analysis fails (the active Service back to the old pods); to "
                + "let a metric's failures pass, give it dryRun: true or failureLimit: -1; remove onFailure")
            .withoutAlarmRollback(ArgoCanary.ALARMS)));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    PodRules.validate(params, scenario, problems);
    AnalysisFormat.validate(params.object("prePromotionAnalysis"), ArgoFormat.PATH + "prePromotionAnalysis",
        scenario.modelsLatency(), problems);
    AnalysisFormat.validate(params.object("postPromotionAnalysis"), ArgoFormat.PATH + "postPromotionAnalysis",
        scenario.modelsLatency(), problems);
    if (scenario.fleet() != null && params.has("previewReplicaCount")
        && params.integer("previewReplicaCount") > scenario.fleet().instances()) {
      problems.add(ArgoFormat.PATH + "previewReplicaCount", "more than the " + scenario.fleet().instances()
          + " replicas (fleet.instances)", "at most " + scenario.fleet().instances());
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    KubernetesParams.Settings pods = KubernetesParams.Settings.of(params);
    List<MetricSpec> pre = params.optional("prePromotionAnalysis", StrategyParams.class).map(AnalysisFormat::metrics)
        .orElse(List.of());
    List<MetricSpec> post = params.optional("postPromotionAnalysis", StrategyParams.class).map(AnalysisFormat::metrics)
        .orElse(List.of());
    BlueGreenRollout.Settings s = new BlueGreenRollout.Settings(params.integer("previewReplicaCount"),
        params.bool("autoPromotionEnabled"), params.integer("autoPromotionSeconds"),
        params.integer("scaleDownDelaySeconds"), params.isExplicit("scaleDownDelaySeconds"),
        params.integer("abortScaleDownDelaySeconds"), params.bool("progressDeadlineAbort"), pre, post,
        params.number("previewRps"), ArgoFormat.promotions(params));
    return d -> new BlueGreenRollout(d, pods, s).start();
  }
}
