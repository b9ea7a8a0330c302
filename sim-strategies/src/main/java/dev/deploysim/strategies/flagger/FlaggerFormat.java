package dev.deploysim.strategies.flagger;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategies.analysis.AnalysisFormat;
import java.util.ArrayList;
import java.util.List;

/** How Flagger's Canary spec.analysis is written in a scenario, with Flagger's names and defaults. */
final class FlaggerFormat {
  private FlaggerFormat() {}

  static final String PATH = "deployment.strategy.analysis";
  /** Flagger's default analysis interval and metric interval, and the shortest interval it accepts. */
  static final double DEFAULT_INTERVAL = 60;
  static final double MIN_INTERVAL = 10;

  static final ParamType.ObjectType RANGE = new ParamType.ObjectType(List.of(
      ParamSpec.optional("min", new ParamType.NumberType(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), null,
          null, "the check fails below it"),
      ParamSpec.optional("max", new ParamType.NumberType(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), null,
          null, "the check fails above it")));

  static final ParamType.ObjectType METRIC = new ParamType.ObjectType(List.of(
      ParamSpec.required("name", new ParamType.EnumType(List.of(FlaggerMetric.SUCCESS_RATE, FlaggerMetric.DURATION)),
          null, "request-success-rate (percent of requests not failed) or request-duration (99th percentile, "
              + "milliseconds; needs the latency model)"),
      ParamSpec.required("thresholdRange", RANGE, null, "{min, max}: e.g. request-success-rate {min: 99}, "
          + "request-duration {max: 500}"),
      ParamSpec.optional("interval", new ParamType.DurationType(1, AnalysisFormat.MAX_SECONDS, false),
          DEFAULT_INTERVAL, null, "the query's window over the canary's requests (Flagger default 1m)")));

  static final ParamType.ObjectType ANALYSIS = new ParamType.ObjectType(List.of(
      ParamSpec.optional("interval", new ParamType.DurationType(1, AnalysisFormat.MAX_SECONDS, false),
          DEFAULT_INTERVAL, null, "time between analysis iterations (Flagger default 1m; below 10s Flagger uses 10s)"),
      ParamSpec.optional("threshold", new ParamType.IntegerType(0, 100_000), 1, null,
          "failed checks, counted over the whole analysis, at which the canary is rolled back (Flagger default 1; "
              + "0 counts as 1)"),
      ParamSpec.optional("maxWeight", new ParamType.IntegerType(1, 100), 100, null,
          "the canary's weight at which it is promoted (default 100); stepWeight may overshoot it"),
      ParamSpec.optional("stepWeight", new ParamType.IntegerType(1, 100), null, null,
          "weight added to the canary after each passing iteration (no default)"),
      ParamSpec.optional("stepWeights", new ParamType.ListType(new ParamType.IntegerType(1, 100), 1, 100), null,
          null, "the canary's weights in order instead of stepWeight, e.g. [1, 2, 10, 80]; the last is maxWeight"),
      ParamSpec.optional("iterations", new ParamType.IntegerType(1, 100_000), null, null,
          "blue/green: this many passing iterations with the canary tested but given no production requests, "
              + "then all traffic to it and the promotion (instead of step weights)"),
      ParamSpec.optional("metrics", new ParamType.ListType(METRIC, 0, 20), List.of(), null,
          "the checks of each iteration, each {name, thresholdRange: {min, max}, interval}")));

  static final ParamSpec ANALYSIS_PARAM = ParamSpec.required("analysis", ANALYSIS, null,
      "Flagger's Canary spec.analysis: {interval, threshold, maxWeight, stepWeight, stepWeights, iterations, "
          + "metrics}");

  static final ParamSpec LOAD_TEST_RPS = ParamSpec.optional("loadTestRps", new ParamType.NumberType(0, 1e6), 0.0,
      null, "requests per second a load-testing webhook sends to the canary during the analysis (an assumption: "
          + "0); they count in the canary's checks only. Blue/green iterations need it: production requests never "
          + "reach the canary then");

  static final ParamSpec CANARY_AUTOSCALER = ParamSpec.optional("canaryAutoscaler", new ParamType.BooleanType(), null,
      null, "with a horizontal-pod-autoscaler in fleet.scaling (the HPA of Flagger's autoscalerRef): the primary "
          + "Deployment is scaled by it throughout, and true (the default when not given, an assumption: Flagger lists \"HPA scaling "
          + "the canary\" among the conditions that halt an iteration; how the canary's autoscaler is set is not in "
          + "the sources this model was built from) gives the canary Deployment a copy of it while it runs; an "
          + "iteration then halts (no check, no weight change) while pods the copy added are not available. false: "
          + "the canary keeps the replicas it started with. Without an autoscaler it does not apply");

  /** canaryAutoscaler: true unless given as false. */
  static boolean canaryAutoscaler(StrategyParams params) {
    return params.optional("canaryAutoscaler", Boolean.class).orElse(true);
  }

  static List<FlaggerMetric> metrics(StrategyParams analysis) {
    List<FlaggerMetric> out = new ArrayList<>();
    for (StrategyParams m : analysis.listOf("metrics", StrategyParams.class)) {
      StrategyParams r = m.object("thresholdRange");
      out.add(new FlaggerMetric(m.string("name"), r.number("min"), r.number("max"), m.duration("interval")));
    }
    return out;
  }

  static void validate(StrategyParams a, boolean latency, Problems problems) {
    if (a == null) {
      return;
    }
    boolean step = a.has("stepWeight");
    boolean steps = a.has("stepWeights");
    boolean iterations = a.has("iterations");
    int modes = (step ? 1 : 0) + (steps ? 1 : 0) + (iterations ? 1 : 0);
    if (modes == 0) {
      problems.add(PATH, "the analysis needs stepWeight, stepWeights or iterations: without them the canary's weight "
          + "never moves", "e.g. stepWeight: 10, or iterations: 10 for blue/green");
    } else if (modes > 1) {
      problems.add(PATH + (iterations ? ".iterations" : ".stepWeights"), "give one of stepWeight, stepWeights and "
          + "iterations", "stepWeight for linear steps, stepWeights for a list, iterations for blue/green");
    }
    if (steps) {
      List<Object> w = a.list("stepWeights");
      for (int i = 1; i < w.size(); i++) {
        if (((Number) w.get(i)).intValue() <= ((Number) w.get(i - 1)).intValue()) {
          problems.add(PATH + ".stepWeights[" + i + "]", "the weights must grow, got " + w.get(i - 1) + " then "
              + w.get(i), null);
        }
      }
    }
    if (a.has("metrics")) {
      List<Object> ms = a.list("metrics");
      for (int i = 0; i < ms.size(); i++) {
        if (!(ms.get(i) instanceof StrategyParams m)) {
          continue;
        }
        String at = PATH + ".metrics[" + i + "]";
        if (FlaggerMetric.DURATION.equals(m.string("name")) && !latency) {
          problems.add(at + ".name", AnalysisFormat.NO_LATENCY.replace("latencyP99", "request-duration"),
              "give the versions a responseTime, or use request-success-rate");
        }
        if (m.has("thresholdRange")) {
          StrategyParams r = m.object("thresholdRange");
          if (!r.has("min") && !r.has("max")) {
            problems.add(at + ".thresholdRange", "give min, max or both", "e.g. {min: 99}");
          }
        }
      }
    }
  }
}
