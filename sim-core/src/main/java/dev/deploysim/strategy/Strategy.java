package dev.deploysim.strategy;


/**
 * One run of a deployment strategy. {@link #start} is called at the deployment's start time; the
 * strategy drives the model through the control plane and ends by calling one of the deployment's
 * completion methods (succeeded, failed, rolled back).
 */
public interface Strategy {
  void start(Deployment deployment);
}
