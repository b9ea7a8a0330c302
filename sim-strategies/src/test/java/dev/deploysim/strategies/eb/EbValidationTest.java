package dev.deploysim.strategies.eb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.LoadResult;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.CountOrPercent;
import dev.deploysim.strategy.ParamSpec;
import dev.deploysim.strategy.StrategyType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Domain rules the Elastic Beanstalk types add to the scenario checks, and their documentation. */
class EbValidationTest {

  /** One error as the loader reports it. */
  record Problem(String path, String message, String line) {}

  /** Loads the scenario with the real loader and returns its errors. */
  static List<Problem> problems(EbScenarios.Builder b) {
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
    var p = problems(EbScenarios.of("eb.traffic-splitting").lb(LoadBalancerSpec.Type.CLB));
    assertThat(p).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("loadBalancer.type");
      assertThat(x.message()).contains("Application Load Balancer");
    });
    assertThat(problems(EbScenarios.of("eb.traffic-splitting"))).isEmpty();
    // the other policies work with a Classic Load Balancer
    assertThat(problems(EbScenarios.of("eb.immutable").lb(LoadBalancerSpec.Type.CLB))).isEmpty();
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
    StrategyType rolling = Strategies.catalog().find("eb.rolling").orElseThrow();
    assertThat(rolling.params()).extracting(ParamSpec::name)
        .containsExactly("batchSize", "timeout", "ignoreHealthCheck", "enhancedHealth", "healthCheckSuccessThreshold");
    assertThat(param(rolling, "batchSize").defaultValue()).isEqualTo(CountOrPercent.percent(100));
    assertThat(param(rolling, "batchSize").awsName()).contains("BatchSize").contains("BatchSizeType");
    assertThat(param(rolling, "timeout").defaultValue()).isEqualTo(600.0);
    assertThat(param(rolling, "timeout").awsName()).isEqualTo("Timeout");
    assertThat(param(rolling, "ignoreHealthCheck").defaultValue()).isEqualTo(false);
    assertThat(param(rolling, "ignoreHealthCheck").awsName()).isEqualTo("IgnoreHealthCheck");
    assertThat(param(rolling, "healthCheckSuccessThreshold").defaultValue()).isEqualTo("Ok");
    StrategyType split = Strategies.catalog().find("eb.traffic-splitting").orElseThrow();
    assertThat(param(split, "newVersionPercent").defaultValue()).isEqualTo(10);
    assertThat(param(split, "newVersionPercent").awsName()).isEqualTo("NewVersionPercent");
    assertThat(param(split, "evaluationTime").defaultValue()).isEqualTo(300.0);
    assertThat(param(split, "evaluationTime").awsName()).isEqualTo("EvaluationTime");
    for (StrategyType t : Strategies.catalog().all()) {
      if (t.name().startsWith("eb.")) {
        assertThat(t.params()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
      }
    }
  }

  static ParamSpec param(StrategyType t, String name) {
    return t.params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }
}
