package dev.deploysim.strategies.codedeploy;

import dev.deploysim.model.AppState;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.model.TargetState;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * CodeDeploy's gate for EC2 deployments: deploys to the instances of a deployment group as many at
 * a time as the minimum healthy hosts allows, and decides the outcome by the same minimum.
 *
 * <p>Rules (CodeDeploy user guide, "Instance health"): the minimum is resolved against the fleet
 * when the deployment starts; at most {@code fleet - minimum} instances are deployed to at once; an
 * instance is taken offline only if the healthy instances left still reach the minimum (unhealthy
 * instances may always be deployed to, and go first: unhealthy, then unknown revision, then old
 * revision, then current revision); an instance whose deployment fails becomes unhealthy. When no
 * further instance can be deployed to without falling below the minimum, the deployment stops and
 * fails. At the end the deployment succeeds when at least the minimum number of instances is
 * healthy and at least one instance succeeded. A minimum that leaves no instance to deploy to fails
 * the deployment before it starts.
 *
 * <p>These rules give the documented examples: OneAtATime (all but one) fails at the first failed
 * instance unless it is the last one; HalfAtATime on 9 instances deploys to 4 at a time and needs
 * 5 successes; AllAtOnce fails only when every instance fails.
 */
final class HealthGate {
  private final Deployment d;
  private final Scope scope;
  private final List<Instance> fleet;
  private final int minimum;
  private final int maxConcurrent;
  private final Deque<Instance> pending;
  private final Set<Instance> unhealthy = new LinkedHashSet<>();
  private final Set<Instance> inFlight = new LinkedHashSet<>();
  private final Set<Instance> attempted = new LinkedHashSet<>();
  private final Set<Instance> failed = new LinkedHashSet<>();
  private final Function<Instance, Task> step;
  private final String label;
  private final Task result;
  private int successes;
  private String lastFailure;
  private boolean phasePending;
  private boolean firstDispatch = true;
  private Phase.Kind kind = Phase.Kind.DEPLOY;

  /**
   * @param fleet every instance of the deployment group (the minimum counts against these)
   * @param targets the instances to deploy to (a subset of the fleet)
   * @param unhealthyAtStart instances CodeDeploy counts as unhealthy from the start
   * @param version the revision being deployed (orders old-revision instances before current ones)
   * @param step the deployment to one instance
   * @param label phase label prefix, e.g. "deploy to"
   */
  HealthGate(Deployment d, Scope scope, List<Instance> fleet, List<Instance> targets, Set<Instance> unhealthyAtStart,
      MinimumHealthyHosts min, String version, Function<Instance, Task> step, String label) {
    this.d = d;
    this.scope = scope;
    this.fleet = List.copyOf(fleet);
    this.minimum = min.resolve(fleet.size());
    this.maxConcurrent = fleet.size() - minimum;
    this.unhealthy.addAll(unhealthyAtStart);
    this.step = step;
    this.label = label;
    this.result = new Task(scope);
    List<Instance> ordered = new ArrayList<>(targets);
    ordered.sort(Comparator.comparingInt((Instance i) -> rank(i, version)).thenComparingInt(Instance::id));
    this.pending = new ArrayDeque<>(ordered);
  }

  /** CodeDeploy's order: unhealthy, unknown revision, old revision, current revision. */
  private int rank(Instance i, String version) {
    if (unhealthy.contains(i)) {
      return 0;
    }
    String rev = i.lastSuccessfulVersion();
    if (rev == null) {
      return 1;
    }
    return rev.equals(version) ? 3 : 2;
  }

  /** Whether CodeDeploy would find the instance unhealthy now (impaired, application down, failing checks). */
  static boolean looksUnhealthy(Instance i, List<TargetGroup> tgs) {
    if (i.isImpaired() || i.app() != AppState.RUNNING) {
      return true;
    }
    for (TargetGroup tg : tgs) {
      if (tg.state(i) == TargetState.UNHEALTHY) {
        return true;
      }
    }
    return false;
  }

