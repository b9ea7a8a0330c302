package dev.deploysim.strategies.cloudformation;

import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parameters and rules the CloudFormation update types share. */
final class CfnParams {
  private CfnParams() {}

  static final String PATH = "deployment.strategy.";
  /** Most rollback triggers a stack takes. */
  static final int MAX_ROLLBACK_TRIGGERS = 5;
  /** Longest rollback-trigger monitoring time (180 minutes). */
  static final double MAX_MONITORING = 180 * 60.0;

  static ParamSpec signal() {
    return ParamSpec.optional("signal", new ParamType.EnumType(ResourceSignals.Mode.keys()), "healthCheck", null,
        "when an instance's user data sends its SUCCESS signal (not an AWS setting: the template's script decides): "
            + "healthCheck once its application runs and the load balancer finds it healthy (the verification of "
            + "AWS's rolling-update sample template); appStarted as soon as the application starts, even if it then "
            + "fails its health checks. An instance that has not signalled by the timeout counts as failed");
  }

  static ParamSpec monitoringTime() {
    return ParamSpec.optional("monitoringTime", new ParamType.DurationType(0, MAX_MONITORING, false), 0.0,
        "RollbackConfiguration.MonitoringTimeInMinutes",
        "how long the stack keeps watching its rollback triggers (deployment.rollback.onAlarms) after the update "
            + "(0 to 180 minutes); old resources are cleaned up only after it");
  }

  /** The Auto Scaling process names SuspendProcesses takes, and what each is in the model (null: nothing). */
  static final Map<String, AutoScalingGroup.Process> PROCESSES = processes();

  private static Map<String, AutoScalingGroup.Process> processes() {
    Map<String, AutoScalingGroup.Process> m = new LinkedHashMap<>();
    m.put("Launch", AutoScalingGroup.Process.LAUNCH);
    m.put("Terminate", AutoScalingGroup.Process.TERMINATE);
    m.put("AddToLoadBalancer", AutoScalingGroup.Process.ADD_TO_LOAD_BALANCER);
    m.put("AlarmNotification", AutoScalingGroup.Process.ALARM_NOTIFICATION);
    m.put("AZRebalance", AutoScalingGroup.Process.AZ_REBALANCE);
    m.put("HealthCheck", AutoScalingGroup.Process.HEALTH_CHECK);
    m.put("InstanceRefresh", AutoScalingGroup.Process.INSTANCE_REFRESH);
    m.put("ReplaceUnhealthy", AutoScalingGroup.Process.REPLACE_UNHEALTHY);
    m.put("ScheduledActions", AutoScalingGroup.Process.SCHEDULED_ACTIONS);
    return m;
  }

  static ParamSpec suspendProcesses() {
    return ParamSpec.optional("suspendProcesses",
        new ParamType.ListType(new ParamType.EnumType(List.copyOf(PROCESSES.keySet())), 1, PROCESSES.size()), null,
        "SuspendProcesses",
        "Auto Scaling processes suspended while the update runs and resumed after it. AWS recommends "
            + "[HealthCheck, ReplaceUnhealthy, AZRebalance, AlarmNotification, ScheduledActions] and never Launch, "
            + "Terminate or AddToLoadBalancer (https://repost.aws/knowledge-center/auto-scaling-group-rolling-updates). "
            + "AlarmNotification stops the group's scaling policies; with ScheduledActions suspended the scheduled "
            + "actions that fall due meanwhile are skipped, not run later; AZRebalance and InstanceRefresh have nothing "
            + "to stop in this model; Launch cannot be suspended: the update could not launch its instances");
  }

  /** Rules of the shared settings: the fleet, rollback triggers, suspended processes. */
  static void validate(String type, StrategyParams p, Scenario scenario, Problems problems) {
    if (scenario.fleet() == null) {
      problems.add("fleet", type + " updates an Auto Scaling group: the scenario needs a fleet");
    }
    if (scenario.deployment() != null && scenario.deployment().rollback() != null
        && scenario.deployment().rollback().onAlarms().size() > MAX_ROLLBACK_TRIGGERS) {
      problems.add("deployment.rollback.onAlarms", "a stack takes at most " + MAX_ROLLBACK_TRIGGERS
          + " rollback triggers, got " + scenario.deployment().rollback().onAlarms().size());
    }
    validateSuspendProcesses(p, PATH, problems);
  }

  /** SuspendProcesses of one policy ({@code path} ends with a dot): no process twice, never Launch. */
  static void validateSuspendProcesses(StrategyParams p, String path, Problems problems) {
    if (p.has("suspendProcesses")) {
      List<Object> names = p.list("suspendProcesses");
      Set<Object> seen = new HashSet<>();
      for (int k = 0; k < names.size(); k++) {
        Object n = names.get(k);
        if (!seen.add(n)) {
          problems.add(path + "suspendProcesses[" + k + "]", "process " + n + " is listed twice");
        } else if ("Launch".equals(n)) {
          problems.add(path + "suspendProcesses[" + k + "]",
              "with Launch suspended the group cannot launch the new instances, so the update could never finish",
              "remove Launch");
        }
      }
    }
  }

  /** Suspends the listed processes on the group; returns the model processes suspended. */
  static List<AutoScalingGroup.Process> suspend(AutoScalingGroup g, List<String> names) {
    java.util.ArrayList<AutoScalingGroup.Process> out = new java.util.ArrayList<>();
    for (String n : names) {
      AutoScalingGroup.Process p = PROCESSES.get(n);
      if (p != null) {
        g.suspend(p);
        out.add(p);
      }
    }
    return out;
  }
}
