package dev.deploysim.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test builder writes what a user would write, and the real loader reads it back. */
class ScenarioYamlTest {
  static final StrategyType TYPE = new StrategyType() {
    @Override
    public StrategyDescription description() {
      return new StrategyDescription("test.builder", "a test type", "reads its parameters", List.of(
          ParamSpec.optional("batch", new ParamType.CountOrPercentType(1, 1, 100), CountOrPercent.count(1), null, "b"),
          ParamSpec.optional("wait", new ParamType.DurationType(0, 3600, true), 0.0, null, "w"),
          ParamSpec.optional("boot", new ParamType.DistributionType(), Distribution.constant(5), null, "d")),
          RollbackPolicy.configurable(true));
    }

    @Override
    public Strategy create(StrategyParams params) {
      return d -> d.succeeded();
    }
  };
  static final StrategyCatalog CATALOG = new StrategyCatalog(List.of(TYPE));

  @Test
  void writesSectionsAsBlocksAndValuesInTheScenarioSyntax() {
    ScenarioYaml y = ScenarioYaml.deploying("test.builder").with(CATALOG)
        .setAll("fleet", "instances", 4, "launchTime", "40s")
        .params(Map.of("batch", CountOrPercent.percent(50)))
        .param("wait", Double.POSITIVE_INFINITY)
        .param("boot", new Distribution.Uniform(3, 8))
        .errorRateAlarm()
        .fault("{at: 8m, type: instanceFailure, count: 1}");
    assertThat(y.yaml()).contains("fleet:\n  instances: 4\n  launchTime: 40s\n")
        .contains("  strategy:\n    type: test.builder\n    batch: \"50%\"\n    wait: never\n")
        .contains("  rollback:\n    onAlarms: [high-5xx]\n")
        .contains("faults:\n  - {at: 8m, type: instanceFailure, count: 1}\n");
    Scenario s = y.scenario();
    StrategyParams p = s.deployment().strategy().params();
    assertThat(p.countOrPercent("batch")).isEqualTo(CountOrPercent.percent(50));
    assertThat(p.duration("wait")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(p.distribution("boot")).isEqualTo(new Distribution.Uniform(3, 8));
    assertThat(s.fleet().instances()).isEqualTo(4);
    assertThat(s.deployment().rollback().onAlarms()).containsExactly("high-5xx");
    assertThat(s.faults()).hasSize(1);
  }

  @Test
  void aCopyIsIndependentAndRemovedKeysTakeTheirDefaults() {
    ScenarioYaml a = ScenarioYaml.deploying("test.builder").with(CATALOG).param("wait", 30.0);
    ScenarioYaml b = a.copy().remove("deployment.strategy.wait").set("seed", 7);
    assertThat(a.scenario().deployment().strategy().params().duration("wait")).isEqualTo(30.0);
    assertThat(a.scenario().seed()).isEqualTo(1);
    assertThat(b.scenario().deployment().strategy().params().duration("wait")).isZero();
    assertThat(b.scenario().seed()).isEqualTo(7);
  }

  @Test
  void anInvalidFileFailsWithEveryProblemAndTheFile() {
    ScenarioYaml y = ScenarioYaml.deploying("test.builder").with(CATALOG).param("batch", 0);
    assertThat(y.load().errors()).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.batch"));
    assertThatThrownBy(y::scenario).hasMessageContaining("deployment.strategy.batch").hasMessageContaining("batch: 0");
  }
}
