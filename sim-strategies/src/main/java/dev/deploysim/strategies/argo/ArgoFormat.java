package dev.deploysim.strategies.argo;

import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategies.analysis.AnalysisFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of the Argo Rollouts types, with Argo's names and defaults (docs/platforms/
 * progressive-delivery.md lists each with its source), and how the canary's steps are read.
 */
final class ArgoFormat {
  private ArgoFormat() {}

  static final String PATH = "deployment.strategy.";
  static final double MAX_SECONDS = AnalysisFormat.MAX_SECONDS;

  // --- canary steps --------------------------------------------------------------------------------

  static final ParamType.ObjectType SET_WEIGHT = new ParamType.ObjectType(List.of(
      ParamSpec.required("setWeight", new ParamType.IntegerType(0, 100), null,
          "the canary's share of the traffic in percent: without a traffic router approximated by pod counts, "
              + "with one set exactly once the canary's pods are available")));

  static final ParamType.ObjectType PAUSE = new ParamType.ObjectType(List.of(
      ParamSpec.required("pause", new ParamType.ObjectType(List.of(
          ParamSpec.optional("duration", new ParamType.DurationType(0, MAX_SECONDS, false), null, null,
              "how long to pause (a bare number is seconds); without it the rollout waits for a promotion "
                  + "(promoteAt)"))), null,
          "{duration: 5m} waits that long; {} waits until the rollout is promoted (promoteAt), or forever")));

  static final ParamType.ObjectType SET_CANARY_SCALE = new ParamType.ObjectType(List.of(
      ParamSpec.required("setCanaryScale", new ParamType.ObjectType(List.of(
          ParamSpec.optional("replicas", new ParamType.IntegerType(0, 100_000), null, null, "canary pods"),
          ParamSpec.optional("weight", new ParamType.IntegerType(0, 100), null, null,
              "canary pods as a percentage of the replicas, rounded up"),
          ParamSpec.optional("matchTrafficWeight", new ParamType.BooleanType(), null, null,
              "true: the canary's pods follow its weight again (the default)"))), null,
          "the canary's pods apart from its weight, {replicas}, {weight} or {matchTrafficWeight: true} (with a "
              + "traffic router only)")));

  static final ParamType.ObjectType ANALYSIS_STEP = new ParamType.ObjectType(List.of(
      ParamSpec.required("analysis", AnalysisFormat.ANALYSIS, null,
          "an analysis the rollout waits for: Successful continues, Failed or Error aborts, Inconclusive pauses "
              + "until promoted")));

  static final ParamType STEP = ParamType.OneOfType.of(SET_WEIGHT, PAUSE, SET_CANARY_SCALE, ANALYSIS_STEP);

  static final ParamSpec STEPS = ParamSpec.optional("steps", new ParamType.ListType(STEP, 0, 200), List.of(), null,
      "the canary's steps in order, each one of {setWeight: N}, {pause: {duration}}, {pause: {}}, "
          + "{setCanaryScale: {replicas | weight | matchTrafficWeight}}, {analysis: {metrics: [...]}}; after the "
          + "last step the canary is promoted to 100%. No steps: a rolling update within maxSurge and "
          + "maxUnavailable");

  static final ParamSpec BACKGROUND_ANALYSIS = ParamSpec.optional("analysis", AnalysisFormat.BACKGROUND, null, null,
      "a background analysis for the whole rollout, {metrics: [...], startingStep}: it starts at startingStep and "
          + "runs until the rollout completes; Failed or Error aborts, Inconclusive pauses");

  // --- rollout settings ----------------------------------------------------------------------------

  static final ParamSpec MAX_SURGE = ParamSpec.optional("maxSurge", new ParamType.CountOrPercentType(0, 0, 1000),
      CountOrPercent.percent(25), null,
      "pods above replicas while the canary's weight is approximated by pods (no traffic router), rounded up; "
          + "default 25% as Argo's canary docs say: UNVERIFIED runtime default (the spec's comment says 1, the "
          + "code's constant is \"25\"), so give it when it matters");

  static final ParamSpec MAX_UNAVAILABLE = ParamSpec.optional("maxUnavailable",
      new ParamType.CountOrPercentType(0, 0, 100), CountOrPercent.percent(25), null,
      "pods below replicas that may be unavailable (no traffic router), rounded down; default 25% as Argo's "
          + "canary docs say: UNVERIFIED runtime default, as for maxSurge");

  static final ParamSpec TRAFFIC_ROUTING = ParamSpec.optional("trafficRouting",
      new ParamType.EnumType(List.of("none", "alb")), "none", null,
      "none: one Service over all pods, the weight approximated by pod counts (Argo without trafficRouting); "
          + "alb: the canary and stable Services as two weighted target groups of the ALB listener, the weight "
          + "exact, moving once the canary's pods are available (trafficRouting.alb)");

