package dev.deploysim.scenario;

import java.util.List;

/**
 * Client demand in requests per second.
 *
 * @param pattern constant, steps or diurnal demand
 * @param resolution seconds between demand updates for patterns that vary continuously (default 5)
 * @param routingInterval seconds: 0 (the default) re-routes requests at every change of the
 *     world; a positive interval re-routes at most once per interval, at its multiples, so a change
 *     takes effect at the next one (large fleets: routing is linear in the fleet, see
 *     docs/scale-out.md)
 */
public record TrafficSpec(Pattern pattern, double resolution, double routingInterval) {

  /** Demand re-routed at every change (routingInterval 0). */
  public TrafficSpec(Pattern pattern, double resolution) {
    this(pattern, resolution, 0);
  }

  /** Demand over time. */
  public sealed interface Pattern permits Constant, Steps, Diurnal {
    double rpsAt(double time);

    /**
     * True when demand varies between step changes (needs periodic updates); false, the default,
     * for piecewise-constant demand.
     */
    default boolean continuous() {
      return false;
    }
  }

  public record Constant(double rps) implements Pattern {
    @Override
    public double rpsAt(double time) {
      return rps;
    }
  }

  /** Piecewise-constant demand: each step holds from its time until the next. */
  public record Steps(List<Step> steps) implements Pattern {
    public Steps {
      steps = List.copyOf(steps);
    }

    @Override
    public double rpsAt(double time) {
      double rps = steps.get(0).rps();
      for (Step s : steps) {
        if (s.at() <= time) {
          rps = s.rps();
        }
      }
      return rps;
    }
  }

  public record Step(double at, double rps) {}

  /**
   * Sinusoidal demand: mean + amplitude * cos(2 pi (t - peakAt) / period).
   *
   * @param peakAt time of the daily peak (seconds)
   */
  public record Diurnal(double mean, double amplitude, double period, double peakAt) implements Pattern {
    @Override
    public double rpsAt(double time) {
      return Math.max(0, mean + amplitude * Math.cos(2 * Math.PI * (time - peakAt) / period));
    }

    @Override
    public boolean continuous() {
      return true;
    }
  }
}
