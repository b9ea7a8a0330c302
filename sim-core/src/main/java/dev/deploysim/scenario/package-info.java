/**
 * A scenario as plain records, after loading: the fleet, load balancer, DNS, traffic, versions,
 * alarms, faults and the deployment (with its strategy's bound parameters). Records only: reading
 * and validating files is {@code dev.deploysim.load}'s job.
 */
package dev.deploysim.scenario;
