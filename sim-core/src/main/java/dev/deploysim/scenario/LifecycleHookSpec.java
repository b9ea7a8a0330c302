package dev.deploysim.scenario;

import dev.deploysim.engine.Distribution;

/**
 * An Auto Scaling lifecycle hook.
 *
 * @param name hook name (default "launching-hook-N" / "terminating-hook-N")
 * @param transition launching or terminating
 * @param heartbeatTimeout seconds the instance waits when nobody completes the hook (default 3600,
 *     AWS range 30-7200)
 * @param defaultResult what happens at the heartbeat timeout (default ABANDON)
 * @param completesAfter how long until the hook's owner completes it; null means never (the
 *     instance waits for the heartbeat timeout)
 * @param result the result the owner sends when it completes the hook (default CONTINUE)
 * @param before a wait that comes before {@code completesAfter} starts (a pod's preStop hook, which runs
 *     before its container gets SIGTERM); null for none
 */
public record LifecycleHookSpec(
    String name,
    Transition transition,
    double heartbeatTimeout,
    HookResult defaultResult,
    Distribution completesAfter,
    HookResult result,
    Distribution before) {

  /** A hook completed {@code completesAfter} after the instance enters the wait state. */
  public LifecycleHookSpec(String name, Transition transition, double heartbeatTimeout, HookResult defaultResult,
      Distribution completesAfter, HookResult result) {
    this(name, transition, heartbeatTimeout, defaultResult, completesAfter, result, null);
  }

  public enum Transition {
    LAUNCHING,
    TERMINATING
  }

  public enum HookResult {
    CONTINUE,
    ABANDON
  }
}
