package dev.deploysim.result;

/**
 * A change of a group's desired capacity that the deployment did not make: a scaling policy or a
 * scheduled action.
 *
 * @param time when it started
 * @param group the Auto Scaling group
 * @param from desired capacity before
 * @param to desired capacity after
 * @param cause what started it, e.g. "scheduled action" or "target tracking cpu 50"
 */
public record ScalingActivity(double time, String group, int from, int to, String cause) {
  public boolean isScaleOut() {
    return to > from;
  }
}
