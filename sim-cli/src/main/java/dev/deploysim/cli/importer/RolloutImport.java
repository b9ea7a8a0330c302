package dev.deploysim.cli.importer;

import dev.deploysim.cli.importer.KubernetesImport.Doc;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.strategy.StrategyCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Progressive delivery on Kubernetes: an Argo Rollouts {@code Rollout} (canary steps or blue-green,
 * with the AnalysisTemplates its analyses name) and a Flagger {@code Canary} (its analysis and the
 * Deployment it targets).
 * Rollout: https://argo-rollouts.readthedocs.io/en/stable/features/specification/
 * Analysis: https://argo-rollouts.readthedocs.io/en/stable/features/analysis/
 * Flagger: https://docs.flagger.app/usage/how-it-works
 *
 * <p>An analysis metric's provider query (Prometheus, Datadog, CloudWatch ...) cannot run in a
 * simulation: its successCondition is rewritten on the simulated error rate, success rate or 99th
 * percentile latency that the metric's name or query suggests, keeping the threshold, and marked
 * as assumed.
 */
final class RolloutImport {
  private RolloutImport() {}

  private static final String STRATEGY = DeploymentGroupImport.STRATEGY;
  private static final Pattern DURATION = Pattern.compile("[0-9]+(\\.[0-9]+)?(ms|s|m|h)?");
  private static final Pattern HEY_RATE = Pattern.compile("(?:^|\\s)-q\\s+([0-9]+)(?:\\s|$)");
  private static final Pattern HEY_WORKERS = Pattern.compile("(?:^|\\s)-c\\s+([0-9]+)(?:\\s|$)");
  /** Requests per second of tests, assumed where an analysis measures a version no production request reaches. */
  private static final long ASSUMED_TEST_RPS = 10;
  private static final Pattern CONDITION = Pattern.compile(
      "\\s*(?:result(?:\\[0])?|[a-z_.]+)\\s*(<=|>=|<|>)\\s*([0-9]*\\.?[0-9]+)\\s*");

  static void rollout(ImportSession s, StrategyCatalog catalog, Doc d, List<Doc> docs) {
    KubernetesImport.name(s, d);
    Value spec = d.value().get("spec");
    Value strategy = spec.get("strategy");
    Value canary = strategy.get("canary");
    Value blueGreen = strategy.get("blueGreen");
    String type = canary.present() ? "argo.canary" : blueGreen.present() ? "argo.blue-green" : null;
    if (type == null) {
      s.problems.add(strategy, "a Rollout's strategy has canary or blueGreen, got " + (strategy.keys().isEmpty()
          ? strategy.describe() : String.join(", ", strategy.keys())), "Argo Rollouts has these two strategies");
      return;
    }
    available(s, catalog, type, d);
    Value chosen = canary.present() ? canary : blueGreen;
    s.draft.put(STRATEGY + ".type", type, new Provenance.FromFile(chosen.where(), chosen.path(), null));
    Value ref = spec.get("workloadRef");
    if (ref.present()) {
      // the Rollout's own fields count; the Deployment it references gives only the pod template
      Doc target = byName(docs, "Deployment", ref.get("name").text());
      if (target == null) {
        s.problems.add(ref, "workloadRef names Deployment " + ref.get("name").text() + ", which is not among the "
            + "manifests", "import the file that holds it too");
        return;
      }
      KubernetesImport.workloadFields(s, spec, true);
      KubernetesImport.podTemplate(s, target.value().get("spec").get("template"));
    } else {
      KubernetesImport.workload(s, spec, true);
    }
    s.set(STRATEGY + ".progressDeadlineAbort", spec.get("progressDeadlineAbort"), Convert::bool);
    s.set(STRATEGY + ".scaleDownDelaySeconds", chosen.get("scaleDownDelaySeconds"),
        (x, q) -> Convert.integer(x, 0, 2592000, q));
    s.set(STRATEGY + ".abortScaleDownDelaySeconds", chosen.get("abortScaleDownDelaySeconds"),
        (x, q) -> Convert.integer(x, 0, 2592000, q));
    if (canary.present()) {
      canary(s, canary, docs);
    } else {
      s.set(STRATEGY + ".previewReplicaCount", blueGreen.get("previewReplicaCount"),
          (x, q) -> Convert.integer(x, 1, 100000, q));
      s.set(STRATEGY + ".autoPromotionEnabled", blueGreen.get("autoPromotionEnabled"), Convert::bool);
      s.set(STRATEGY + ".autoPromotionSeconds", blueGreen.get("autoPromotionSeconds"),
          (x, q) -> Convert.integer(x, 0, 2592000, q));
      if (blueGreen.get("prePromotionAnalysis").present()) {
        Value preview = blueGreen.get("previewService");
        s.assume(STRATEGY + ".previewRps", ASSUMED_TEST_RPS, "requests per second your tests send to the preview "
            + "Service" + (preview.isScalar() ? " " + preview.text() : "") + ": prePromotionAnalysis measures only "
            + "them, and without any every measurement finds no data");
      }
      for (String key : List.of("prePromotionAnalysis", "postPromotionAnalysis")) {
        Value a = blueGreen.get(key);
        if (a.present()) {
          analysis(s, a, STRATEGY + "." + key, docs);
        }
      }
      Value auto = blueGreen.get("autoPromotionEnabled");
      if (auto.isScalar() && "false".equalsIgnoreCase(auto.text())) {
        s.draft.note("autoPromotionEnabled is false (" + auto.at() + "): the rollout waits for kubectl argo rollouts "
            + "promote; give deployment.strategy.promoteAt to simulate when someone promotes it");
      }
    }
  }

