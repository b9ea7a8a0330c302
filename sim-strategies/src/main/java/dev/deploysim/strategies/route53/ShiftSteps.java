package dev.deploysim.strategies.route53;

import dev.deploysim.engine.Durations;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code steps} of a weighted shift between two stacks (route53.weighted and
 * alb.weighted-target-groups): each step sends {@code weight} percent of the traffic to the new
 * stack and holds it for {@code hold} before the next step. The last step must send 100%. Where the
 * routing takes raw weights (an ALB listener), a step may give them instead: {@code weights}, a
 * weight per target group by name ({@code old}, {@code new}, and any further ones), each getting
 * its weight over the sum.
 */
public final class ShiftSteps {
  /** Longest hold of one step: 30 days (an A/B test can run for weeks). */
  public static final double MAX_HOLD = 30 * 24 * 3600.0;

  /** Name of the old stack's target group in a step's {@code weights}. */
  public static final String OLD = "old";
  /** Name of the new stack's target group in a step's {@code weights}. */
  public static final String NEW = "new";

  /**
   * One step: percent of the traffic to the new stack, and how long it is held; with raw weights
   * ({@code weights} not null, by target group name) percent is the new stack's share, rounded.
   */
  public record Step(int percent, Map<String, Integer> weights, double hold) {
    public Step(int percent, double hold) {
      this(percent, null, hold);
    }

    public Step {
      weights = weights == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
    }

    public String describe() {
      return percent + "%" + (weights == null ? "" : " (weights " + weightsText(weights) + ")")
          + (hold > 0 ? " for " + Durations.format(hold) : "");
    }
  }

  /** "old 900, new 100". */
  public static String weightsText(Map<String, Integer> weights) {
    List<String> parts = new ArrayList<>();
    weights.forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }

  private ShiftSteps() {}

  static final ParamType.ObjectType STEP = new ParamType.ObjectType(List.of(
      ParamSpec.required("weight", new ParamType.IntegerType(0, 100), null,
          "percent of the traffic (0-100) that goes to the new stack from this step on"),
      ParamSpec.optional("hold", new ParamType.DurationType(0, MAX_HOLD, false), 0.0, null,
          "how long this step is held before the next one (at most 30 days); 0s moves on at once")));

  /** Steps that may give listener weights instead of a percentage (ALB: weights 0-{@code maxWeight}). */
  static ParamType.ObjectType weightedStep(int maxWeight) {
    return new ParamType.ObjectType(List.of(
        ParamSpec.optional("weight", new ParamType.IntegerType(0, 100), null, null,
            "percent of the traffic (0-100) that goes to the new stack from this step on"),
        ParamSpec.optional("weights", new ParamType.MapType(null, new ParamType.IntegerType(0, maxWeight)), null,
            "TargetGroupTuple.Weight",
            "instead of weight: the listener's weight of each target group by name (old, new, and the extra "
                + "ones), 0-" + maxWeight + "; each gets its weight over the sum"),
        ParamSpec.optional("hold", new ParamType.DurationType(0, MAX_HOLD, false), 0.0, null,
            "how long this step is held before the next one (at most 30 days); 0s moves on at once")))
        .exactlyOneOf("weight", "weights");
  }

  /** The default steps: 10% for 10 minutes, 50% for 10 minutes, then everything. */
  public static final List<Object> DEFAULT = defaults(STEP);

  /** The default steps as steps of {@code type} (which knows weight and hold). */
  private static List<Object> defaults(ParamType.ObjectType type) {
    return List.of(step(type, 10, 600), step(type, 50, 600), step(type, 100, 0));
  }

  private static StrategyParams step(ParamType.ObjectType type, int weight, double hold) {
    return StrategyParams.bind(type.fields(), Map.of("weight", weight, "hold", hold));
  }

  /** One step as the parameter binds it (for a type's own default steps). */
  public static StrategyParams step(int weight, double hold) {
    return step(STEP, weight, hold);
  }

