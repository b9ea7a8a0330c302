package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.cli.output.SummaryJson;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json and --json: every key of docs/outputs.md#summaryjson, in its order, null never
 * absent.
 */
class SummaryJsonTest {

  /**
   * The keys of docs/outputs.md#summaryjson in its order: the original ones, then those added
   * later.
   */
  static final List<String> TOP = List.of("scenario", "strategy", "seed", "outcome", "deployment", "capacity",
      "traffic", "rollback", "cost", "mixedVersionSeconds", "finalVersions",
      "outcomeReason", "versions", "detection", "horizonSeconds", "latency", "scaling", "recovery");
  static final Map<String, List<String>> NESTED = new LinkedHashMap<>();

  static {
    NESTED.put("deployment", List.of("startSeconds", "endSeconds", "durationSeconds"));
    NESTED.put("capacity", List.of("baselineInstances", "minInServiceInstances", "minCapacityPercent", "peakInstances"));
    NESTED.put("traffic", List.of("requests", "failedRequests", "availabilityPercent", "downtimeSeconds",
        "degradedSeconds", "requestsServedByNewVersion", "requestsServedByNewVersionBeforeRollback"));
    NESTED.put("rollback", List.of("triggered", "reason", "startSeconds", "endSeconds"));
    NESTED.put("cost", List.of("instanceHours", "extraInstanceHours", "usd"));
    NESTED.put("versions", List.of("from", "to"));
    NESTED.put("detection", List.of("atSeconds", "afterStartSeconds", "by"));
    NESTED.put("latency", List.of("p50Seconds", "p95Seconds", "p99Seconds", "p99MaxSeconds", "sloViolationSeconds",
        "timedOutRequests"));
    NESTED.put("scaling", List.of("scaleOutActivities", "scaleInActivities", "maxDesired"));
    NESTED.put("recovery", List.of("detectedSeconds", "rtoSeconds", "rpoSeconds", "failoverAt", "failedRequests"));
  }

  static List<String> names(JsonNode o) {
    List<String> out = new ArrayList<>();
    Iterator<String> it = o.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }

  static void assertShape(JsonNode o) {
    assertThat(names(o)).containsExactlyElementsOf(TOP);
    NESTED.forEach((k, keys) -> assertThat(names(o.get(k))).as(k).containsExactlyElementsOf(keys));
  }

  @Test
  void aRunThroughTheCommandLineHasEveryKeyWithTheRightTypes(@TempDir Path dir) throws IOException {
    Cli cli = new Cli(dir);
    String f = cli.file("a.yaml", "name=alpha", "bad=true", "price=0.1");
    Cli.Result r = cli.run("run", f, "--json", "--format", "png");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertShape(o);
    // stdout and the file hold the same summary
    assertThat(new ObjectMapper().readTree(dir.resolve("out/alpha/summary.json").toFile())).isEqualTo(o);

    assertThat(o.get("scenario").isTextual()).isTrue();
    assertThat(o.get("strategy").asText()).isEqualTo("eb.all-at-once");
    assertThat(o.get("seed").isIntegralNumber()).isTrue();
    assertThat(o.get("outcome").asText()).isIn("SUCCEEDED", "FAILED", "ROLLED_BACK");
    // deployment at 5m: 300 s of simulated time
    assertThat(o.at("/deployment/startSeconds").isFloatingPointNumber()).isTrue();
    assertThat(o.at("/deployment/startSeconds").asDouble()).isEqualTo(300.0);
    double end = o.at("/deployment/endSeconds").asDouble();
    assertThat(o.at("/deployment/durationSeconds").asDouble()).isEqualTo(end - 300.0);
    // counts are integers: 6 instances in the test fleet
    assertThat(o.at("/capacity/baselineInstances").isInt()).isTrue();
    assertThat(o.at("/capacity/baselineInstances").asInt()).isEqualTo(6);
    assertThat(o.at("/capacity/minInServiceInstances").isInt()).isTrue();
    assertThat(o.at("/capacity/peakInstances").isInt()).isTrue();
    assertThat(o.at("/capacity/minCapacityPercent").isFloatingPointNumber()).isTrue();
    for (String k : List.of("requests", "failedRequests", "requestsServedByNewVersion",
        "requestsServedByNewVersionBeforeRollback")) {
      assertThat(o.at("/traffic/" + k).isIntegralNumber()).as(k).isTrue();
    }
    for (String k : List.of("availabilityPercent", "downtimeSeconds", "degradedSeconds")) {
      assertThat(o.at("/traffic/" + k).isFloatingPointNumber()).as(k).isTrue();
    }
    assertThat(o.at("/rollback/triggered").isBoolean()).isTrue();
    // no rollback: the keys are there, as null
    assertThat(o.get("rollback").has("reason")).isTrue();
    assertThat(o.at("/rollback/reason").isNull()).isTrue();
    assertThat(o.at("/rollback/startSeconds").isNull()).isTrue();
    assertThat(o.at("/cost/instanceHours").isFloatingPointNumber()).isTrue();
    // usd = instanceHours x price, at 4 decimals
    assertThat(o.at("/cost/usd").asDouble()).isCloseTo(o.at("/cost/instanceHours").asDouble() * 0.1,
        org.assertj.core.data.Offset.offset(1e-3));
    assertThat(o.get("mixedVersionSeconds").isFloatingPointNumber()).isTrue();
    assertThat(o.get("finalVersions").isObject()).isTrue();
    o.get("finalVersions").forEach(n -> assertThat(n.isInt()).isTrue());
    assertThat(o.at("/versions/from").asText()).isEqualTo("v1");
    assertThat(o.at("/versions/to").asText()).isEqualTo("v2");
    assertThat(o.get("horizonSeconds").isFloatingPointNumber()).isTrue();
    // no responseTime: no latency; a fleet without policies: no scaling activity, desired 6 at most
    assertThat(o.at("/latency/p50Seconds").isNull()).isTrue();
    assertThat(o.at("/latency/sloViolationSeconds").isNull()).isTrue();
    assertThat(o.at("/scaling/scaleOutActivities").asInt()).isZero();
    assertThat(o.at("/scaling/maxDesired").isInt()).isTrue();
  }