  private static void canary(ImportSession s, Value canary, List<Doc> docs) {
    s.set(STRATEGY + ".maxSurge", canary.get("maxSurge"), KubernetesImport::intOrPercent);
    s.set(STRATEGY + ".maxUnavailable", canary.get("maxUnavailable"), KubernetesImport::intOrPercent);
    s.set(STRATEGY + ".dynamicStableScale", canary.get("dynamicStableScale"), Convert::bool);
    Value routing = canary.get("trafficRouting");
    Value maxWeight = routing.get("maxTrafficWeight");
    long max = 100;
    if (maxWeight.present()) {
      Long m = Convert.integer(maxWeight, 1, 1_000_000, s.problems);
      max = m == null ? 100 : m;
      if (max != 100) {
        s.draft.note("maxTrafficWeight " + max + " (" + maxWeight.at() + "): weights are out of " + max + "; the "
            + "scenario's are percentages, each step's weight w is written as w x 100 / " + max);
      }
    }
    long total = max;
    if (routing.present()) {
      List<String> routers = routing.keys().stream().filter(k -> !k.equals("maxTrafficWeight")
          && !k.equals("managedRoutes")).toList();
      s.draft.put(STRATEGY + ".trafficRouting", "alb", new Provenance.FromFile(routing.where(), routing.path(),
          routers.contains("alb") ? "trafficRouting.alb" : String.join(", ", routers)
              + ": a router with exact weights, simulated as the ALB"));
    }
    Value background = canary.get("analysis");
    if (background.present()) {
      analysis(s, background, STRATEGY + ".analysis", docs);
      s.set(STRATEGY + ".analysis.startingStep", background.get("startingStep"), (x, q) -> Convert.integer(x, 0, 1000, q));
    }
    List<Value> steps = canary.get("steps").items();
    int n = 0;
    for (Value step : steps) {
      String base = STRATEGY + ".steps[" + n + "]";
      List<String> keys = step.keys();
      String key = keys.size() == 1 ? keys.get(0) : null;
      if (key == null) {
        s.problems.add(step, "a step has one key (setWeight, pause, setCanaryScale, analysis ...), got "
            + step.describe(), null);
        continue;
      }
      Value v = step.get(key);
      switch (key) {
        case "setWeight" -> s.set(base + ".setWeight", v, (x, q) -> percent(x, total, q));
        case "pause" -> {
          Value duration = v.get("duration");
          if (duration.present()) {
            s.set(base + ".pause.duration", duration, RolloutImport::duration);
          } else {
            s.draft.put(base + ".pause", new Imported.Flow("{}"), v.provenance());
            s.draft.note("step " + n + " (" + v.at() + ") pauses until someone promotes the rollout; give "
                + "deployment.strategy.promoteAt to simulate when");
          }
        }
        case "setCanaryScale" -> {
          s.set(base + ".setCanaryScale.replicas", v.get("replicas"), (x, q) -> Convert.integer(x, 0, 100000, q));
          s.set(base + ".setCanaryScale.weight", v.get("weight"), (x, q) -> percent(x, total, q));
          s.set(base + ".setCanaryScale.matchTrafficWeight", v.get("matchTrafficWeight"), Convert::bool);
        }
        case "analysis" -> analysis(s, v, base + ".analysis", docs);
        default -> {
          s.draft.note("step " + key + " (" + v.at() + ") is not simulated and left out");
          continue;
        }
      }
      n++;
    }
  }

