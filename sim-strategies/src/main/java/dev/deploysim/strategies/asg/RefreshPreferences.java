package dev.deploysim.strategies.asg;

import dev.deploysim.engine.Durations;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.format.Keywords;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * The preferences of one instance refresh (StartInstanceRefresh RefreshPreferences) with the
 * documented arithmetic.
 *
 * <p>MinHealthyPercentage is a share of the desired capacity, rounded up to whole instances: 90% of
 * 10 keeps 9, of 20 keeps 18, of 6 keeps 6 (5.4 rounded up). MaxHealthyPercentage (100 to 200) caps
 * the instances in service or pending; above 100 new instances launch before old ones terminate.
 * The instances replaced at once are the difference of the two, and at least one: 90/100 on 10
 * replaces 1 at a time, on 20 replaces 2; 100/100 replaces one at a time, terminating it first (a
 * group of one is then empty for a while, as AWS warns); 0/100 replaces all at once; 100/110 on 10
 * launches 1 extra instance, waits for it, then terminates 1 old one.
 *
 * <p>Not documented, chosen here: the maximum is rounded down to whole instances but, above 100%,
 * allows at least one instance over the desired capacity (100/110 on 6 instances would otherwise
 * allow none: 6.6 rounds to 6); launching over the desired capacity may exceed the group's MaxSize
 * for the time of the replacement.
 *
 * @param minHealthyPercentage MinHealthyPercentage, 0-100
 * @param maxHealthyPercentage MaxHealthyPercentage, 100-200
 * @param instanceWarmup seconds from InService until a new instance counts as ready
 * @param checkpoints CheckpointPercentages, ascending (empty: none)
 * @param checkpointDelay CheckpointDelay in seconds
 * @param autoRollback AutoRollback
 * @param skipMatching SkipMatching
 * @param bakeTime BakeTime in seconds
 * @param scaleInProtectedInstances ScaleInProtectedInstances: what to do with instances protected from scale in
 * @param standbyInstances StandbyInstances: what to do with instances in Standby
 */
public record RefreshPreferences(
    int minHealthyPercentage,
    int maxHealthyPercentage,
    double instanceWarmup,
    List<Integer> checkpoints,
    double checkpointDelay,
    boolean autoRollback,
    boolean skipMatching,
    double bakeTime,
    ProtectedInstances scaleInProtectedInstances,
    StandbyInstances standbyInstances) {

  /**
   * ScaleInProtectedInstances
   * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html): Refresh
   * replaces them like the others, Ignore leaves them alone, Wait (the API default) waits one hour
   * for their protection to be removed, then fails the refresh.
   */
  public enum ProtectedInstances {
    REFRESH, IGNORE, WAIT;

    /** The option as AWS writes it: Refresh, Ignore, Wait. */
    public String awsName() {
      return Keywords.pascalCase(this);
    }

    static ProtectedInstances of(String awsName) {
      return Keywords.find(ProtectedInstances.class, awsName, ProtectedInstances::awsName);
    }

    /** Every option as AWS writes it, for the parameter's type. */
    static List<String> awsNames() {
      return Keywords.all(ProtectedInstances.class, ProtectedInstances::awsName);
    }
  }

  /**
   * StandbyInstances (same page): Terminate terminates them, Ignore leaves them alone, Wait (the
   * API default) waits one hour for them to return to service, then fails the refresh.
   */
  public enum StandbyInstances {
    TERMINATE, IGNORE, WAIT;

    /** The option as AWS writes it: Terminate, Ignore, Wait. */
    public String awsName() {
      return Keywords.pascalCase(this);
    }

    static StandbyInstances of(String awsName) {
      return Keywords.find(StandbyInstances.class, awsName, StandbyInstances::awsName);
    }

    /** Every option as AWS writes it, for the parameter's type. */
    static List<String> awsNames() {
      return Keywords.all(StandbyInstances.class, StandbyInstances::awsName);
    }
  }

  /** Seconds a blocked refresh keeps retrying before it fails ("retries for 1 hour"). */
  public static final double BLOCKED_TIMEOUT = 3600;

  public RefreshPreferences {
    checkpoints = List.copyOf(checkpoints);
  }

  /**
   * The preferences of the parameters (defaults bound); without instanceWarmup, the fleet's
   * default instance warmup, else its health check grace period.
   */
  public static RefreshPreferences of(StrategyParams p, FleetSpec fleet) {
    double warmup = p.optional("instanceWarmup", Double.class).orElseGet(fleet::refreshWarmup);
    return new RefreshPreferences(p.integer("minHealthyPercentage"), p.integer("maxHealthyPercentage"), warmup,
        p.listOf("checkpoints", Integer.class), p.duration("checkpointDelay"), p.bool("autoRollback"),
        p.bool("skipMatching"), p.duration("bakeTime"),
        ProtectedInstances.of(p.string("scaleInProtectedInstances")), StandbyInstances.of(p.string("standbyInstances")));
  }

  /** Instances that must stay healthy: the minimum share of {@code desired}, rounded up. */
  public int minHealthyInstances(int desired) {
    return (minHealthyPercentage * desired + 99) / 100;
  }

  /**
   * Instances that may be in service or pending: the maximum share of {@code desired}, rounded down,
   * and above 100% at least one more than desired.
   */
  public int maxHealthyInstances(int desired) {
    if (maxHealthyPercentage <= 100) {
      return desired;
    }
    return Math.max(desired + 1, maxHealthyPercentage * desired / 100);
  }

  /** Instances replaced at the same time in a group of {@code desired}: max - min, at least 1. */
  public int setSize(int desired) {
    if (desired <= 0) {
      return 0;
    }
    return Math.max(1, maxHealthyInstances(desired) - minHealthyInstances(desired));
  }

  /** Whether new instances launch before old ones terminate (MaxHealthyPercentage above 100). */
  public boolean launchesBeforeTerminating() {
    return maxHealthyPercentage > 100;
  }

  /** Replaced instances that reach a checkpoint of {@code percent} out of {@code total}: rounded up. */
  public static int checkpointInstances(int percent, int total) {
    return (percent * total + 99) / 100;
  }

  /** One line for the log. */
  public String describe(int desired) {
    int k = setSize(desired);
    String how = launchesBeforeTerminating()
        ? "launch before terminate: up to " + maxHealthyInstances(desired) + " instances in service or pending"
        : "terminate and launch";
    return "MinHealthyPercentage " + minHealthyPercentage + " (" + minHealthyInstances(desired) + " of " + desired
        + " stay healthy), MaxHealthyPercentage " + maxHealthyPercentage + " (" + how + "), " + k
        + " at a time, instance warmup " + Durations.format(instanceWarmup)
        + (checkpoints.isEmpty() ? "" : ", checkpoints " + checkpoints + "% with " + Durations.format(checkpointDelay)
            + " pauses")
        + (bakeTime > 0 ? ", bake time " + Durations.format(bakeTime) : "")
        + (autoRollback ? ", auto rollback" : "")
        + (skipMatching ? ", skip matching" : "");
  }
}
