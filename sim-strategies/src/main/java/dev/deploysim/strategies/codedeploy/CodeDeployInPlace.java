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
 * CodeDeploy EC2 in-place deployment to the Auto Scaling group behind the load balancer: the
 * revision is installed on the existing instances as many at a time as the minimum healthy hosts
 * allows, each through the lifecycle events (block traffic, stop, install, start, validate, allow
 * traffic). See {@link HealthGate} for the gating and success rules and {@link InstanceLifecycle}
 * for one instance.
 *
 * <p>Choices where AWS documents no value: {@code trafficControl} (DeploymentStyle
 * WITH_TRAFFIC_CONTROL) is on by default since the scenario has a load balancer; {@code
 * outdatedInstances} defaults to UPDATE as the API does ("If this option is set to UPDATE or is
 * unspecified"), and the follow-on deployment to instances launched during the deployment counts
 * as part of it; rollback on failure defaults to on (the AWS CDK default; the API has none). A
 * rollback redeploys the previous version, with the same configuration and lifecycle, to the
 * instances this deployment reached. {@code hooks} are the scripts of the revision being deployed
 * and run on every event of its deployment but ApplicationStop: AWS runs the ApplicationStop script
 * of the revision an instance last ran successfully, so hooks.ApplicationStop runs where that is the
 * new revision (a rollback of an instance that got it). The previous revision's scripts are not
 * described, so its ApplicationStop, and a rollback's other events, take only the agent's own time
 * and do not fail.
 */
public final class CodeDeployInPlace extends DescribedStrategyType {

  public CodeDeployInPlace() {
    super(new StrategyDescription("codedeploy.in-place",
        "CodeDeploy EC2 in-place deployment",
        "install on the existing instances a few at a time, keeping the minimum healthy hosts in service",
        List.of(
            CodeDeployParams.ec2Config(),
            CodeDeployParams.minimumHealthyHosts(),
            Hooks.param(LifecycleEvent.EC2_HOOKS,
                "scripts of the new revision per lifecycle event: how long each runs (e.g. BeforeInstall: 30s) or "
                    + "{duration, fails, timeout} (fails: true, false or a probability; duration: never hangs); a "
                    + "script still running at its timeout (at most 1 h) fails the instance. ApplicationStop is this "
                    + "revision's stop script: AWS runs the one of the revision an instance last ran, so it runs when "
                    + "a rollback replaces this revision, not when this deployment replaces the previous one; a "
                    + "rollback runs no other script"),
            ParamSpec.optional("trafficControl", new ParamType.BooleanType(), true, "deploymentStyle.deploymentOption",
                "WITH_TRAFFIC_CONTROL: take each instance out of the load balancer while it is updated; false leaves "
                    + "it registered and drops the six traffic events"),
            ParamSpec.optional("outdatedInstances", new ParamType.EnumType(List.of("UPDATE", "IGNORE")), "UPDATE",
                "outdatedInstancesStrategy",
                "instances launched during the deployment get the previous version; UPDATE deploys to them right after"),
            CodeDeployParams.alarmPollInterval()),
        RollbackPolicy.configurable(true)).atMostOneOf("config", "minimumHealthyHosts"));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    CodeDeployParams.validateEc2(params, scenario, problems);
  }

  @Override
  public Strategy create(StrategyParams params) {
    MinimumHealthyHosts min = CodeDeployParams.minimum(params);
    String configName = CodeDeployParams.configName(params);
    Hooks hooks = CodeDeployParams.hooks(params);
    boolean trafficControl = params.bool("trafficControl");
    boolean updateOutdated = params.string("outdatedInstances").equals("UPDATE");
    double poll = params.duration("alarmPollInterval");
    return d -> new InPlaceRun(d, min, configName, hooks, trafficControl, updateOutdated, poll).start();
  }
}
