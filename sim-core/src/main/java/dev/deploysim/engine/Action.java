package dev.deploysim.engine;

/** Something that happens at a point of simulated time. */
@FunctionalInterface
public interface Action {
  void fire();
}
