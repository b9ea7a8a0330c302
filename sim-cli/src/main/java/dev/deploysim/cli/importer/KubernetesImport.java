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
 * replicas, strategy, minReadySeconds, progressDeadlineSeconds, termination grace period and
 * readiness probe, and a HorizontalPodAutoscaler that scales it.
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
    List<Doc> deployments = docs.stream().filter(d -> d.kind().equals("Deployment")).toList();
    List<Doc> rollouts = docs.stream().filter(d -> d.kind().equals("Rollout") || d.kind().equals("Canary")).toList();
    if (deployments.isEmpty()) {
      Doc first = rollouts.isEmpty() ? docs.get(0) : rollouts.get(0);
      Where w = first.value().where();
      String hint = rollouts.isEmpty() ? "sim import reads a Deployment (apps/v1)"
          : "Argo Rollouts and Flagger are not simulated yet; a Deployment with the same pods can be imported";
      throw new ImportFailure(List.of(new ScenarioError(w.file(), w.line(), w.column(), "",
          "no Deployment among the " + docs.size() + " objects (" + kinds(docs) + ")", hint)));
    }
    Doc d = pick(s, deployments);
    deployment(s, d);
    for (Doc h : docs) {
      if (h.kind().equals("HorizontalPodAutoscaler")) {
        autoscaler(s, d, h);
      }
    }
    if (!s.draft.has("fleet.instances")) {
      s.platformDefault("fleet.instances", 1L, "a Deployment's default replicas");
    }
    List<Doc> others = docs.stream().filter(o -> o != d && !o.kind().equals("HorizontalPodAutoscaler")).toList();
    if (!others.isEmpty()) {
      s.ignored.add(others.size() + " Kubernetes objects that do not matter to a deployment: " + kinds(others));
    }
    if (!rollouts.isEmpty()) {
      s.draft.note("Argo Rollouts and Flagger objects (" + kinds(rollouts) + ") are not simulated yet");
    }
  }

  private static String kinds(List<Doc> docs) {
    Map<String, Integer> byKind = new TreeMap<>();
    docs.forEach(d -> byKind.merge(d.kind(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    byKind.forEach((k, v) -> parts.add(k + (v > 1 ? " x" + v : "")));
    return String.join(", ", parts);
  }

  private static Doc pick(ImportSession s, List<Doc> deployments) {
    List<String> names = deployments.stream().map(Doc::name).toList();
    if (s.resource != null) {
      for (Doc d : deployments) {
        if (d.name().equals(s.resource)) {
          return d;
        }
      }
      throw ImportFailure.at(deployments.get(0).file().name(), 0, 0, "--resource " + s.resource
          + ": no Deployment of that name", "the Deployments: " + String.join(", ", names));
    }
    if (deployments.size() > 1) {
      Where w = deployments.get(1).value().where();
      throw new ImportFailure(List.of(new ScenarioError(w.file(), w.line(), w.column(), "", "the manifests hold "
          + deployments.size() + " Deployments (" + String.join(", ", names) + ")",
          "choose one with --resource " + names.get(0))));
    }
    return deployments.get(0);
  }

  private static void deployment(ImportSession s, Doc d) {
    Value v = d.value();
    Value name = v.get("metadata").get("name");
    if (name.isScalar()) {
      s.draft.put("name", name.text(), name.provenance());
    }
    Value spec = v.get("spec");
    Value replicas = spec.get("replicas");
    if (replicas.present()) {
      s.set("fleet.instances", replicas, (x, q) -> Convert.integer(x, 0, 100000, q));
    }
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
    s.set(STRATEGY + ".minReadySeconds", spec.get("minReadySeconds"), (x, q) -> Convert.integer(x, 0, 604800, q));
    s.set(STRATEGY + ".progressDeadlineSeconds", spec.get("progressDeadlineSeconds"),
        (x, q) -> Convert.integer(x, 1, 604800, q));
    Value paused = spec.get("paused");
    if (paused.isScalar() && Boolean.TRUE.equals(Convert.bool(paused, s.problems))) {
      s.draft.note("the Deployment is paused (" + paused.at() + "): a rollout would not start until it is resumed");
    }
    Value pod = spec.get("template").get("spec");
    s.set(STRATEGY + ".terminationGracePeriodSeconds", pod.get("terminationGracePeriodSeconds"),
        (x, q) -> Convert.integer(x, 0, 604800, q));
    containers(s, pod.get("containers"));
  }

  private static void containers(ImportSession s, Value containers) {
    Value probe = null;
    List<String> notSimulated = new ArrayList<>();
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
      for (String k : List.of("livenessProbe", "startupProbe")) {
        if (c.get(k).present()) {
          notSimulated.add(c.get(k).path());
        }
      }
      if (c.get("lifecycle").get("preStop").present()) {
        notSimulated.add(c.get("lifecycle").get("preStop").path() + " (podStopTime stands for how long pods take "
            + "to stop)");
      }
    }
    Value main = probe != null ? containers.items().get(index(probe)) : containers.items().isEmpty() ? null
        : containers.items().get(0);
    if (main != null && main.get("image").isScalar()) {
      Value image = main.get("image");
      s.draft.note("v1 stands for the image running now, " + image.text() + " (" + image.at() + "), v2 for the one "
          + "you deploy");
    }
    if (!notSimulated.isEmpty()) {
      s.draft.note("read but not simulated: " + String.join(", ", notSimulated));
    }
    String base = STRATEGY + ".readinessProbe";
    if (probe == null) {
      s.draft.note("no readiness probe: Kubernetes counts a pod ready once its containers start; the simulation "
          + "probes every 10 s (its default probe)");
      return;
    }
    s.set(base + ".periodSeconds", probe.get("periodSeconds"), (x, q) -> Convert.integer(x, 1, 3600, q));
    s.set(base + ".failureThreshold", probe.get("failureThreshold"), (x, q) -> Convert.integer(x, 1, 100, q));
    s.set(base + ".successThreshold", probe.get("successThreshold"), (x, q) -> Convert.integer(x, 1, 100, q));
    s.set(base + ".initialDelaySeconds", probe.get("initialDelaySeconds"), (x, q) -> Convert.integer(x, 0, 604800, q));
    s.set(base + ".timeoutSeconds", probe.get("timeoutSeconds"), (x, q) -> Convert.integer(x, 1, 3600, q));
    if (!s.draft.hasUnder(base)) {
      s.draft.comment(base, probe.provenance());
      s.platformDefault(base + ".periodSeconds", 10L, "a probe's default periodSeconds");
    }
  }

  /** The container index in a probe's path ({@code ...containers[1].readinessProbe} -> 1). */
  private static int index(Value probe) {
    String p = probe.path();
    int open = p.lastIndexOf("containers[");
    return Integer.parseInt(p.substring(open + 11, p.indexOf(']', open)));
  }

  /** A count (0 or more) or a percentage, as maxSurge and maxUnavailable take them. */
  private static Object intOrPercent(Value v, Problems p) {
    if (!Convert.scalar(v, "a count or a percentage", p)) {
      return null;
    }
    String t = v.text().trim();
    if (PERCENT.matcher(t).matches()) {
      return t;
    }
    return Convert.integer(v, 0, 100000, p);
  }

  private static void autoscaler(ImportSession s, Doc d, Doc h) {
    Value target = h.value().get("spec").get("scaleTargetRef");
    if (!"Deployment".equals(target.get("kind").text()) || !d.name().equals(target.get("name").text())) {
      return;
    }
    Value spec = h.value().get("spec");
    Value min = spec.get("minReplicas");
    Value max = spec.get("maxReplicas");
    String range = (min.isScalar() ? min.text() : "1") + " to " + (max.isScalar() ? max.text() : "?");
    s.draft.note("HorizontalPodAutoscaler " + h.name() + " (" + h.value().at() + ") scales " + d.name() + " from "
        + range + " replicas; scaling is not simulated, the replica count stays fixed");
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
  }
}
