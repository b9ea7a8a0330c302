package dev.deploysim.strategies.eb;

import dev.deploysim.model.Environment;
import dev.deploysim.model.Instance;
import dev.deploysim.model.Task;
import dev.deploysim.model.control.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.strategy.ParamSpec;
import dev.deploysim.strategy.ParamType;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyParams;
import dev.deploysim.strategy.StrategyType;
import java.util.List;

/**
 * Elastic Beanstalk AllAtOnce: the new version is installed on every instance at the same time;
 * instances stay behind the load balancer and fail requests while they restart.
 */
public final class EbAllAtOnce implements StrategyType {
  /** Seconds Elastic Beanstalk adds to the command timeout. */
  public static final double TIMEOUT_MARGIN = 240;

  @Override
  public String name() {
    return "eb.all-at-once";
  }

  @Override
  public String models() {
    return "Elastic Beanstalk AllAtOnce";
  }

  @Override
  public String summary() {
    return "install on every instance at once: fastest, all capacity lost while instances restart";
  }

  @Override
  public List<ParamSpec> params() {
    return List.of(
        ParamSpec.optional("timeout", new ParamType.DurationType(1, 3600, false), 600.0, "Timeout",
            "command timeout; Elastic Beanstalk adds 240 s, so 600 s means 14 minutes"),
        ParamSpec.optional("ignoreHealthCheck", new ParamType.BooleanType(), false, "IgnoreHealthCheck",
            "do not fail the deployment when instances are not healthy within the timeout"),
        ParamSpec.optional("enhancedHealth", new ParamType.BooleanType(), true, "SystemType",
            "enhanced health reporting: instances need 12 consecutive OK reports (10 s apart)"));
  }

  @Override
  public boolean rollsBackOnAlarms() {
    return false;
  }

  @Override
  public String alarmRollbackRefusal() {
    return "Elastic Beanstalk does not roll back on CloudWatch alarms, only on health checks; "
        + "use a codedeploy.* strategy or remove it";
  }

  @Override
  public Strategy create(StrategyParams params) {
    double timeout = params.duration("timeout") + TIMEOUT_MARGIN;
    boolean ignoreHealth = params.bool("ignoreHealthCheck");
    boolean enhanced = params.bool("enhancedHealth");
    return d -> run(d, timeout, ignoreHealth, enhanced);
  }

  private static void run(Deployment d, double timeout, boolean ignoreHealth, boolean enhanced) {
    Environment env = d.environment();
    List<Instance> instances = env.group().inService();
    d.phase("install on all " + instances.size() + " instances", Phase.Kind.DEPLOY);
    Task deploy = d.world().install(d.scope(), instances, d.toVersion())
        .then(() -> {
          d.phase("wait for health", Phase.Kind.WAIT);
          return EnhancedHealth.await(d.world(), d.scope(), env.targetGroup(), instances, enhanced, timeout);
        });
    deploy.whenDone(t -> {
      if (t.succeeded() || ignoreHealth) {
        env.group().setLaunchVersion(d.toVersion());
        d.succeeded();
      } else {
        d.detected("health checks");
        d.failed(t.failure());
      }
    });
  }
}
