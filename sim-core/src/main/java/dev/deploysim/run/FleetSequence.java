package dev.deploysim.run;

import dev.deploysim.format.StrategyParams;
import dev.deploysim.model.Alarms;
import dev.deploysim.model.World;
import dev.deploysim.result.Marker;
import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.scenario.Topology;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.strategy.DeploymentResult;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployment of several fleets one after the other (docs/resilience.md#deploying-several-fleets):
 * one run of the strategy per fleet, with that fleet's group, load balancer and region; the next
 * fleet starts when the previous one SUCCEEDED, and a failure or rollback stops the sequence, so the
 * fleets after it keep the old version. As CloudFormation StackSets do with their default operation
 * preferences: one Region at a time, and once an operation is stopped in a Region it is not
 * attempted in the Regions after it
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSetOperationPreferences.html).
 *
 * <p>Combined for the summary: one outcome (SUCCEEDED only when every fleet succeeded, else the
 * outcome of the fleet that stopped the sequence); from the first fleet's start to the last one's
 * end; the rollback, detection and blast radius of the fleet that had them (the sequence stops at
 * the first fleet that fails, so at most one fleet rolls back); every fleet's phases and markers,
 * named after their fleet.
 */
final class FleetSequence implements DeploymentResult {
  private final World world;
  private final StrategyType type;
  private final Topology topology;
  private final List<String> fleets;
  private final List<Strategy> strategies = new ArrayList<>();
  private final List<Deployment> deployments = new ArrayList<>();
  private final List<Runnable> completionListeners = new ArrayList<>();
  private boolean finished;
  // a bake between fleets (deployment.bakeTime): its phases and markers, and what stopped the sequence
  private final List<Phase> bakePhases = new ArrayList<>();
  private final List<Marker> bakeMarkers = new ArrayList<>();
  private String bakeStop;
  private Double bakeStopAt;
  private String bakeDetectedBy;

  /** Creates and sets up one strategy per fleet (each with its fleet as the environment), at the start of the run. */
  FleetSequence(World world, StrategyType type, StrategyParams params) {
    this.world = world;
    this.type = type;
    this.topology = world.scenario().topology();
    this.fleets = topology.targets();
    for (String fleet : fleets) {
      world.deployTo(fleet);
      Strategy s = type.create(params);
      s.setUp(world);
      strategies.add(s);
    }
    world.deployTo(fleets.get(0));
  }

  /** Starts the first fleet's deployment (now). */
  void start() {
    startFleet(0);
  }

  private void startFleet(int k) {
    String fleet = fleets.get(k);
    world.deployTo(fleet);
    Deployment d = new Deployment(world, type, fleet);
    deployments.add(d);
    d.onComplete(() -> {
      double bake = world.scenario().deployment().bakeTime();
      if (d.outcome() == Outcome.SUCCEEDED && k + 1 < fleets.size() && bake > 0) {
        bake(k, bake);
      } else if (d.outcome() == Outcome.SUCCEEDED && k + 1 < fleets.size()) {
        // after the event that finished this fleet, at the same instant
        world.sim().after(0, () -> startFleet(k + 1));
      } else {
        finished = true;
        if (k + 1 < fleets.size()) {
          world.log("deployment", notDeployed(k));
        }
        completionListeners.forEach(Runnable::run);
      }
    });
    d.begin();
    strategies.get(k).start(d);
  }

