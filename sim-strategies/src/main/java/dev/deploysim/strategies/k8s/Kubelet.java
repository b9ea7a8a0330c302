package dev.deploysim.strategies.k8s;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.model.Bootstrap;
import dev.deploysim.model.Instance;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.World;
import java.util.List;

/**
 * The kubelet's liveness and startup probes of the new pods, and its container restarts with
 * CrashLoopBackOff (docs/platforms/kubernetes.md#liveness-and-startup-probes-crashloopbackoff).
 *
 * <p>Each probe of a container ticks every periodSeconds from when the container runs (its first
 * tick at a random point within one period, or at loadBalancer.healthCheck.firstCheckDelay when
 * given, as for the readiness probe); a tick before initialDelaySeconds does not count. A probe passes when the version's health
 * endpoint answers ({@link Instance#passesHealthCheck}); while a startup probe has not passed for
 * the current container, the liveness probe waits. failureThreshold failures in a row kill the
 * container: the pod leaves the Services' endpoints at once (it is not ready), the container stops
 * within the pod's stop time (preStop, then podStopTime, at most terminationGracePeriodSeconds), and
 * after the back-off delay (10 s, doubling to 5 min; a container that ran 10 minutes restarts after
 * 10 s again) it runs again: the version installs and starts afresh. Sources:
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts,
 * https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/,
 * https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/ (preStop runs when a
 * probe failure kills the container, within the grace period).
 */
final class Kubelet implements Bootstrap {
  private final World world;
  private final KubernetesParams.Settings settings;
  private final List<TargetGroup> services;
  private final Distribution firstProbe;
  private final RandomStream phase;
  private final RandomStream stop;
  private int restarts;

  Kubelet(World world, KubernetesParams.Settings settings, List<TargetGroup> services) {
    this.world = world;
    this.settings = settings;
    this.services = services;
    this.firstProbe = world.scenario().loadBalancer().healthCheck().firstCheckDelay();
    this.phase = world.random("k8s.kubelet-probe-phase");
    this.stop = world.random("k8s.kubelet-container-stop");
  }

  /** Container restarts so far, over all pods. */
  int restarts() {
    return restarts;
  }

  /** The pod's container runs (called when a pod of the ReplicaSet boots): its probes start. */
  @Override
  public Task run(Scope scope, Instance pod) {
    new Pod(pod).containerRuns();
    return scope.done();
  }

  private double firstDelay(KubernetesParams.ContainerProbe probe) {
    return firstProbe != null ? firstProbe.sample(phase) : phase.nextDouble() * probe.period();
  }

  /** One pod's containers as the kubelet sees them. */
  private final class Pod {
    private final Instance i;
    private double containerStart;
    private boolean running = true;
    private boolean started;
    private int startupFailures;
    private int livenessFailures;
    private int backOffStep;
    // the container the probes belong to: a tick of an earlier container is dropped
    private int container;

    Pod(Instance i) {
      this.i = i;
    }

    /** A container starts: its probes tick, the first within one period. */
    void containerRuns() {
      container++;
      containerStart = world.now();
      running = true;
      if (settings.startup() != null) {
        tick(settings.startup(), true, firstDelay(settings.startup()), container);
      }
      if (settings.liveness() != null) {
        tick(settings.liveness(), false, firstDelay(settings.liveness()), container);
      }
    }

    private void tick(KubernetesParams.ContainerProbe probe, boolean startup, double delay, int of) {
      world.sim().after(delay, () -> {
        if (of != container || !running || i.isTerminated() || i.state().isTerminating()) {
          return;
        }
        probe(probe, startup);
        tick(probe, startup, probe.period(), of);
      });
    }

    private void probe(KubernetesParams.ContainerProbe probe, boolean startup) {
      double now = world.now();
      if (now - containerStart < probe.initialDelay() - 1e-9) {
        return;
      }
      if (startup ? started : settings.startup() != null && !started) {
        return;
      }
      boolean pass = i.passesHealthCheck(now);
      String name = startup ? "startup" : "liveness";
      if (pass) {
        if (startup) {
          started = true;
          startupFailures = 0;
          world.log("kubelet", i.name() + " startup probe passed; the liveness probe takes over");
        } else {
          livenessFailures = 0;
        }
        return;
      }
      int failures = startup ? ++startupFailures : ++livenessFailures;
      if (failures >= probe.failureThreshold()) {
        kill(name + " probe failed " + failures + " time" + (failures == 1 ? "" : "s") + " in a row");
      }
    }

    private void kill(String why) {
      running = false;
      started = false;
      startupFailures = 0;
      livenessFailures = 0;
      if (world.now() - containerStart >= settings.backOff().resetAfter() - 1e-9) {
        backOffStep = 0;
      }
      backOffStep++;
      restarts++;
      double exit = stopTime();
      double delay = settings.backOff().delay(backOffStep);
      world.log("kubelet", i.name() + " " + why + ": container killed; it stops in " + DeploymentController.seconds(exit)
          + ", then restarts after a back-off of " + DeploymentController.seconds(delay)
          + (backOffStep > 1 ? " (CrashLoopBackOff: restart " + backOffStep + " in a row)" : ""));
      for (TargetGroup tg : services) {
        tg.markUnhealthy(i, "container killed");
      }
      i.stopApplication(world.systemScope());
      world.sim().after(exit + delay, this::restart);
    }

    /** preStop, then SIGTERM and podStopTime, at most the grace period (the whole of it without podStopTime). */
    private double stopTime() {
      double grace = settings.grace();
      if (settings.podStop() == null) {
        return grace;
      }
      double pre = settings.preStop() == null ? 0 : settings.preStop().sample(stop);
      return Math.min(grace, pre + settings.podStop().sample(stop));
    }

    private void restart() {
      if (i.isTerminated() || i.state().isTerminating()) {
        return;
      }
      world.log("kubelet", i.name() + " container restarted");
      containerRuns();
      i.install(world.systemScope(), i.effectiveVersion());
    }
  }
}