  /**
   * A weight out of maxTrafficWeight as a percentage (rounded to the nearest whole one: Argo's
   * weights are integers), refused outside 0..max.
   */
  private static Object percent(Value v, long max, Problems p) {
    Long w = Convert.integer(v, 0, max, p);
    return w == null ? null : max == 100 ? w : Math.round(w * 100.0 / max);
  }

  /** An Argo duration ("30s", "1h", 30) as a scenario duration. */
  private static Object duration(Value v, Problems p) {
    if (!Convert.scalar(v, "a duration like 30s or a number of seconds", p)) {
      return null;
    }
    String t = v.text().trim();
    if (!DURATION.matcher(t).matches()) {
      p.add(v, "expected a duration like 30s, 5m, 1h or a number of seconds, got " + v.describe(), null);
      return null;
    }
    return Character.isDigit(t.charAt(t.length() - 1)) ? t + "s" : t;
  }

  /** An analysis that names AnalysisTemplates: their metrics, with the conditions rewritten. */
  private static void analysis(ImportSession s, Value a, String base, List<Doc> docs) {
    int m = 0;
    for (Value ref : a.get("templates").items()) {
      Value name = ref.get("templateName");
      Value clusterScope = ref.get("clusterScope");
      Doc template = byName(docs, clusterScope.isScalar() && "true".equalsIgnoreCase(clusterScope.text())
          ? "ClusterAnalysisTemplate" : "AnalysisTemplate", name.text());
      if (template == null) {
        s.problems.add(name, "AnalysisTemplate " + name.text() + " is not among the manifests",
            "import the file that holds it too");
        continue;
      }
      for (Value metric : template.value().get("spec").get("metrics").items()) {
        metric(s, metric, base + ".metrics[" + m++ + "]");
      }
    }
    if (m == 0 && a.get("templates").items().isEmpty()) {
      s.problems.add(a, "an analysis names its AnalysisTemplates under templates", null);
    }
  }

