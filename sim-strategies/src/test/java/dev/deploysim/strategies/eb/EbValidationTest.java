package dev.deploysim.strategies.eb;

import dev.deploysim.testing.ScenarioYaml;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.strategies.Simulate;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.strategy.StrategyType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Domain rules the Elastic Beanstalk types add to the scenario checks, and their documentation. */
class EbValidationTest {

  /** One error as the loader reports it. */
  record Problem(String path, String message, String line) {}

  /** Loads the scenario with the real loader and returns its errors. */
  static List<Problem> problems(ScenarioYaml b) {
    LoadResult r = b.load();
    return r.errors().stream().map(e -> new Problem(e.path(), e.message(), e.format())).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"eb.rolling", "eb.rolling-additional-batch"})
  void aBatchLargerThanTheFleetIsAnError(String type) {
    var p = problems(EbScenarios.of(type).param("batchSize", CountOrPercent.count(8)));
    assertThat(p).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("deployment.strategy.batchSize");
      assertThat(x.message()).isEqualTo("batch size 8 is larger than the fleet's 6 instances");
    });
  }

  @Test
  void batchSizesWithinTheFleetAreFine() {
    assertThat(problems(EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.count(6)))).isEmpty();
    assertThat(problems(EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.percent(1)))).isEmpty();
    assertThat(problems(EbScenarios.of("eb.rolling"))).isEmpty();
  }

  @Test
  void percentagesOutsideOneToHundredAreErrors() {
    assertThat(problems(EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.percent(150))))
        .singleElement().satisfies(x -> {
          assertThat(x.path()).isEqualTo("deployment.strategy.batchSize");
          assertThat(x.message()).contains("150%");
        });
    assertThat(problems(EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.percent(0))))
        .hasSize(1);
    assertThat(problems(EbScenarios.of("eb.rolling").param("batchSize", CountOrPercent.count(0))))
        .singleElement().satisfies(x -> assertThat(x.message()).contains("at least 1"));
  }

  @Test
  void trafficSplittingNeedsAnApplicationLoadBalancer() {
    var p = problems(EbScenarios.of("eb.traffic-splitting").set("loadBalancer.type", "clb"));
    assertThat(p).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("loadBalancer.type");
      assertThat(x.message()).contains("Application Load Balancer");
    });
    assertThat(problems(EbScenarios.of("eb.traffic-splitting"))).isEmpty();
    // the other policies work with a Classic Load Balancer
    assertThat(problems(EbScenarios.of("eb.immutable").set("loadBalancer.type", "clb"))).isEmpty();
  }

  @Test
  void trafficSplittingRangesAreTheDocumentedOnes() {
    assertThat(problems(EbScenarios.of("eb.traffic-splitting").param("evaluationTime", 60.0)))
        .singleElement().satisfies(x -> assertThat(x.path()).isEqualTo("deployment.strategy.evaluationTime"));
    assertThat(problems(EbScenarios.of("eb.traffic-splitting").param("newVersionPercent", 0)))
        .singleElement().satisfies(x -> assertThat(x.path()).isEqualTo("deployment.strategy.newVersionPercent"));
  }

  @Test
  void immutableRequiresEnhancedHealth() {
    var p = problems(EbScenarios.of("eb.immutable").param("enhancedHealth", false));
    assertThat(p).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("deployment.strategy.enhancedHealth");
      assertThat(x.message()).contains("require enhanced health");
    });
  }

  @Test
  void aSuccessThresholdNeedsEnhancedHealth() {
    var p = problems(EbScenarios.of("eb.rolling").param("enhancedHealth", false)
        .param("healthCheckSuccessThreshold", "Warning"));
    assertThat(p).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("deployment.strategy.healthCheckSuccessThreshold");
      assertThat(x.message()).contains("enhanced health");
    });
  }

  @Test
  void theCommandTimeoutIsOneSecondToOneHour() {
    assertThat(problems(EbScenarios.of("eb.rolling").param("timeout", 4000.0)))
        .singleElement().satisfies(x -> assertThat(x.path()).isEqualTo("deployment.strategy.timeout"));
  }

  @Test
  void parametersCarryTheirAwsNamesAndDocumentedDefaults() {
    StrategyDescription rolling = Strategies.catalog().find("eb.rolling").orElseThrow().description();
    assertThat(rolling.params()).extracting(ParamSpec::name)
        .containsExactly("batchSize", "timeout", "ignoreHealthCheck", "enhancedHealth", "healthCheckSuccessThreshold",
            "launchedDuringDeployment");
    assertThat(param(rolling, "launchedDuringDeployment").defaultValue()).isEqualTo("last-successful");
    assertThat(param(rolling, "batchSize").defaultValue()).isEqualTo(CountOrPercent.percent(100));
    assertThat(param(rolling, "batchSize").awsName()).contains("BatchSize").contains("BatchSizeType");
    assertThat(param(rolling, "timeout").defaultValue()).isEqualTo(600.0);
    assertThat(param(rolling, "timeout").awsName()).isEqualTo("Timeout");
    assertThat(param(rolling, "ignoreHealthCheck").defaultValue()).isEqualTo(false);
    assertThat(param(rolling, "ignoreHealthCheck").awsName()).isEqualTo("IgnoreHealthCheck");
    assertThat(param(rolling, "healthCheckSuccessThreshold").defaultValue()).isEqualTo("Ok");
    StrategyDescription split = Strategies.catalog().find("eb.traffic-splitting").orElseThrow().description();
    assertThat(param(split, "newVersionPercent").defaultValue()).isEqualTo(10);
    assertThat(param(split, "newVersionPercent").awsName()).isEqualTo("NewVersionPercent");
    assertThat(param(split, "evaluationTime").defaultValue()).isEqualTo(300.0);
    assertThat(param(split, "evaluationTime").awsName()).isEqualTo("EvaluationTime");
    for (StrategyType type : Strategies.catalog().all()) {
      StrategyDescription t = type.description();
      if (t.name().startsWith("eb.")) {
        assertThat(t.params()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
      }
    }
  }

  /** A small scenario of the type with deployment.rollback.onFailure set, loaded with the real loader. */
  static List<ScenarioError> withOnFailure(String type, String versionHealth, boolean onFailure) {
    String yaml = """
        name: on-failure
        fleet: {instances: 4, maxSize: 8}
        loadBalancer: {preset: elastic-beanstalk}
        traffic: {rps: 200}
        versions: {v1: {}, v2: {health: %s}}
        deployment:
          version: v2
          strategy: {type: %s}
          rollback: {onFailure: %s}
        """.formatted(versionHealth, type, onFailure);
    return new ScenarioLoader(Strategies.catalog()).parse(yaml, "x.yaml").errors();
  }

  @ParameterizedTest
  @CsvSource({
      "eb.all-at-once, NEVER_REVERTS", "eb.rolling, NEVER_REVERTS", "eb.rolling-additional-batch, NEVER_REVERTS",
      "eb.blue-green, NEVER_REVERTS", "eb.immutable, ALWAYS_REVERTS", "eb.traffic-splitting, ALWAYS_REVERTS"})
  void onFailureMayStateWhatThePolicyDoesButNotContradictIt(String type, RollbackPolicy.FailureHandling handling) {
    StrategyDescription t = Strategies.catalog().find(type).orElseThrow().description();
    assertThat(t.rollback().handling()).isEqualTo(handling);
    boolean reverts = handling == RollbackPolicy.FailureHandling.ALWAYS_REVERTS;
    assertThat(withOnFailure(type, "healthy", reverts)).isEmpty();
    assertThat(withOnFailure(type, "healthy", !reverts)).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.rollback.onFailure");
      assertThat(e.line()).isEqualTo(9);
      assertThat(e.message()).isEqualTo(t.rollbackOnFailureRefusal(!reverts));
    });
    assertThat(t.failureBehaviour()).contains(reverts ? "onFailure may only be true" : "onFailure may only be false");
  }

  @Test
  void refusalsExplainThePlatformAndTheWayOut() {
    assertThat(description("eb.rolling").rollbackOnFailureRefusal(true)).isEqualTo(
        "Elastic Beanstalk rolling deployments do not roll back automatically: a failed deployment leaves finished "
            + "batches on the new version; redeploy a known good version, or use eb.immutable");
    assertThat(description("eb.immutable").rollbackOnFailureRefusal(false)).isEqualTo(
        "eb.immutable always terminates the new instances when the deployment fails; remove onFailure or set it to "
            + "true");
    assertThat(description("eb.blue-green").rollbackOnFailureRefusal(true))
        .startsWith("eb.blue-green runs no rollback: a new environment that fails before the URL swap is terminated");
  }

  @Test
  void theContractsImmutableExampleWithOnFailureTrueRollsBackAFailingVersion() {
    RunResult r = Simulate.run("""
        name: immutable-on-failure
        fleet: {instances: 4, maxSize: 8, launchTime: 40s}
        loadBalancer: {preset: elastic-beanstalk}
        traffic: {rps: 200}
        versions: {v1: {}, v2: {health: failing}}
        deployment:
          at: 1m
          version: v2
          strategy: {type: eb.immutable}
          rollback: {onFailure: true}
        """);
    assertThat(r.summary().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(r.summary().rollback().triggered()).isTrue();
  }

  static StrategyDescription description(String type) {
    return Strategies.catalog().find(type).orElseThrow().description();
  }

  static ParamSpec param(StrategyDescription t, String name) {
    return t.param(name).orElseThrow();
  }
}
