package dev.deploysim.cli.importer;

import java.util.List;
import java.util.Map;

/**
 * CloudWatch alarms that stop a deployment: from an {@code AWS::CloudWatch::Alarm} resource when
 * its metric is one the simulation measures, otherwise assumed (an error-rate alarm) so that the
 * deployment's alarm list still refers to something.
 * Properties: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-alarm.html
 */
final class AlarmImport {
  private AlarmImport() {}

  /** Load balancer metrics (AWS/ApplicationELB, AWS/ELB) and the scenario metric that measures them. */
  static final Map<String, String> METRICS = Map.of(
      "HTTPCode_Target_5XX_Count", "failedRequests",
      "HTTPCode_ELB_5XX_Count", "failedRequests",
      "HTTPCode_Backend_5XX", "failedRequests",
      "HTTPCode_ELB_5XX", "failedRequests",
      "RequestCount", "requests",
      "HealthyHostCount", "healthyHosts",
      "UnHealthyHostCount", "unhealthyHosts");

  static final List<String> COMPARISONS = List.of("GreaterThanThreshold", "GreaterThanOrEqualToThreshold",
      "LessThanThreshold", "LessThanOrEqualToThreshold");

  /** Alarm {@code index} named {@code name} from the resource's Properties. */
  static void fromResource(ImportSession s, int index, Provenance nameFrom, String name, Value props) {
    String base = "alarms[" + index + "]";
    Value metric = props.get("MetricName");
    String mapped = metric.isScalar() ? METRICS.get(metric.text()) : null;
    Value comparison = props.get("ComparisonOperator");
    boolean plainComparison = !comparison.isScalar() || COMPARISONS.contains(comparison.text());
    if (mapped == null || !plainComparison || props.get("Metrics").present()) {
      String why = mapped == null
          ? "metric " + (metric.isScalar() ? metric.text() : "math") + " is not simulated"
          : "comparison " + comparison.text() + " is not simulated";
      assumed(s, index, nameFrom, name, why + " (" + props.at() + ")");
      return;
    }
    s.draft.put(base + ".name", name, nameFrom);
    s.draft.put(base + ".metric", mapped, new Provenance.FromFile(metric.where(), metric.path(),
        metric.text() + " is measured as " + mapped));
    s.set(base + ".statistic", props.get("Statistic"),
        (v, p) -> Convert.word(v, List.of("Average", "Sum", "Minimum", "Maximum"), p));
    s.set(base + ".threshold", props.get("Threshold"), (v, p) -> Convert.number(v, -1e15, 1e15, p));
    s.set(base + ".comparison", comparison, (v, p) -> Convert.word(v, COMPARISONS, p));
    s.set(base + ".period", props.get("Period"), (v, p) -> Convert.seconds(v, 10, 86400, p));
    s.set(base + ".evaluationPeriods", props.get("EvaluationPeriods"), (v, p) -> Convert.integer(v, 1, 1000, p));
    s.set(base + ".datapointsToAlarm", props.get("DatapointsToAlarm"), (v, p) -> Convert.integer(v, 1, 1000, p));
    s.set(base + ".treatMissingData", props.get("TreatMissingData"),
        (v, p) -> Convert.word(v, List.of("missing", "breaching", "notBreaching", "ignore"), p));
  }

  /** An alarm known only by name: an error-rate alarm stands in for it. */
  static void assumed(ImportSession s, int index, Provenance nameFrom, String name, String why) {
    String base = "alarms[" + index + "]";
    s.draft.put(base + ".name", name, nameFrom);
    String what = "the alarm's definition is not in these files" + (why == null ? "" : ": " + why)
        + "; an error-rate alarm stands in";
    s.assume(base + ".metric", "errorRate", what);
    s.assume(base + ".threshold", 0.05, "5% of requests failing");
    s.assume(base + ".period", "60s", "one-minute datapoints");
    s.assume(base + ".evaluationPeriods", 3L, "3 datapoints evaluated");
    s.assume(base + ".datapointsToAlarm", 2L, "2 of them breaching");
    s.draft.note("alarm " + name + ": " + what + " (alarms[" + index + "] in the scenario)");
  }
}