  /**
   * Waits {@code seconds} after the k-th fleet succeeded, watching the bake alarms (every alarm unless
   * deployment.bakeAlarms names some): one going to ALARM stops the sequence there; else the next fleet
   * starts when the bake is over.
   */
  private void bake(int k, double seconds) {
    String fleet = fleets.get(k);
    List<String> watched = world.scenario().deployment().bakeAlarms() != null
        ? world.scenario().deployment().bakeAlarms()
        : world.scenario().alarms().stream().map(dev.deploysim.scenario.AlarmSpec::name).toList();
    double start = world.now();
    String label = fleet + ": bake " + dev.deploysim.engine.Durations.format(seconds) + " before "
        + topology.describe(fleets.get(k + 1));
    world.log("deployment", "phase: " + label);
    boolean[] over = {false};
    long[] timer = {0};
    Alarms.Listener[] listener = {null};
    Runnable end = () -> {
      over[0] = true;
      world.alarms().removeListener(listener[0]);
      bakePhases.add(new Phase(label, Phase.Kind.WAIT, start, world.now(), fleet));
    };
    listener[0] = (alarm, from, to, why) -> {
      if (!over[0] && to == Alarms.State.ALARM && watched.contains(alarm)) {
        world.sim().cancel(timer[0]);
        end.run();
        bakeStop = "alarm " + alarm + " went to ALARM during the bake after " + topology.describe(fleet);
        bakeStopAt = world.now();
        bakeDetectedBy = fleet + ": alarm " + alarm + " during the bake";
        bakeMarkers.add(new Marker(world.now(), fleet + ": bake stopped: alarm " + alarm, Marker.Kind.WARNING));
        world.log("deployment", fleet + ": bake stopped: " + bakeStop + " (" + why + ")");
        finished = true;
        world.log("deployment", notDeployed(k));
        completionListeners.forEach(Runnable::run);
      }
    };
    world.alarms().addListener(listener[0]);
    timer[0] = world.sim().after(seconds, () -> {
      end.run();
      startFleet(k + 1);
    });
    // an alarm already in ALARM stops the bake at once
    for (String a : watched) {
      if (world.alarms().state(a) == Alarms.State.ALARM) {
        world.sim().after(0, () -> listener[0].changed(a, Alarms.State.ALARM, Alarms.State.ALARM, "already in ALARM"));
        break;
      }
    }
  }

  void onComplete(Runnable r) {
    completionListeners.add(r);
  }

  /** Marks the fleet still deploying as unfinished when the run ends before the sequence did. */
  void unfinishedAtHorizon() {
    if (deployments.isEmpty()) {
      return;
    }
    if (current().isFinished()) {
      // during a bake
      bakeStop = "the run ended during the bake after " + topology.describe(fleetOf(current()));
    } else {
      current().unfinishedAtHorizon();
    }
  }

  private Deployment current() {
    return deployments.get(deployments.size() - 1);
  }

  /** "app-eu (eu-west-1) not deployed: app-us (us-east-1) rolled back", for the fleets after the k-th. */
  private String notDeployed(int k) {
    List<String> rest = new ArrayList<>();
    for (String f : fleets.subList(k + 1, fleets.size())) {
      rest.add(topology.describe(f));
    }
    Deployment d = deployments.get(k);
    if (bakeStop != null) {
      return String.join(", ", rest) + " not deployed: " + bakeStop;
    }
    String what = d.outcome() == Outcome.ROLLED_BACK ? "rolled back"
        : d.isFinished() && d.endTime() != null ? "failed" : "was still deploying when the simulation ended";
    return String.join(", ", rest) + " not deployed: " + topology.describe(fleets.get(k)) + " " + what;
  }

  // --- the combined result -------------------------------------------------------------------------

  @Override
  public String strategyName() {
    return type.description().name();
  }

  @Override
  public String fromVersion() {
    return world.scenario().initialVersion();
  }

  @Override
  public String toVersion() {
    return world.scenario().deployment().version();
  }

  @Override
  public double startTime() {
    return deployments.isEmpty() ? Double.NaN : deployments.get(0).startTime();
  }

  @Override
  public Double endTime() {
    return !finished ? null : bakeStopAt != null ? bakeStopAt : current().endTime();
  }

  @Override
  public boolean isFinished() {
    return finished;
  }

  /**
   * The fleet's outcome that ended the sequence; but a rollback after earlier fleets succeeded is
   * FAILED: those fleets keep the new version, so the old one does not serve everywhere.
   */
  @Override
  public Outcome outcome() {
    if (deployments.isEmpty()) {
      return null;
    }
    if (bakeStop != null) {
      return Outcome.FAILED;
    }
    Outcome last = current().outcome();
    return last == Outcome.ROLLED_BACK && deployments.size() > 1 ? Outcome.FAILED : last;
  }

