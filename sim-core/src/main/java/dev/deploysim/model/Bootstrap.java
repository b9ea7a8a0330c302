package dev.deploysim.model;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;

/**
 * Work a group runs on each of its instances once the operating system is up and before the
 * application is installed: a configuration-management run such as AWS OpsWorks Stacks' Setup
 * event (installing packages with Chef). The instance stays Pending until the task completes; a task
 * that never completes (an agent that never starts) leaves it Pending, billed and never serving.
 */
@FunctionalInterface
public interface Bootstrap {
  Task run(Scope scope, Instance instance);
}
