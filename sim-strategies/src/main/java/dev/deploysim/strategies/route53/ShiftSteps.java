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
 * stack and holds it for {@code hold} before the next step. The last step must send 100%.
 */
public final class ShiftSteps {
  /** Longest hold of one step: 30 days (an A/B test can run for weeks). */
  public static final double MAX_HOLD = 30 * 24 * 3600.0;

  /** One step: percent of the traffic to the new stack, and how long it is held. */
  public record Step(int percent, double hold) {
    public String describe() {
      return percent + "%" + (hold > 0 ? " for " + Durations.format(hold) : "");
    }
  }

  private ShiftSteps() {}

  static final ParamType.ObjectType STEP = new ParamType.ObjectType(List.of(
      ParamSpec.required("weight", new ParamType.IntegerType(0, 100), null,
          "percent of the traffic (0-100) that goes to the new stack from this step on"),
      ParamSpec.optional("hold", new ParamType.DurationType(0, MAX_HOLD, false), 0.0, null,
          "how long this step is held before the next one (at most 30 days); 0s moves on at once")));

  /** The default steps: 10% for 10 minutes, 50% for 10 minutes, then everything. */
  public static final List<Object> DEFAULT = List.of(step(10, 600), step(50, 600), step(100, 0));

  private static StrategyParams step(int weight, double hold) {
    return StrategyParams.bind(STEP.fields(), Map.of("weight", weight, "hold", hold));
  }

  /** The {@code steps} parameter; {@code how} says how a percentage becomes weights. */
  public static ParamSpec param(String how) {
    return ParamSpec.optional("steps", new ParamType.ListType(STEP, 1, 100), DEFAULT, null,
        "the shift, a list of {weight, hold}: weight is the percent of the traffic sent to the new stack from "
            + "that step on, hold how long it stays there before the next step; the last step must be 100. "
            + how);
  }

  /** The steps of the parameters (the default when absent). */
  public static List<Step> of(StrategyParams params) {
    List<Step> out = new ArrayList<>();
    for (StrategyParams s : params.listOf("steps", StrategyParams.class)) {
      out.add(new Step(s.integer("weight"), s.duration("hold")));
    }
    return out;
  }

  /** The last step must move all traffic: otherwise the old stack could never be removed. */
  public static void validate(StrategyParams params, Problems problems) {
    List<Object> raw = params.list("steps");
    if (raw.isEmpty() || !(raw.get(raw.size() - 1) instanceof StrategyParams last) || !last.has("weight")) {
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
