package dev.deploysim.strategies.analysis;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How an analysis is written in a scenario (the format's types, so the loader, the JSON Schema and
 * {@code sim strategies} share them), how it is read into {@link MetricSpec}s, and the rules the
 * types alone cannot say. Argo Rollouts' names and defaults; see
 * docs/platforms/progressive-delivery.md.
 */
public final class AnalysisFormat {
  private AnalysisFormat() {}

  /** Longest interval, delay or window: 30 days. */
  public static final double MAX_SECONDS = 30 * 24 * 3600.0;
  /** Most data points a Kayenta judgement takes per group. */
  public static final int MAX_POINTS = 1000;

  /** Why latencyP99 is refused while the model has no latency. */
  public static final String NO_LATENCY = "latencyP99 needs the latency model, and this scenario has none: no "
      + "version has a responseTime, so requests only succeed or fail";

  private static final ParamType DURATION = new ParamType.DurationType(0, MAX_SECONDS, false);
  private static final ParamType POSITIVE_DURATION = new ParamType.DurationType(1, MAX_SECONDS, false);

  static final ParamType.ObjectType THRESHOLD = new ParamType.ObjectType(List.of(
      ParamSpec.required("pass", new ParamType.NumberType(0, 100), null,
          "scores at or above it pass (Kayenta has no default; Argo's example uses 90)"),
      ParamSpec.required("marginal", new ParamType.NumberType(0, 100), null,
          "scores at or above it, below pass, are marginal: Argo counts the measurement Inconclusive (Argo's "
              + "example: 75)")));

  static final ParamType.ObjectType JUDGED_METRIC = new ParamType.ObjectType(List.of(
      ParamSpec.required("metric", new ParamType.EnumType(MetricKind.keywords()), null,
          "the metric compared: errorRate, successRate, or latencyP99 (seconds; needs the latency model)"),
      ParamSpec.optional("direction", new ParamType.EnumType(List.of("increase", "decrease", "either")), "either",
          null, "which way the canary may not move (Kayenta default either)"),
      ParamSpec.optional("critical", new ParamType.BooleanType(), false, null,
          "a critical metric that does not pass makes the score 0 (default false)"),
      ParamSpec.optional("mustHaveData", new ParamType.BooleanType(), false, null,
          "no data counts against the score instead of being left out (default false)"),
      ParamSpec.optional("allowedIncrease", new ParamType.NumberType(0, Double.POSITIVE_INFINITY), 1.0, null,
          "ratio of the canary's mean to the control's at or above which a significant increase counts "
              + "(effect size meanRatio; default 1.0)"),
      ParamSpec.optional("allowedDecrease", new ParamType.NumberType(0, Double.POSITIVE_INFINITY), 1.0, null,
          "ratio at or below which a significant decrease counts (default 1.0)")));

  static final ParamType.ObjectType KAYENTA = new ParamType.ObjectType(List.of(
      ParamSpec.required("metrics", new ParamType.ListType(JUDGED_METRIC, 1, 20), null,
          "the metrics the judge compares, each {metric, direction, critical, mustHaveData, allowedIncrease, "
              + "allowedDecrease}"),
      ParamSpec.required("threshold", THRESHOLD, null, "{pass, marginal}: how the score is classified"),
      ParamSpec.optional("step", POSITIVE_DURATION, KayentaSpec.DEFAULT_STEP, null,
          "the data points' spacing: a window of w gives w / step points per group (Kayenta scope step; "
              + "default 60s as in Argo's example)"),
      ParamSpec.optional("control", new ParamType.EnumType(List.of("baseline", "stable")), "baseline", null,
          "what the canary is compared with: baseline, an old-version group as large as the canary (as an Argo "
              + "experiment creates for Kayenta; not simulated as pods), or stable, the stable pods and all their "
              + "requests (default baseline)"),
      ParamSpec.optional("confidence", new ParamType.NumberType(0.5, 0.9999), KayentaSpec.DEFAULT_CONFIDENCE, null,
          "confidence level of the Mann-Whitney test (Kayenta's judge uses 0.98)"),
      ParamSpec.optional("tolerance", new ParamType.NumberType(0, 10), KayentaSpec.DEFAULT_TOLERANCE, null,
          "half-width of the critical band as a share of the shift estimate (Kayenta's judge uses 0.25)")));

