package dev.deploysim.model;

/** Callbacks for strategies that react to what the infrastructure does on its own. */
public interface WorldListener {
  /** An instance launched by a group reached InService. */
  default void instanceInService(AutoScalingGroup group, Instance instance) {}

  default void instanceTerminated(AutoScalingGroup group, Instance instance) {}

  default void targetHealthChanged(TargetGroup tg, Instance instance, TargetState state) {}
}
