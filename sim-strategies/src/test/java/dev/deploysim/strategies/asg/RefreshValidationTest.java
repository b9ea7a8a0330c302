package dev.deploysim.strategies.asg;

import dev.deploysim.testing.ScenarioYaml;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.format.ParamSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ranges and cross-parameter rules of asg.instance-refresh, through the real loader. */
class RefreshValidationTest {

  static List<ScenarioError> errors(ScenarioYaml s) {
    return s.load().errors();
  }

  static ScenarioYaml refresh() {
    return RefreshScenario.of(10);
  }

  @Test
  void theDefaultsAndTheDocumentedExamplesAreValid() {
    assertThat(errors(refresh())).isEmpty();
    assertThat(errors(refresh().param("minHealthyPercentage", 100).param("maxHealthyPercentage", 110))).isEmpty();
    assertThat(errors(refresh().param("minHealthyPercentage", 100).param("maxHealthyPercentage", 200))).isEmpty();
    assertThat(errors(refresh().param("checkpoints", "[1, 20, 100]").param("checkpointDelay", 600))).isEmpty();
    assertThat(errors(refresh().param("checkpoints", "[20, 50]").param("autoRollback", true)
        .param("bakeTime", "PT10M").param("skipMatching", true).param("instanceWarmup", "400s"))).isEmpty();
  }

  @Test
  void theHealthyPercentagesMayBeAtMostOneHundredApart() {
    // 200 - 90 = 110 > 100
    assertThat(errors(refresh().param("maxHealthyPercentage", 200))).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.strategy.maxHealthyPercentage");
      assertThat(e.message())
          .isEqualTo("maxHealthyPercentage minus minHealthyPercentage may be at most 100, got 200 - 90 = 110");
    });
    // the other way round: the explicit one is minHealthyPercentage
    assertThat(errors(refresh().param("minHealthyPercentage", 0).param("maxHealthyPercentage", 101)))
        .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.maxHealthyPercentage"));
    assertThat(errors(refresh().param("minHealthyPercentage", 0).param("maxHealthyPercentage", 100))).isEmpty();
  }

  @Test
  void percentagesStayInTheirApiRanges() {
    assertThat(errors(refresh().param("minHealthyPercentage", 101))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.minHealthyPercentage"));
    assertThat(errors(refresh().param("maxHealthyPercentage", 99))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.maxHealthyPercentage"));
    assertThat(errors(refresh().param("maxHealthyPercentage", 201))).isNotEmpty();
    assertThat(errors(refresh().param("checkpoints", "[0, 50]"))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.checkpoints[0]"));
    assertThat(errors(refresh().param("bakeTime", "49h"))).singleElement()
        .satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.bakeTime"));
  }

  @Test
  void checkpointsAscendOnce() {
    assertThat(errors(refresh().param("checkpoints", "[50, 20, 100]"))).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.strategy.checkpoints[1]");
      assertThat(e.message()).isEqualTo("checkpoint percentages must be ascending, each once: 20 comes after 50");
    });
    assertThat(errors(refresh().param("checkpoints", "[20, 20]"))).hasSize(1);
  }

  @Test
  void aCheckpointDelayNeedsCheckpoints() {
    assertThat(errors(refresh().param("checkpointDelay", "10m"))).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.strategy.checkpointDelay");
      assertThat(e.message()).contains("needs checkpoints");
    });
  }

  @Test
  void alarmsAreAllowedAndOnFailureIsNot() {
    assertThat(errors(refresh().errorRateAlarm())).isEmpty();
    String yaml = refresh().yaml().replace("    type: asg.instance-refresh\n",
        "    type: asg.instance-refresh\n  rollback: {onFailure: true}\n");
    List<ScenarioError> e = new ScenarioLoader(Strategies.catalog()).parse(yaml, "x.yaml").errors();
    assertThat(e).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("deployment.rollback.onFailure");
      assertThat(x.message()).contains("set deployment.strategy.autoRollback: true");
    });
  }

  @Test
  void everyParameterIsDocumentedWithItsAwsName() {
    StrategyDescription t = Strategies.catalog().find("asg.instance-refresh").orElseThrow().description();
    assertThat(t.params()).extracting(ParamSpec::name).containsExactly("minHealthyPercentage", "maxHealthyPercentage",
        "instanceWarmup", "checkpoints", "checkpointDelay", "autoRollback", "skipMatching", "bakeTime",
        "scaleInProtectedInstances", "standbyInstances");
    for (ParamSpec p : t.params()) {
      assertThat(p.awsName()).as(p.name()).isNotBlank();
      assertThat(p.description()).as(p.name()).isNotBlank();
    }
    assertThat(t.rollback().rollsBackOnAlarms()).isTrue();
    assertThat(t.rollback().handling()).isEqualTo(RollbackPolicy.FailureHandling.NOT_A_SETTING);
  }
}
