package dev.deploysim.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One system deployed by every registered strategy type at its defaults: a healthy version
 * succeeds, requests fail only when too few instances serve, and there is downtime exactly when no
 * instance served at some moment. The system: 6 instances (or replicas) of 100 requests/second for
 * 300 requests/second of demand, so as long as 3 instances serve, every request is answered. Which
 * types take every old instance out first (Elastic Beanstalk AllAtOnce, CodeDeploy's AllAtOnce in
 * place, Kubernetes Recreate) is tested with each platform.
 */
class DowntimeAcrossStrategiesTest {
  static final int CAPACITY = 100;
  static final int DEMAND = 300;

  static String yaml(String strategy) {
    return """
        name: downtime
        fleet: {instances: 6, maxSize: 12, zones: [a, b, c], capacity: %d, launchTime: 40s}
        loadBalancer: {type: alb, healthCheck: {interval: 15s, healthyThreshold: 3}, deregistrationDelay: 20s}
        traffic: {rps: %d}
        versions:
          v1: {install: 30s, start: 10s}
          v2: {install: 30s, start: 10s}
        deployment:
          at: 5m
          version: v2
          strategy: %s
        """.formatted(CAPACITY, DEMAND, strategy);
  }

  /**
   * Every type's strategy block at its defaults; a required parameter (codedeploy.traffic-shift's
   * platform, flagger.canary's analysis) takes the value the type's healthy scenario file gives it.
   */
  static Stream<String> strategies() {
    return Strategies.catalog().all().stream().map(DowntimeAcrossStrategiesTest::atDefaults);
  }

  @SuppressWarnings("unchecked")
  static String atDefaults(StrategyType type) {
    StrategyDescription d = type.description();
    Map<String, Object> file;
    try {
      file = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(
          Files.readString(Path.of("..", "scenarios", d.name().replace('.', '-') + ".yaml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> strategy = (Map<String, Object>) ((Map<String, Object>) file.get("deployment")).get("strategy");
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", d.name());
    for (ParamSpec p : d.params()) {
      if (p.required()) {
        block.put(p.name(), strategy.get(p.name()));
      }
    }
    return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.FLOW).build()).dumpToString(block).trim();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void downtimeOnlyWhenNoInstanceServesAndFailuresOnlyWhenTooFewDo(String strategy) {
    Summary s = Simulate.run(yaml(strategy)).summary();
    assertThat(s.outcome()).as(s.outcomeReason()).isEqualTo(Outcome.SUCCEEDED);
    int minInService = s.capacity().minInServiceInstances();
    assertThat(s.traffic().downtimeSeconds() > 0).as("downtime %s s, fewest in service %d",
        s.traffic().downtimeSeconds(), minInService).isEqualTo(minInService == 0);
    if (minInService * CAPACITY >= DEMAND) {
      assertThat(s.traffic().failedRequests()).isZero();
    }
  }
}