  static final ParamType.ObjectType METRIC = new ParamType.ObjectType(List.of(
      ParamSpec.required("name", new ParamType.StringType(), null, "the metric's name (unique in its analysis)"),
      ParamSpec.optional("interval", POSITIVE_DURATION, null, null,
          "time between measurements; without it a single measurement is taken"),
      ParamSpec.optional("count", new ParamType.IntegerType(1, 100_000), null, null,
          "measurements to take; without it one, or with an interval, until the analysis is ended (a background "
              + "analysis ends with the rollout); more than 1 needs an interval"),
      ParamSpec.optional("initialDelay", DURATION, 0.0, null, "wait before the first measurement (default 0s)"),
      ParamSpec.optional("window", POSITIVE_DURATION, null, null,
          "the span of requests one measurement covers, like the range of a PromQL rate() (default: the "
              + "interval, or 1m for a single measurement, an assumption)"),
      ParamSpec.optional("successCondition", new ParamType.StringType(), null, null,
          "\"<metric> <op> <number>\" with errorRate, successRate or latencyP99 (seconds) and <, <=, > or >=, "
              + "e.g. \"errorRate < 0.01\": the measurement is Successful when it holds"),
      ParamSpec.optional("failureCondition", new ParamType.StringType(), null, null,
          "the same form: the measurement is Failed when it holds (with both conditions and neither holding: "
              + "Inconclusive)"),
      ParamSpec.optional("failureLimit", new ParamType.IntegerType(-1, 100_000), 0, null,
          "failed measurements allowed: the metric fails at failureLimit + 1 (default 0; -1: never)"),
      ParamSpec.optional("inconclusiveLimit", new ParamType.IntegerType(0, 100_000), 0, null,
          "inconclusive measurements allowed (default 0): one more makes the metric Inconclusive, which pauses "
              + "the rollout"),
      ParamSpec.optional("consecutiveErrorLimit", new ParamType.IntegerType(0, 100_000),
          MetricSpec.DEFAULT_CONSECUTIVE_ERROR_LIMIT, null,
          "measurement errors in a row allowed (default 4): a query that finds no request is an Error"),
      ParamSpec.optional("dryRun", new ParamType.BooleanType(), false, null,
          "measure and log, but do not let the result count (default false)"),
      ParamSpec.optional("of", new ParamType.EnumType(List.of("canary", "stable")), "canary", null,
          "whose requests are measured: the canary's (the new version's pods) or the stable's (default canary)"),
      ParamSpec.optional("kayenta", KAYENTA, null, null,
          "judge the canary against a control with Kayenta's Mann-Whitney judge instead of a condition: "
              + "{metrics, threshold: {pass, marginal}, step, control, confidence, tolerance}")));

  /** An analysis: {@code {metrics: [...]}}. */
  public static final ParamType.ObjectType ANALYSIS = new ParamType.ObjectType(List.of(metricsParam()));

  /** A background analysis: {@code {metrics: [...], startingStep: n}}. */
  public static final ParamType.ObjectType BACKGROUND = new ParamType.ObjectType(List.of(metricsParam(),
      ParamSpec.optional("startingStep", new ParamType.IntegerType(0, 1000), 0, null,
          "the index of the step at which the background analysis starts (default 0: with the rollout)")));

  private static ParamSpec metricsParam() {
    return ParamSpec.required("metrics", new ParamType.ListType(METRIC, 1, 20), null,
        "the metrics, each {name, interval, count, initialDelay, window, successCondition, failureCondition, "
            + "failureLimit, inconclusiveLimit, consecutiveErrorLimit, dryRun, of, kayenta}");
  }

  // --- reading ---------------------------------------------------------------------------------

  /** The metrics of a validated analysis. */
  public static List<MetricSpec> metrics(StrategyParams analysis) {
    List<MetricSpec> out = new ArrayList<>();
    for (Object o : analysis.list("metrics")) {
      out.add(metric((StrategyParams) o));
    }
    return out;
  }

  static MetricSpec metric(StrategyParams p) {
    Double interval = p.duration("interval");
    return new MetricSpec(p.string("name"), interval, p.integer("count"), p.duration("initialDelay"), window(p),
        condition(p, "successCondition"), condition(p, "failureCondition"), p.integer("failureLimit"),
        p.integer("inconclusiveLimit"), p.integer("consecutiveErrorLimit"), p.bool("dryRun"),
        p.enumValue("of", MetricSpec.Of.class), p.optional("kayenta", StrategyParams.class).map(k -> kayenta(k))
            .orElse(null));
  }

  static KayentaSpec kayenta(StrategyParams k) {
    List<KayentaSpec.JudgedMetric> metrics = new ArrayList<>();
    for (StrategyParams m : k.listOf("metrics", StrategyParams.class)) {
      metrics.add(new KayentaSpec.JudgedMetric(MetricKind.of(m.string("metric")),
          m.enumValue("direction", KayentaSpec.Direction.class), m.bool("critical"), m.bool("mustHaveData"),
          m.number("allowedIncrease"), m.number("allowedDecrease")));
    }
    StrategyParams t = k.object("threshold");
    return new KayentaSpec(metrics, k.duration("step"), k.enumValue("control", KayentaSpec.Control.class),
        k.number("confidence"), k.number("tolerance"), t.number("pass"), t.number("marginal"));
  }

