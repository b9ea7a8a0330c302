package dev.deploysim.cli.importer;

import dev.deploysim.strategy.StrategyCatalog;

/**
 * What no deployment file says and a scenario needs: the traffic, the two versions, how fast an
 * instance boots and what it serves, when the deployment starts. Each is written with an
 * {@code assumed:} comment so the user knows what to replace.
 */
final class Assumptions {
  private Assumptions() {}

  /** Requests per second one instance serves, assumed (the scenario format's own default). */
  static final double CAPACITY = 100;
  /** Share of the fleet's capacity the assumed demand uses. */
  static final double LOAD = 0.6;
  /** Mean time to answer a request, assumed when an imported analysis checks a latency. */
  static final String RESPONSE_TIME = "100ms";

  static void fill(ImportSession s, StrategyCatalog catalog, SourceFile first) {
    Draft d = s.draft;
    name(d, first);
    String type = d.get(DeploymentGroupImport.STRATEGY + ".type").value().toString();
    Imported platform = d.get(DeploymentGroupImport.STRATEGY + ".platform");
    boolean serverless = platform != null && "lambda".equals(platform.value());
    // pods (k8s.*, argo.*, flagger.*): the types that take a pod start time
    boolean kubernetes = catalog.find(type).map(t -> t.description().param("podStartTime").isPresent()).orElse(false);
    long instances = 0;
    if (!serverless) {
      if (!d.has("fleet.instances")) {
        s.assume("fleet.instances", 4L, s.fleetSizeSource != null ? s.fleetSizeSource
            : "the files give no instance count; put your group's desired capacity here");
      }
      Object n = d.get("fleet.instances").value();
      instances = n instanceof Number num ? num.longValue() : 4;
      s.assume("fleet.capacity", CAPACITY, "requests per second one " + (kubernetes ? "pod" : "instance")
          + " serves; measure yours");
      if (kubernetes) {
        s.assume(DeploymentGroupImport.STRATEGY + ".podStartTime", new Imported.Flow("{uniform: [3s, 8s]}"),
            "time from a pod's creation until its container runs (image on the node)");
      } else {
        s.assume("fleet.launchTime", new Imported.Flow("{lognormal: {median: 40s, p95: 90s}}"),
            "time from launch until an instance has booted; AWS publishes no figure");
      }
    }
    long rps = serverless ? 100 : Math.max(1, Math.round(instances * CAPACITY * LOAD));
    s.assume("traffic.rps", rps, serverless ? "requests per second to the function; put your peak here"
        : Math.round(LOAD * 100) + "% of what " + instances + " " + (kubernetes ? "pod" : "instance")
            + (instances == 1 ? " serves" : "s serve")
            + "; put your peak demand here");
    if (serverless) {
      s.assume("versions.v1", new Imported.Flow("{}"), "the version serving now");
      s.assume("versions.v2", new Imported.Flow("{}"), "the version you deploy; add errorRate: 0.2 to rehearse a bad one");
    } else {
      String install = kubernetes ? "0s" : "30s";
      String start = kubernetes ? "15s" : "10s";
      s.assume("versions.v1.install", install, "the version serving now: time to install it on an instance");
      s.assume("versions.v1.start", start, "time from installed until it answers requests");
      s.assume("versions.v2.install", install, "the version you deploy; add health: failing to rehearse a bad one");
      s.assume("versions.v2.start", start, "time from installed until it answers requests");
      if (s.latencyNeededBy != null) {
        s.assume("versions.v1.responseTime", RESPONSE_TIME, "mean time to answer a request, needed because "
            + s.latencyNeededBy + " checks a latency; measure yours");
        s.assume("versions.v2.responseTime", RESPONSE_TIME, "as v1's; make it longer to rehearse a slow version");
      }
    }
    s.assume("deployment.at", "5m", "the deployment starts 5 minutes into the run, with the fleet settled");
    s.assume("deployment.version", "v2", "the version to deploy");
  }

  private static void name(Draft d, SourceFile first) {
    Imported name = d.get("name");
    if (name == null) {
      String stem = first.path().getFileName().toString().replaceFirst("\\.[^.]*$", "");
      d.put("name", Importer.scenarioName(stem), Provenance.assumed("named after " + first.name()));
      return;
    }
    String valid = Importer.scenarioName(name.value().toString());
    if (!valid.equals(name.value())) {
      d.put("name", valid, name.provenance());
      d.note("the name " + name.value() + " became " + valid + ": a scenario name has letters, digits, '.', '_' and '-'");
    }
  }
}
