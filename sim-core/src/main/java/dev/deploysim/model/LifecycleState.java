package dev.deploysim.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Auto Scaling instance lifecycle states, with the transitions AWS documents (launch: Pending ->
 * Pending:Wait -> Pending:Proceed -> InService; terminate: Terminating -> Terminating:Wait ->
 * Terminating:Proceed -> Terminated; warm pool: Warmed:Pending... -> Warmed:Stopped | Running |
 * Hibernated -> Pending on a warm start). Anything else is a bug in the model and throws.
 */
public enum LifecycleState {
  PENDING("Pending"),
  PENDING_WAIT("Pending:Wait"),
  PENDING_PROCEED("Pending:Proceed"),
  IN_SERVICE("InService"),
  STANDBY("Standby"),
  TERMINATING("Terminating"),
  TERMINATING_WAIT("Terminating:Wait"),
  TERMINATING_PROCEED("Terminating:Proceed"),
  TERMINATED("Terminated"),
  WARMED_PENDING("Warmed:Pending"),
  WARMED_PENDING_WAIT("Warmed:Pending:Wait"),
  WARMED_PENDING_PROCEED("Warmed:Pending:Proceed"),
  WARMED_STOPPED("Warmed:Stopped"),
  WARMED_RUNNING("Warmed:Running"),
  WARMED_HIBERNATED("Warmed:Hibernated"),
  WARMED_TERMINATING("Warmed:Terminating");

  private final String awsName;

  LifecycleState(String awsName) {
    this.awsName = awsName;
  }

  public String awsName() {
    return awsName;
  }

  /** States this one may move to. */
  public Set<LifecycleState> next() {
    return switch (this) {
      // without launch hooks AWS goes Pending -> InService directly
      case PENDING -> EnumSet.of(PENDING_WAIT, PENDING_PROCEED, IN_SERVICE, TERMINATING);
      case PENDING_WAIT -> EnumSet.of(PENDING_PROCEED, TERMINATING);
      case PENDING_PROCEED -> EnumSet.of(IN_SERVICE, TERMINATING);
      case IN_SERVICE -> EnumSet.of(STANDBY, TERMINATING, WARMED_PENDING);
      case STANDBY -> EnumSet.of(PENDING, TERMINATING);
      // without terminate hooks AWS goes Terminating -> Terminated directly
      case TERMINATING -> EnumSet.of(TERMINATING_WAIT, TERMINATING_PROCEED, TERMINATED);
      case TERMINATING_WAIT -> EnumSet.of(TERMINATING_PROCEED);
      case TERMINATING_PROCEED -> EnumSet.of(TERMINATED);
      case TERMINATED -> EnumSet.noneOf(LifecycleState.class);
      // without launch hooks an instance goes from Warmed:Pending to its pool state directly
      case WARMED_PENDING -> EnumSet.of(WARMED_PENDING_WAIT, WARMED_PENDING_PROCEED, WARMED_STOPPED, WARMED_RUNNING,
          WARMED_HIBERNATED, WARMED_TERMINATING);
      case WARMED_PENDING_WAIT -> EnumSet.of(WARMED_PENDING_PROCEED, WARMED_TERMINATING);
      case WARMED_PENDING_PROCEED -> EnumSet.of(WARMED_STOPPED, WARMED_RUNNING, WARMED_HIBERNATED, WARMED_TERMINATING);
      case WARMED_STOPPED, WARMED_RUNNING, WARMED_HIBERNATED -> EnumSet.of(PENDING, WARMED_TERMINATING);
      case WARMED_TERMINATING -> EnumSet.of(TERMINATED);
    };
  }

  public boolean canMoveTo(LifecycleState target) {
    return next().contains(target);
  }

  /** In the warm pool (any Warmed:* state except terminating). */
  public boolean isWarmPool() {
    return this == WARMED_PENDING || this == WARMED_PENDING_WAIT || this == WARMED_PENDING_PROCEED
        || this == WARMED_STOPPED || this == WARMED_RUNNING || this == WARMED_HIBERNATED;
  }

  /** Launching into the group: Pending, Pending:Wait, Pending:Proceed. */
  public boolean isLaunching() {
    return this == PENDING || this == PENDING_WAIT || this == PENDING_PROCEED;
  }

  public boolean isTerminating() {
    return this == TERMINATING || this == TERMINATING_WAIT || this == TERMINATING_PROCEED
        || this == WARMED_TERMINATING;
  }

  /** Counts toward the group's desired capacity. */
  public boolean countsTowardDesired() {
    return isLaunching() || this == IN_SERVICE;
  }

  /** The instance is billed for compute: everything but terminated and a stopped/hibernated pool. */
  public boolean isBilled() {
    return this != TERMINATED && this != WARMED_STOPPED && this != WARMED_HIBERNATED;
  }
}
