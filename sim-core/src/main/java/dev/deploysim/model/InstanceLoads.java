package dev.deploysim.model;

import java.util.Arrays;

/**
 * The load model's state of every instance of a world (docs/latency.md), one slot per instance id:
 * the rates of the last routing pass, the queue, the busy time and the requests received. Kept in
 * arrays rather than on each {@link Instance} because it is read and written for every loaded
 * instance at every integration step and every CPU reading: with 100,000 instances the arrays stay
 * a few MiB that the caches can hold, where the instances themselves do not.
 */
final class InstanceLoads {
  /** Requests per second offered in the last routing pass. */
  double[] lambda = new double[0];
  /** Requests per second the instance could serve in the last routing pass. */
  double[] cap = new double[0];
  /** Warm-up factor of the capacity (1 when warm). */
  double[] warm = new double[0];
  /** Requests on the instance (queued or in progress); 0 without a latency model. */
  double[] queue = new double[0];
  /** Busy seconds since launch (the integral of utilisation). */
  double[] busy = new double[0];
  /** Requests received since launch. */
  double[] requests = new double[0];
  /** The error rate of the version these requests met. */
  double[] errorRate = new double[0];
  /** Index of the version these requests met. */
  int[] version = new int[0];
  /** Whether the instance is InService (kept by {@link Instance}). */
  boolean[] inService = new boolean[0];
  /** The instance's lifecycle state (kept by {@link Instance}). */
  LifecycleState[] state = new LifecycleState[0];
  /**
   * Position of the instance's version in the scenario's list (the installed one, or before the
   * first install the one it was launched with; -1 for none), kept by {@link Instance}.
   */
  int[] countedVersion = new int[0];
  /** Whether the instance can serve requests now ({@link Instance#canServe()}, kept by it). */
  boolean[] canServe = new boolean[0];
  /** Position of the installed version in the scenario's list, -1 before any install (kept by {@link Instance}). */
  int[] installed = new int[0];
  /** The instance's group (kept by {@link Instance}). */
  AutoScalingGroup[] group = new AutoScalingGroup[0];
  /** The instance itself, by id. */
  Instance[] instance = new Instance[0];

  /** Makes room for instance {@code id}. */
  void ensure(int id) {
    if (id < lambda.length) {
      return;
    }
    int old = lambda.length;
    int n = Math.max(id + 1, Math.max(64, 2 * old));
    lambda = Arrays.copyOf(lambda, n);
    cap = Arrays.copyOf(cap, n);
    warm = Arrays.copyOf(warm, n);
    Arrays.fill(warm, old, n, 1);
    queue = Arrays.copyOf(queue, n);
    busy = Arrays.copyOf(busy, n);
    requests = Arrays.copyOf(requests, n);
    errorRate = Arrays.copyOf(errorRate, n);
    version = Arrays.copyOf(version, n);
    inService = Arrays.copyOf(inService, n);
    state = Arrays.copyOf(state, n);
    countedVersion = Arrays.copyOf(countedVersion, n);
    canServe = Arrays.copyOf(canServe, n);
    installed = Arrays.copyOf(installed, n);
    Arrays.fill(installed, old, n, -1);
    group = Arrays.copyOf(group, n);
    instance = Arrays.copyOf(instance, n);
  }
}
