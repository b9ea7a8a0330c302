package dev.deploysim.result;

/**
 * One control-plane event for events.log.
 *
 * @param time seconds of simulated time
 * @param source who did it: "deployment", "asg", "lb", "dns", "alarm", "fault"
 * @param message what happened, e.g. "deployment started: eb.immutable v1 -> v2"
 */
public record TimelineEvent(double time, String source, String message) {}
