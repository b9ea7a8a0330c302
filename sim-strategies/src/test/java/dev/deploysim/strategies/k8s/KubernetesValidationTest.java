package dev.deploysim.strategies.k8s;

import dev.deploysim.testing.ScenarioYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.ScenarioError;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a Kubernetes scenario may not say, and the messages that tell the user why. */
class KubernetesValidationTest {

  static List<ScenarioError> errors(ScenarioYaml p) {
    return p.load().errors();
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s.rolling-update", "k8s.recreate"})
  void theDefaultsAreValid(String type) {
    assertThat(errors(PodScenarios.of(type))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s.rolling-update", "k8s.recreate"})
  void fleetKeysWithoutAKubernetesMeaningAreRefused(String type) {
    assertThat(errors(PodScenarios.of(type).set("fleet.lifecycleHooks", "[{transition: terminating}]")))
        .singleElement().satisfies(e -> {
          assertThat(e.path()).isEqualTo("fleet.lifecycleHooks");
          assertThat(e.hint()).contains("podStopTime");
        });
    assertThat(errors(PodScenarios.of(type).set("fleet.warmPool", "{minSize: 2}")))
        .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("fleet.warmPool"));
    assertThat(errors(PodScenarios.of(type).set("fleet.healthCheckType", "ELB")))
        .singleElement().satisfies(e -> {
          assertThat(e.path()).isEqualTo("fleet.healthCheckType");
          assertThat(e.message()).contains("readiness probe");
        });
    assertThat(errors(PodScenarios.of(type).set("loadBalancer.slowStart", "30s")))
        .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("loadBalancer.slowStart"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s.rolling-update", "k8s.recreate"})
  void aDeploymentDoesNotRollBackOnAlarms(String type) {
    var p = PodScenarios.of(type).errorRateAlarm();
    assertThat(errors(p)).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("deployment.rollback.onAlarms");
      assertThat(e.message()).contains("never rolls back by itself");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s.rolling-update", "k8s.recreate"})
  void theProgressDeadlineMustExceedMinReadySeconds(String type) {
    assertThat(errors(PodScenarios.of(type).param("minReadySeconds", "30").param("progressDeadlineSeconds", "30")))
        .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.progressDeadlineSeconds"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s.rolling-update", "k8s.recreate"})
  void aDeploymentNeverRollsBackAFailedRollout(String type) {
    assertThat(errors(PodScenarios.of(type).onFailure(true))).singleElement()
        .satisfies(e -> {
          assertThat(e.path()).isEqualTo("deployment.rollback.onFailure");
          assertThat(e.message()).contains("ProgressDeadlineExceeded");
        });
    // saying what Kubernetes does anyway is fine
    assertThat(errors(PodScenarios.of(type).onFailure(false))).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void maxSurgeAndMaxUnavailableCannotBothBeZero() {
    assertThat(errors(PodScenarios.of("k8s.rolling-update").param("maxSurge", "0").param("maxUnavailable", "\"0%\"")))
        .singleElement().satisfies(e -> {
          assertThat(e.path()).isEqualTo("deployment.strategy.maxUnavailable");
          assertThat(e.message()).contains("cannot both be 0");
        });
    // one of them 0 is fine
    assertThat(errors(PodScenarios.of("k8s.rolling-update").param("maxSurge", "0").param("maxUnavailable", "1")))
        .isEmpty();
  }

  @org.junit.jupiter.api.Test
  void recreateHasNoSurge() {
    assertThat(errors(PodScenarios.of("k8s.recreate").param("maxSurge", "1")))
        .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("deployment.strategy.maxSurge"));
  }
}