  @Test
  void keysThatDoNotApplyAreNullNotAbsent() throws IOException {
    // a serverless run that never finished: no fleet, no end, no detection
    Summary s = new Summary("lambda", "codedeploy.traffic-shift", 7, Outcome.FAILED,
        new Summary.Deployment(300, null, null), new Summary.Capacity(null, null, null, null),
        new Summary.Traffic(0, 0, 100, 0, 0, 0, 0), new Summary.Rollback(false, null, null, null),
        new Summary.Cost(null, null, null), 0, null, "still running", "v1", "v2", Summary.Detection.none(), 3600);
    JsonNode o = new ObjectMapper().readTree(SummaryJson.text(s));
    assertShape(o);
    assertThat(o.get("finalVersions").isNull()).isTrue();
    assertThat(o.at("/deployment/endSeconds").isNull()).isTrue();
    assertThat(o.at("/capacity/baselineInstances").isNull()).isTrue();
    assertThat(o.at("/cost/instanceHours").isNull()).isTrue();
    assertThat(o.at("/detection/atSeconds").isNull()).isTrue();
    assertThat(o.at("/detection/by").isNull()).isTrue();
    assertThat(o.at("/latency/p99Seconds").isNull()).isTrue();
    assertThat(o.at("/scaling/maxDesired").isNull()).isTrue();
  }

  @Test
  void numbersFollowOneRule() {
    Summary s = new Summary("n", "eb.all-at-once", 1, Outcome.ROLLED_BACK,
        new Summary.Deployment(300, 1234.5, 934.5), new Summary.Capacity(6, 3, 50.0, 12),
        new Summary.Traffic(720000, 3, 99.99958333333333, 0.0004, 12.34567, 123456, 100000),
        new Summary.Rollback(true, "alarm \"high-5xx\"", 400.0, 1e7 / 3),
        new Summary.Cost(3.2, 0.7, 1.23456789), 120, Map.of("v1", 6), null, "v1", "v2",
        new Summary.Detection(400.0, 100.0, "alarm high-5xx"), 4000.00049);
    String text = SummaryJson.text(s);
    // seconds at milliseconds, percentages and hours at 4 decimals, every real with a point
    assertThat(text).contains("\"startSeconds\": 300.0,", "\"endSeconds\": 1234.5,", "\"durationSeconds\": 934.5")
        .contains("\"minCapacityPercent\": 50.0,", "\"availabilityPercent\": 99.9996,")
        .contains("\"downtimeSeconds\": 0.0,", "\"degradedSeconds\": 12.346,")
        .contains("\"endSeconds\": 3333333.333", "\"usd\": 1.2346", "\"instanceHours\": 3.2,")
        .contains("\"requests\": 720000,", "\"baselineInstances\": 6,", "\"horizonSeconds\": 4000.0")
        .contains("\"reason\": \"alarm \\\"high-5xx\\\"\"")
        .doesNotContain("E+", "E-", "e+", "e-");
    assertThat(text).endsWith("}\n");
  }
}
