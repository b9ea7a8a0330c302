package dev.deploysim.strategies.opsworks;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.strategy.RollbackPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters every opsworks.* type shares: they describe the stack's app server layer (its
 * lifecycle events' Chef runs, auto healing, time- and load-based instances), which the scenario
 * format has no section for. Where AWS documents no value the default is an assumption and the help
 * says so. Sources: docs/platforms/opsworks.md.
 */
final class OpsWorksParams {
  private OpsWorksParams() {}

  static final String EOL = "AWS OpsWorks Stacks reached end of life on 26 May 2024 (disabled for new and "
      + "existing customers); modelled as documented, for study";

  static final ParamSpec SETUP_TIME = ParamSpec.optional("setupTime", new ParamType.DistributionType(),
      new Distribution.Uniform(120, 240), null,
      "the Setup event's Chef run after an instance boots (installing packages), before the Deploy recipes put the "
          + "app on it; an assumption: AWS says starting an instance usually takes a few minutes and gives no number");
  static final ParamSpec CONFIGURE_TIME = ParamSpec.optional("configureTime", new ParamType.DistributionType(),
      Distribution.constant(20), null,
      "the Configure event's Chef run on each online instance (an assumption: not documented); the instances keep "
          + "serving meanwhile");
  static final ParamSpec SHUTDOWN_TIME = ParamSpec.optional("shutdownTime", new ParamType.DistributionType(),
      Distribution.constant(10), null,
      "the Shutdown event's Chef run on a stopping instance, after its connections drained (an assumption)");
  static final ParamSpec SHUTDOWN_TIMEOUT = ParamSpec.optional("shutdownTimeout",
      new ParamType.DurationType(0, 3600, false), 120.0, "ShutdownEventConfiguration.ExecutionTimeout",
      "how long OpsWorks lets the Shutdown recipes run before it stops the instance anyway (AWS default 120 s)");
  static final ParamSpec AUTO_HEALING = ParamSpec.optional("autoHealing", new ParamType.BooleanType(), true,
      "EnableAutoHealing", "replace (stop and start) an instance whose agent stops reporting; on by default per layer");
  static final ParamSpec AUTO_HEALING_AFTER = ParamSpec.optional("autoHealingAfter",
      new ParamType.DurationType(60, 3600, false), 300.0, null,
      "how long an agent may be silent before its instance is healed: AWS says \"more than approximately five "
          + "minutes\", so 5m by default");
  static final ParamSpec AGENT_CHECK_INTERVAL = ParamSpec.optional("agentCheckInterval",
      new ParamType.DurationType(10, 600, false), 60.0, null,
      "how often OpsWorks looks for silent agents (an assumption: not documented), so healing starts between "
          + "autoHealingAfter and autoHealingAfter + this");

  static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

  static final ParamSpec TIME_BASED = ParamSpec.optional("timeBasedInstances", new ParamType.ObjectType(List.of(
      ParamSpec.required("count", new ParamType.IntegerType(1, 1000), null,
          "time-based instances of the layer (all with the same schedule)"),
      ParamSpec.required("hours", new ParamType.ListType(new ParamType.IntegerType(0, 23), 1, 24), "AutoScalingSchedule",
          "hours of the day (UTC, 0-23) during which they are online"),
      ParamSpec.optional("days", new ParamType.ListType(new ParamType.EnumType(DAYS), 1, 7), DAYS, null,
          "days on which the hours apply (every day by default); the run starts on a Monday at 00:00 UTC"),
      ParamSpec.optional("checkInterval", new ParamType.DurationType(10, 3600, false), 120.0, null,
          "how often OpsWorks applies the schedule: it \"checks every couple of minutes\", so 2m by default"))),
      null, null, "time-based instances: started and stopped by a weekly schedule by hour; none when absent");

  private static ParamType.ObjectType thresholds(String dir, int cpu, double wait, double ignore) {
    return new ParamType.ObjectType(List.of(
        ParamSpec.optional("instanceCount", new ParamType.IntegerType(1, 1000), 1, "InstanceCount",
            "instances " + (dir.equals("up") ? "started" : "stopped") + " at a time (an assumption: 1)"),
        ParamSpec.optional("cpuThreshold", new ParamType.NumberType(0, 100), (double) cpu, "CpuThreshold",
            "layer-average CPU % " + (dir.equals("up") ? "above" : "below") + " which it acts (an assumption: "
                + cpu + "; AWS documents no default)"),
        ParamSpec.optional("thresholdsWaitTime", new ParamType.DurationType(60, 6000, false), wait,
            "ThresholdsWaitTime", "how long the CPU must stay past the threshold (1-100 minutes; an assumption: "
                + (int) (wait / 60) + "m)"),
        ParamSpec.optional("ignoreMetricsTime", new ParamType.DurationType(60, 6000, false), ignore,
            "IgnoreMetricsTime", "how long metrics are ignored after instances start or stop (1-100 minutes; an "
                + "assumption: " + (int) (ignore / 60) + "m)")));
  }

  static final ParamSpec LOAD_BASED = ParamSpec.optional("loadBasedInstances", new ParamType.ObjectType(List.of(
      ParamSpec.required("count", new ParamType.IntegerType(1, 1000), null,
          "load-based instances of the layer, created beforehand and stopped until the load asks for them"),
      ParamSpec.optional("upScaling", thresholds("up", 80, 300, 300), null, "UpScaling",
          "when to start instances: {instanceCount, cpuThreshold, thresholdsWaitTime, ignoreMetricsTime}"),
      ParamSpec.optional("downScaling", thresholds("down", 30, 600, 600), null, "DownScaling",
          "when to stop instances, likewise"))),
      null, null, "load-based instances: started and stopped on the layer's average CPU (the simulator's cpu "
          + "metric: served requests over capacity; memory and load thresholds are not modelled); none when absent");

