package dev.deploysim.strategies.codedeploy;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The scripts (EC2) or validation functions (ECS, Lambda) a scenario attaches to lifecycle events.
 *
 * <p>A hook is written as how long its script runs (a duration or a distribution), or as {@code
 * {duration, fails, timeout}}: {@code fails} is true, false or the probability that the script
 * exits non-zero; {@code duration: never} is a script that never finishes. A script's {@code
 * timeout} defaults to 3600 s, and 3600 s is also the most one lifecycle event may take; a script
 * still running at its timeout fails the event, and with it the instance (EC2) or the deployment
 * (ECS, Lambda validation hooks must report back within one hour).
 */
public final class Hooks {
  /** Longest a lifecycle event may run (all its scripts together), seconds. */
  public static final double MAX_EVENT_SECONDS = 3600;

  /**
   * One script: how long it runs (null: it never finishes), how likely it exits non-zero when it
   * does finish, its timeout.
   */
  public record Script(Distribution duration, double failProbability, double timeout) {
    /** Seconds after which the event fails when the script has not finished. */
    public double limit() {
      return Math.min(timeout, MAX_EVENT_SECONDS);
    }

    public boolean finishes() {
      return duration != null;
    }
  }

  /** How long a script runs: a duration, a distribution, or never. */
  static final ParamType SCRIPT_DURATION = ParamType.OneOfType.of(new ParamType.DistributionType(),
      new ParamType.EnumType(List.of("never")));

  /** Whether a script fails: true, false or a probability. */
  static final ParamType SCRIPT_FAILS = ParamType.OneOfType.of(new ParamType.BooleanType(),
      new ParamType.NumberType(0, 1));

  /** The mapping form of one hook. */
  public static final ParamType.ObjectType SCRIPT_TYPE = new ParamType.ObjectType(List.of(
      ParamSpec.optional("duration", SCRIPT_DURATION, Distribution.constant(0), null,
          "how long the script (or validation function) runs: a duration, a distribution, or never (it hangs"
              + " until its timeout)"),
      ParamSpec.optional("fails", SCRIPT_FAILS, false, null,
          "whether it reports failure: true, false, or the probability that it does (0..1)"),
      ParamSpec.optional("timeout", new ParamType.DurationType(1, MAX_EVENT_SECONDS, false), MAX_EVENT_SECONDS,
          "timeout", "the script's timeout; at most 3600 s, the limit of one lifecycle event")));

  /** One hook: how long its script runs, or the mapping {duration, fails, timeout}. */
  public static final ParamType HOOK_TYPE = ParamType.OneOfType.of(new ParamType.DistributionType(), SCRIPT_TYPE);

  /** The {@code hooks} parameter for the given events. */
  public static ParamSpec param(List<LifecycleEvent> events, String meaning) {
    return ParamSpec.optional("hooks",
        new ParamType.MapType(new ParamType.EnumType(LifecycleEvent.names(events)), HOOK_TYPE), Map.of(), "hooks",
        meaning);
  }

  private final Map<LifecycleEvent, Script> scripts;

  private Hooks(Map<LifecycleEvent, Script> scripts) {
    this.scripts = scripts;
  }

  public static Hooks none() {
    return new Hooks(new EnumMap<>(LifecycleEvent.class));
  }

  /**
   * Reads the bound {@code hooks} value: event name to a duration or distribution, or a script
   * mapping. Unknown names are ignored here (validation reports them).
   */
  public static Hooks from(Map<String, Object> raw) {
    Map<LifecycleEvent, Script> m = new EnumMap<>(LifecycleEvent.class);
    if (raw != null) {
      for (var e : raw.entrySet()) {
        LifecycleEvent ev = LifecycleEvent.byAwsName(e.getKey());
        Script s = script(e.getValue());
        if (ev != null && s != null) {
          m.put(ev, s);
        }
      }
    }
    return new Hooks(m);
  }

  static Script script(Object v) {
    if (v instanceof Script s) {
      return s;
    }
    if (v instanceof StrategyParams p) {
      Object fails = p.get("fails");
      double probability = fails instanceof Boolean b ? (b ? 1 : 0) : ((Number) fails).doubleValue();
      return new Script(runTime(p.get("duration")), probability, p.duration("timeout"));
    }
    Distribution d = runTime(v);
    return d == null && !"never".equals(v) ? null : new Script(d, 0, MAX_EVENT_SECONDS);
  }

  /** A bound run time: a distribution, seconds, or null for never (and for anything else). */
  private static Distribution runTime(Object v) {
    if (v instanceof Distribution d) {
      return d;
    }
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      return Distribution.constant(n.doubleValue());
    }
    return null;
  }

  public boolean has(LifecycleEvent e) {
    return scripts.containsKey(e);
  }

  public Script get(LifecycleEvent e) {
    return scripts.get(e);
  }

  public Map<LifecycleEvent, Script> all() {
    return java.util.Collections.unmodifiableMap(scripts);
  }

  /**
   * Runs the event's script on {@code target} (an instance name, or null for a deployment-wide
   * validation function). Without a script the event takes no time.
   */
  public Task run(Deployment d, Scope scope, LifecycleEvent event, String target) {
    Script s = scripts.get(event);
    if (s == null) {
      return scope.done();
    }
    RandomStream r = d.world().random("codedeploy.hooks");
    double runs = s.finishes() ? s.duration().sample(r) : Double.POSITIVE_INFINITY;
    boolean exitsNonZero = s.failProbability() > 0 && r.nextDouble() < s.failProbability();
    double limit = s.limit();
    String who = (target == null ? "" : target + " ") + event.awsName();
    Task t = new Task(scope);
    d.log(who + ": hook script started");
    if (runs > limit) {
      scope.after(limit, () -> {
        d.log(who + ": hook script timed out after " + Durations.format(limit)
            + (s.finishes() ? "" : " (it never finishes)"));
        d.detected("hook " + event.awsName() + " timed out");
        t.fail(who + ": script timed out after " + Durations.format(limit));
      });
    } else {
      scope.after(runs, () -> {
        if (exitsNonZero) {
          d.log(who + ": hook script failed after " + Durations.format(runs));
          d.detected("hook " + event.awsName() + " failed");
          t.fail(who + ": script failed");
        } else {
          t.succeed();
        }
      });
    }
    return t;
  }
}
