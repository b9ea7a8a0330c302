package dev.deploysim.strategies.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.strategies.PodSystem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the progressive-delivery types refuse, each at its key path with its line, and what they
 * accept: steps and analyses are validated item by item.
 */
class ProgressiveValidationTest {

  static List<ScenarioError> errors(PodSystem p) {
    return p.load().errors();
  }

  static ScenarioError only(PodSystem p) {
    List<ScenarioError> e = errors(p);
    assertThat(e).as(p.yaml()).hasSize(1);
    return e.get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"argo.canary", "argo.blue-green"})
  void theDefaultsAreValid(String type) {
    assertThat(errors(PodSystem.of(type))).isEmpty();
  }

  @Test
  void aConditionIsReadAndABadOneIsLocated() {
    ScenarioError e = only(PodSystem.of("argo.canary").strategy("steps:", "  - setWeight: 20", "  - analysis:",
        "      metrics:", "        - name: errors", "          successCondition: \"error_rate < 0.01\""));
    assertThat(e.path()).isEqualTo("deployment.strategy.steps[1].analysis.metrics[0].successCondition");
    assertThat(e.message()).startsWith("unknown metric \"error_rate\"");
    // the condition's line in the file: name, fleet, loadBalancer, traffic (4), versions with v1 and v2
    // (7), deployment, at, version, strategy, type, podStartTime (13), steps, setWeight, analysis,
    // metrics, name (18), successCondition: 19
    assertThat(e.line()).isEqualTo(19);
  }

  @Test
  void latencyNeedsTheLatencyModel() {
    ScenarioError e = only(PodSystem.of("argo.canary").strategy("steps:", "  - analysis:", "      metrics:",
        "        - name: p99", "          successCondition: \"latencyP99 < 0.5\""));
    assertThat(e.path()).endsWith("metrics[0].successCondition");
    assertThat(e.message()).contains("latency model");
    assertThat(errors(PodSystem.of("argo.canary").versions("{install: 0s, start: 15s, responseTime: 100ms}",
        "{install: 0s, start: 15s, responseTime: 100ms}").strategy("steps:", "  - analysis:", "      metrics:", "        - name: p99",
        "          successCondition: \"latencyP99 < 0.5\""))).isEmpty();
  }

  @Test
  void aCountAboveOneNeedsAnInterval() {
    ScenarioError e = only(PodSystem.of("argo.canary").strategy("steps:", "  - analysis:", "      metrics:",
        "        - {name: m, count: 3, successCondition: \"errorRate < 0.01\"}"));
    assertThat(e.path()).isEqualTo("deployment.strategy.steps[0].analysis.metrics[0].count");
  }

  @Test
  void aMetricNeedsAConditionOrAJudge() {
    ScenarioError e = only(PodSystem.of("argo.canary").strategy("steps:", "  - analysis:", "      metrics:",
        "        - {name: m, interval: 1m}"));
    assertThat(e.path()).isEqualTo("deployment.strategy.steps[0].analysis.metrics[0]");
  }

  @Test
  void setCanaryScaleNeedsATrafficRouter() {
    ScenarioError e = only(PodSystem.of("argo.canary").strategy("steps:", "  - setCanaryScale: {weight: 10}"));
    assertThat(e.path()).isEqualTo("deployment.strategy.steps[0].setCanaryScale");
    assertThat(errors(PodSystem.of("argo.canary").strategy("trafficRouting: alb", "steps:",
        "  - setCanaryScale: {weight: 10}", "  - setWeight: 20"))).isEmpty();
  }

  @Test
  void anUnknownStepIsRefusedWithTheForms() {
    List<ScenarioError> e = errors(PodSystem.of("argo.canary").strategy("steps:", "  - setWeigth: 20"));
    assertThat(e).isNotEmpty();
    assertThat(e.get(0).path()).startsWith("deployment.strategy.steps[0]");
  }

  @Test
  void kayentaThresholdsAndSteps() {
    PodSystem p = PodSystem.of("argo.canary").strategy("steps:", "  - analysis:", "      metrics:",
        "        - name: judge", "          interval: 30s", "          kayenta:",
        "            metrics: [{metric: errorRate, direction: increase}]",
        "            threshold: {pass: 50, marginal: 75}");
    List<ScenarioError> e = errors(p);
    // marginal above pass, and 30 s in steps of 60 s is no data point
    assertThat(e).extracting(ScenarioError::path).containsExactlyInAnyOrder(
        "deployment.strategy.steps[0].analysis.metrics[0].kayenta.threshold.marginal",
        "deployment.strategy.steps[0].analysis.metrics[0].kayenta.step");
  }

  @Test
  void argoDoesNotWatchCloudWatchAlarms() {
    PodSystem p = PodSystem.of("argo.canary");
    String yaml = p.yaml().replace("deployment:\n", "alarms:\n  - {name: high-5xx, metric: errorRate, threshold: 0.05, "
        + "period: 60s, evaluationPeriods: 1}\ndeployment:\n  rollback: {onAlarms: [high-5xx]}\n");
    List<ScenarioError> e = new dev.deploysim.load.ScenarioLoader(dev.deploysim.strategies.Strategies.catalog())
        .parse(yaml, "test.yaml").errors();
    assertThat(e).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("deployment.rollback.onAlarms");
      assertThat(x.message()).contains("analysis");
    });
  }

  @Test
  void flaggerNeedsAWayToMoveTheWeight() {
    ScenarioError e = only(PodSystem.of("flagger.canary").strategy("analysis: {interval: 1m}"));
    assertThat(e.path()).isEqualTo("deployment.strategy.analysis");
    ScenarioError d = only(PodSystem.of("flagger.canary").strategy("analysis:", "  stepWeight: 10", "  metrics:",
        "    - {name: request-duration, thresholdRange: {max: 500}}"));
    assertThat(d.path()).isEqualTo("deployment.strategy.analysis.metrics[0].name");
    assertThat(d.message()).contains("latency model");
    assertThat(errors(PodSystem.of("flagger.canary").strategy("analysis: {stepWeights: [5, 5]}"))).singleElement()
        .satisfies(x -> assertThat(x.path()).isEqualTo("deployment.strategy.analysis.stepWeights[1]"));
  }
}
