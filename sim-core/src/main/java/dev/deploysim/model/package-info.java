/**
 * The simulated infrastructure: the {@link dev.deploysim.model.World} with its instances, Auto
 * Scaling groups (lifecycle hooks, warm pools), load balancers and target groups (health checks,
 * draining, weights), DNS, traffic, alarms and faults. It behaves as the platforms document (see
 * docs/platforms/) and knows nothing of strategy types.
 */
package dev.deploysim.model;
