package dev.deploysim.strategies.cloudformation;

import dev.deploysim.testing.ScenarioYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What holds for every type that replaces instances with new ones (instance refresh, CloudFormation
 * rolling and replacing updates), on 6 instances of {@link StackScenario} with 300 requests/second
 * (half the fleet's capacity).
 */
class ReplacementPoliciesTest {

  /** Each type with the settings that let it notice a version that fails its health checks. */
  static Stream<Arguments> guarded() {
    return Stream.of(
        Arguments.of("asg.instance-refresh", (UnaryOperator<ScenarioYaml>) s -> s.set("fleet.healthCheckType", "ELB")
            .param("instanceWarmup", "60s").param("autoRollback", true)),
        Arguments.of("cloudformation.rolling-update", (UnaryOperator<ScenarioYaml>) s -> s
            .param("maxBatchSize", 2).param("waitOnResourceSignals", true)),
        Arguments.of("cloudformation.replacing-update", (UnaryOperator<ScenarioYaml>) s -> s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guarded")
  void aHealthyVersionReplacesEveryInstanceWithoutFailedRequests(String type, UnaryOperator<ScenarioYaml> settings) {
    Summary s = settings.apply(StackScenario.of(type, 6)).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 6));
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.rollback().triggered()).isFalse();
    // every instance was replaced: the old ones are gone, so the cost includes new instances
    assertThat(s.capacity().peakInstances()).isGreaterThan(6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guarded")
  void aVersionThatFailsItsHealthChecksIsRolledBackBeforeItServes(String type, UnaryOperator<ScenarioYaml> settings) {
    Summary s = settings.apply(StackScenario.of(type, 6).v2("{health: failing}")).run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 6));
    // never healthy, so the load balancer never sends it a request while healthy v1 instances exist
    assertThat(s.traffic().requestsServedByNewVersion()).isZero();
    assertThat(s.traffic().failedRequests()).isZero();
    assertThat(s.detection().by()).isNotNull();
  }
}
