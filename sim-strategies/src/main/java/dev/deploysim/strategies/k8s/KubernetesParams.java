package dev.deploysim.strategies.k8s;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.scenario.LoadBalancerSpec.HealthCheckSpec;
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
  static final ParamType.ObjectType PROBE = probe("passed probes in a row that make a pod ready (default 1)", 100);

  /**
   * A liveness or startup probe: the fields of a readiness probe, successThreshold must be 1 (the
   * Probe API reference: "Must be 1 for liveness and startup").
   */
  static final ParamType.ObjectType CONTAINER_PROBE = probe("passed probes in a row that count as a pass; must be "
      + "1 for liveness and startup probes, as Kubernetes requires", 1);

  private static ParamType.ObjectType probe(String successThreshold, int maxSuccess) {
    return new ParamType.ObjectType(List.of(
        ParamSpec.optional("periodSeconds", new ParamType.IntegerType(1, 3600), 10, null,
            "seconds between probes of one pod (Kubernetes default 10)"),
        ParamSpec.optional("failureThreshold", new ParamType.IntegerType(1, 100), 3, null,
            "failed probes in a row that count as a failure (default 3)"),
        ParamSpec.optional("successThreshold", new ParamType.IntegerType(1, maxSuccess), 1, null, successThreshold),
        ParamSpec.optional("initialDelaySeconds", new ParamType.IntegerType(0, MAX_SECONDS), 0, null,
            "seconds after the container started before probes count (default 0)"),
        ParamSpec.optional("timeoutSeconds", new ParamType.IntegerType(1, 3600), 1, null,
            "seconds a probe waits for an answer (default 1); accepted for completeness: a pod that answers "
                + "passes at once and one that does not fails, so it does not change when a probe passes")));
  }

  public static final ParamSpec READINESS_PROBE = ParamSpec.optional("readinessProbe", PROBE,
      StrategyParams.bind(PROBE.fields(), Map.of()),
      null,
      "the pods' readiness probe (Pod spec containers[].readinessProbe): a pod is an endpoint of the Service, "
          + "and gets requests, while it is ready; it becomes ready with its first passing probe (successThreshold "
          + "1) after the application is up");

  public static final ParamSpec LIVENESS_PROBE = ParamSpec.optional("livenessProbe", CONTAINER_PROBE, null, null,
      "the new pods' liveness probe (containers[].livenessProbe; Kubernetes default: none). It asks the version's "
          + "health endpoint, as the readiness probe does; failureThreshold failures in a row and the kubelet kills "
          + "the container (preStop, then podStopTime, within terminationGracePeriodSeconds) and restarts it after "
          + "the crashLoopBackOff delay; the restarted container installs and starts the version again. A version "
          + "that starts more slowly than initialDelaySeconds + failureThreshold x periodSeconds is killed before it "
          + "is up, again and again (use a startupProbe)");

  public static final ParamSpec STARTUP_PROBE = ParamSpec.optional("startupProbe", CONTAINER_PROBE, null, null,
      "the new pods' startup probe (containers[].startupProbe; default: none): until it passes once, the liveness "
          + "probe waits; failureThreshold failures in a row and the container is killed and restarted as for the "
          + "liveness probe. A slow start gets initialDelaySeconds + failureThreshold x periodSeconds");

  static final ParamType.ObjectType BACK_OFF = new ParamType.ObjectType(List.of(
      ParamSpec.optional("initialDelay", new ParamType.DurationType(0, 3600, false), 10, null,
          "wait before the first restart of a container (Kubernetes: 10s)"),
      ParamSpec.optional("maxDelay", new ParamType.DurationType(0, 3600, false), 300, null,
          "the delay doubles with every restart up to this (Kubernetes: 5m)"),
      ParamSpec.optional("resetAfter", new ParamType.DurationType(1, MAX_SECONDS, false), 600, null,
          "a container that ran this long before it failed restarts after initialDelay again (Kubernetes: "
              + "10 minutes; the figure comes from the pod lifecycle page, not the fact sheets, so it is a "
              + "parameter)")));

  public static final ParamSpec CRASH_LOOP_BACK_OFF = ParamSpec.optional("crashLoopBackOff", BACK_OFF,
      StrategyParams.bind(BACK_OFF.fields(), Map.of()), null,
      "the kubelet's restart back-off for a killed container (CrashLoopBackOff): 10s, 20s, 40s ... up to 5m, "
          + "reset after 10 minutes of running (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/"
          + "#container-restarts)");

  public static final ParamSpec PRE_STOP = ParamSpec.optional("preStop", new ParamType.DistributionType(), null, null,
      "how long the containers' preStop hook runs (lifecycle.preStop, e.g. sleep: 10s) when a pod is deleted or a "
          + "container is killed; it comes before SIGTERM (podStopTime) and counts against "
          + "terminationGracePeriodSeconds: a pod still stopping at the end of the grace period is killed. Default: "
          + "no hook");

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
      "time a terminating pod takes to exit once it gets SIGTERM (after its preStop hook, if any: in-flight "
          + "requests, shutdown); a pod still running at terminationGracePeriodSeconds is killed then. When not given: "
          + "the whole grace period (an assumption: a server that ignores SIGTERM); e.g. 2s for one that exits "
          + "promptly");

  public static final ParamSpec PROGRESS_DEADLINE_SECONDS = ParamSpec.optional("progressDeadlineSeconds",
      new ParamType.IntegerType(1, MAX_SECONDS), 600, null,
      "seconds without progress (no pod created, removed, ready or available) after which the rollout is marked "
          + "failed, ProgressDeadlineExceeded (default 600); Kubernetes does not roll back: the outcome is FAILED "
          + "and the Deployment stays as it is");

  public static final ParamSpec MIN_READY_SECONDS = ParamSpec.optional("minReadySeconds",
      new ParamType.IntegerType(0, MAX_SECONDS), 0, null,
      "seconds a pod must stay ready before it counts as available (default 0: available as soon as it is ready)");

  /** The pod template's parameters, in the order {@code sim strategies} shows them. */
  public static final List<ParamSpec> POD_TEMPLATE = List.of(READINESS_PROBE, LIVENESS_PROBE, STARTUP_PROBE,
      CRASH_LOOP_BACK_OFF, POD_START_TIME, GRACE, PRE_STOP, POD_STOP_TIME);

  /** {@code first}, then the pod template's parameters. */
  public static List<ParamSpec> withPodTemplate(ParamSpec... first) {
    List<ParamSpec> out = new java.util.ArrayList<>(List.of(first));
    out.addAll(POD_TEMPLATE);
    return List.copyOf(out);
  }

  /** A liveness or startup probe: when and how often it asks, and after how many failures it kills. */
  public record ContainerProbe(int period, int failureThreshold, int initialDelay) {
    static ContainerProbe of(StrategyParams p) {
      return p == null ? null : new ContainerProbe(p.integer("periodSeconds"), p.integer("failureThreshold"),
          p.integer("initialDelaySeconds"));
    }

    /** For the log: "every 10s from 0s after the container starts, 3 failures". */
    String describe() {
      return "every " + period + "s" + (initialDelay > 0 ? " from " + initialDelay + "s after the container starts" : "")
          + ", killed after " + failureThreshold + " failure" + (failureThreshold == 1 ? "" : "s") + " in a row";
    }
  }

  /** CrashLoopBackOff: restart k (1, 2, ...) waits min(initial x 2^(k-1), max); reset after resetAfter running. */
  public record BackOff(double initial, double max, double resetAfter) {
    /** The delay before the {@code k}-th restart in a row (k >= 1). */
    public double delay(int k) {
      double d = initial;
      for (int n = 1; n < k && d < max; n++) {
        d *= 2;
      }
      return Math.min(d, max);
    }
  }

  /** The settings of every strategy built on the pod model. */
  public record Settings(HealthCheckSpec probe, int initialDelay, Distribution podStart, int grace, Distribution podStop,
      int progressDeadline, int minReady, ContainerProbe liveness, ContainerProbe startup, BackOff backOff,
      Distribution preStop) {

    public static Settings of(StrategyParams p) {
      StrategyParams probe = p.object("readinessProbe");
      int success = probe.integer("successThreshold");
      HealthCheckSpec hc = new HealthCheckSpec(probe.integer("periodSeconds"), probe.integer("timeoutSeconds"), success,
          probe.integer("failureThreshold"), success, null);
      StrategyParams b = p.object("crashLoopBackOff");
      return new Settings(hc, probe.integer("initialDelaySeconds"), p.distribution("podStartTime"),
          p.integer("terminationGracePeriodSeconds"), p.optional("podStopTime", Distribution.class).orElse(null),
          p.integer("progressDeadlineSeconds"), p.integer("minReadySeconds"),
          ContainerProbe.of(p.optional("livenessProbe", StrategyParams.class).orElse(null)),
          ContainerProbe.of(p.optional("startupProbe", StrategyParams.class).orElse(null)),
          new BackOff(b.duration("initialDelay"), b.duration("maxDelay"), b.duration("resetAfter")),
          p.optional("preStop", Distribution.class).orElse(null));
    }

    /** Whether the kubelet probes the containers (a liveness or a startup probe). */
    public boolean probesContainers() {
      return liveness != null || startup != null;
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