  private static void metric(ImportSession s, Value metric, String base) {
    s.set(base + ".name", metric.get("name"), Convert::text);
    s.set(base + ".interval", metric.get("interval"), RolloutImport::duration);
    s.set(base + ".count", metric.get("count"), (x, q) -> Convert.integer(x, 1, 100000, q));
    s.set(base + ".initialDelay", metric.get("initialDelay"), RolloutImport::duration);
    s.set(base + ".failureLimit", metric.get("failureLimit"), (x, q) -> Convert.integer(x, -1, 100000, q));
    s.set(base + ".inconclusiveLimit", metric.get("inconclusiveLimit"), (x, q) -> Convert.integer(x, 0, 100000, q));
    s.set(base + ".consecutiveErrorLimit", metric.get("consecutiveErrorLimit"),
        (x, q) -> Convert.integer(x, 0, 100000, q));
    s.set(base + ".dryRun", metric.get("dryRun"), Convert::bool);
    Value kayenta = metric.get("provider").get("kayenta");
    if (kayenta.present()) {
      kayenta(s, metric, kayenta, base + ".kayenta");
      return;
    }
    String hint = (metric.get("name").text() + " " + query(metric.get("provider"))).toLowerCase(Locale.ROOT);
    String kind = hint.contains("success") ? "successRate"
        : hint.matches("(?s).*(error|5xx|fail).*") ? "errorRate"
        : hint.matches("(?s).*(latency|duration|p99|response).*") ? "latencyP99" : null;
    boolean any = false;
    for (String key : List.of("successCondition", "failureCondition")) {
      Value c = metric.get(key);
      if (!c.isScalar()) {
        continue;
      }
      Matcher m = CONDITION.matcher(c.text());
      if (kind != null && m.matches()) {
        String threshold = m.group(2);
        String unit = "";
        double x = Double.parseDouble(threshold);
        if (kind.equals("latencyP99")) {
          s.latencyNeededBy = "metric " + metric.get("name").text() + " (" + c.at() + ")";
          if (hint.matches("(?s).*(millisecond|_ms\\b).*")) {
            threshold = shift(threshold, 3);
            unit = "; the query is in milliseconds, latencyP99 in seconds: " + m.group(2) + " ms is " + threshold + " s";
          }
        } else if (x > 1 && x <= 100) {
          threshold = shift(threshold, 2);
          unit = "; " + m.group(2) + " read as a percentage, " + kind + " is a share from 0 to 1";
        }
        s.assume(base + "." + key, kind + " " + m.group(1) + " " + threshold, "the query of " + c.where().fileAndLine()
            + " (" + c.text().strip() + ") read as the simulated " + kind + unit
            + "; the provider's query is not simulated");
      } else {
        s.assume(base + "." + key, key.equals("successCondition") ? "errorRate < 0.01" : "errorRate >= 0.01",
            "stands in for " + c.text().strip() + " (" + c.where().fileAndLine() + "): the provider's query is not "
                + "simulated");
      }
      any = true;
    }
    if (!any) {
      s.assume(base + ".successCondition", "errorRate < 0.01", "the metric at " + metric.at() + " gives no condition "
          + "the simulation can test");
    }
  }

  /**
   * A Kayenta provider: its score thresholds come from the manifest; its canary configuration lives
   * in Kayenta, so the simulated judge compares the canary's error rate with a baseline's, assumed.
   * Argo's Kayenta provider: https://argo-rollouts.readthedocs.io/en/stable/analysis/kayenta/
   */
  private static void kayenta(ImportSession s, Value metric, Value kayenta, String base) {
    Value threshold = kayenta.get("threshold");
    for (String key : List.of("pass", "marginal")) {
      if (!threshold.get(key).present()) {
        s.problems.add(kayenta, "a kayenta provider needs threshold." + key, "e.g. threshold: {pass: 90, marginal: 75}");
      }
      s.set(base + ".threshold." + key, threshold.get(key), (x, q) -> Convert.number(x, 0, 100, q));
    }
    Value config = kayenta.get("canaryConfigName");
    s.assume(base + ".metrics", new Imported.Flow("[{metric: errorRate, direction: increase}]"), "the canary "
        + "configuration" + (config.isScalar() ? " " + config.text() : "") + " lives in Kayenta, not in the "
        + "manifests: the simulated judge compares the canary's error rate with a baseline's; add latencyP99 or "
        + "successRate as your configuration has them");
    for (String key : List.of("successCondition", "failureCondition")) {
      if (metric.get(key).isScalar()) {
        s.draft.note(key + " of " + metric.get("name").text() + " (" + metric.get(key).at() + ") left out: the "
            + "simulated Kayenta judge passes, marginals or fails by the thresholds");
      }
    }
  }

  /** A decimal number divided by 10^places, exactly ("500", 3 -> "0.5"). */
  private static String shift(String number, int places) {
    return new BigDecimal(number).movePointLeft(places).stripTrailingZeros().toPlainString();
  }

