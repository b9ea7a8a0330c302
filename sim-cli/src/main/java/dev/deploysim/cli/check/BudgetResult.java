package dev.deploysim.cli.check;

import dev.deploysim.cli.text.Numbers;

/**
 * One budget tested on the runs of one scenario. With one run the budget holds when the run's value
 * keeps within the limit; with replications it holds when the share of runs within it is at least
 * the scenario's {@code confidence}. The share comes with its 95% Wilson score interval.
 *
 * @param within runs within the budget
 * @param runs runs measured (0 when the budget is not measurable)
 * @param worst the worst value over the runs (highest, lowest for a minimum), null when not measurable
 * @param interval the 95% interval of the share within, null for one run or when not measurable
 */
public record BudgetResult(Budget budget, double limit, Verdict verdict, int within, int runs, Double worst,
    Wilson interval, double confidence) {

  public enum Verdict {
    HOLDS,
    EXCEEDED,
    NOT_MEASURABLE
  }

  /** The values of one budget over a scenario's runs, added in run order. */
  public static final class Tally {
    private final Budget budget;
    private final double limit;
    private int within;
    private int runs;
    private boolean measurable = true;
    private Double worst;

    public Tally(Budget budget, double limit) {
      this.budget = budget;
      this.limit = limit;
    }

    /** One run's value; null when the run does not measure it. */
    public void add(Double v) {
      if (v == null) {
        measurable = false;
        return;
      }
      runs++;
      if (budget.holds(v, limit)) {
        within++;
      }
      worst = worst == null || !budget.holds(v, worst) ? v : worst;
    }

    public BudgetResult result(double confidence) {
      if (!measurable || runs == 0) {
        return new BudgetResult(budget, limit, Verdict.NOT_MEASURABLE, 0, 0, null, null, confidence);
      }
      boolean holds = runs == 1 ? within == 1 : (double) within / runs >= confidence;
      return new BudgetResult(budget, limit, holds ? Verdict.HOLDS : Verdict.EXCEEDED, within, runs, worst,
          runs > 1 ? Wilson.interval95(within, runs) : null, confidence);
    }
  }

  /** The share of runs within the budget. */
  public double share() {
    return runs == 0 ? 0 : (double) within / runs;
  }

  /**
   * True when the share passes the confidence but its 95% interval reaches below it: more
   * replications would tell whether the budget really holds that often.
   */
  public boolean uncertain() {
    return interval != null && verdict == Verdict.HOLDS && interval.low() < confidence;
  }

  /** What was measured, in words: the value for one run, the share and interval for several. */
  public String measured() {
    if (verdict == Verdict.NOT_MEASURABLE) {
      return "not measurable: " + budget.notMeasurableReason();
    }
    if (runs == 1) {
      return budget.format(worst);
    }
    return within + " of " + runs + " runs within (" + share(share()) + ", 95% CI " + share(interval.low()) + "-"
        + share(interval.high()) + "), worst " + budget.format(worst);
  }

  /** One line for a failure message. */
  public String explanation() {
    if (verdict == Verdict.NOT_MEASURABLE) {
      return budget.key() + " is not measurable: " + budget.notMeasurableReason();
    }
    if (runs == 1) {
      boolean min = budget == Budget.MIN_CAPACITY_PERCENT;
      String bound = (min ? "at least " : "at most ") + budget.format(limit);
      return budget.key() + ": " + budget.format(worst) + (verdict == Verdict.HOLDS ? ", within the budget ("
          : min ? ", below the budget (" : ", above the budget (") + bound + ")";
    }
    return budget.key() + ": " + within + " of " + runs + " runs within " + budget.limitText(limit) + " ("
        + share(share()) + ", 95% CI " + share(interval.low()) + "-" + share(interval.high()) + "); "
        + (verdict == Verdict.HOLDS ? "at least " : "needs at least ") + share(confidence);
  }

  static String share(double s) {
    return Numbers.upTo(100 * s, 1) + "%";
  }
}