  @Override
  public String reason() {
    if (deployments.isEmpty() || current().outcome() == null) {
      return null;
    }
    if (bakeStop != null) {
      List<String> kept = new ArrayList<>();
      deployments.forEach(d -> kept.add(topology.describe(fleetOf(d))));
      return String.join(", ", kept) + " keep" + (kept.size() == 1 ? "s " : " ") + toVersion() + " (deployed before); "
          + notDeployed(deployments.size() - 1);
    }
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < deployments.size(); k++) {
      Deployment d = deployments.get(k);
      if (d.reason() != null) {
        parts.add(topology.describe(fleets.get(k)) + ": " + d.reason());
      }
    }
    if (current().outcome() != Outcome.SUCCEEDED) {
      List<String> kept = new ArrayList<>();
      for (int k = 0; k < deployments.size() - 1; k++) {
        kept.add(topology.describe(fleets.get(k)));
      }
      if (!kept.isEmpty()) {
        parts.add(String.join(", ", kept) + " keep" + (kept.size() == 1 ? "s " : " ") + toVersion()
            + " (deployed before)");
      }
      if (deployments.size() < fleets.size()) {
        parts.add(notDeployed(deployments.size() - 1));
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** The deployment that rolled back or started to (null: none did). */
  private Deployment rolledBack() {
    return first(Deployment::rollbackTriggered);
  }

  /** The first deployment {@code p} accepts (the fleets run one after the other: the earliest); null: none. */
  private Deployment first(java.util.function.Predicate<Deployment> p) {
    return deployments.stream().filter(p).findFirst().orElse(null);
  }

  @Override
  public boolean rollbackTriggered() {
    return rolledBack() != null;
  }

  @Override
  public String rollbackReason() {
    Deployment d = rolledBack();
    return d == null ? null : fleetOf(d) + ": " + d.rollbackReason();
  }

  @Override
  public Double rollbackStart() {
    Deployment d = rolledBack();
    return d == null ? null : d.rollbackStart();
  }

  @Override
  public Double rollbackEnd() {
    Deployment d = rolledBack();
    return d == null ? null : d.rollbackEnd();
  }

  @Override
  public Double newVersionRequestsAtRollback() {
    Deployment d = rolledBack();
    return d == null ? null : d.newVersionRequestsAtRollback();
  }

  /** The first deployment that detected a problem. */
  private Deployment detecting() {
    return first(d -> d.detectedAt() != null);
  }

  @Override
  public Double detectedAt() {
    Deployment d = detecting();
    return d != null ? d.detectedAt() : bakeStopAt;
  }

  @Override
  public String detectedBy() {
    Deployment d = detecting();
    return d != null ? fleetOf(d) + ": " + d.detectedBy() : bakeDetectedBy;
  }

  private String fleetOf(Deployment d) {
    return fleets.get(deployments.indexOf(d));
  }

  @Override
  public List<Phase> phases() {
    return merged(Deployment::phases, bakePhases, java.util.Comparator.comparingDouble(Phase::start));
  }

  @Override
  public List<Marker> markers() {
    return merged(Deployment::markers, bakeMarkers, java.util.Comparator.comparingDouble(Marker::time));
  }

  /** Every fleet's items and the bakes' in one list, in time order (a stable sort: ties keep fleet order). */
  private <T> List<T> merged(java.util.function.Function<Deployment, List<T>> ofFleet, List<T> ofBakes,
      java.util.Comparator<T> byTime) {
    List<T> out = new ArrayList<>();
    deployments.forEach(d -> out.addAll(ofFleet.apply(d)));
    out.addAll(ofBakes);
    out.sort(byTime);
    return out;
  }

  /** The fleets' baseline together: their desired capacities and what they serve at full strength. */
  int baselineInstances() {
    int n = 0;
    for (String f : fleets) {
      n += topology.fleets().get(f).spec().instances();
    }
    return n;
  }

  double baselineCapacityRps() {
    double c = 0;
    for (String f : fleets) {
      var spec = topology.fleets().get(f).spec();
      c += spec.instances() * spec.capacity();
    }
    return c;
  }
}
