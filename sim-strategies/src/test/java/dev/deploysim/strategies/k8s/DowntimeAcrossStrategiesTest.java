package dev.deploysim.strategies.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import dev.deploysim.strategies.Simulate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One system deployed by each strategy: only the strategies that take every old instance out of
 * service before a new one serves (Elastic Beanstalk AllAtOnce, CodeDeploy's AllAtOnce in place,
 * Kubernetes Recreate) have downtime; the others keep enough of the old version serving until the
 * new one is ready. The system: 6 instances (or replicas) of 100 requests/second for 300
 * requests/second of demand, so losing a batch of 2 still serves everything.
 */
class DowntimeAcrossStrategiesTest {

  static String yaml(String strategy) {
    return """
        name: downtime
        fleet: {instances: 6, maxSize: 12, zones: [a, b, c], capacity: 100, launchTime: 40s}
        loadBalancer: {type: alb, healthCheck: {interval: 15s, healthyThreshold: 3}, deregistrationDelay: 20s}
        traffic: {rps: 300}
        versions:
          v1: {install: 30s, start: 10s}
          v2: {install: 30s, start: 10s}
        deployment:
          at: 5m
          version: v2
          strategy: %s
        """.formatted(strategy);
  }

  @ParameterizedTest(name = "{0}: downtime {1}")
  @CsvSource(delimiter = '|', value = {
      "{type: eb.all-at-once}                                            | true",
      "{type: eb.rolling, batchSize: 2}                                  | false",
      "{type: eb.immutable}                                              | false",
      "{type: eb.blue-green, terminateOldAfter: 20m}                     | false",
      "{type: codedeploy.in-place, config: CodeDeployDefault.AllAtOnce}  | true",
      "{type: codedeploy.in-place, config: CodeDeployDefault.OneAtATime} | false",
      "{type: route53.weighted}                                          | false",
      "{type: alb.weighted-target-groups}                                | false",
      "{type: k8s.rolling-update}                                        | false",
      "{type: k8s.recreate}                                              | true"})
  void onlyStrategiesThatStopEveryOldInstanceFirstHaveDowntime(String strategy, boolean downtime) {
    Summary s = Simulate.run(yaml(strategy)).summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    if (downtime) {
      assertThat(s.traffic().downtimeSeconds()).isPositive();
      assertThat(s.capacity().minInServiceInstances()).isZero();
    } else {
      assertThat(s.traffic().downtimeSeconds()).isZero();
      assertThat(s.traffic().failedRequests()).isZero();
      assertThat(s.capacity().minInServiceInstances()).isPositive();
    }
  }
}
