package dev.deploysim.strategies.opsworks;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.model.Environment;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.route53.DnsStackShift;
import dev.deploysim.strategies.route53.RecordHealth;
import dev.deploysim.strategies.route53.Route53Weighted;
import dev.deploysim.strategies.route53.ShiftSteps;
import dev.deploysim.strategies.route53.StackShift;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.DescribedStrategyType;
import dev.deploysim.strategy.StrategyDescription;
import java.util.List;

/**
 * The blue/green deployment AWS describes for OpsWorks Stacks: clone the stack (green: the same
 * layer, its 24/7 instances started, each booting and running Setup, which deploys the new app
 * revision; time- and load-based instances cloned too), give it its own load balancer, move Route 53
 * weighted records step by step from blue to green (5%, 10%, 25%, 50%, then all by default; one step
 * of 100 is an alias swap), keep blue for {@code terminateOldAfter}, then delete it. A pipeline
 * drives it, so alarms in deployment.rollback.onAlarms and unhealthy green instances roll it back:
 * the weights go back to blue and green is deleted once no client holds its address. With Route 53
 * health on the records ({@link RecordHealth}: healthCheck, evaluateTargetHealth; neither by default)
 * an unhealthy stack leaves the answer instead, as with route53.weighted. OpsWorks
 * Stacks reached end of life on 26 May 2024. Sources: docs/platforms/opsworks.md.
 */
public final class OpsWorksBlueGreen extends DescribedStrategyType {

  /** AWS's example: about 5%, then 10%, and so on to about 50%, then blue's weight to 0. */
  static final List<Object> DEFAULT_STEPS = List.of(ShiftSteps.step(5, 300), ShiftSteps.step(10, 300),
      ShiftSteps.step(25, 300), ShiftSteps.step(50, 300), ShiftSteps.step(100, 0));

  static final ParamSpec STEPS = ShiftSteps.param("A step of p% gives green's weighted record weight p and blue's "
      + "100 - p. Default 5%, 10%, 25%, 50% for 5m each, then 100% (AWS names about 5%, 10% ... 50%; the holds "
      + "are an assumption); [{weight: 100}] is an alias swap", DEFAULT_STEPS);

  public OpsWorksBlueGreen() {
    super(new StrategyDescription("opsworks.blue-green",
        "AWS OpsWorks Stacks blue/green: clone the stack, shift Route 53, delete the old stack (end of life 26 May "
            + "2024)",
        "clone the stack (its instances boot and run Setup with the new revision), shift Route 53 weights from the "
            + "old stack's load balancer to the clone's, delete the old stack after terminateOldAfter; "
            + OpsWorksParams.EOL,
        OpsWorksParams.with(STEPS, StackShift.timeoutParam(), Route53Weighted.TERMINATE_OLD_AFTER,
            RecordHealth.HEALTH_CHECK, RecordHealth.EVALUATE_TARGET_HEALTH),
        RollbackPolicy.configurable(true)));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    ShiftSteps.validate(params, problems);
    RecordHealth.validate(params, problems);
  }

  @Override
  public String whyNotPerFleet() {
    return Route53Weighted.SPANS_FLEETS;
  }

  @Override
  public dev.deploysim.strategy.Strategy create(StrategyParams params) {
    StackSettings settings = OpsWorksParams.read(params);
    List<ShiftSteps.Step> steps = ShiftSteps.of(params);
    double timeout = params.duration("timeout");
    RecordHealth health = RecordHealth.of(params);
    return new OpsWorksStrategy(settings) {
      @Override
      void run(Deployment d, Layer blue) {
        double keep = Route53Weighted.terminateOldAfter(params, d.scenario().dns());
        new Clone(d, blue, steps, timeout, keep, health).start();
      }
    };
  }

  /** The run: a {@link DnsStackShift} whose stacks are OpsWorks stacks. */
  private static final class Clone extends DnsStackShift {
    private final Layer blueLayer;
    private Layer greenLayer;

    Clone(Deployment d, Layer blue, List<ShiftSteps.Step> steps, double timeout, double terminateOldAfter,
        RecordHealth health) {
      super(d, steps, timeout, terminateOldAfter, health);
      this.blueLayer = blue;
    }

    @Override
    protected Environment createGreen(int n) {
      greenLayer = Layer.cloneOf(blueLayer, "green", d.toVersion());
      d.log("stack cloned: green's layer with its own load balancer " + greenLayer.environment().loadBalancer().name()
          + "; its " + n + " instances boot, run Setup (packages, then the Deploy recipes of " + d.toVersion()
          + ") and come online");
      return greenLayer.environment();
    }

    @Override
    protected Task deleteStack(Scope scope, Environment stack) {
      Layer l = stack == greenLayer.environment() ? greenLayer : blueLayer;
      d.log("deleting stack " + l.name() + ": its instances stop (Shutdown) and its load balancer goes");
      return l.delete(scope);
    }
  }
}
