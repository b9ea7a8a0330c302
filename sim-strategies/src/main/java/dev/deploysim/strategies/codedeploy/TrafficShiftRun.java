package dev.deploysim.strategies.codedeploy;

import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Environment;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.LambdaAlias;
import dev.deploysim.model.LoadBalancer;
import dev.deploysim.control.Scope;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of {@link CodeDeployTrafficShift}. */
final class TrafficShiftRun extends CodeDeployRun {
  /** Longest the replacement task set may take to start and become healthy (one lifecycle event). */
  static final double INSTALL_TIMEOUT = 3600;

  private final boolean lambda;
  private final TrafficRouting routing;
  private final String configName;
  private final Hooks hooks;
  private final Distribution taskStart;
  private final double terminateAfter;
  private LambdaAlias alias;
  private LoadBalancer lb;
  private TargetGroup blueTg;
  private TargetGroup greenTg;
  private AutoScalingGroup blue;
  private AutoScalingGroup green;
  private int percent;
  private boolean terminating;

  TrafficShiftRun(Deployment d, boolean lambda, TrafficRouting routing, String configName, Hooks hooks,
      Distribution taskStart, double terminateAfter, double alarmPollInterval) {
    super(d, alarmPollInterval);
    this.lambda = lambda;
    this.routing = routing;
    this.configName = configName;
    this.hooks = hooks;
    this.taskStart = taskStart;
    this.terminateAfter = terminateAfter;
  }

  @Override
  protected boolean acceptsAlarms() {
    return super.acceptsAlarms() && !terminating;
  }

  @Override
  protected void run() {
    Scope s = d.scope();
    d.log(configName + ": " + routing.describe());
    Task t;
    if (lambda) {
      alias = world.lambdaAlias();
      t = hook(s, LifecycleEvent.BEFORE_ALLOW_TRAFFIC);
    } else {
      Environment env = d.environment();
      blue = env.group();
      blueTg = env.targetGroup();
      lb = env.loadBalancer();
      t = hook(s, LifecycleEvent.BEFORE_INSTALL)
          .then(() -> install(s))
          .then(() -> hook(s, LifecycleEvent.AFTER_INSTALL))
          .then(() -> hook(s, LifecycleEvent.AFTER_ALLOW_TEST_TRAFFIC))
          .then(() -> hook(s, LifecycleEvent.BEFORE_ALLOW_TRAFFIC));
    }
    t.then(() -> Task.forEach(s, routing.steps(), step -> shift(s, step)))
        .then(() -> hook(s, LifecycleEvent.AFTER_ALLOW_TRAFFIC))
        .whenDone(x -> {
          if (!x.succeeded()) {
            fail(x.failure());
          } else if (lambda) {
            d.succeeded();
          } else {
            removeOriginal(s);
          }
        });
  }

  private Task hook(Scope s, LifecycleEvent e) {
    if (!hooks.has(e)) {
      return s.done();
    }
    d.phase(e.awsName() + " hook", Phase.Kind.WAIT);
    return hooks.run(d, s, e, null);
  }

  /** ECS Install: the replacement task set starts and its tasks become healthy in the green target group. */
  private Task install(Scope s) {
    int n = blue.inService().size();
    d.phase("install the replacement task set (" + n + " tasks)", Phase.Kind.DEPLOY);
    greenTg = world.createTargetGroup("green-tg");
    GroupSettings gs = blue.settings().withoutWarmPool().withHooks(List.of()).withLaunchTime(taskStart)
        .withSizes(n, n, n);
    green = world.createGroup("green-tasks", gs, d.toVersion(), List.of(greenTg));
    return green.awaitInService(s, n, INSTALL_TIMEOUT)
        .then(() -> greenTg.awaitHealthy(s, green.inService(), INSTALL_TIMEOUT))
        .recover(why -> {
          d.detected("replacement task set health checks");
          return s.failed("Install: " + why);
        });
  }

  private Task shift(Scope s, TrafficRouting.Step step) {
    percent = step.percent();
    String label;
    if (routing.kind() == TrafficRouting.Kind.CANARY && step.percent() < 100) {
      label = "canary " + step.percent() + "% for " + Durations.format(step.holdSeconds());
    } else if (routing.kind() == TrafficRouting.Kind.LINEAR) {
      label = "linear " + step.percent() + "%";
    } else {
      label = "all traffic to " + d.toVersion();
    }
    d.phase(label, Phase.Kind.SHIFT);
    route(step.percent());
    return step.holdSeconds() > 0 ? s.sleep(step.holdSeconds()) : s.done();
  }

  /** Sends {@code p} percent of the traffic to the new version. */
  private void route(int p) {
    if (lambda) {
      alias.shift(d.fromVersion(), d.toVersion(), p / 100.0);
    } else {
      Map<TargetGroup, Integer> w = new LinkedHashMap<>();
      w.put(blueTg, 100 - p);
      w.put(greenTg, p);
      lb.setWeights(w);
    }
  }

  private void removeOriginal(Scope s) {
    if (terminateAfter > 0) {
      d.phase("wait " + Durations.format(terminateAfter) + " before removing the original task set", Phase.Kind.WAIT);
    }
    s.sleep(terminateAfter)
        .then(() -> {
          terminating = true;
          d.phase("remove the original task set", Phase.Kind.CLEANUP);
          return blue.delete(s);
        })
        .whenDone(t -> d.succeeded());
  }

  @Override
  protected void rollback(Scope s, String why) {
    if (terminating) {
      rollbackFailed("the original task set is already being removed");
      return;
    }
    d.phase("rollback: all traffic to " + d.fromVersion(), Phase.Kind.ROLLBACK);
    if (lambda) {
      if (percent > 0) {
        alias.shift(d.fromVersion(), d.toVersion(), 0);
      }
      d.rolledBack();
      return;
    }
    if (greenTg != null && lb.weights().containsKey(greenTg)) {
      lb.forward(blueTg);
    }
    Task t = green == null ? s.done() : green.delete(s);
    t.whenDone(x -> {
      if (x.succeeded()) {
        d.rolledBack();
      } else {
        rollbackFailed(x.failure());
      }
    });
  }
}
