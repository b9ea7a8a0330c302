package dev.deploysim.strategies.codedeploy;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * CodeDeploy EC2 blue/green deployment with "automatically copy Amazon EC2 Auto Scaling group":
 * (1) a copy of the group is created with as many instances as are running, launching the new
 * version; (2) the revision's install events run on the replacement instances; (3) after an
 * optional wait, (4) the replacements are registered with the load balancer (AllowTraffic, as many
 * at a time as the deployment configuration allows: its minimum healthy hosts applies to the
 * replacement instances); (5) the original instances are deregistered (BlockTraffic, with
 * draining) and, after a wait, terminated, or kept running.
 *
 * <p>Choices: the copy uses the original target group (an ALB setup); a replacement instance's
 * Install and ApplicationStart happen when it boots (it launches with the new version), then the
 * install-phase scripts run; {@code rerouteAfter} stands for the time an operator takes to start
 * rerouting by hand (STOP_DEPLOYMENT with ContinueDeployment), 0 is CONTINUE_DEPLOYMENT; {@code
 * terminateOriginalAfter} defaults to one hour (the console's default; the API documents none);
 * the deployment ends when the originals are gone (or, kept, deregistered). A rollback, possible
 * until the originals are being terminated, registers the originals again, waits until they are
 * healthy and removes the replacement group; the previous revision's scripts are not described, so
 * it runs none. Rollback on failure defaults to on (the AWS CDK default).
 */
public final class CodeDeployBlueGreen extends DescribedStrategyType {
  static final double MAX_WAIT_SECONDS = 48 * 3600.0;
  static final double MAX_TERMINATION_WAIT_SECONDS = 2880 * 60.0;

  public CodeDeployBlueGreen() {
    super(new StrategyDescription("codedeploy.blue-green",
        "CodeDeploy EC2 blue/green deployment (copy of the Auto Scaling group)",
        "launch a copy of the group with the new version, reroute the load balancer to it, then remove the originals",
        List.of(
            CodeDeployParams.ec2Config(),
            CodeDeployParams.minimumHealthyHosts(),
            Hooks.param(LifecycleEvent.EC2_HOOKS,
                "scripts of the new revision per lifecycle event: how long each runs (e.g. BeforeInstall: 30s) or "
                    + "{duration, fails, timeout} (fails: true, false or a probability; duration: never hangs); "
                    + "install and AllowTraffic events run on the replacements, BlockTraffic events on the originals"),
            ParamSpec.optional("rerouteAfter", new ParamType.DurationType(0, MAX_WAIT_SECONDS, false), 0.0,
                "deploymentReadyOption.waitTimeInMinutes",
                "wait between installing on the replacements and rerouting traffic (at most 48 h); 0 reroutes at once "
                    + "(CONTINUE_DEPLOYMENT)"),
            ParamSpec.optional("terminateOriginalAfter",
                new ParamType.DurationType(0, MAX_TERMINATION_WAIT_SECONDS, false), 3600.0,
                "terminateBlueInstancesOnDeploymentSuccess.terminationWaitTimeInMinutes",
                "wait after rerouting before the original instances are terminated (at most 2880 min); 1 h is the "
                    + "console's default, the API documents none"),
            ParamSpec.optional("keepOriginal", new ParamType.BooleanType(), false,
                "terminateBlueInstancesOnDeploymentSuccess.action",
                "KEEP_ALIVE: leave the original instances running, deregistered, instead of terminating them"),
            CodeDeployParams.alarmPollInterval()),
        RollbackPolicy.configurable(true)).atMostOneOf("config", "minimumHealthyHosts"));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    CodeDeployParams.validateEc2(params, scenario, problems);
    if (params.isExplicit("terminateOriginalAfter") && params.bool("keepOriginal")) {
      problems.add(CodeDeployParams.PATH + "terminateOriginalAfter",
          "has no effect with keepOriginal: true (the original instances are not terminated)");
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    MinimumHealthyHosts min = CodeDeployParams.minimum(params);
    String configName = CodeDeployParams.configName(params);
    Hooks hooks = CodeDeployParams.hooks(params);
    double rerouteAfter = params.duration("rerouteAfter");
    double terminateAfter = params.duration("terminateOriginalAfter");
    boolean keep = params.bool("keepOriginal");
    double poll = params.duration("alarmPollInterval");
    return d -> new BlueGreenRun(d, min, configName, hooks, rerouteAfter, terminateAfter, keep, poll).start();
  }
}
