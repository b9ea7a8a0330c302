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
 */
public record LifecycleHookSpec(
    String name,
    Transition transition,
    double heartbeatTimeout,
    HookResult defaultResult,
    Distribution completesAfter,
    HookResult result) {

  public enum Transition {
    LAUNCHING,
    TERMINATING
  }

  public enum HookResult {
    CONTINUE,
    ABANDON
  }
}
