package dev.deploysim.strategies.eb;

import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.Environment;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.Instance;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.List;

/**
 * Elastic Beanstalk blue/green: a second environment (its own load balancer, target group and
 * Auto Scaling group, a clone of the first) runs the new version; once it is healthy the
 * environment URLs are swapped, a DNS change: clients move over as their cached answers expire,
 * and the few that keep answers past the TTL still reach the old environment for up to
 * dns.staleClientMaxAge. After terminateOldAfter the old environment is terminated; requests that
 * still reach it then fail.
 *
 * <p>If the new environment does not become healthy, it is terminated before any swap: users never
 * saw it, so nothing needs undoing and the outcome is FAILED (no rollback ran). Nothing watches the
 * new environment after the swap; swapping back is a manual step in Elastic Beanstalk.
 */
public final class EbBlueGreen extends EbStrategyType {

  /**
   * Wait between the swap and terminating the old environment. Elastic Beanstalk says to wait until
   * old DNS records expire, without a number; one hour is our assumption, four times the default
   * dns.staleClientMaxAge of 15 minutes.
   */
  static final ParamSpec TERMINATE_OLD_AFTER = ParamSpec.optional("terminateOldAfter",
      new ParamType.DurationType(0, 30 * 24 * 3600.0, true), 3600.0, null,
      "how long the old environment keeps running after the URL swap before it is terminated, or never. AWS "
          + "says to wait until DNS caches have let go of the old answer and gives no number; the default 1h "
          + "is our assumption. Shorter than dns.staleClientMaxAge fails the requests of clients that still "
          + "hold the old answer");

  static final ParamSpec NEW_ENV_TIMEOUT = ParamSpec.optional("timeout",
      new ParamType.DurationType(1, 3600, false), 600.0, "Timeout",
      "command timeout (1s to 1h) for the new environment: its instances must launch, deploy and pass the "
          + "health gate within it plus Elastic Beanstalk's 240s, or the new environment is given up");

  public EbBlueGreen() {
    super(new StrategyDescription("eb.blue-green",
        "Elastic Beanstalk blue/green (clone the environment, swap environment URLs)",
        "new environment with the new version, then swap URLs (DNS: clients follow over the TTL, stale ones later); "
            + "the old environment is terminated after terminateOldAfter; a new environment that never gets healthy is "
            + "dropped before the swap (FAILED: users saw nothing, nothing to roll back)",
        List.of(TERMINATE_OLD_AFTER, NEW_ENV_TIMEOUT, EbParams.ENHANCED_HEALTH,
            EbParams.HEALTH_CHECK_SUCCESS_THRESHOLD),
        RollbackPolicy.neverReverts("a new environment that fails before the URL swap is terminated and users stay on "
            + "the old one; no rollback runs (outcome FAILED; onFailure may only be false)",
            "eb.blue-green runs no rollback: a new environment that fails before the URL swap is terminated while "
                + "users stay on the old one (outcome FAILED), and after the swap nothing is watched (swapping back is "
                + "a manual step); remove onFailure or set it to false").withoutAlarmRollback(ALARM_REFUSAL)));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    super.validate(params, scenario, problems);
    if (params.duration("terminateOldAfter") < 0) {
      problems.add("deployment.strategy.terminateOldAfter", "must not be negative");
    }
  }

  /** Swapping environment URLs repoints the application's one name (docs/resilience.md#deploying-several-fleets). */
  @Override
  public String whyNotPerFleet() {
    return "swapping the environments' URLs repoints the application's DNS name, and that one name answers for "
        + "every fleet and region, so it cannot run once per fleet";
  }

  @Override
  public Strategy create(StrategyParams params) {
    EbParams.Settings settings = EbParams.Settings.withoutIgnoreHealthCheck(params);
    double terminateAfter = params.duration("terminateOldAfter");
    return d -> new Run(d, settings, terminateAfter).start();
  }

