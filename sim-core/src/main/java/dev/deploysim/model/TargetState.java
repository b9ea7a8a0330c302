package dev.deploysim.model;

/** ELB target health states (a deregistered target is removed: "unused"). */
public enum TargetState {
  /** registered, not yet passed its first checks */
  INITIAL("initial"),
  HEALTHY("healthy"),
  UNHEALTHY("unhealthy"),
  /** deregistered, waiting for the deregistration delay */
  DRAINING("draining");

  private final String awsName;

  TargetState(String awsName) {
    this.awsName = awsName;
  }

  public String awsName() {
    return awsName;
  }
}
