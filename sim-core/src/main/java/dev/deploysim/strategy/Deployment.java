package dev.deploysim.strategy;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.Alarms;
import dev.deploysim.model.Environment;
import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.model.World;
import dev.deploysim.result.Marker;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.scenario.DeploymentSpec;
import dev.deploysim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A deployment in progress: what a strategy sees and reports to. It gives the strategy the world
 * (environment, DNS, alarms), the versions, the scope its tasks run in, and records phases,
 * detection, rollback and the outcome for the summary.
 */
public final class Deployment implements DeploymentResult {
  private final World world;
  private final StrategyType type;
  private final DeploymentSpec spec;
  private final String fromVersion;
  // "app-eu: " in front of phases, markers and log lines when this deploys one of several fleets
  private final String prefix;
  private final String fleet;
  private Scope scope;
  private double startTime = Double.NaN;
  private Double endTime;
  private Outcome outcome;
  private String reason;
  private boolean rollbackTriggered;
  private String rollbackReason;
  private Double rollbackStart;
  private Double rollbackEnd;
  private Double newVersionRequestsAtRollback;
  private Double detectedAt;
  private String detectedBy;
  private final List<Phase> phases = new ArrayList<>();
  private String phaseLabel;
  private Phase.Kind phaseKind;
  private double phaseStart;
  private final List<Marker> markers = new ArrayList<>();
  private final List<Runnable> completionListeners = new ArrayList<>();
  private Alarms.Listener alarmListener;

  public Deployment(World world, StrategyType type) {
    this(world, type, null);
  }

  /**
   * @param fleet the fleet this deploys when the deployment deploys several one after the other
   *     (docs/resilience.md#deploying-several-fleets): its name goes in front of the phases, markers
   *     and log lines; null for the deployment of one environment
   */
  public Deployment(World world, StrategyType type, String fleet) {
    this.world = world;
    this.type = type;
    this.spec = world.scenario().deployment();
    this.fromVersion = world.scenario().initialVersion();
    this.prefix = fleet == null ? "" : fleet + ": ";
    this.fleet = fleet;
    this.scope = new Scope("deployment", world.sim());
  }

  // --- context ---------------------------------------------------------------------------------

  public World world() {
    return world;
  }

  public Scenario scenario() {
    return world.scenario();
  }

  public double now() {
    return world.now();
  }

  /** The scope of the deployment's own tasks (cancelled when the deployment is stopped). */
  public Scope scope() {
    return scope;
  }

  /** The environment being deployed to (null for serverless runs). */
  public Environment environment() {
    return world.primary();
  }

  public String fromVersion() {
    return fromVersion;
  }

  public String toVersion() {
    return spec.version();
  }

  public String strategyName() {
    return type.description().name();
  }

  /**
   * Whether a failed deployment rolls back: what the platform always does, else the scenario's
   * setting, else the platform default, or the parameter that decides (the type's {@link
   * RollbackPolicy}).
   */
  public boolean rollbackOnFailure() {
    return type.description().rollback().rollsBack(spec.rollback().onFailure(), spec.strategy().params());
  }

  /** Alarms that stop the deployment when they go to ALARM. */
  public List<String> rollbackAlarms() {
    return spec.rollback().onAlarms();
  }

  public double startTime() {
    return startTime;
  }

  // --- reporting -------------------------------------------------------------------------------

  public void log(String message) {
    world.log("deployment", prefix + message);
  }

  /** Starts a labelled phase (ending the current one). */
  public void phase(String label, Phase.Kind kind) {
    endPhase();
    phaseLabel = prefix + label;
    phaseKind = kind;
    phaseStart = now();
    world.log("deployment", "phase: " + phaseLabel);
  }

  public void endPhase() {
    if (phaseLabel != null) {
      phases.add(new Phase(phaseLabel, phaseKind, phaseStart, now(), fleet));
      phaseLabel = null;
    }
  }

  public List<Phase> phases() {
    return List.copyOf(phases);
  }

  public void mark(String label, Marker.Kind kind) {
    markers.add(new Marker(now(), prefix + label, kind));
  }

  public List<Marker> markers() {
    return List.copyOf(markers);
  }

  /** Records the first moment the deployment noticed a problem with the new version. */
  public void detected(String by) {
    if (detectedAt == null) {
      detectedAt = now();
      detectedBy = by;
      log("problem detected by " + by);
      mark("detected: " + by, Marker.Kind.WARNING);
    }
  }

  public Double detectedAt() {
    return detectedAt;
  }

  public String detectedBy() {
    return detectedBy;
  }

  // --- alarms ----------------------------------------------------------------------------------

  /**
   * Calls {@code handler} with the alarm's name when one of {@code rollback.onAlarms} goes to
   * ALARM while the deployment is running (CodeDeploy stops the deployment then).
   */
  public void onAlarm(Consumer<String> handler) {
    onAlarm(rollbackAlarms(), handler);
  }

