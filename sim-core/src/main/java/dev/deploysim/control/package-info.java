/**
 * Control-plane primitives: a {@link dev.deploysim.control.Task} is work that completes later in
 * simulated time (a launch, a drain, a wait for health), and a {@link dev.deploysim.control.Scope}
 * groups tasks and timers that are abandoned together (a deployment stopped by an alarm). The model
 * returns tasks; strategies chain them.
 */
package dev.deploysim.control;