  private static final class Run {
    final Deployment d;
    final EbParams.Settings settings;
    final double terminateAfter;
    final Environment blue;
    Environment green;

    Run(Deployment d, EbParams.Settings settings, double terminateAfter) {
      this.d = d;
      this.settings = settings;
      this.terminateAfter = terminateAfter;
      this.blue = d.environment();
    }

    void start() {
      int n = blue.group().desired();
      d.phase("create the new environment", Phase.Kind.DEPLOY);
      GroupSettings gs = blue.group().settings().withSizes(blue.group().minSize(), blue.group().maxSize(), n);
      green = d.world().createEnvironment("green", gs, d.toVersion());
      d.log("cloned environment green: load balancer " + green.loadBalancer().name() + ", " + n + " instances with "
          + d.toVersion() + "; command timeout " + settings.describeTimeout());
      double deadline = d.now() + settings.effectiveTimeout();
      green.group().awaitInService(d.scope(), n, Math.max(0, deadline - d.now())).whenDone(t -> {
        if (t.isFailed()) {
          abandon("timeout", "the new environment's instances were not InService within the command timeout: "
              + t.failure());
          return;
        }
        List<Instance> fresh = green.group().inService();
        d.phase("wait for health", Phase.Kind.WAIT);
        d.log(RollingBatches.names(fresh) + " InService; waiting for " + settings.health().describe());
        EnhancedHealth.Gate gate = EnhancedHealth.await(d.world(), d.scope(), green.targetGroup(), fresh,
            settings.health(), deadline);
        gate.task().whenDone(h -> {
          if (h.succeeded()) {
            swap();
          } else {
            abandon(gate.detectedBy(), "the new environment did not pass the health gate within the command "
                + "timeout " + settings.describeTimeout() + ": " + h.failure());
          }
        });
      });
    }

    void swap() {
      double ttl = d.world().dns().ttl();
      d.phase("swap URLs", Phase.Kind.SHIFT);
      d.log("swapping environment URLs: the application's name now points to " + green.loadBalancer().name()
          + "; clients follow as their cached answers expire (TTL " + Durations.format(ttl) + ")");
      d.world().dns().pointTo(green.loadBalancer());
      if (terminateAfter == Double.POSITIVE_INFINITY) {
        d.sleep(ttl).whenDone(t -> {
          d.log("the old environment is kept (terminateOldAfter: never)");
          d.succeeded();
        });
        return;
      }
      double first = Math.min(ttl, terminateAfter);
      d.sleep(first).whenDone(t -> {
        double rest = terminateAfter - first;
        if (rest > 0) {
          d.phase("keep the old environment for " + Durations.format(terminateAfter) + " after the swap",
              Phase.Kind.WAIT);
          double stale = d.scenario().dns().staleClientMaxAge();
          if (d.scenario().dns().staleClientFraction() > 0 && terminateAfter < stale) {
            d.log("note: terminateOldAfter " + Durations.format(terminateAfter) + " is shorter than "
                + "dns.staleClientMaxAge " + Durations.format(stale) + ": clients with stale answers will fail");
          }
        }
        d.sleep(rest).whenDone(x -> terminateOld());
      });
    }

    void terminateOld() {
      d.phase("terminate old environment", Phase.Kind.CLEANUP);
      d.log("terminating the old environment: load balancer " + blue.loadBalancer().name() + " and group "
          + blue.group().name());
      blue.loadBalancer().delete();
      blue.group().delete(d.scope()).whenDone(t -> d.succeeded());
    }

    void abandon(String detectedBy, String why) {
      d.detected(detectedBy);
      d.phase("terminate the new environment", Phase.Kind.CLEANUP);
      d.log("the URLs were never swapped, so users only ever reached the old environment; terminating green");
      green.loadBalancer().delete();
      green.group().delete(d.scope()).whenDone(t -> d.failed(why));
    }
  }
}
