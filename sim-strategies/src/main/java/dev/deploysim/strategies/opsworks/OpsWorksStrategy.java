package dev.deploysim.strategies.opsworks;

import dev.deploysim.model.World;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.strategy.Strategy;

/**
 * One run of an opsworks.* type: the stack's app server layer (its lifecycle events, auto healing,
 * time- and load-based instances) runs from the start of the run; the deployment acts on it.
 */
abstract class OpsWorksStrategy implements Strategy {
  private final StackSettings settings;
  private Layer layer;

  OpsWorksStrategy(StackSettings settings) {
    this.settings = settings;
  }

  @Override
  public final void setUp(World world) {
    layer = Layer.of(world, settings);
  }

  @Override
  public final void start(Deployment d) {
    run(d, layer);
  }

  abstract void run(Deployment d, Layer layer);
}
