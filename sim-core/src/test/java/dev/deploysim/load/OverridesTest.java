package dev.deploysim.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.format.CountOrPercent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario file with values set at key paths, loaded by the real loader (one point of a sweep). */
class OverridesTest {
  static final ScenarioLoader LOADER = new ScenarioLoader(TestCatalog.catalog());

  static final String FILE = """
      name: base
      fleet: {instances: 6, maxSize: 12}
      traffic: {rps: 400}
      versions:
        v1: {install: 30s, start: 10s}
        v2: {install: 30s, start: 10s}
      deployment:
        at: 5m
        version: v2
        strategy:
          type: fake.rolling
          batchSize: 2
      faults:
        - {at: 8m, type: instanceFailure, count: 1}
      """;

  static Overrides.Loaded load(String text, String... keyValues) {
    List<Overrides.Setting> settings = new java.util.ArrayList<>();
    for (String kv : keyValues) {
      int eq = kv.indexOf('=');
      settings.add(new Overrides.Setting(kv.substring(0, eq), kv.substring(eq + 1)));
    }
    return Overrides.load(LOADER, text, "base.yaml", settings);
  }

  @Test
  void aValueInTheFileIsReplaced() {
    Overrides.Loaded l = load(FILE, "deployment.strategy.batchSize=3", "traffic.rps=250");
    assertThat(l.problems()).isEmpty();
    assertThat(l.scenario().deployment().strategy().params().countOrPercent("batchSize"))
        .isEqualTo(CountOrPercent.count(3));
    assertThat(l.scenario().traffic().pattern().rpsAt(0)).isEqualTo(250.0);
  }

  @Test
  void mappingsTheFileLeavesOutAreCreatedAndListItemsPickedByIndex() {
    Overrides.Loaded l = load(FILE, "loadBalancer.healthCheck.interval=20s", "faults[0].count=2",
        "fleet.zones=[a, b]");
    assertThat(l.problems()).extracting(Overrides.Problem::format).isEmpty();
    assertThat(l.scenario().loadBalancer().healthCheck().interval()).isEqualTo(20.0);
    assertThat(((dev.deploysim.scenario.FaultSpec.InstanceFailure) l.scenario().faults().get(0)).count()).isEqualTo(2);
    assertThat(l.scenario().fleet().zones()).containsExactly("a", "b");
  }

  @Test
  void aProblemWithAnOverriddenValueNamesTheSettingNotALineOfTheFile() {
    // the type's own rule: a count batch must not exceed the fleet's 6 instances
    Overrides.Loaded l = load(FILE, "deployment.strategy.batchSize=7");
    assertThat(l.ok()).isFalse();
    assertThat(l.problems()).hasSize(1);
    assertThat(l.problems().get(0).override()).isEqualTo(new Overrides.Setting("deployment.strategy.batchSize", "7"));
    assertThat(l.problems().get(0).format()).startsWith("base.yaml with deployment.strategy.batchSize=7: "
        + "deployment.strategy.batchSize: batch size 7 is larger than the fleet (6 instances)");
  }

  @Test
  void aProblemElsewhereKeepsItsPlaceInTheFile() {
    // maxSize 12 stays, instances become 20: the problem is reported at fleet's line in the file
    String text = FILE.replace("fleet: {instances: 6, maxSize: 12}", "fleet: {instances: 6, maxSize: 12, bogus: 1}");
    Overrides.Loaded l = load(text, "deployment.strategy.batchSize=3");
    assertThat(l.ok()).isFalse();
    assertThat(l.problems()).hasSize(1);
    assertThat(l.problems().get(0).override()).isNull();
    assertThat(l.problems().get(0).format()).startsWith("base.yaml:2:");
  }

  @Test
  void pathsThatCannotBeSetAreRefused() {
    assertThat(load(FILE, "faults[3].at=1m").problems().get(0).format())
        .contains("the file's faults has 1 item (indexes 0..0), not [3]");
    assertThat(load(FILE, "traffic.rps.x=1").problems().get(0).format())
        .contains("traffic.rps is not a mapping in the file");
    assertThat(Overrides.keyProblem("deployment..batchSize")).contains("is not a key path");
    assertThat(Overrides.keyProblem("faults[0].at")).isNull();
  }

  @Test
  void anotherStrategyTypeDropsWhatItDoesNotHaveWithANote() {
    Overrides.Loaded l = load(FILE, "deployment.strategy.type=fake.immutable");
    assertThat(l.problems()).isEmpty();
    assertThat(l.scenario().deployment().strategy().type()).isEqualTo("fake.immutable");
    assertThat(l.notes()).containsExactly("batchSize: not used by fake.immutable");
    // the name stays the file's: a sweep point is not a renamed variant
    assertThat(l.scenario().name()).isEqualTo("base");
  }
}