  /** The text of a provider's query, if any ({@code prometheus.query}, {@code datadog.query} ...). */
  private static String query(Value provider) {
    StringBuilder b = new StringBuilder();
    for (String k : provider.keys()) {
      Value q = provider.get(k).get("query");
      if (q.isScalar()) {
        b.append(q.text());
      }
    }
    return b.toString();
  }

  // ---- Flagger ------------------------------------------------------------------------------------

  static void canary(ImportSession s, StrategyCatalog catalog, Doc d, List<Doc> docs) {
    available(s, catalog, "flagger.canary", d);
    KubernetesImport.name(s, d);
    Value spec = d.value().get("spec");
    s.draft.put(STRATEGY + ".type", "flagger.canary", new Provenance.FromFile(d.value().get("kind").where(), "kind",
        "a Flagger Canary"));
    Doc target = target(d, docs);
    Value ref = spec.get("targetRef");
    if (target == null) {
      s.problems.add(ref, "targetRef names Deployment " + ref.get("name").text() + ", which is not among the "
          + "manifests", "import the file that holds it too");
      return;
    }
    KubernetesImport.workload(s, target.value().get("spec"), false);
    s.set(STRATEGY + ".progressDeadlineSeconds", spec.get("progressDeadlineSeconds"),
        (x, q) -> Convert.integer(x, 1, 604800, q));
    Value skip = spec.get("skipAnalysis");
    if (skip.isScalar() && "true".equalsIgnoreCase(skip.text())) {
      s.draft.note("skipAnalysis is true (" + skip.at() + "): Flagger promotes without analysis; the simulation "
          + "runs the analysis");
    }
    Value a = spec.get("analysis");
    String base = STRATEGY + ".analysis";
    s.set(base + ".interval", a.get("interval"), RolloutImport::duration);
    s.set(base + ".threshold", a.get("threshold"), (x, q) -> Convert.integer(x, 0, 100000, q));
    s.set(base + ".maxWeight", a.get("maxWeight"), (x, q) -> Convert.integer(x, 1, 100, q));
    s.set(base + ".stepWeight", a.get("stepWeight"), (x, q) -> Convert.integer(x, 1, 100, q));
    s.set(base + ".iterations", a.get("iterations"), (x, q) -> Convert.integer(x, 1, 100000, q));
    Value weights = a.get("stepWeights");
    if (weights.present()) {
      List<Long> list = new ArrayList<>();
      for (Value w : weights.items()) {
        Long n = Convert.integer(w, 1, 100, s.problems);
        if (n != null) {
          list.add(n);
        }
      }
      s.draft.put(base + ".stepWeights", list, weights.provenance());
    }
    int m = 0;
    for (Value metric : a.get("metrics").items()) {
      Value name = metric.get("name");
      if (metric.get("templateRef").present() || !List.of("request-success-rate", "request-duration")
          .contains(name.text())) {
        s.draft.note("Flagger metric " + name.text() + " (" + metric.at() + ") queries a metric template, which is not "
            + "simulated; left out (request-success-rate and request-duration are)");
        continue;
      }
      String mb = base + ".metrics[" + m++ + "]";
      if (name.text().equals("request-duration")) {
        s.latencyNeededBy = "metric request-duration (" + metric.at() + ")";
      }
      s.set(mb + ".name", name, Convert::text);
      Value range = metric.get("thresholdRange");
      s.set(mb + ".thresholdRange.min", range.get("min"), (x, q) -> Convert.number(x, -1e15, 1e15, q));
      s.set(mb + ".thresholdRange.max", range.get("max"), (x, q) -> Convert.number(x, -1e15, 1e15, q));
      s.set(mb + ".interval", metric.get("interval"), RolloutImport::duration);
    }
    webhooks(s, a);
  }