  static final ParamSpec VERIFY_TIMEOUT = ParamSpec.optional("verifyTimeout",
      new ParamType.DurationType(1, 6 * 3600.0, false), 600.0, null,
      "how long the operator waits after the Deploy recipes for the instances to pass the load balancer's health "
          + "checks before calling the deployment failed (an assumption: 10m; OpsWorks itself reports only whether "
          + "the recipes ran)");

  /** opsworks.deploy and opsworks.rolling: OpsWorks never undoes a deployment by itself. */
  static final RollbackPolicy NEVER_REVERTS = RollbackPolicy.neverReverts(
      "the deployment stops where it failed: instances deployed so far keep the new version (OpsWorks' Rollback "
          + "command, run by hand, redeploys the previous one) (outcome FAILED; onFailure may only be false)",
      "AWS OpsWorks Stacks does not roll back a failed deployment by itself (its Rollback command is run by hand); "
          + "remove onFailure or set it to false")
      .withoutAlarmRollback("AWS OpsWorks Stacks does not act on CloudWatch alarms during a deployment; remove "
          + "rollback.onAlarms (opsworks.blue-green's pipeline does watch them)");

  /** The stack's parameters, in help order. */
  static final List<ParamSpec> STACK = List.of(SETUP_TIME, CONFIGURE_TIME, SHUTDOWN_TIME, SHUTDOWN_TIMEOUT,
      AUTO_HEALING, AUTO_HEALING_AFTER, AGENT_CHECK_INTERVAL, TIME_BASED, LOAD_BASED);

  /** A type's parameters: its own, then the stack's. */
  static List<ParamSpec> with(ParamSpec... own) {
    List<ParamSpec> all = new ArrayList<>(List.of(own));
    all.addAll(STACK);
    return List.copyOf(all);
  }

  static StackSettings read(StrategyParams p) {
    StackSettings.TimeBased tb = null;
    if (p.has(TIME_BASED.name()) && p.get(TIME_BASED.name()) != null) {
      StrategyParams t = p.object(TIME_BASED.name());
      List<Integer> hours = new ArrayList<>();
      for (Object h : t.list("hours")) {
        hours.add(((Number) h).intValue());
      }
      List<Integer> days = new ArrayList<>();
      for (Object d : t.has("days") ? t.list("days") : DAYS) {
        days.add(DAYS.indexOf(String.valueOf(d)));
      }
      tb = new StackSettings.TimeBased(t.integer("count"), hours, days, duration(t, "checkInterval", TIME_BASED));
    }
    StackSettings.LoadBased lb = null;
    if (p.has(LOAD_BASED.name()) && p.get(LOAD_BASED.name()) != null) {
      StrategyParams l = p.object(LOAD_BASED.name());
      lb = new StackSettings.LoadBased(l.integer("count"), thresholds(l, "upScaling"), thresholds(l, "downScaling"));
    }
    return new StackSettings(distribution(p, SETUP_TIME), distribution(p, CONFIGURE_TIME),
        distribution(p, SHUTDOWN_TIME), duration(p, SHUTDOWN_TIMEOUT), bool(p, AUTO_HEALING),
        duration(p, AUTO_HEALING_AFTER), duration(p, AGENT_CHECK_INTERVAL), tb, lb);
  }

  private static StackSettings.Thresholds thresholds(StrategyParams load, String key) {
    ParamType.ObjectType shape = (ParamType.ObjectType) field(((ParamType.ObjectType) LOAD_BASED.type()), key).type();
    StrategyParams t = load.has(key) && load.get(key) != null ? load.object(key) : StrategyParams.empty();
    return new StackSettings.Thresholds(
        ((Number) value(t, field(shape, "instanceCount"))).intValue(),
        ((Number) value(t, field(shape, "cpuThreshold"))).doubleValue(),
        ((Number) value(t, field(shape, "thresholdsWaitTime"))).doubleValue(),
        ((Number) value(t, field(shape, "ignoreMetricsTime"))).doubleValue());
  }

  // values with the spec's own default when the file leaves the key out (the default lives in the spec only)

  private static ParamSpec field(ParamType.ObjectType shape, String name) {
    return shape.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static Object value(StrategyParams p, ParamSpec spec) {
    return p.has(spec.name()) && p.get(spec.name()) != null ? p.get(spec.name()) : spec.defaultValue();
  }

  static double duration(StrategyParams p, ParamSpec spec) {
    return p.has(spec.name()) ? p.duration(spec.name()) : ((Number) spec.defaultValue()).doubleValue();
  }

  private static double duration(StrategyParams p, String key, ParamSpec parent) {
    ParamSpec spec = field((ParamType.ObjectType) parent.type(), key);
    return p.has(key) ? p.duration(key) : ((Number) spec.defaultValue()).doubleValue();
  }

  static boolean bool(StrategyParams p, ParamSpec spec) {
    return p.has(spec.name()) ? p.bool(spec.name()) : (Boolean) spec.defaultValue();
  }

  static Distribution distribution(StrategyParams p, ParamSpec spec) {
    return p.has(spec.name()) ? p.distribution(spec.name()) : (Distribution) spec.defaultValue();
  }
}
