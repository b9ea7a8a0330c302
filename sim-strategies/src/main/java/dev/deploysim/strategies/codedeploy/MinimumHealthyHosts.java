package dev.deploysim.strategies.codedeploy;

/**
 * CodeDeploy's minimum healthy hosts: how many instances of the deployment group must stay
 * healthy while an EC2 deployment runs, and how many must have succeeded at the end.
 *
 * <p>{@code FLEET_PERCENT} is turned into a count when the deployment starts, rounding up (40% of
 * 9 instances is 4). {@code ALL_BUT_ONE} is CodeDeployDefault.OneAtATime, which keeps every
 * instance but one in service whatever the fleet size (the API reports it as MOST_CONCURRENCY).
 */
public record MinimumHealthyHosts(Type type, int value) {

  public enum Type {
    HOST_COUNT,
    FLEET_PERCENT,
    ALL_BUT_ONE
  }

  public static MinimumHealthyHosts hostCount(int n) {
    return new MinimumHealthyHosts(Type.HOST_COUNT, n);
  }

  public static MinimumHealthyHosts fleetPercent(int percent) {
    return new MinimumHealthyHosts(Type.FLEET_PERCENT, percent);
  }

  public static MinimumHealthyHosts allButOne() {
    return new MinimumHealthyHosts(Type.ALL_BUT_ONE, 0);
  }

  /** The minimum as a number of instances for a fleet of {@code fleet} instances. */
  public int resolve(int fleet) {
    return switch (type) {
      case HOST_COUNT -> value;
      case FLEET_PERCENT -> (fleet * value + 99) / 100;
      case ALL_BUT_ONE -> Math.max(0, fleet - 1);
    };
  }

  /** Most instances deployed to at once: every instance above the minimum. */
  public int concurrency(int fleet) {
    return Math.max(0, fleet - resolve(fleet));
  }

  public String describe() {
    return switch (type) {
      case HOST_COUNT -> "HOST_COUNT " + value;
      case FLEET_PERCENT -> "FLEET_PERCENT " + value;
      case ALL_BUT_ONE -> "all but one instance";
    };
  }
}
