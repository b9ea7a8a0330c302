package dev.deploysim.cli.importer;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Kubernetes manifests (one or more files, each with one or more YAML documents): a Deployment's
 * replicas, strategy, minReadySeconds, progressDeadlineSeconds, termination grace period, readiness,
 * liveness and startup probes and preStop hook, and a HorizontalPodAutoscaler that scales it on CPU
 * utilisation (https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/).
 * Deployment: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 * Probes: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
final class KubernetesImport {
  private KubernetesImport() {}

  private static final String STRATEGY = DeploymentGroupImport.STRATEGY;
  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

  /** A document with its file. */
  record Doc(SourceFile file, Value value, String kind, String name) {}

  static void run(ImportSession s, StrategyCatalog catalog, List<SourceFile> files) {
    List<Doc> docs = new ArrayList<>();
    for (SourceFile f : files) {
      Tags.refuse(f, Set.of(), "a Kubernetes manifest", s.problems);
      for (int i = 0; i < f.documents().size(); i++) {
        Value v = PlainValue.of(f, f.documents().get(i), "");
        Value kind = v.get("kind");
        Value name = v.get("metadata").get("name");
        if (!v.isMap() || !kind.isScalar() || !v.get("apiVersion").isScalar()) {
          s.problems.add(v, "a Kubernetes object needs apiVersion and kind", null);
          continue;
        }
        docs.add(new Doc(f, v, kind.text(), name.isScalar() ? name.text() : ""));
      }
    }
    s.problems.throwIfAny();
    List<Doc> candidates = new ArrayList<>();
    for (Doc d : docs) {
      boolean argo = d.kind().equals("Rollout") && apiGroup(d).equals("argoproj.io");
      boolean flagger = d.kind().equals("Canary") && apiGroup(d).equals("flagger.app");
      if (d.kind().equals("Deployment") && !managed(d, docs) || argo || flagger) {
        candidates.add(d);
      }
    }
    if (candidates.isEmpty()) {
      Where w = docs.get(0).value().where();
      throw new ImportFailure(List.of(new ScenarioError(w.file(), w.line(), w.column(), "",
          "no Deployment, Argo Rollout or Flagger Canary among the " + docs.size() + " objects (" + kinds(docs) + ")",
          "sim import reads a Deployment (apps/v1), a Rollout (argoproj.io) or a Canary (flagger.app)")));
    }
    Doc d = pick(s, candidates);
    switch (d.kind()) {
      case "Rollout" -> RolloutImport.rollout(s, catalog, d, docs);
      case "Canary" -> RolloutImport.canary(s, catalog, d, docs);
      default -> deployment(s, d);
    }
    Doc workload = RolloutImport.target(d, docs);
    List<Doc> used = new ArrayList<>(List.of(d));
    if (workload != null) {
      used.add(workload);
    }
    for (Doc h : docs) {
      if (h.kind().equals("HorizontalPodAutoscaler") && (autoscaler(s, d, h, d)
          || workload != null && workload != d && autoscaler(s, workload, h, d))) {
        used.add(h);
      }
    }
    if (!s.draft.has("fleet.instances")) {
      s.platformDefault("fleet.instances", 1L, "a Deployment's default replicas");
    }
    used.addAll(RolloutImport.templatesUsed(d, docs));
    List<Doc> others = docs.stream().filter(o -> !used.contains(o)).toList();
    if (!others.isEmpty()) {
      s.ignored.add(others.size() + " Kubernetes objects that do not matter to a deployment: " + kinds(others));
    }
  }

  /**
   * The CPU utilisation target of an autoscaler: autoscaling/v2 {@code metrics[]} of type Resource,
   * cpu, Utilization ({@code averageUtilization}), or autoscaling/v1 {@code
   * targetCPUUtilizationPercentage}; null when it has none (or more metrics than that one).
   */
  private static Value cpuTarget(Value spec) {
    Value v1 = spec.get("targetCPUUtilizationPercentage");
    if (v1.isScalar()) {
      return v1;
    }
    List<Value> metrics = spec.get("metrics").items();
    if (metrics.size() != 1) {
      return null;
    }
    Value m = metrics.get(0);
    Value r = m.get("resource");
    if ("Resource".equals(m.get("type").text()) && "cpu".equals(r.get("name").text())
        && "Utilization".equals(r.get("target").get("type").text()) && r.get("target").get("averageUtilization")
        .isScalar()) {
      return r.get("target").get("averageUtilization");
    }
    return null;
  }

