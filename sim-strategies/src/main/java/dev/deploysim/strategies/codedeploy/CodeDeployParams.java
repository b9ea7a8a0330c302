package dev.deploysim.strategies.codedeploy;

import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/** Parameters the CodeDeploy strategy types share, with their rules. */
final class CodeDeployParams {
  private CodeDeployParams() {}

  static final String PATH = "deployment.strategy.";

  static ParamSpec ec2Config() {
    return ParamSpec.optional("config", new ParamType.EnumType(DeploymentConfigs.EC2), DeploymentConfigs.ONE_AT_A_TIME,
        "deploymentConfigName",
        "predefined deployment configuration (CodeDeploy's default is OneAtATime); or give minimumHealthyHosts "
            + "instead");
  }

  static ParamSpec minimumHealthyHosts() {
    String value = "instances (HOST_COUNT) or percent 0-99 (FLEET_PERCENT); 0 deploys to all at once";
    return ParamSpec.optional("minimumHealthyHosts", new ParamType.ObjectType(List.of(
            ParamSpec.required("type", new ParamType.EnumType(List.of("HOST_COUNT", "FLEET_PERCENT")), "type",
                "HOST_COUNT: a number of instances; FLEET_PERCENT: a percentage of the fleet, rounded up"),
            ParamSpec.required("value", new ParamType.IntegerType(0, 1000), "value", value)))
            // FLEET_PERCENT: "a positive integer below 100, or 0" (CodeDeploy's limits page)
            .when("type", "FLEET_PERCENT", ParamSpec.required("value", new ParamType.IntegerType(0, 99), "value", value)),
        null, "minimumHealthyHosts",
        "a custom deployment configuration: instances that must stay healthy (instead of config)");
  }

  static ParamSpec alarmPollInterval() {
    return ParamSpec.optional("alarmPollInterval", new ParamType.DurationType(0, 3600, false), 0.0, null,
        "how often CodeDeploy looks at the alarms; not documented, 0 reacts as soon as an alarm changes state");
  }

  /** The minimum healthy hosts of an EC2 deployment: the custom one if given, else the config's. */
  static MinimumHealthyHosts minimum(StrategyParams p) {
    return p.optional("minimumHealthyHosts", StrategyParams.class)
        .map(m -> new MinimumHealthyHosts(m.enumValue("type", MinimumHealthyHosts.Type.class), m.integer("value")))
        .orElseGet(() -> DeploymentConfigs.minimumHealthyHosts(p.string("config")));
  }

  /** Name for logs: the config or the custom minimum. */
  static String configName(StrategyParams p) {
    if (p.has("minimumHealthyHosts")) {
      return "custom (minimum healthy hosts " + minimum(p).describe() + ")";
    }
    return p.string("config");
  }

  static Hooks hooks(StrategyParams p) {
    return Hooks.from(p.map("hooks"));
  }

  /** config and minimumHealthyHosts values of EC2 deployments. */
  static void validateEc2(StrategyParams p, Scenario s, Problems problems) {
    if (!DeploymentConfigs.EC2.contains(p.string("config"))) {
      unknownConfig(p.string("config"), DeploymentConfigs.EC2, "EC2", problems);
    }
    if (p.has("minimumHealthyHosts")) { // not both with config: a rule of the description, checked by the loader
      StrategyParams m = p.object("minimumHealthyHosts");
      String type = m.string("type");
      Integer value = m.integer("value");
      if (type != null && value != null) {
        if (type.equals("FLEET_PERCENT") && (value < 0 || value > 99)) {
          problems.add(PATH + "minimumHealthyHosts.value",
              "FLEET_PERCENT must be 0 or a positive integer below 100, got " + value);
        } else if (type.equals("HOST_COUNT") && value < 0) {
          problems.add(PATH + "minimumHealthyHosts.value", "HOST_COUNT must be 0 or more, got " + value);
        } else if (type.equals("HOST_COUNT") && s.fleet() != null && value > s.fleet().instances()) {
          problems.add(PATH + "minimumHealthyHosts.value",
              "HOST_COUNT " + value + " is more than the " + s.fleet().instances() + " instances of the fleet",
              "use at most " + s.fleet().instances() + "; a minimum equal to the fleet is accepted and fails the "
                  + "deployment at once, as on AWS");
        }
      }
    }
  }

  static void unknownConfig(String name, List<String> valid, String platform, Problems problems) {
    String hint = Suggest.closest(name, valid);
    problems.add(PATH + "config", "'" + name + "' is not a predefined " + platform + " deployment configuration",
        hint != null ? "did you mean '" + hint + "'?" : "one of " + String.join(", ", valid));
  }
}