  /** The {@code steps} parameter; {@code how} says how a percentage becomes weights. */
  public static ParamSpec param(String how) {
    return param(how, DEFAULT);
  }

  /** The {@code steps} parameter with a type's own default steps (each made with {@link #step}). */
  public static ParamSpec param(String how, List<Object> defaults) {
    return ParamSpec.optional("steps", new ParamType.ListType(STEP, 1, 100), defaults, null,
        "the shift, a list of {weight, hold}: weight is the percent of the traffic sent to the new stack from "
            + "that step on, hold how long it stays there before the next step; the last step must be 100. "
            + how);
  }

  /** The {@code steps} parameter of a routing that also takes raw weights up to {@code maxWeight}. */
  public static ParamSpec weightedParam(int maxWeight, String how) {
    ParamType.ObjectType step = weightedStep(maxWeight);
    return ParamSpec.optional("steps", new ParamType.ListType(step, 1, 100), defaults(step), null,
        "the shift, a list of {weight, hold} or {weights, hold}: weight is the percent of the traffic sent to the "
            + "new stack from that step on, weights the weight of each target group by name; hold how long the "
            + "step stays before the next one; the last step must send everything to the new stack. " + how);
  }

  /** The steps of the parameters (the default when absent). */
  public static List<Step> of(StrategyParams params) {
    List<Step> out = new ArrayList<>();
    for (StrategyParams s : params.listOf("steps", StrategyParams.class)) {
      if (gives(s, "weights")) {
        Map<String, Integer> w = new java.util.LinkedHashMap<>();
        s.map("weights").forEach((k, v) -> w.put(k, ((Number) v).intValue()));
        out.add(new Step(newPercent(w), w, s.duration("hold")));
      } else {
        out.add(new Step(s.integer("weight"), s.duration("hold")));
      }
    }
    return out;
  }

  /** Whether a step gives {@code key} (steps of either kind, which know different keys). */
  public static boolean gives(StrategyParams step, String key) {
    return step.asMap().get(key) != null;
  }

  /** The new stack's share of raw weights, in whole percent (rounded; 0 when every weight is 0). */
  static int newPercent(Map<String, Integer> weights) {
    int sum = 0;
    for (int v : weights.values()) {
      sum += v;
    }
    return sum == 0 ? 0 : (int) Math.round(100.0 * weights.getOrDefault(NEW, 0) / sum);
  }

  /** The last step must move all traffic: otherwise the old stack could never be removed. */
  public static void validate(StrategyParams params, Problems problems) {
    List<Object> raw = params.list("steps");
    if (raw.isEmpty() || !(raw.get(raw.size() - 1) instanceof StrategyParams last)) {
      return;
    }
    if (gives(last, "weights")) {
      Map<String, Object> weights = last.map("weights");
      boolean allNew = weights.entrySet().stream().allMatch(e -> NEW.equals(e.getKey())
          ? ((Number) e.getValue()).intValue() > 0 : ((Number) e.getValue()).intValue() == 0);
      if (!allNew || !weights.containsKey(NEW)) {
        problems.add("deployment.strategy.steps[" + (raw.size() - 1) + "].weights",
            "the last step must send all traffic to the new stack: a weight above 0 for new and 0 for every other "
                + "target group", "end with {weight: 100}");
      }
      return;
    }
    if (!gives(last, "weight")) {
      return;
    }
    int w = last.integer("weight");
    if (w != 100) {
      problems.add("deployment.strategy.steps[" + (raw.size() - 1) + "].weight",
          "the last step must send all traffic to the new stack (weight: 100), got " + w,
          "add a last step {weight: 100}; a long A/B test is a step with a long hold before it");
    }
  }

  /** For logs: "10% for 10m, 50% for 10m, 100%". */
  public static String describe(List<Step> steps) {
    List<String> parts = new ArrayList<>();
    for (Step s : steps) {
      parts.add(s.describe());
    }
    return String.join(", ", parts);
  }
}
