package dev.deploysim.strategies.apigateway;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.ApiStage;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Environment;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.World;
import dev.deploysim.result.Phase;
import dev.deploysim.strategy.Deployment;
import java.util.List;
import java.util.Locale;

/**
 * One run of {@link ApiGatewayCanary}: (http: launch the canary's fleet and wait for it), create the
 * canary on the stage, evaluate it for promoteAfter, promote it (http: then remove the old fleet).
 * With deleteCanaryOnAlarms, the pipeline deletes the canary when a watched alarm goes to ALARM
 * before the promotion.
 */
final class CanaryRun {
  private final Deployment d;
  private final World world;
  private final ApiStage stage;
  private final CanaryPlan plan;
  private final List<String> watched;
  private Environment canaryFleet;
  private boolean promoted;
  private boolean stopping;

  CanaryRun(Deployment d, ApiStage stage, CanaryPlan plan, List<String> watched) {
    this.d = d;
    this.world = d.world();
    this.stage = stage;
    this.plan = plan;
    this.watched = List.copyOf(watched);
  }

  /** The stage in front of the application before the run starts, with the initial version's integration. */
  static ApiStage frontStage(World world, CanaryPlan plan) {
    ApiStage.Integration production = plan.http()
        ? new ApiStage.HttpIntegration(world.primary().loadBalancer())
        : new ApiStage.LambdaIntegration(world.scenario().initialVersion());
    return world.frontWithApiStage("prod", production, plan.cacheHitRatio());
  }

  void start() {
    watchAlarms();
    Scope s = d.scope();
    Task ready;
    if (plan.http()) {
      AutoScalingGroup blue = world.primary().group();
      int n = blue.desired();
      d.phase("launch the canary deployment's backend (" + n + " instances)", Phase.Kind.DEPLOY);
      GroupSettings gs = blue.settings().withSizes(blue.minSize(), blue.maxSize(), n);
      canaryFleet = world.createEnvironment("canary", gs, d.toVersion());
      d.log("the canary deployment calls a second fleet with " + d.toVersion() + " behind "
          + canaryFleet.loadBalancer().name() + "; it must be InService and healthy within "
          + Durations.format(plan.timeout()));
      double deadline = d.now() + plan.timeout();
      ready = canaryFleet.group().awaitInService(s, n, plan.timeout())
          .then(() -> canaryFleet.targetGroup().awaitHealthy(s, canaryFleet.group().inService(),
              Math.max(0, deadline - d.now())));
    } else {
      ready = s.done();
    }
    ready.whenDone(t -> {
      if (!t.succeeded()) {
        d.detected("health checks");
        stop("the canary's backend was not healthy within " + Durations.format(plan.timeout()) + ": " + t.failure());
        return;
      }
      evaluate(s);
    });
  }

  private ApiStage.Integration canaryIntegration() {
    return plan.http() ? new ApiStage.HttpIntegration(canaryFleet.loadBalancer())
        : new ApiStage.LambdaIntegration(d.toVersion());
  }

  private void evaluate(Scope s) {
    String pct = String.format(Locale.ROOT, "%s%%", num(plan.percent()));
    boolean forever = plan.promoteAfter() == Double.POSITIVE_INFINITY;
    d.phase("canary " + pct + (forever ? "" : " for " + Durations.format(plan.promoteAfter())), Phase.Kind.SHIFT);
    stage.createCanary(canaryIntegration(), plan.percent(), plan.useStageCache());
    d.log("canary deployment on stage " + stage.name() + ": " + pct + " of the requests at random, "
        + (plan.useStageCache() ? "using" : "not using") + " the stage cache; its metrics are reported apart "
        + "from the stage's" + (watched.isEmpty() ? "" : "; the pipeline deletes it if " + String.join(", ", watched)
        + " goes to ALARM"));
    if (forever) {
      d.log("promoteAfter: never: the canary stays at " + pct + " (the deployment does not finish)");
      return;
    }
    s.sleep(plan.promoteAfter()).whenDone(t -> {
      if (t.succeeded()) {
        promote(s);
      }
    });
  }

  private void promote(Scope s) {
    promoted = true;
    d.phase("promote the canary", Phase.Kind.SHIFT);
    stage.promoteCanary();
    d.log("promoted: the stage's deployment is the canary's, the canary's percentTraffic is 0% (its settings stay "
        + "on the stage)");
    if (!plan.http()) {
      d.succeeded();
      return;
    }
    d.phase("remove the old backend", Phase.Kind.CLEANUP);
    Environment old = world.primary();
    d.log("the pipeline removes the old backend: " + old.loadBalancer().name() + " and " + old.group().name());
    old.loadBalancer().delete();
    s.sleep(0).then(() -> old.group().delete(s)).whenDone(t -> d.succeeded());
  }

  private void watchAlarms() {
    d.onAlarm(watched, alarm -> {
      if (!promoted) {
        stop(d.world().alarms().describe(alarm) + " (watched by the pipeline)");
      }
    });
  }

  /** The pipeline deletes the canary (a rollback) when it acts on alarms; otherwise the run fails. */
  private void stop(String why) {
    if (stopping || promoted || d.isFinished()) {
      return;
    }
    stopping = true;
    Scope s = d.stop(why);
    if (!plan.deleteOnAlarms()) {
      d.failed(why);
      return;
    }
    d.startRollback(why);
    d.phase("rollback: the pipeline deletes the canary", Phase.Kind.ROLLBACK);
    stage.deleteCanary();
    d.log("the pipeline deleted the canary settings: every request goes to the stage's deployment ("
        + d.fromVersion() + ") again");
    d.rolledBack();
    if (canaryFleet != null) {
      Environment c = canaryFleet;
      c.loadBalancer().delete();
      s.sleep(0).then(() -> c.group().delete(s));
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
