package dev.deploysim.strategies.opsworks;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.Instance;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.strategy.Deployment;
import java.util.List;

/**
 * OpsWorks' Deploy command on chosen online instances: each runs the Deploy recipes (the app is
 * installed and restarted: the version's install and start times); then the operator checks that
 * they pass the load balancer's health checks within {@code verifyTimeout}. The app revision of the
 * stack changes first, so an instance that starts meanwhile deploys the new one with its Setup.
 */
final class DeployCommand {
  private DeployCommand() {}

  static Task run(Deployment d, Layer layer, List<Instance> instances, double verifyTimeout) {
    return install(d, layer, instances).then(() -> verify(d, layer, instances, verifyTimeout));
  }

  /** The Deploy recipes on {@code instances}: the app revision changes, then each installs and restarts. */
  static Task install(Deployment d, Layer layer, List<Instance> instances) {
    layer.setAppVersion(d.toVersion());
    return d.world().install(d.scope(), instances, d.toVersion());
  }

  /** The operator's check: every one healthy behind the load balancer within the timeout. */
  static Task verify(Deployment d, Layer layer, List<Instance> instances, double verifyTimeout) {
    Scope s = d.scope();
    TargetGroup tg = layer.environment().targetGroup();
    return tg.awaitHealthy(s, instances, verifyTimeout).recover(why -> {
      d.detected("health checks");
      return s.failed("not healthy behind the load balancer within verifyTimeout "
          + Durations.format(verifyTimeout) + " after the Deploy recipes: " + why);
    });
  }

  /** Ends the deployment: success, or a failure OpsWorks does not undo. */
  static void finish(Deployment d, Task t) {
    if (t.succeeded()) {
      d.succeeded();
    } else {
      d.log("OpsWorks does not roll back by itself: the instances deployed so far keep " + d.toVersion()
          + " (its Rollback command, run by hand, redeploys the previous revision)");
      d.failed(t.failure());
    }
  }
}