  private static Condition condition(StrategyParams p, String key) {
    return p.has(key) ? Condition.parse(p.string(key)) : null;
  }

  /** The span one measurement covers: the window, else the interval, else 1m (a single measurement). */
  private static double window(StrategyParams metric) {
    return metric.optional("window", Double.class).or(() -> metric.optional("interval", Double.class))
        .orElse(MetricSpec.DEFAULT_SINGLE_WINDOW);
  }

  /** The longest window any metric of these analyses reaches back (for the measurement history). */
  public static double longestWindow(List<MetricSpec> metrics) {
    double w = 0;
    for (MetricSpec m : metrics) {
      w = Math.max(w, m.window());
    }
    return w;
  }

  // --- rules -----------------------------------------------------------------------------------

  /**
   * The rules of an analysis beyond its types, each reported at its key path under {@code path}.
   *
   * @param latency whether the scenario's model has latency (latencyP99 is refused otherwise)
   */
  public static void validate(StrategyParams analysis, String path, boolean latency, Problems problems) {
    if (analysis == null || !analysis.has("metrics")) {
      return;
    }
    Set<String> names = new HashSet<>();
    List<Object> metrics = analysis.list("metrics");
    for (int i = 0; i < metrics.size(); i++) {
      if (!(metrics.get(i) instanceof StrategyParams m)) {
        continue;
      }
      String at = path + ".metrics[" + i + "]";
      if (m.has("name") && !names.add(m.string("name"))) {
        problems.add(at + ".name", "two metrics of one analysis are both named " + m.string("name"),
            "give each metric its own name");
      }
      boolean conditions = false;
      for (String key : List.of("successCondition", "failureCondition")) {
        if (!m.has(key)) {
          continue;
        }
        conditions = true;
        try {
          Condition c = Condition.parse(m.string(key));
          if (c.metric() == MetricKind.LATENCY_P99 && !latency) {
            problems.add(at + "." + key, NO_LATENCY, "give the versions a responseTime, or use errorRate or "
                + "successRate");
          }
        } catch (IllegalArgumentException e) {
          problems.add(at + "." + key, e.getMessage(), "e.g. \"errorRate < 0.01\" or \"successRate >= 0.99\"");
        }
      }
      if (m.has("kayenta") && conditions) {
        problems.add(at + ".kayenta", "a metric is judged either by its conditions or by Kayenta, not both",
            "remove the conditions or the kayenta block");
      }
      if (!m.has("kayenta") && !conditions) {
        problems.add(at, "a metric needs a successCondition, a failureCondition or a kayenta judge",
            "e.g. successCondition: \"errorRate < 0.01\"");
      }
      if (m.has("count") && m.integer("count") > 1 && !m.has("interval")) {
        problems.add(at + ".count", "a count above 1 needs an interval between the measurements (Argo Rollouts "
            + "refuses it too)", "add e.g. interval: 1m");
      }
      if (m.has("kayenta")) {
        validateKayenta(m, at, latency, problems);
      }
    }
  }

  private static void validateKayenta(StrategyParams m, String at, boolean latency, Problems problems) {
    StrategyParams k = m.object("kayenta");
    String kp = at + ".kayenta";
    if (k.has("threshold")) {
      StrategyParams t = k.object("threshold");
      if (t.has("pass") && t.has("marginal") && t.number("marginal") > t.number("pass")) {
        problems.add(kp + ".threshold.marginal", "marginal (" + t.number("marginal") + ") is above pass ("
            + t.number("pass") + ")", "a marginal score lies between marginal and pass");
      }
    }
    double window = window(m);
    double step = k.duration("step");
    double points = Math.floor(window / step + 1e-9);
    if (points < 2) {
      problems.add(kp + ".step", "a window of " + dev.deploysim.engine.Durations.format(window) + " in steps of "
          + dev.deploysim.engine.Durations.format(step) + " gives " + (long) points + " data point"
          + (points == 1 ? "" : "s") + " per group; the test needs at least 2",
          "a shorter step, or a longer window (the metric's window or interval)");
    } else if (points > MAX_POINTS) {
      problems.add(kp + ".step", "a window of " + dev.deploysim.engine.Durations.format(window) + " in steps of "
          + dev.deploysim.engine.Durations.format(step) + " gives " + (long) points + " data points per group, "
          + "more than " + MAX_POINTS, "a longer step");
    }
    if (k.has("metrics")) {
      List<Object> judged = k.list("metrics");
      for (int j = 0; j < judged.size(); j++) {
        if (judged.get(j) instanceof StrategyParams jm && "latencyP99".equals(jm.string("metric")) && !latency) {
          problems.add(kp + ".metrics[" + j + "].metric", NO_LATENCY, "give the versions a responseTime, or use "
              + "errorRate or successRate");
        }
      }
    }
  }
}
