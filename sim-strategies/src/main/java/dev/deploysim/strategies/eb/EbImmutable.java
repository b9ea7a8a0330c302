package dev.deploysim.strategies.eb;

import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Environment;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Elastic Beanstalk Immutable: a second, temporary Auto Scaling group behind the environment's load
 * balancer (the same target group) launches one instance with the new version; when it passes the
 * health gate the temporary group grows to as many instances as the original group has; when all
 * are healthy they are moved into the original group, the old instances are terminated and the
 * temporary group is deleted. Capacity roughly doubles for a while and never drops. If the new
 * instances fail, the temporary group is deleted and nothing else changed: a rollback that only
 * terminates instances.
 *
 * <p>The command timeout applies to each of the two launch steps (first instance, then the rest),
 * counted from the launch request. Immutable updates require enhanced health reporting.
 */
public final class EbImmutable extends EbStrategyType {

  private static final ParamSpec ENHANCED_ONLY = ParamSpec.optional("enhancedHealth",
      new ParamType.BooleanType(), true, "SystemType",
      "must stay true: Elastic Beanstalk immutable updates require enhanced health reporting (12 OK reports "
          + "in a row, 10s apart, per new instance)");

  public EbImmutable() {
    super(new StrategyDescription("eb.immutable",
        "Elastic Beanstalk Immutable",
        "new instances in a temporary group behind the same load balancer (one first, then a full set), moved into the "
            + "group when healthy; about double capacity for a while; failure deletes the temporary group (ROLLED_BACK)",
        List.of(EbParams.TIMEOUT, EbParams.IGNORE_HEALTH_CHECK, ENHANCED_ONLY,
            EbParams.HEALTH_CHECK_SUCCESS_THRESHOLD),
        alwaysReverts("always rolled back: the temporary group and its new instances are terminated; the old instances "
            + "never stopped serving (outcome ROLLED_BACK; onFailure may only be true)",
            "eb.immutable always terminates the new instances when the deployment fails; remove onFailure or set it to "
                + "true")));
  }


  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    super.validate(params, scenario, problems);
    if (!params.bool("enhancedHealth")) {
      problems.add("deployment.strategy.enhancedHealth",
          "Elastic Beanstalk immutable updates require enhanced health reporting",
          "remove enhancedHealth or set it to true");
    }
  }

  @Override
  public Strategy create(StrategyParams params) {
    EbParams.Settings settings = EbParams.Settings.of(params);
    return d -> new Run(d, settings).start();
  }

  private static final class Run {
    final Deployment d;
    final EbParams.Settings settings;
    final Environment env;
    final AutoScalingGroup group;
    final List<Instance> old;
    final int baseline;
    final int origMin;
    final int origMax;
    AutoScalingGroup temp;

    Run(Deployment d, EbParams.Settings settings) {
      this.d = d;
      this.settings = settings;
      this.env = d.environment();
      this.group = env.group();
      this.old = group.inService();
      this.baseline = group.desired();
      this.origMin = group.minSize();
      this.origMax = group.maxSize();
    }

    void start() {
      d.phase("launch 1 instance in a temporary group", Phase.Kind.DEPLOY);
      GroupSettings gs = group.settings().withoutWarmPool().withSizes(0, Math.max(1, baseline), 1);
      temp = d.world().createGroup(group.name() + "-immutable", gs, d.toVersion(), List.of(env.targetGroup()));
      d.log("temporary group " + temp.name() + " launches 1 instance with " + d.toVersion() + " behind "
          + env.targetGroup().name() + "; command timeout " + settings.describeTimeout() + " per step");
      step(1, "first instance").whenDone(t -> {
        if (t.isFailed()) {
          return;
        }
        int rest = baseline - 1;
        if (rest > 0) {
          d.phase("launch " + rest + " more instance(s) in the temporary group", Phase.Kind.DEPLOY);
          d.log("the first instance is healthy; " + temp.name() + " grows to " + baseline
              + " instances, as many as " + group.name() + " has");
          temp.setDesiredCapacity(baseline);
        }
        step(baseline, "new instances").whenDone(x -> {
          if (x.succeeded()) {
            promote();
          }
        });
      });
    }

    /** Waits for {@code count} instances of the temporary group InService and healthy. */
    Task step(int count, String what) {
      double deadline = d.now() + settings.effectiveTimeout();
      Task result = new Task(d.scope());
      temp.awaitInService(d.scope(), count, Math.max(0, deadline - d.now())).whenDone(t -> {
        if (t.isFailed()) {
          fail("timeout", what + " not InService within the command timeout: " + t.failure(), result);
          return;
        }
        d.phase("wait for health (" + what + ")", Phase.Kind.WAIT);
        List<Instance> fresh = temp.inService();
        d.log(RollingBatches.names(fresh) + " InService; waiting for " + settings.health().describe());
        EnhancedHealth.Gate gate = EnhancedHealth.await(d.world(), d.scope(), env.targetGroup(), fresh,
            settings.health(), deadline);
        gate.task().whenDone(h -> {
          if (h.succeeded()) {
            result.succeed();
          } else if (settings.ignoreHealthCheck()) {
            d.log(what + " not healthy within the command timeout (" + h.failure()
                + "); IgnoreHealthCheck is set, so the deployment carries on");
            result.succeed();
          } else {
            fail(gate.detectedBy(), what + " did not pass the health gate within the command timeout "
                + settings.describeTimeout() + ": " + h.failure(), result);
          }
        });
      });
      return result;
    }

    void fail(String detectedBy, String why, Task step) {
      d.detected(detectedBy);
      d.startRollback(why);
      d.phase("rollback: terminate the temporary group", Phase.Kind.ROLLBACK);
      d.log("reverting by terminating " + temp.name() + "; the original instances were never touched");
      temp.delete(d.scope()).whenDone(t -> d.rolledBack());
      step.fail(why);
    }

    void promote() {
      List<Instance> fresh = temp.inService();
      d.phase("move new instances into " + group.name(), Phase.Kind.SHIFT);
      d.log("all " + fresh.size() + " new instances are healthy; moving them to " + group.name());
      for (Instance i : fresh) {
        temp.moveTo(i, group);
      }
      d.phase("terminate old instances", Phase.Kind.CLEANUP);
      List<Task> gone = new ArrayList<>();
      for (Instance i : old) {
        gone.add(group.terminate(d.scope(), i, true));
      }
      d.log("terminating the old instances " + RollingBatches.names(old) + " and the temporary group " + temp.name());
      Task.all(d.scope(), gone).then(() -> temp.delete(d.scope())).whenDone(t -> {
        group.setLaunchVersion(d.toVersion());
        if (group.desired() >= origMin && group.desired() <= origMax) {
          group.updateSizes(origMin, origMax, group.desired());
        }
        d.succeeded();
      });
    }
  }
}
