package dev.deploysim.strategies.k8s;

import dev.deploysim.engine.Distribution;
import dev.deploysim.model.HealthCheck;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the Kubernetes Deployment types, with the defaults of the Kubernetes API (apps/v1
 * and core/v1 types.go; docs/platforms/kubernetes.md lists each default with its page) and, where
 * Kubernetes has no number (how long a pod takes to start or to stop), a stated assumption.
 */
public final class KubernetesParams {
  private KubernetesParams() {}

  public static final String PATH = "deployment.strategy.";
  public static final int MAX_SECONDS = 7 * 24 * 3600;

  /** Probe defaults of core/v1: every 10 s, 1 s timeout, 1 success, 3 failures, no initial delay. */
  static final ParamType.ObjectType PROBE = new ParamType.ObjectType(List.of(
      ParamSpec.optional("periodSeconds", new ParamType.IntegerType(1, 3600), 10, null,
          "seconds between probes of one pod (Kubernetes default 10)"),
      ParamSpec.optional("failureThreshold", new ParamType.IntegerType(1, 100), 3, null,
          "failed probes in a row that make a ready pod not ready (default 3)"),
      ParamSpec.optional("successThreshold", new ParamType.IntegerType(1, 100), 1, null,
          "passed probes in a row that make a pod ready (default 1)"),
      ParamSpec.optional("initialDelaySeconds", new ParamType.IntegerType(0, MAX_SECONDS), 0, null,
          "seconds after the container started before probes count (default 0)"),
      ParamSpec.optional("timeoutSeconds", new ParamType.IntegerType(1, 3600), 1, null,
          "seconds a probe waits for an answer (default 1); accepted for completeness: a pod that answers "
              + "passes at once and one that does not fails, so it does not change when a pod becomes ready")));

  public static final ParamSpec READINESS_PROBE = ParamSpec.optional("readinessProbe", PROBE,
      StrategyParams.bind(PROBE.fields(), Map.of()),
      null,
      "the pods' readiness probe (Pod spec containers[].readinessProbe): a pod is an endpoint of the Service, "
          + "and gets requests, while it is ready; it becomes ready with its first passing probe (successThreshold "
          + "1) after the application is up");

  /** Scheduling to container running: an assumption (Kubernetes publishes no figure). */
  public static final ParamSpec POD_START_TIME = ParamSpec.optional("podStartTime", new ParamType.DistributionType(),
      new Distribution.Uniform(3, 8), null,
      "time from a pod's creation to its container running (scheduling, image already on the node); an "
          + "assumption, Kubernetes publishes no figure. Then the version's install and start times run before "
          + "the application answers (fleet.launchTime stays the start time of pods the old ReplicaSet creates to "
          + "replace failed ones)");

  public static final ParamSpec GRACE = ParamSpec.optional("terminationGracePeriodSeconds",
      new ParamType.IntegerType(0, MAX_SECONDS), 30, null,
      "seconds a terminating pod may take to stop before it is killed (Pod spec; default 30)");

  public static final ParamSpec POD_STOP_TIME = ParamSpec.optional("podStopTime", new ParamType.DistributionType(), null,
      null,
      "time a terminating pod takes to exit once it is told to stop (preStop hook, SIGTERM, in-flight requests); "
          + "a pod still running at terminationGracePeriodSeconds is killed then. When not given: the whole grace "
          + "period (an assumption: a preStop sleep, or a server that ignores SIGTERM); e.g. 2s for one that exits "
          + "promptly");

  public static final ParamSpec PROGRESS_DEADLINE_SECONDS = ParamSpec.optional("progressDeadlineSeconds",
      new ParamType.IntegerType(1, MAX_SECONDS), 600, null,
      "seconds without progress (no pod created, removed, ready or available) after which the rollout is marked "
          + "failed, ProgressDeadlineExceeded (default 600); Kubernetes does not roll back: the outcome is FAILED "
          + "and the Deployment stays as it is");

  public static final ParamSpec MIN_READY_SECONDS = ParamSpec.optional("minReadySeconds",
      new ParamType.IntegerType(0, MAX_SECONDS), 0, null,
      "seconds a pod must stay ready before it counts as available (default 0: available as soon as it is ready)");

  /** The settings both Deployment strategies use. */
  public record Settings(HealthCheck probe, int initialDelay, Distribution podStart, int grace, Distribution podStop,
      int progressDeadline, int minReady) {

    public static Settings of(StrategyParams p) {
      StrategyParams probe = p.object("readinessProbe");
      int success = probe.integer("successThreshold");
      HealthCheck hc = new HealthCheck(probe.integer("periodSeconds"), probe.integer("timeoutSeconds"), success,
          probe.integer("failureThreshold"), success, null);
      return new Settings(hc, probe.integer("initialDelaySeconds"), p.distribution("podStartTime"),
          p.integer("terminationGracePeriodSeconds"), p.optional("podStopTime", Distribution.class).orElse(null),
          p.integer("progressDeadlineSeconds"), p.integer("minReadySeconds"));
    }

    /** For the log: "probe every 10s, ready after 1 pass, not ready after 3 failures". */
    public String describeProbe() {
      return "readiness probe every " + (int) probe.interval() + "s"
          + (initialDelay > 0 ? " from " + initialDelay + "s after the container starts" : "")
          + ", ready after " + probe.initialHealthyThreshold() + " pass" + (probe.initialHealthyThreshold() == 1 ? "" : "es")
          + ", not ready after " + probe.unhealthyThreshold() + " failures";
    }
  }
}
