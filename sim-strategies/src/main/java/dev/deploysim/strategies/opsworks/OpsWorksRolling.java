package dev.deploysim.strategies.opsworks;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.model.Instance;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.result.Phase;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.StrategyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The rolling deployment AWS recommends for OpsWorks Stacks, done by hand (OpsWorks has no rolling
 * option): the Deploy command on a few instances at a time, each batch first deregistered from the
 * load balancer (its connections drained), then deployed, registered again and checked healthy
 * before the next. Slower than the Deploy command on every instance but never without capacity.
 * OpsWorks Stacks reached end of life on 26 May 2024. Sources: docs/platforms/opsworks.md.
 */
public final class OpsWorksRolling extends DescribedStrategyType {

  static final ParamSpec BATCH_SIZE = ParamSpec.optional("batchSize", new ParamType.IntegerType(1, 1000), 1, null,
      "instances deployed at a time (AWS's pattern: one instance first, then the rest of its zone; the simulator "
          + "keeps one size: 1 by default)");
  static final ParamSpec DEREGISTER = ParamSpec.optional("deregister", new ParamType.BooleanType(), true, null,
      "deregister each batch from the load balancer before the Deploy command and register it after (AWS's "
          + "advice); false deploys behind the load balancer, so requests to a restarting instance fail");

  public OpsWorksRolling() {
    super(new StrategyDescription("opsworks.rolling",
        "AWS OpsWorks Stacks manual rolling deployment (end of life 26 May 2024)",
        "by hand, batchSize instances at a time: deregister from the load balancer, Deploy, register, check health, "
            + "next; " + OpsWorksParams.EOL,
        OpsWorksParams.with(BATCH_SIZE, DEREGISTER, OpsWorksParams.VERIFY_TIMEOUT),
        OpsWorksParams.NEVER_REVERTS));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    if (scenario.fleet() != null && params.integer("batchSize") > scenario.fleet().instances()) {
      problems.add("deployment.strategy.batchSize", "batch size " + params.integer("batchSize")
          + " is larger than the fleet (" + scenario.fleet().instances() + " instances)",
          "at most " + scenario.fleet().instances() + "; opsworks.deploy deploys to every instance at once");
    }
  }

  @Override
  public dev.deploysim.strategy.Strategy create(StrategyParams params) {
    StackSettings settings = OpsWorksParams.read(params);
    int batchSize = params.integer("batchSize");
    boolean deregister = params.bool("deregister");
    double verify = params.duration(OpsWorksParams.VERIFY_TIMEOUT.name());
    return new OpsWorksStrategy(settings) {
      @Override
      void run(Deployment d, Layer layer) {
        List<List<Instance>> batches = new ArrayList<>();
        List<Instance> all = layer.online();
        for (int k = 0; k < all.size(); k += batchSize) {
          batches.add(all.subList(k, Math.min(all.size(), k + batchSize)));
        }
        d.log(batches.size() + " batches of at most " + batchSize + " of the " + all.size() + " online instances"
            + (deregister ? ", each deregistered from the load balancer while it deploys" : ", behind the load "
            + "balancer"));
        Scope s = d.scope();
        TargetGroup tg = layer.environment().targetGroup();
        int[] n = {0};
        Task.forEach(s, batches, batch -> {
          n[0]++;
          d.phase("batch " + n[0] + "/" + batches.size() + " (" + batch.size() + ")", Phase.Kind.DEPLOY);
          if (!deregister) {
            return DeployCommand.run(d, layer, batch, verify);
          }
          return tg.deregister(s, batch)
              .then(() -> DeployCommand.install(d, layer, batch))
              .then(() -> {
                for (Instance i : batch) {
                  if (!i.isTerminated()) {
                    tg.register(i);
                  }
                }
                return DeployCommand.verify(d, layer, batch, verify);
              });
        }).whenDone(t -> DeployCommand.finish(d, t));
      }
    };
  }
}
