package dev.deploysim.model;

import java.util.Locale;

/**
 * An Amazon API Gateway REST API stage in front of the application. The stage forwards each request
 * to the integration of its deployment; while a canary is set, a share of the requests chosen at
 * random, request by request, goes to the canary deployment's integration instead. An integration is
 * a Lambda function version or an HTTP backend behind a load balancer.
 *
 * <p>Stage cache: with caching on, {@code cacheHitRatio} of the stage's requests are answered from
 * the cache without reaching the integration; the canary's requests use the cache only when the
 * canary's {@code useStageCache} is set (each deployment has its own entries). Answers from the cache
 * succeed (an assumption: only successful responses are taken to be cached). Rules and sources:
 * docs/platforms/apigateway.md and
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html.
 */
public final class ApiStage implements Endpoint {

  /** Where a deployment sends the requests it does not answer from the cache. */
  public sealed interface Integration permits LambdaIntegration, HttpIntegration {
    String describe();
  }

  /** A Lambda function version (proxy integration). */
  public record LambdaIntegration(String version) implements Integration {
    @Override
    public String describe() {
      return "Lambda version " + version;
    }
  }

  /** An HTTP backend: the application's fleet behind a load balancer. */
  public record HttpIntegration(LoadBalancer loadBalancer) implements Integration {
    @Override
    public String describe() {
      return "HTTP backend " + loadBalancer.name();
    }
  }

  private final World world;
  private final String name;
  private final double cacheHitRatio;
  private Integration production;
  private Integration canary;
  private double canaryPercent;
  private boolean canaryUsesCache;

  ApiStage(World world, String name, Integration production, double cacheHitRatio) {
    if (cacheHitRatio < 0 || cacheHitRatio > 1) {
      throw new IllegalArgumentException("cacheHitRatio must be in 0..1");
    }
    this.world = world;
    this.name = name;
    this.production = production;
    this.cacheHitRatio = cacheHitRatio;
  }

  @Override
  public String name() {
    return name;
  }

  /** The integration of the stage's own deployment. */
  public Integration production() {
    return production;
  }

  /** The canary deployment's integration, or null without a canary. */
  public Integration canary() {
    return canary;
  }

  /** Percent (0-100) of the requests that go to the canary. */
  public double canaryPercent() {
    return canary == null ? 0 : canaryPercent;
  }

  public boolean canaryUsesCache() {
    return canaryUsesCache;
  }

  /** Share of requests answered from the stage cache (0: caching off). */
  public double cacheHitRatio() {
    return cacheHitRatio;
  }

  /** Creates the canary: {@code percent} (0-100) of the requests go to {@code integration}. */
  public void createCanary(Integration integration, double percent, boolean useStageCache) {
    checkPercent(percent);
    canary = integration;
    canaryPercent = percent;
    canaryUsesCache = useStageCache;
    world.log("apigateway", "stage " + name + ": canary to " + integration.describe() + " with "
        + pct(percent) + " of the requests" + (useStageCache ? ", using the stage cache" : ""));
    world.changed();
  }

  /** Changes the canary's share (update-stage percentTraffic). */
  public void setCanaryPercent(double percent) {
    checkPercent(percent);
    if (canary == null) {
      throw new IllegalStateException("no canary on stage " + name);
    }
    canaryPercent = percent;
    world.log("apigateway", "stage " + name + ": canary percentTraffic " + pct(percent));
    world.changed();
  }

  /**
   * Promotes the canary: the stage takes the canary's deployment and the canary's share goes to 0
   * (the canary settings stay on the stage, at 0%).
   */
  public void promoteCanary() {
    if (canary == null) {
      throw new IllegalStateException("no canary on stage " + name);
    }
    production = canary;
    canaryPercent = 0;
    world.log("apigateway", "stage " + name + ": canary promoted; the stage's deployment now uses "
        + production.describe() + ", canary percentTraffic 0%");
    world.changed();
  }

  /** Deletes the canary settings: every request goes to the stage's deployment again. */
  public void deleteCanary() {
    if (canary != null) {
      canary = null;
      canaryPercent = 0;
      world.log("apigateway", "stage " + name + ": canary deleted; all requests to " + production.describe());
      world.changed();
    }
  }

  private static void checkPercent(double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentTraffic must be in 0..100, got " + p);
    }
  }

  private static String pct(double p) {
    return (p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
  }

  @Override
  public String toString() {
    return name;
  }
}