  /** The kind of the phases the gate records (DEPLOY by default; ROLLBACK while rolling back). */
  HealthGate kind(Phase.Kind k) {
    this.kind = k;
    return this;
  }

  int minimum() {
    return minimum;
  }

  int maxConcurrent() {
    return maxConcurrent;
  }

  /** Instances the gate started a deployment on. */
  Set<Instance> attempted() {
    return attempted;
  }

  Set<Instance> inFlight() {
    return inFlight;
  }

  Set<Instance> failed() {
    return failed;
  }

  Set<Instance> unhealthy() {
    return unhealthy;
  }

  int successes() {
    return successes;
  }

  /** Starts deploying; the task succeeds or fails by the rules above. */
  Task run() {
    if (maxConcurrent <= 0) {
      result.fail("minimum healthy hosts is " + minimum + " of " + fleet.size()
          + " instances, which leaves no instance to deploy to");
      return result;
    }
    if (pending.isEmpty()) {
      result.succeed();
      return result;
    }
    pump();
    return result;
  }

  private int healthyIdle() {
    int n = 0;
    for (Instance i : fleet) {
      if (!i.isTerminated() && !unhealthy.contains(i) && !inFlight.contains(i)) {
        n++;
      }
    }
    return n;
  }

  private void pump() {
    if (result.isDone() || scope.isCancelled()) {
      return;
    }
    List<Instance> started = new ArrayList<>();
    while (!pending.isEmpty() && inFlight.size() < maxConcurrent) {
      Instance next = pending.peekFirst();
      if (next.isTerminated()) {
        pending.removeFirst();
        d.log(next.name() + " left the deployment group before its turn");
        continue;
      }
      int healthyAfter = healthyIdle() - (unhealthy.contains(next) ? 0 : 1);
      if (healthyAfter < minimum) {
        break;
      }
      pending.removeFirst();
      inFlight.add(next);
      attempted.add(next);
      started.add(next);
    }
    if (!started.isEmpty()) {
      if (firstDispatch) {
        firstDispatch = false;
        d.phase(label + " " + names(inFlight), d.isRollingBack() ? Phase.Kind.ROLLBACK : kind);
      } else if (!phasePending) {
        // one phase per instant, naming the instances in flight once every dispatch of the instant is made
        phasePending = true;
        scope.after(0, () -> {
          phasePending = false;
          if (!result.isDone() && !inFlight.isEmpty()) {
            d.phase(label + " " + names(inFlight), d.isRollingBack() ? Phase.Kind.ROLLBACK : kind);
          }
        });
      }
      for (Instance i : started) {
        Task t = step.apply(i);
        t.whenDone(x -> done(i, x));
      }
      return;
    }
    if (!inFlight.isEmpty()) {
      return;
    }
    int healthy = healthyIdle();
    if (!pending.isEmpty()) {
      result.fail("too few healthy instances to go on: " + healthy + " healthy, minimum " + minimum
          + (lastFailure == null ? "" : " (" + lastFailure + ")"));
    } else if (successes == 0) {
      result.fail("no instance succeeded" + (lastFailure == null ? "" : " (" + lastFailure + ")"));
    } else if (healthy < minimum) {
      result.fail("only " + healthy + " healthy instances at the end, minimum " + minimum
          + (lastFailure == null ? "" : " (" + lastFailure + ")"));
    } else {
      result.succeed();
    }
  }

  private void done(Instance i, Task t) {
    inFlight.remove(i);
    if (t.succeeded()) {
      successes++;
      unhealthy.remove(i);
    } else {
      failed.add(i);
      unhealthy.add(i);
      lastFailure = t.failure();
      d.log(i.name() + " failed: " + t.failure());
    }
    pump();
  }

  private static String names(Set<Instance> set) {
    StringBuilder b = new StringBuilder();
    for (Instance i : set) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(i.name());
    }
    return b.toString();
  }
}
