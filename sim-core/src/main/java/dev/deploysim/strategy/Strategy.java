package dev.deploysim.strategy;

import dev.deploysim.model.World;

/**
 * One run of a deployment strategy. {@link #start} is called at the deployment's start time; the
 * strategy drives the model through the control plane and ends by calling one of the deployment's
 * completion methods (succeeded, failed, rolled back).
 */
public interface Strategy {
  void start(Deployment deployment);

  /**
   * Called once at the start of the run, before anything happens: the platform's own services that
   * run whether or not a deployment is under way (AWS OpsWorks Stacks' auto healing, time- and
   * load-based instances; an API Gateway stage in front of the application). None by default.
   */
  default void setUp(World world) {}
}
