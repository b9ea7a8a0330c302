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
  /** Why each failed instance's deployment failed. */
  private final java.util.Map<Instance, String> failures = new java.util.LinkedHashMap<>();
  private final String minName;
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
    this.minName = "minimum healthy hosts: " + min.describe();
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
      result.fail(healthy + " of " + fleet.size() + " instances healthy and " + minimum + " must stay healthy ("
          + minName + "), so the " + pending.size() + " left cannot be taken offline to deploy to; " + notHealthy());
    } else if (successes == 0) {
      result.fail("no instance succeeded; " + notHealthy());
    } else if (healthy < minimum) {
      result.fail("only " + healthy + " of " + fleet.size() + " instances healthy at the end, " + minimum
          + " needed (" + minName + "); " + notHealthy());
    } else {
      result.succeed();
    }
  }

  /**
   * The instances that are not healthy and why, grouped by cause: the fault that impaired them
   * (named as the scenario's faults list has it), or their failed deployment.
   */
  private String notHealthy() {
    java.util.Map<String, List<String>> byCause = new java.util.LinkedHashMap<>();
    for (Instance i : fleet) {
      String cause;
      if (i.impairment() != null) {
        cause = "EC2 status checks failed: " + i.impairment();
      } else if (failures.containsKey(i)) {
        // "i-0001 ValidateService: script failed" -> the same cause for every instance it hit
        String f = String.valueOf(failures.get(i));
        cause = "deployment failed: " + (f.startsWith(i.name()) ? f.substring(i.name().length()).replaceFirst("^:? ", "") : f);
      } else if (i.isTerminated()) {
        cause = "terminated";
      } else if (unhealthy.contains(i)) {
        cause = "unhealthy";
      } else {
        continue;
      }
      byCause.computeIfAbsent(cause, c -> new ArrayList<>()).add(i.name());
    }
    if (byCause.isEmpty()) {
      return "no instance failed";
    }
    List<String> parts = new ArrayList<>();
    byCause.forEach((cause, names) -> parts.add(listed(names) + " (" + cause + ")"));
    return "not healthy: " + String.join("; ", parts);
  }

  /** "i-0001", "i-0001 and i-0002", "i-0001, i-0002, i-0003 and 4 more". */
  private static String listed(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    int shown = Math.min(3, names.size());
    String head = String.join(", ", names.subList(0, names.size() > 3 ? shown : shown - 1));
    return names.size() > 3 ? head + " and " + (names.size() - shown) + " more" : head + " and " + names.get(shown - 1);
  }

  private void done(Instance i, Task t) {
    inFlight.remove(i);
    if (t.succeeded()) {
      successes++;
      unhealthy.remove(i);
    } else {
      failed.add(i);
      unhealthy.add(i);
      failures.put(i, t.failure());
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
