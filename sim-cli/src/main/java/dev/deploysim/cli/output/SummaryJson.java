package dev.deploysim.cli.output;

import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.Numbers;
import dev.deploysim.result.Summary;
import java.util.Map;

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

    Map<String, Object> dep = Json.object();
    Summary.Deployment d = s.deployment();
    dep.put("startSeconds", d == null ? null : Json.seconds(d.startSeconds()));
    dep.put("endSeconds", d == null ? null : Json.seconds(d.endSeconds()));
    dep.put("durationSeconds", d == null ? null : Json.seconds(d.durationSeconds()));
    o.put("deployment", dep);

    Map<String, Object> cap = Json.object();
    Summary.Capacity c = s.capacity();
    cap.put("baselineInstances", c == null ? null : c.baselineInstances());
    cap.put("minInServiceInstances", c == null ? null : c.minInServiceInstances());
    cap.put("minCapacityPercent", c == null ? null : Json.real(c.minCapacityPercent(), Numbers.FRACTION));
    cap.put("peakInstances", c == null ? null : c.peakInstances());
    o.put("capacity", cap);

    Map<String, Object> tr = Json.object();
    Summary.Traffic t = s.traffic();
    tr.put("requests", t == null ? null : t.requests());
    tr.put("failedRequests", t == null ? null : t.failedRequests());
    tr.put("availabilityPercent", t == null ? null : Json.real(t.availabilityPercent(), Numbers.FRACTION));
    tr.put("downtimeSeconds", t == null ? null : Json.seconds(t.downtimeSeconds()));
    tr.put("degradedSeconds", t == null ? null : Json.seconds(t.degradedSeconds()));
    tr.put("requestsServedByNewVersion", t == null ? null : t.requestsServedByNewVersion());
    tr.put("requestsServedByNewVersionBeforeRollback", t == null ? null
        : t.requestsServedByNewVersionBeforeRollback());
    o.put("traffic", tr);

    Map<String, Object> rb = Json.object();
    Summary.Rollback r = s.rollback();
    rb.put("triggered", r == null ? null : r.triggered());
    rb.put("reason", r == null ? null : r.reason());
    rb.put("startSeconds", r == null ? null : Json.seconds(r.startSeconds()));
    rb.put("endSeconds", r == null ? null : Json.seconds(r.endSeconds()));
    o.put("rollback", rb);

    Map<String, Object> cost = Json.object();
    Summary.Cost k = s.cost();
    cost.put("instanceHours", k == null ? null : Json.real(k.instanceHours(), Numbers.FRACTION));
    cost.put("extraInstanceHours", k == null ? null : Json.real(k.extraInstanceHours(), Numbers.FRACTION));
    cost.put("usd", k == null ? null : Json.real(k.usd(), Numbers.FRACTION));
    o.put("cost", cost);

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
    Map<String, Object> det = Json.object();
    Summary.Detection x = s.detection() == null ? Summary.Detection.none() : s.detection();
    det.put("atSeconds", Json.seconds(x.atSeconds()));
    det.put("afterStartSeconds", Json.seconds(x.afterStartSeconds()));
    det.put("by", x.by());
    o.put("detection", det);
    o.put("horizonSeconds", Json.seconds(s.horizonSeconds()));
    Map<String, Object> lat = Json.object();
    Summary.Latency l = s.latency() == null ? Summary.Latency.none() : s.latency();
    lat.put("p50Seconds", Json.seconds(l.p50Seconds()));
    lat.put("p95Seconds", Json.seconds(l.p95Seconds()));
    lat.put("p99Seconds", Json.seconds(l.p99Seconds()));
    lat.put("p99MaxSeconds", Json.seconds(l.p99MaxSeconds()));
    lat.put("sloViolationSeconds", Json.seconds(l.sloViolationSeconds()));
    lat.put("timedOutRequests", l.timedOutRequests());
    o.put("latency", lat);
    Map<String, Object> sc = Json.object();
    Summary.Scaling g = s.scaling() == null ? Summary.Scaling.none() : s.scaling();
    sc.put("scaleOutActivities", g.scaleOutActivities());
    sc.put("scaleInActivities", g.scaleInActivities());
    sc.put("maxDesired", g.maxDesired());
    o.put("scaling", sc);
    Map<String, Object> rec = Json.object();
    Summary.Recovery rv = s.recovery() == null ? Summary.Recovery.none() : s.recovery();
    rec.put("detectedSeconds", Json.seconds(rv.detectedSeconds()));
    rec.put("rtoSeconds", Json.seconds(rv.rtoSeconds()));
    rec.put("rpoSeconds", Json.seconds(rv.rpoSeconds()));
    rec.put("failoverAt", Json.seconds(rv.failoverAtSeconds()));
    rec.put("failedRequests", rv.failedRequests());
    o.put("recovery", rec);
    return o;
  }

  /** The summary file's text, with a final newline. */
  public static String text(Summary s) {
    return Json.write(toJson(s)) + "\n";
  }
}
