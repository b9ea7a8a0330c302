package dev.deploysim.strategies.opsworks;

import dev.deploysim.format.StrategyParams;
import dev.deploysim.model.Instance;
import dev.deploysim.result.Phase;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.StrategyDescription;
import java.util.List;

/**
 * AWS OpsWorks Stacks' Deploy command with its default target, every online instance of the app
 * layer at once: each runs the Deploy recipes (its app server restarts with the new revision) while
 * it stays behind the load balancer, so the whole layer stops serving while they restart. Instances
 * started from now on get the new revision with Setup. The deployment is judged by the load
 * balancer's health checks within {@code verifyTimeout} (the operator's check: OpsWorks only reports
 * whether the recipes ran); a failure is not rolled back (OpsWorks' Rollback command is run by hand).
 * OpsWorks Stacks reached end of life on 26 May 2024. Sources: docs/platforms/opsworks.md.
 */
public final class OpsWorksDeploy extends DescribedStrategyType {

  public OpsWorksDeploy() {
    super(new StrategyDescription("opsworks.deploy",
        "AWS OpsWorks Stacks Deploy command on every instance (end of life 26 May 2024)",
        "the Deploy recipes run on every online instance of the layer at once (OpsWorks' default), behind the load "
            + "balancer: fastest, the layer stops serving while the app restarts; " + OpsWorksParams.EOL,
        OpsWorksParams.with(OpsWorksParams.VERIFY_TIMEOUT),
        OpsWorksParams.NEVER_REVERTS));
  }

  @Override
  public Strategy create(StrategyParams params) {
    StackSettings settings = OpsWorksParams.read(params);
    double verify = params.duration(OpsWorksParams.VERIFY_TIMEOUT.name());
    return new OpsWorksStrategy(settings) {
      @Override
      void run(Deployment d, Layer layer) {
        List<Instance> all = layer.online();
        d.phase("Deploy on all " + all.size() + " online instances", Phase.Kind.DEPLOY);
        d.log("Deploy command (" + d.toVersion() + ") on every online instance of " + layer.name()
            + " at once; they stay behind the load balancer");
        DeployCommand.run(d, layer, all, verify).whenDone(t -> DeployCommand.finish(d, t));
      }
    };
  }
}