  static final ParamSpec DYNAMIC_STABLE_SCALE = ParamSpec.optional("dynamicStableScale", new ParamType.BooleanType(),
      false, null,
      "with a traffic router, shrink the stable ReplicaSet as the canary's weight grows (default false: the "
          + "stable keeps all its pods)");

  static final ParamSpec SCALE_DOWN_DELAY = ParamSpec.optional("scaleDownDelaySeconds",
      new ParamType.IntegerType(0, 30 * 24 * 3600), 30, null,
      "seconds the old ReplicaSet keeps its pods after the traffic moved off it (default 30; a canary only "
          + "with a traffic router)");

  static final ParamSpec ABORT_SCALE_DOWN_DELAY = ParamSpec.optional("abortScaleDownDelaySeconds",
      new ParamType.IntegerType(0, 30 * 24 * 3600), 30, null,
      "seconds the new ReplicaSet keeps its pods after an abort moved the traffic off it (default 30; 0: never "
          + "scaled down; a canary only with a traffic router)");

  static final ParamSpec PROGRESS_DEADLINE_ABORT = ParamSpec.optional("progressDeadlineAbort",
      new ParamType.BooleanType(), false, null,
      "abort the rollout when progressDeadlineSeconds passes without progress (default false: the rollout is "
          + "Degraded and stays as it is, outcome FAILED)");

  static final ParamSpec PROMOTE_AT = ParamSpec.optional("promoteAt",
      ParamType.OneOfType.of(new ParamType.DurationType(0, MAX_SECONDS, false),
          new ParamType.ListType(new ParamType.DurationType(0, MAX_SECONDS, false), 1, 100)),
      null, null,
      "times of the scenario (like deployment.at) at which someone runs kubectl argo rollouts promote: each "
          + "ends the pause the rollout is in (pause {}, a timed pause, an Inconclusive analysis); without it a "
          + "pause {} waits forever");

  /** The promotion times of the parameters, in order. */
  static List<Double> promotions(StrategyParams p) {
    List<Double> out = new ArrayList<>();
    Object v = p.get("promoteAt");
    if (v instanceof Number n) {
      out.add(n.doubleValue());
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        out.add(((Number) o).doubleValue());
      }
    }
    out.sort(Double::compare);
    return out;
  }

  // --- reading steps -------------------------------------------------------------------------------

  static List<CanaryStep> steps(StrategyParams p) {
    List<CanaryStep> out = new ArrayList<>();
    List<Object> raw = p.list("steps");
    for (Object o : raw) {
      StrategyParams s = (StrategyParams) o;
      if (s.has("setWeight")) {
        out.add(new CanaryStep.SetWeight(s.integer("setWeight")));
      } else if (s.has("pause")) {
        out.add(new CanaryStep.Pause(s.object("pause").duration("duration")));
      } else if (s.has("setCanaryScale")) {
        StrategyParams c = s.object("setCanaryScale");
        out.add(new CanaryStep.SetCanaryScale(c.integer("replicas"), c.integer("weight"),
            Boolean.TRUE.equals(c.bool("matchTrafficWeight"))));
      } else {
        out.add(new CanaryStep.Analysis(AnalysisFormat.metrics(s.object("analysis"))));
      }
    }
    return out;
  }

  /** Rules of the steps beyond their types. */
  static void validateSteps(StrategyParams p, boolean router, boolean latency, Problems problems) {
    List<Object> raw = p.list("steps");
    for (int i = 0; i < raw.size(); i++) {
      if (!(raw.get(i) instanceof StrategyParams s)) {
        continue;
      }
      String at = PATH + "steps[" + i + "]";
      if (s.has("setCanaryScale")) {
        if (!router) {
          problems.add(at + ".setCanaryScale", "setCanaryScale needs a traffic router: without one the canary's "
              + "pods are its weight", "set trafficRouting: alb, or use setWeight");
        }
        StrategyParams c = s.object("setCanaryScale");
        int given = (c.has("replicas") ? 1 : 0) + (c.has("weight") ? 1 : 0) + (c.has("matchTrafficWeight") ? 1 : 0);
        if (given != 1) {
          problems.add(at + ".setCanaryScale", "give exactly one of replicas, weight and matchTrafficWeight",
              "e.g. setCanaryScale: {weight: 10}");
        } else if (c.has("matchTrafficWeight") && !c.bool("matchTrafficWeight")) {
          problems.add(at + ".setCanaryScale.matchTrafficWeight", "only true has a meaning here",
              "matchTrafficWeight: true, or replicas / weight");
        }
      }
      if (s.has("analysis")) {
        AnalysisFormat.validate(s.object("analysis"), at + ".analysis", latency, problems);
      }
    }
    if (p.has("analysis")) {
      StrategyParams bg = p.object("analysis");
      AnalysisFormat.validate(bg, PATH + "analysis", latency, problems);
      if (bg.has("startingStep") && bg.integer("startingStep") > raw.size()) {
        problems.add(PATH + "analysis.startingStep", "there are only " + raw.size() + " steps",
            "a step index from 0 to " + raw.size());
      }
    }
  }
}