  /** Whether a Canary's autoscalerRef names the autoscaler {@code h}. */
  private static boolean namedBy(Doc canary, Doc h) {
    Value ref = canary.value().get("spec").get("autoscalerRef");
    return h.name().equals(ref.get("name").text())
        && (!ref.get("kind").present() || "HorizontalPodAutoscaler".equals(ref.get("kind").text()));
  }

  /** The API group of an object ({@code argoproj.io/v1alpha1} -> argoproj.io; apps/v1 -> apps). */
  static String apiGroup(Doc d) {
    String v = d.value().get("apiVersion").text();
    int slash = v.indexOf('/');
    return slash < 0 ? "" : v.substring(0, slash);
  }

  /** A Deployment a Flagger Canary or an Argo Rollout (workloadRef) deploys: not a candidate itself. */
  private static boolean managed(Doc deployment, List<Doc> docs) {
    for (Doc o : docs) {
      Value ref = o.kind().equals("Canary") ? o.value().get("spec").get("targetRef")
          : o.kind().equals("Rollout") ? o.value().get("spec").get("workloadRef") : null;
      if (ref != null && "Deployment".equals(ref.get("kind").text()) && deployment.name().equals(ref.get("name").text())) {
        return true;
      }
    }
    return false;
  }

  private static String kinds(List<Doc> docs) {
    Map<String, Integer> byKind = new TreeMap<>();
    docs.forEach(d -> byKind.merge(d.kind(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    byKind.forEach((k, v) -> parts.add(k + (v > 1 ? " x" + v : "")));
    return String.join(", ", parts);
  }

  /**
   * The workload to import: the only one, or the one --resource names (by name, or as Kind/name
   * when a Deployment and a Rollout or Canary share a name).
   */
  private static Doc pick(ImportSession s, List<Doc> deployments) {
    String what = deployments.stream().allMatch(d -> d.kind().equals("Deployment")) ? "Deployment" : "workload";
    boolean sameNames = deployments.stream().map(Doc::name).distinct().count() < deployments.size();
    List<String> names = deployments.stream().map(d -> sameNames ? d.kind() + "/" + d.name() : d.name()).toList();
    if (s.resource != null) {
      List<Doc> chosen = deployments.stream().filter(d -> d.name().equals(s.resource)
          || (d.kind() + "/" + d.name()).equals(s.resource)).toList();
      if (chosen.size() == 1) {
        return chosen.get(0);
      }
      throw ImportFailure.at(deployments.get(0).file().name(), 0, 0, "--resource " + s.resource
          + (chosen.isEmpty() ? ": no " + what + " of that name" : ": " + chosen.size() + " workloads of that name"),
          "the " + what + "s: " + String.join(", ", names));
    }
    if (deployments.size() > 1) {
      Where w = deployments.get(1).value().where();
      throw new ImportFailure(List.of(new ScenarioError(w.file(), w.line(), w.column(), "", "the manifests hold "
          + deployments.size() + " " + what + "s (" + String.join(", ", names) + ")",
          "choose one with --resource " + names.get(0))));
    }
    return deployments.get(0);
  }

  /** The object's name as the scenario's name. */
  static void name(ImportSession s, Doc d) {
    Value name = d.value().get("metadata").get("name");
    if (name.isScalar()) {
      s.draft.put("name", name.text(), name.provenance());
    }
  }

  /**
   * What a Deployment and a Rollout share: replicas, minReadySeconds, progressDeadlineSeconds, the
   * pod template's grace period and readiness probe. {@code deadline} false when the deployment's
   * own object (a Flagger Canary) gives the progress deadline.
   */
  static void workload(ImportSession s, Value spec, boolean deadline) {
    workloadFields(s, spec, deadline);
    podTemplate(s, spec.get("template"));
  }

  /** A workload's own fields: replicas, minReadySeconds, progressDeadlineSeconds (if {@code deadline}), paused. */
  static void workloadFields(ImportSession s, Value spec, boolean deadline) {
    Value replicas = spec.get("replicas");
    if (replicas.present()) {
      s.set("fleet.instances", replicas, (x, q) -> Convert.integer(x, 0, 100000, q));
    }
    s.set(STRATEGY + ".minReadySeconds", spec.get("minReadySeconds"), (x, q) -> Convert.integer(x, 0, 604800, q));
    if (deadline) {
      s.set(STRATEGY + ".progressDeadlineSeconds", spec.get("progressDeadlineSeconds"),
          (x, q) -> Convert.integer(x, 1, 604800, q));
    }
    Value paused = spec.get("paused");
    if (paused.isScalar() && Boolean.TRUE.equals(Convert.bool(paused, s.problems))) {
      s.draft.note("the workload is paused (" + paused.at() + "): a rollout would not start until it is resumed");
    }
  }

  /** A pod template's termination grace period and readiness probe. */
  static void podTemplate(ImportSession s, Value template) {
    Value pod = template.get("spec");
    s.set(STRATEGY + ".terminationGracePeriodSeconds", pod.get("terminationGracePeriodSeconds"),
        (x, q) -> Convert.integer(x, 0, 604800, q));
    containers(s, pod.get("containers"));
  }

  private static void deployment(ImportSession s, Doc d) {
    name(s, d);
    Value spec = d.value().get("spec");
    Value strategy = spec.get("strategy");
    Value type = strategy.get("type");
    String t;
    if (type.present()) {
      String w = Convert.word(type, List.of("RollingUpdate", "Recreate"), s.problems);
      if (w == null) {
        return;
      }
      t = w.equals("Recreate") ? "k8s.recreate" : "k8s.rolling-update";
      s.draft.put(STRATEGY + ".type", t, type.provenance());
    } else {
      t = "k8s.rolling-update";
      s.platformDefault(STRATEGY + ".type", t, "RollingUpdate, a Deployment's default strategy");
    }
    if (t.equals("k8s.rolling-update")) {
      Value rolling = strategy.get("rollingUpdate");
      s.set(STRATEGY + ".maxSurge", rolling.get("maxSurge"), KubernetesImport::intOrPercent);
      s.set(STRATEGY + ".maxUnavailable", rolling.get("maxUnavailable"), KubernetesImport::intOrPercent);
    }
    workload(s, spec, true);
  }

  private static void containers(ImportSession s, Value containers) {
    Value probe = null;
    for (Value c : containers.items()) {
      Value r = c.get("readinessProbe");
      if (r.present()) {
        if (probe != null) {
          s.draft.note("several containers have readiness probes; the scenario takes " + probe.path() + " ("
              + probe.at() + ")");
        } else {
          probe = r;
        }
      }
    }
    Value main = probe != null ? containers.items().get(index(probe)) : containers.items().isEmpty() ? null
        : containers.items().get(0);
    if (main != null && main.get("image").isScalar()) {
      Value image = main.get("image");
      s.draft.note("v1 stands for the image running now, " + image.text() + " (" + image.at() + "), v2 for the one "
          + "you deploy");
    }
    List<String> notSimulated = new ArrayList<>();
    for (Value c : containers.items()) {
      if (main != null && c.path().equals(main.path())) {
        continue;
      }
      for (String k : List.of("livenessProbe", "startupProbe", "lifecycle")) {
        if (k.equals("lifecycle") ? c.get(k).get("preStop").present() : c.get(k).present()) {
          notSimulated.add(k.equals("lifecycle") ? c.get(k).get("preStop").path() : c.get(k).path());
        }
      }
    }
    if (!notSimulated.isEmpty()) {
      s.draft.note("read but not simulated (the scenario follows one container, " + (main == null ? "" : main.path())
          + "): " + String.join(", ", notSimulated));
    }
    if (main != null) {
      probe(s, STRATEGY + ".livenessProbe", main.get("livenessProbe"), 1);
      probe(s, STRATEGY + ".startupProbe", main.get("startupProbe"), 1);
      preStop(s, main.get("lifecycle").get("preStop"));
    }
    if (probe == null) {
      s.draft.note("no readiness probe: Kubernetes counts a pod ready once its containers start; the simulation "
          + "probes every 10 s (its default probe)");
      return;
    }
    probe(s, STRATEGY + ".readinessProbe", probe, 100);
  }

  /** A probe's fields (Probe, core/v1); a probe given with none of them is written with its default period. */
  private static void probe(ImportSession s, String base, Value probe, int maxSuccess) {
    if (probe.absent()) {
      return;
    }
    s.set(base + ".periodSeconds", probe.get("periodSeconds"), (x, q) -> Convert.integer(x, 1, 3600, q));
    s.set(base + ".failureThreshold", probe.get("failureThreshold"), (x, q) -> Convert.integer(x, 1, 100, q));
    s.set(base + ".successThreshold", probe.get("successThreshold"), (x, q) -> Convert.integer(x, 1, maxSuccess, q));
    s.set(base + ".initialDelaySeconds", probe.get("initialDelaySeconds"), (x, q) -> Convert.integer(x, 0, 604800, q));
    s.set(base + ".timeoutSeconds", probe.get("timeoutSeconds"), (x, q) -> Convert.integer(x, 1, 3600, q));
    if (!s.draft.hasUnder(base)) {
      s.draft.comment(base, probe.provenance());
      s.platformDefault(base + ".periodSeconds", 10L, "a probe's default periodSeconds");
    }
  }

  private static final Pattern SLEEP = Pattern.compile("(?:^|[\\s;&|])sleep\\s+([0-9]+)(?:s)?(?:$|[\\s;&|])");

  /**
   * A container's preStop hook: {@code sleep.seconds}, or an exec command that sleeps ({@code sh -c
   * "sleep 10"}), becomes deployment.strategy.preStop; a hook whose duration cannot be read is noted.
   */
  private static void preStop(ImportSession s, Value hook) {
    if (hook.absent()) {
      return;
    }
    Value sleep = hook.get("sleep").get("seconds");
    if (sleep.present()) {
      s.set(STRATEGY + ".preStop", sleep, (x, q) -> Convert.seconds(x, 0, 604800, q));
      return;
    }
    Value command = hook.get("exec").get("command");
    List<String> words = new ArrayList<>();
    command.items().forEach(w -> words.add(w.isScalar() ? w.text() : ""));
    var m = SLEEP.matcher(String.join(" ", words));
    if (m.find()) {
      s.draft.put(STRATEGY + ".preStop", m.group(1) + "s", new Provenance.FromFile(command.where(), command.path(),
          "the command sleeps " + m.group(1) + " s"));
      return;
    }
    s.draft.note("the preStop hook " + hook.path() + " (" + hook.at() + ") runs for a time the manifest does not "
        + "say: give deployment.strategy.preStop (how long it takes)");
  }

  /** The container index in a probe's path ({@code ...containers[1].readinessProbe} -> 1). */
  private static int index(Value probe) {
    String p = probe.path();
    int open = p.lastIndexOf("containers[");
    return Integer.parseInt(p.substring(open + 11, p.indexOf(']', open)));
  }

  /** A count (0 or more) or a percentage, as maxSurge and maxUnavailable take them. */
  static Object intOrPercent(Value v, Problems p) {
    if (!Convert.scalar(v, "a count or a percentage", p)) {
      return null;
    }
    String t = v.text().trim();
    if (PERCENT.matcher(t).matches()) {
      return t;
    }
    return Convert.integer(v, 0, 100000, p);
  }

  /**
   * An autoscaler that scales the workload (true when it does). It becomes the scenario's
   * horizontal-pod-autoscaler when it targets CPU utilisation with maxReplicas and scales what the
   * scenario deploys: the imported Deployment; the imported Rollout itself (its /scale subresource,
   * https://argo-rollouts.readthedocs.io/en/stable/features/hpa-support/), not a Deployment it takes
   * its pods from; or the Deployment a Canary targets when the Canary's autoscalerRef names it (Flagger
   * then gives the primary a copy, https://docs.flagger.app/usage/how-it-works). Otherwise it is noted.
   */
  private static boolean autoscaler(ImportSession s, Doc d, Doc h, Doc imported) {
    Value target = h.value().get("spec").get("scaleTargetRef");
    if (!d.kind().equals(target.get("kind").text()) || !d.name().equals(target.get("name").text())) {
      return false;
    }
    Value spec = h.value().get("spec");
    Value min = spec.get("minReplicas");
    Value max = spec.get("maxReplicas");
    String range = (min.isScalar() ? min.text() : "1") + " to " + (max.isScalar() ? max.text() : "?");
    Value cpu = cpuTarget(spec);
    boolean scalesImported = d == imported && !d.kind().equals("Canary")
        || imported.kind().equals("Canary") && d.kind().equals("Deployment") && namedBy(imported, h);
    boolean simulated = scalesImported && cpu != null && max.isScalar();
    if (simulated) {
      String base = "fleet.scaling[0]";
      s.draft.put(base + ".type", "horizontal-pod-autoscaler", new Provenance.FromFile(h.value().get("kind").where(),
          "kind", "HorizontalPodAutoscaler " + h.name()));
      s.set(base + ".targetCPUUtilizationPercentage", cpu, (x, q) -> Convert.integer(x, 1, 10000, q));
      s.set(base + ".minReplicas", min, (x, q) -> Convert.integer(x, 1, 100000, q));
      s.set(base + ".maxReplicas", max, (x, q) -> Convert.integer(x, 1, 100000, q));
      Value behavior = spec.get("behavior");
      s.set(base + ".scaleUpStabilizationWindow", behavior.get("scaleUp").get("stabilizationWindowSeconds"),
          (x, q) -> Convert.seconds(x, 0, 3600, q));
      s.set(base + ".scaleDownStabilizationWindow", behavior.get("scaleDown").get("stabilizationWindowSeconds"),
          (x, q) -> Convert.seconds(x, 0, 3600, q));
      List<String> unread = new ArrayList<>();
      for (String dir : List.of("scaleUp", "scaleDown")) {
        for (String k : List.of("policies", "selectPolicy", "tolerance")) {
          if (behavior.get(dir).get(k).present()) {
            unread.add(behavior.get(dir).get(k).path());
          }
        }
      }
      s.draft.note("HorizontalPodAutoscaler " + h.name() + " (" + h.value().at() + ") scales " + d.name() + " from "
          + range + " replicas at " + cpu.text() + "% CPU: fleet.scaling[0]" + (unread.isEmpty() ? ""
          : "; read but not simulated (the default behavior's limits apply): " + String.join(", ", unread)));
    } else {
      s.draft.note("HorizontalPodAutoscaler " + h.name() + " (" + h.value().at() + ") scales " + d.name() + " from "
          + range + " replicas; scaling is not simulated" + (scalesImported
          ? " (only a CPU utilisation target with maxReplicas is)" : imported.kind().equals("Canary")
              ? " (the Canary's autoscalerRef does not name it, so Flagger gives the primary no autoscaler)"
              : " (it scales the " + d.kind() + " the " + imported.kind() + " takes its pods from, not the "
                  + imported.kind() + ")")
          + ", the replica count stays fixed");
    }
    if (!s.draft.has("fleet.instances")) {
      if (min.present()) {
        s.set("fleet.instances", min, (x, q) -> Convert.integer(x, 1, 100000, q));
        Imported i = s.draft.get("fleet.instances");
        if (i != null) {
          s.draft.put("fleet.instances", i.value(), new Provenance.FromFile(min.where(), min.path(),
              "no replicas in the Deployment: the autoscaler keeps at least minReplicas"));
        }
      } else {
        s.platformDefault("fleet.instances", 1L, "the autoscaler's default minReplicas (the Deployment gives no "
            + "replicas)");
      }
    }
    return true;
  }
}
