package dev.deploysim.cli.output;

import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.Numbers;
import dev.deploysim.result.Summary;
import java.util.Map;
import java.util.function.Function;

/**
 * The summary JSON (docs/outputs.md#summaryjson): the original keys in their order, then the keys
 * added after them ({@code cost.usd}, {@code outcomeReason}, {@code versions}, {@code detection},
 * {@code horizonSeconds}, {@code latency}, {@code scaling}, {@code recovery}). Keys that do not apply are null, never absent.
 *
 * <p>Numbers: counts are integers; seconds are rounded to milliseconds; percentages, hours and
 * dollars to 4 decimals; every real number keeps a decimal point ({@code 300.0}).
 */
public final class SummaryJson {
  private SummaryJson() {}

  /** The summary as an ordered JSON object; callers may add keys (e.g. replications) at the end. */
  public static Map<String, Object> toJson(Summary s) {
    Map<String, Object> o = Json.object();
    o.put("scenario", s.scenario());
    o.put("strategy", s.strategy());
    o.put("seed", s.seed());
    o.put("outcome", s.outcome() == null ? null : s.outcome().name());
    o.put("deployment", new Section<>(s.deployment())
        .put("startSeconds", d -> Json.seconds(d.startSeconds()))
        .put("endSeconds", d -> Json.seconds(d.endSeconds()))
        .put("durationSeconds", d -> Json.seconds(d.durationSeconds())).json);
    o.put("capacity", new Section<>(s.capacity())
        .put("baselineInstances", Summary.Capacity::baselineInstances)
        .put("minInServiceInstances", Summary.Capacity::minInServiceInstances)
        .put("minCapacityPercent", c -> Json.real(c.minCapacityPercent(), Numbers.FRACTION))
        .put("peakInstances", Summary.Capacity::peakInstances).json);
    o.put("traffic", new Section<>(s.traffic())
        .put("requests", Summary.Traffic::requests)
        .put("failedRequests", Summary.Traffic::failedRequests)
        .put("availabilityPercent", t -> Json.real(t.availabilityPercent(), Numbers.FRACTION))
        .put("downtimeSeconds", t -> Json.seconds(t.downtimeSeconds()))
        .put("degradedSeconds", t -> Json.seconds(t.degradedSeconds()))
        .put("requestsServedByNewVersion", Summary.Traffic::requestsServedByNewVersion)
        .put("requestsServedByNewVersionBeforeRollback", Summary.Traffic::requestsServedByNewVersionBeforeRollback)
        .json);
    o.put("rollback", new Section<>(s.rollback())
        .put("triggered", Summary.Rollback::triggered)
        .put("reason", Summary.Rollback::reason)
        .put("startSeconds", r -> Json.seconds(r.startSeconds()))
        .put("endSeconds", r -> Json.seconds(r.endSeconds())).json);
    o.put("cost", new Section<>(s.cost())
        .put("instanceHours", k -> Json.real(k.instanceHours(), Numbers.FRACTION))
        .put("extraInstanceHours", k -> Json.real(k.extraInstanceHours(), Numbers.FRACTION))
        .put("usd", k -> Json.real(k.usd(), Numbers.FRACTION)).json);
    o.put("mixedVersionSeconds", Json.seconds(s.mixedVersionSeconds()));
    if (s.finalVersions() == null) {
      o.put("finalVersions", null);
    } else {
      Map<String, Object> fv = Json.object();
      s.finalVersions().forEach(fv::put);
      o.put("finalVersions", fv);
    }

    // keys added later, after the original ones (docs/outputs.md#summaryjson)
    o.put("outcomeReason", s.outcomeReason());
    Map<String, Object> versions = Json.object();
    versions.put("from", s.fromVersion());
    versions.put("to", s.toVersion());
    o.put("versions", versions);
    o.put("detection", new Section<>(s.detection())
        .put("atSeconds", x -> Json.seconds(x.atSeconds()))
        .put("afterStartSeconds", x -> Json.seconds(x.afterStartSeconds()))
        .put("by", Summary.Detection::by).json);
    o.put("horizonSeconds", Json.seconds(s.horizonSeconds()));
    o.put("latency", new Section<>(s.latency())
        .put("p50Seconds", l -> Json.seconds(l.p50Seconds()))
        .put("p95Seconds", l -> Json.seconds(l.p95Seconds()))
        .put("p99Seconds", l -> Json.seconds(l.p99Seconds()))
        .put("p99MaxSeconds", l -> Json.seconds(l.p99MaxSeconds()))
        .put("sloViolationSeconds", l -> Json.seconds(l.sloViolationSeconds()))
        .put("timedOutRequests", Summary.Latency::timedOutRequests).json);
    o.put("scaling", new Section<>(s.scaling())
        .put("scaleOutActivities", Summary.Scaling::scaleOutActivities)
        .put("scaleInActivities", Summary.Scaling::scaleInActivities)
        .put("maxDesired", Summary.Scaling::maxDesired).json);
    o.put("recovery", new Section<>(s.recovery())
        .put("detectedSeconds", v -> Json.seconds(v.detectedSeconds()))
        .put("rtoSeconds", v -> Json.seconds(v.rtoSeconds()))
        .put("rpoSeconds", v -> Json.seconds(v.rpoSeconds()))
        .put("failoverAt", v -> Json.seconds(v.failoverAtSeconds()))
        .put("failedRequests", Summary.Recovery::failedRequests).json);
    return o;
  }

  /**
   * One block of the summary as a JSON object: every key is written, and each is null when the
   * block is (a run without a deployment, without latency, ...): a key that does not apply is null,
   * never absent.
   */
  private static final class Section<T> {
    private final T value;
    private final Map<String, Object> json = Json.object();

    Section(T value) {
      this.value = value;
    }

    Section<T> put(String key, Function<T, Object> field) {
      json.put(key, value == null ? null : field.apply(value));
      return this;
    }
  }

  /** The summary file's text, with a final newline. */
  public static String text(Summary s) {
    return Json.write(toJson(s)) + "\n";
  }
}