  /**
   * Flagger's webhooks: a load test run with hey (the flagger-loadtester's tool) gives the canary
   * {@code -q} requests per second from each of {@code -c} workers (https://github.com/rakyll/hey);
   * the others are not simulated. Blue/green iterations without a load test get an assumed one: no
   * production request reaches the canary then (https://docs.flagger.app/usage/deployment-strategies).
   */
  private static void webhooks(ImportSession s, Value analysis) {
    List<String> other = new ArrayList<>();
    for (Value hook : analysis.get("webhooks").items()) {
      Value cmd = hook.get("metadata").get("cmd");
      Matcher q = cmd.isScalar() ? HEY_RATE.matcher(cmd.text()) : null;
      Matcher c = cmd.isScalar() ? HEY_WORKERS.matcher(cmd.text()) : null;
      if (q != null && cmd.text().contains("hey ") && q.find() && c.find() && !s.draft.has(STRATEGY + ".loadTestRps")) {
        long rps = Long.parseLong(q.group(1)) * Long.parseLong(c.group(1));
        s.draft.put(STRATEGY + ".loadTestRps", rps, new Provenance.FromFile(cmd.where(), cmd.path(),
            "hey -q " + q.group(1) + " -c " + c.group(1) + ": " + q.group(1) + " requests per second from each of "
                + c.group(1) + " workers"));
      } else {
        other.add(hook.get("name").isScalar() ? hook.get("name").text() : hook.at());
      }
    }
    if (!other.isEmpty()) {
      s.draft.note("not simulated: the Canary's webhook" + (other.size() == 1 ? " " : "s ") + String.join(", ", other)
          + " (" + analysis.get("webhooks").at() + ")" + (s.draft.has(STRATEGY + ".loadTestRps") ? ""
              : "; a load test is deployment.strategy.loadTestRps (hey -q and -c are read from a webhook's cmd)"));
    }
    if (analysis.get("iterations").present() && !s.draft.has(STRATEGY + ".loadTestRps")) {
      s.assume(STRATEGY + ".loadTestRps", ASSUMED_TEST_RPS, "requests per second a load test sends to the canary: "
          + "with iterations (blue/green) no production request reaches it, and a check without requests fails");
    }
  }

  /**
   * The Deployment whose pods a Flagger Canary (targetRef) or an Argo Rollout (workloadRef) deploys;
   * a Rollout with its own template, or a Deployment, is its own workload.
   */
  static Doc target(Doc d, List<Doc> docs) {
    Value ref = d.kind().equals("Canary") ? d.value().get("spec").get("targetRef")
        : d.kind().equals("Rollout") ? d.value().get("spec").get("workloadRef") : null;
    if (ref == null || !ref.present()) {
      return d;
    }
    return byName(docs, ref.get("kind").isScalar() ? ref.get("kind").text() : "Deployment", ref.get("name").text());
  }

  /** The AnalysisTemplates a Rollout's analyses name (read, so not "ignored"). */
  static List<Doc> templatesUsed(Doc d, List<Doc> docs) {
    if (!d.kind().equals("Rollout")) {
      return List.of();
    }
    List<Doc> out = new ArrayList<>();
    for (Doc o : docs) {
      if (o.kind().endsWith("AnalysisTemplate") && mentions(d.value(), o.name())) {
        out.add(o);
      }
    }
    return out;
  }

  private static boolean mentions(Value v, String name) {
    if (v.isScalar()) {
      return name.equals(v.text());
    }
    for (Value i : v.items()) {
      if (mentions(i, name)) {
        return true;
      }
    }
    for (String k : v.keys()) {
      if (mentions(v.get(k), name)) {
        return true;
      }
    }
    return false;
  }

  private static Doc byName(List<Doc> docs, String kind, String name) {
    for (Doc o : docs) {
      if (o.kind().equals(kind) && o.name().equals(name)) {
        return o;
      }
    }
    return null;
  }

  private static void available(ImportSession s, StrategyCatalog catalog, String type, Doc d) {
    if (catalog.find(type).isEmpty()) {
      Where w = d.value().where();
      throw new ImportFailure(List.of(new ScenarioError(w.file(), w.line(), w.column(), "", d.kind() + " "
          + d.name() + " needs strategy type " + type + ", which this build does not have", null)));
    }
  }
}
