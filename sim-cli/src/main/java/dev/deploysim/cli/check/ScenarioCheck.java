package dev.deploysim.cli.check;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.run.Replications;
import dev.deploysim.scenario.BudgetsSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The budgets of one scenario tested on its runs.
 *
 * @param file the scenario file as the user named it
 * @param scenario the scenario's name
 * @param strategy the strategy type
 * @param seed the seed of the first run
 * @param outcomes how many runs ended how
 * @param results one per budget the scenario sets, in the order of {@link Budget}
 */
public record ScenarioCheck(String file, String scenario, String strategy, long seed, int runs,
    Map<Outcome, Integer> outcomes, double confidence, List<BudgetResult> results) {

  public ScenarioCheck {
    outcomes = Map.copyOf(outcomes);
    results = List.copyOf(results);
  }

  /** Collects a scenario's runs one at a time (replications arrive as rows, in index order). */
  public static final class Builder {
    private final String file;
    private final BudgetsSpec budgets;
    private final Map<Budget, BudgetResult.Tally> tallies = new LinkedHashMap<>();
    private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    private int runs;

    public Builder(String file, BudgetsSpec budgets) {
      this.file = file;
      this.budgets = budgets;
      for (Budget b : Budget.values()) {
        Double limit = b.limit(budgets);
        if (limit != null) {
          tallies.put(b, new BudgetResult.Tally(b, limit));
        }
      }
    }

    public void add(Summary s) {
      add(s.outcome());
      tallies.forEach((b, t) -> t.add(b.measure(s)));
    }

    public void add(Replications.Row row) {
      add(row.outcome());
      tallies.forEach((b, t) -> t.add(b.measure(row)));
    }

    private void add(Outcome o) {
      runs++;
      if (o != null) {
        outcomes.merge(o, 1, Integer::sum);
      }
    }

    /** The check; {@code first} names the scenario, its strategy and seed. */
    public ScenarioCheck build(Summary first) {
      List<BudgetResult> results = new ArrayList<>();
      tallies.values().forEach(t -> results.add(t.result(budgets.confidence())));
      return new ScenarioCheck(file, first.scenario(), first.strategy(), first.seed(), runs, outcomes,
          budgets.confidence(), results);
    }
  }

  public long count(BudgetResult.Verdict v) {
    return results.stream().filter(r -> r.verdict() == v).count();
  }

  /** "SUCCEEDED" for one run, "198 SUCCEEDED, 2 ROLLED_BACK" for several. */
  public String outcomeText() {
    List<String> parts = new ArrayList<>();
    for (Outcome o : Outcome.values()) {
      if (outcomes.containsKey(o)) {
        parts.add(runs == 1 ? o.name() : outcomes.get(o) + " " + o.name());
      }
    }
    return String.join(", ", parts);
  }

  /** The heading of the scenario's table. */
  public String heading() {
    return file + ": " + scenario + " (" + strategy + "), " + (runs == 1 ? outcomeText() + ", seed " + seed
        : runs + " runs: " + outcomeText() + "; each budget must hold in " + BudgetResult.share(confidence)
            + " of them");
  }
}
