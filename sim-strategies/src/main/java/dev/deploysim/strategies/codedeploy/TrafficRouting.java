package dev.deploysim.strategies.codedeploy;

import dev.deploysim.engine.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * How an ECS or Lambda deployment shifts traffic: canary (one increment, then the rest after the
 * interval), linear (equal increments with the interval between them until all traffic has moved)
 * or all at once.
 */
public record TrafficRouting(Kind kind, int percent, double intervalSeconds) {

  public enum Kind {
    CANARY,
    LINEAR,
    ALL_AT_ONCE
  }

  /** One shift: the new version's share after it, and how long the deployment then waits. */
  public record Step(int percent, double holdSeconds) {}

  public static TrafficRouting canary(int percent, double intervalSeconds) {
    return new TrafficRouting(Kind.CANARY, percent, intervalSeconds);
  }

  public static TrafficRouting linear(int percent, double intervalSeconds) {
    return new TrafficRouting(Kind.LINEAR, percent, intervalSeconds);
  }

  public static TrafficRouting allAtOnce() {
    return new TrafficRouting(Kind.ALL_AT_ONCE, 100, 0);
  }

  /** The shifts in order; the last one reaches 100% and has no hold. */
  public List<Step> steps() {
    List<Step> out = new ArrayList<>();
    switch (kind) {
      case ALL_AT_ONCE -> out.add(new Step(100, 0));
      case CANARY -> {
        out.add(new Step(percent, intervalSeconds));
        out.add(new Step(100, 0));
      }
      case LINEAR -> {
        for (int p = percent; ; p += percent) {
          if (p >= 100) {
            out.add(new Step(100, 0));
            break;
          }
          out.add(new Step(p, intervalSeconds));
        }
      }
    }
    return out;
  }

  /** Time from the first shift to the last (Lambda allows at most 2880 minutes). */
  public double span() {
    double s = 0;
    for (Step st : steps()) {
      s += st.holdSeconds();
    }
    return s;
  }

  public String describe() {
    return switch (kind) {
      case ALL_AT_ONCE -> "all at once";
      case CANARY -> "canary " + percent + "% for " + Durations.format(intervalSeconds) + ", then the rest";
      case LINEAR -> "linear " + percent + "% every " + Durations.format(intervalSeconds);
    };
  }
}
