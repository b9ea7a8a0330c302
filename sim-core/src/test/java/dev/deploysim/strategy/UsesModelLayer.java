package dev.deploysim.strategy;

import dev.deploysim.model.World;

/** Architecture-test fixture: a strategy-layer class using the model below it (allowed). */
public class UsesModelLayer {
  public double now(World world) {
    return world.sim().now();
  }
}
