package dev.deploysim.load;

import static dev.deploysim.load.ScenarioLoaderTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.scenario.BudgetsSpec;
import dev.deploysim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** The budgets block: every key read into BudgetsSpec, durations in seconds, confidence 1 by default. */
class BudgetsTest {
  private static final String BASE = "name: b\nfleet: {instances: 4, hourlyPrice: 0.1}\ntraffic: {rps: 200}\n"
      + "versions: {v1: {}, v2: {}}\ndeployment: {version: v2, strategy: {type: fake.rolling}}\n";

  @Test
  void everyBudgetIsRead() {
    Scenario s = ok(BASE + "budgets:\n  maxDuration: 20m\n  minCapacityPercent: 90\n  maxFailedRequests: 0\n"
        + "  maxDowntime: 0s\n  maxLatencyP99: 800ms\n  maxExtraInstanceHours: 2\n  maxCostUsd: 5\n"
        + "  confidence: 0.95\n");
    assertThat(s.budgets()).isEqualTo(new BudgetsSpec(1200.0, 90.0, 0L, 0.0, 0.8, 2.0, 5.0, 0.95));
  }

  @Test
  void withoutBudgetsThereAreNone() {
    assertThat(ok(BASE).budgets()).isSameAs(BudgetsSpec.NONE);
    assertThat(ok(BASE).budgets().isEmpty()).isTrue();
  }

  @Test
  void confidenceDefaultsToEveryRun() {
    assertThat(ok(BASE + "budgets: {maxFailedRequests: 10}\n").budgets().confidence()).isEqualTo(1.0);
  }

  @Test
  void budgetsSurviveAnotherSeed() {
    Scenario s = ok(BASE + "budgets: {maxDowntime: 30s}\n");
    assertThat(s.withSeed(9).budgets().maxDowntimeSeconds()).isEqualTo(30.0);
  }
}