  /**
   * Calls {@code handler} with the alarm's name when one of {@code names} goes to ALARM while the
   * deployment is running: alarms watched by something other than the platform (a pipeline step).
   */
  public void onAlarm(List<String> names, Consumer<String> handler) {
    if (names.isEmpty()) {
      return;
    }
    alarmListener = (alarm, from, to, why) -> {
      if (to == Alarms.State.ALARM && names.contains(alarm) && !isFinished() && !rollbackTriggered) {
        detected("alarm " + alarm);
        handler.accept(alarm);
      }
    };
    world.alarms().addListener(alarmListener);
    // an alarm already in ALARM when the deployment starts stops it at once
    for (String n : names) {
      if (world.alarms().state(n) == Alarms.State.ALARM) {
        String alarm = n;
        world.sim().after(0, () -> alarmListener.changed(alarm, Alarms.State.ALARM, Alarms.State.ALARM, "already in ALARM"));
        break;
      }
    }
  }

  // --- lifecycle -------------------------------------------------------------------------------

  /** Called by the runner when the deployment starts. */
  public void begin() {
    startTime = now();
    log("deployment started: " + type.description().name() + " " + fromVersion + " -> " + toVersion());
    mark("deployment start", Marker.Kind.INFO);
  }

  /**
   * Stops the deployment's in-flight work (its scope is cancelled) and returns a fresh scope for
   * what comes next, typically a rollback.
   */
  public Scope stop(String why) {
    log("deployment stopped: " + why);
    endPhase();
    scope.cancel();
    scope = new Scope("after-stop", world.sim());
    return scope;
  }

  /** Records that a rollback starts; returns the scope to run it in. */
  public Scope startRollback(String why) {
    if (!rollbackTriggered) {
      rollbackTriggered = true;
      rollbackReason = why;
      rollbackStart = now();
      world.traffic().advance();
      newVersionRequestsAtRollback = world.traffic().handledTotal(toVersion());
      log("rollback started: " + why);
      mark("rollback start", Marker.Kind.WARNING);
    }
    return scope;
  }

  public boolean isRollingBack() {
    return rollbackTriggered && rollbackEnd == null;
  }

  public void succeeded() {
    finish(Outcome.SUCCEEDED, null);
  }

  /**
   * The deployment ended as planned but left more than one version serving (an instance refresh
   * whose last checkpoint is below 100%): the outcome is SUCCEEDED, as the platform reports it,
   * and {@code note} becomes the summary's outcomeReason so nobody reads it as "the new version
   * serves everywhere".
   */
  public void succeeded(String note) {
    finish(Outcome.SUCCEEDED, note);
  }

  /** The deployment stopped and was not (or could not be) rolled back. */
  public void failed(String why) {
    if (rollbackTriggered && rollbackEnd == null) {
      rollbackEnd = now();
    }
    finish(Outcome.FAILED, why);
  }

  /** The rollback completed: the old version serves everywhere. */
  public void rolledBack() {
    if (!rollbackTriggered) {
      throw new IllegalStateException("rolledBack() without startRollback()");
    }
    rollbackEnd = now();
    log("rollback finished after " + Durations.format(rollbackEnd - rollbackStart));
    finish(Outcome.ROLLED_BACK, rollbackReason);
  }

  private void finish(Outcome o, String why) {
    if (outcome != null) {
      throw new IllegalStateException("deployment already finished: " + outcome);
    }
    endPhase();
    outcome = o;
    reason = why;
    endTime = now();
    if (alarmListener != null) {
      world.alarms().removeListener(alarmListener);
    }
    String text = switch (o) {
      case SUCCEEDED -> why == null ? "deployment succeeded" : "deployment succeeded (" + why + ")";
      case FAILED -> "deployment failed: " + why;
      case ROLLED_BACK -> "deployment rolled back: " + why;
    };
    log(text + " after " + Durations.format(endTime - startTime));
    mark(o == Outcome.SUCCEEDED ? "deployment end" : o == Outcome.FAILED ? "deployment failed" : "rolled back",
        o == Outcome.FAILED ? Marker.Kind.FAILURE : Marker.Kind.INFO);
    for (Runnable r : completionListeners) {
      r.run();
    }
  }

  /** Marks the outcome when the run ends before the strategy finished. */
  public void unfinishedAtHorizon() {
    if (outcome == null) {
      endPhase();
      outcome = Outcome.FAILED;
      reason = "still running when the simulation ended";
      log("deployment " + reason);
    }
  }

  public void onComplete(Runnable r) {
    completionListeners.add(r);
  }

  public boolean isFinished() {
    return outcome != null;
  }

  public Outcome outcome() {
    return outcome;
  }

  public String reason() {
    return reason;
  }

  /** When the strategy finished (null while running or if it never finished). */
  public Double endTime() {
    return endTime;
  }

  public boolean rollbackTriggered() {
    return rollbackTriggered;
  }

  public String rollbackReason() {
    return rollbackReason;
  }

  public Double rollbackStart() {
    return rollbackStart;
  }

  public Double rollbackEnd() {
    return rollbackEnd;
  }

  /** Requests the new version had handled when the rollback started (null: no rollback started). */
  public Double newVersionRequestsAtRollback() {
    return newVersionRequestsAtRollback;
  }

  // --- convenience for strategies --------------------------------------------------------------

  /** Waits {@code seconds} in the deployment's scope. */
  public Task sleep(double seconds) {
    return scope.sleep(seconds);
  }
}
