package dev.deploysim.load;

import dev.deploysim.scenario.Scenario;
import static dev.deploysim.load.ScenarioLoaderTest.LOADER;
import static dev.deploysim.load.ScenarioLoaderTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.strategy.RollbackPolicy.FailureHandling;
import dev.deploysim.strategy.StrategyDescription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * deployment.rollback.onFailure against what the strategy's platform does with a failed deployment:
 * a configurable type takes either value, a type that always (never) reverts takes only true (false),
 * a type whose own parameters decide takes none.
 */
class RollbackOnFailureTest {

  static String scenario(String type, String onFailure) {
    return "name: rollback\n"
        + "fleet: {instances: 4}\n"
        + "traffic: {rps: 100}\n"
        + "versions: {v1: {}, v2: {}}\n"
        + "deployment:\n"
        + "  version: v2\n"
        + "  strategy: {type: " + type + "}\n"
        + (onFailure == null ? "" : "  rollback: {onFailure: " + onFailure + "}\n");
  }

  static StrategyDescription type(String name) {
    return TestCatalog.catalog().find(name).orElseThrow().description();
  }

  @ParameterizedTest(name = "{0} with onFailure {1}")
  @CsvSource({
      "fake.rolling, true", "fake.rolling, false", "fake.rolling,",
      "fake.immutable, true", "fake.immutable,",
      "fake.all-at-once, false", "fake.all-at-once,",
      "fake.refresh,"})
  void aValueThatAgreesWithThePlatformIsAccepted(String type, String onFailure) {
    Scenario s = ok(scenario(type, onFailure));
    assertThat(s.deployment().rollback().onFailure()).isEqualTo(onFailure == null ? null : Boolean.valueOf(onFailure));
  }

  @ParameterizedTest(name = "{0} with onFailure {1}")
  @CsvSource({"fake.immutable, false", "fake.all-at-once, true", "fake.refresh, true", "fake.refresh, false"})
  void aValueThatContradictsThePlatformIsAnErrorAtTheKey(String type, String onFailure) {
    LoadResult r = LOADER.parse(scenario(type, onFailure), "r.yaml");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.rollback.onFailure");
      assertThat(e.line()).isEqualTo(8);
      assertThat(e.message()).isEqualTo(type(type).rollbackOnFailureRefusal(Boolean.parseBoolean(onFailure)));
    });
  }

  @Test
  void theDefaultHandlingFollowsTheDefaultSetting() {
    // a type with a default for the setting is configurable; one without has no such setting
    assertThat(type("fake.rolling").rollback().handling()).isEqualTo(FailureHandling.CONFIGURABLE);
    assertThat(type("fake.refresh").rollback().handling()).isEqualTo(FailureHandling.NOT_A_SETTING);
    assertThat(type("fake.rolling").rollbackOnFailureRefusal(true)).isNull();
    assertThat(type("fake.rolling").rollbackOnFailureRefusal(false)).isNull();
  }

  @Test
  void defaultMessagesSayWhatToWriteInstead() {
    assertThat(type("fake.immutable").rollbackOnFailureRefusal(false))
        .isEqualTo("fake.immutable always rolls back a failed deployment; remove onFailure or set it to true");
    assertThat(type("fake.immutable").rollbackOnFailureRefusal(true)).isNull();
    assertThat(type("fake.refresh").rollbackOnFailureRefusal(false)).isEqualTo("fake.refresh (Fake InstanceRefresh) "
        + "has no rollback-on-failure setting: the platform itself decides what happens to a failed deployment "
        + "(`sim strategies fake.refresh` describes it); remove onFailure");
  }

  @Test
  void helpSaysWhatHappensOnFailure() {
    assertThat(type("fake.rolling").failureBehaviour())
        .isEqualTo("rolled back unless onFailure is false (default true)");
    assertThat(type("fake.immutable").failureBehaviour())
        .isEqualTo("always rolled back by the platform (onFailure may only be true)");
    assertThat(type("fake.all-at-once").failureBehaviour()).startsWith("never rolled back by the platform");
    assertThat(type("fake.refresh").failureBehaviour())
        .isEqualTo("decided by its parameter autoRollback (onFailure is not accepted)");
  }
}
