package dev.deploysim.scenario;

import dev.deploysim.engine.Distribution;

/**
 * An Auto Scaling warm pool.
 *
 * @param minSize instances kept in the pool at least (default 0)
 * @param maxGroupPreparedCapacity optional cap on group + pool; null: the pool size is maxSize -
 *     desired
 * @param state pool state (default Stopped)
 * @param startTime time for a pooled instance to become running again (default 15s for Stopped
 *     and Hibernated, 0 for Running; an assumption, AWS does not publish it)
 * @param reuseOnScaleIn return instances to the pool on scale-in instead of terminating them
 */
public record WarmPoolSpec(
    int minSize,
    Integer maxGroupPreparedCapacity,
    PoolState state,
    Distribution startTime,
    boolean reuseOnScaleIn) {

  public enum PoolState {
    STOPPED,
    RUNNING,
    HIBERNATED
  }
}
