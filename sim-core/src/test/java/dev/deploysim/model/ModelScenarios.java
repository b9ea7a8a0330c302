package dev.deploysim.model;

import dev.deploysim.engine.Distribution;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.DeploymentSpec;
import dev.deploysim.scenario.DnsSpec;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.OutputSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.StrategySpec;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import dev.deploysim.scenario.WarmPoolSpec;
import dev.deploysim.format.StrategyParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds scenarios for model tests straight from the scenario records (the YAML loader is not
 * needed). Defaults are the documented AWS defaults where there is one: an ALB with interval 30 s,
 * timeout 5 s, healthy 5, unhealthy 2, one pass for a new target, deregistration delay 300 s;
 * DNS TTL 60 s (the ELB alias TTL). The first health check of a newly registered target comes a
 * fixed 10 s after registration so that tests can compute exact times.
 *
 * <p>Mutable: each {@code withX} changes this builder and returns it.
 */
final class ModelScenarios {
  static final Distribution FIRST_CHECK_10S = Distribution.constant(10);

  private long seed = 1;
  private Double horizon;
  private int instances = 4;
  private Integer minSize;
  private Integer maxSize;
  private List<String> zones = List.of("a");
  private double capacity = 100;
  private Distribution launchTime = Distribution.constant(60);
  private FleetSpec.HealthCheckType healthCheckType = FleetSpec.HealthCheckType.EC2;
  private double gracePeriod = 300;
  private Double defaultInstanceWarmup;
  private double asgCheckInterval = 10;
  private List<LifecycleHookSpec> hooks = new ArrayList<>();
  private WarmPoolSpec warmPool;
  private List<FleetSpec.ScheduledAction> scheduled = new ArrayList<>();
  private LoadBalancerSpec.Type lbType = LoadBalancerSpec.Type.ALB;
  private LoadBalancerSpec.HealthCheckSpec healthCheck =
      new LoadBalancerSpec.HealthCheckSpec(30, 5, 5, 2, 1, FIRST_CHECK_10S);
  private double deregistrationDelay = 300;
  private double slowStart = 0;
  private DnsSpec dns = new DnsSpec(60, 0.05, 900);
  private TrafficSpec.Pattern traffic = new TrafficSpec.Constant(400);
  private double routingInterval;
  private final Map<String, VersionSpec> versions = new LinkedHashMap<>();
  private String initialVersion = "v1";
  private double deployAt = 0;
  private String deployVersion = "v2";
  private String strategyType = "test.noop";
  private List<AlarmSpec> alarms = new ArrayList<>();
  private List<FaultSpec> faults = new ArrayList<>();
  private double sampleInterval = 5;
  private double idleTimeout = LoadBalancerSpec.DEFAULT_IDLE_TIMEOUT;
  private final List<dev.deploysim.scenario.ScalingPolicySpec> scaling = new ArrayList<>();
  private final List<String> suspended = new ArrayList<>();
  private dev.deploysim.scenario.SloSpec slo;

  ModelScenarios() {
    versions.put("v1", healthy("v1"));
    versions.put("v2", healthy("v2"));
  }

  static ModelScenarios scenario() {
    return new ModelScenarios();
  }

  /** A healthy version: install 30 s, start 10 s, no errors, capacity factor 1. */
  static VersionSpec healthy(String id) {
    return new VersionSpec(id, Distribution.constant(30), Distribution.constant(10), new VersionSpec.Healthy(), 0, 1);
  }

  static VersionSpec version(String id, double install, double start, VersionSpec.Health health,
      double errorRate, double capacityFactor) {
    return new VersionSpec(id, Distribution.constant(install), Distribution.constant(start), health, errorRate,
        capacityFactor);
  }

  static LifecycleHookSpec launchHook(double heartbeat, LifecycleHookSpec.HookResult defaultResult,
      Double completesAfter, LifecycleHookSpec.HookResult result) {
    return new LifecycleHookSpec("launch-hook", LifecycleHookSpec.Transition.LAUNCHING, heartbeat, defaultResult,
        completesAfter == null ? null : Distribution.constant(completesAfter), result);
  }

  static LifecycleHookSpec terminateHook(double heartbeat, Double completesAfter) {
    return new LifecycleHookSpec("terminate-hook", LifecycleHookSpec.Transition.TERMINATING, heartbeat,
        LifecycleHookSpec.HookResult.ABANDON, completesAfter == null ? null : Distribution.constant(completesAfter),
        LifecycleHookSpec.HookResult.CONTINUE);
  }

  static AlarmSpec alarm(String name, AlarmSpec.Metric metric, AlarmSpec.Statistic statistic, double threshold,
      AlarmSpec.Comparison comparison, double period, int evaluationPeriods, int datapointsToAlarm,
      AlarmSpec.MissingData missing) {
    return new AlarmSpec(name, metric, statistic, threshold, comparison, period, evaluationPeriods,
        datapointsToAlarm, missing);
  }

  ModelScenarios withSeed(long s) {
    seed = s;
    return this;
  }

  ModelScenarios withHorizon(double h) {
    horizon = h;
    return this;
  }

  ModelScenarios withInstances(int n) {
    instances = n;
    return this;
  }

  ModelScenarios withSizes(int min, int max) {
    minSize = min;
    maxSize = max;
    return this;
  }

  ModelScenarios withZones(String... z) {
    zones = List.of(z);
    return this;
  }

  ModelScenarios withCapacity(double rps) {
    capacity = rps;
    return this;
  }

  ModelScenarios withLaunchTime(Distribution d) {
    launchTime = d;
    return this;
  }

  ModelScenarios withLaunchTime(double seconds) {
    return withLaunchTime(Distribution.constant(seconds));
  }

  ModelScenarios withElbHealthChecks(double grace) {
    healthCheckType = FleetSpec.HealthCheckType.ELB;
    gracePeriod = grace;
    return this;
  }

  ModelScenarios withGracePeriod(double grace) {
    gracePeriod = grace;
    return this;
  }

  /** DefaultInstanceWarmup of the group (not enabled unless set). */
  ModelScenarios withDefaultInstanceWarmup(double seconds) {
    defaultInstanceWarmup = seconds;
    return this;
  }

  ModelScenarios withAsgCheckInterval(double s) {
    asgCheckInterval = s;
    return this;
  }

  ModelScenarios withHook(LifecycleHookSpec h) {
    hooks.add(h);
    return this;
  }

  ModelScenarios withWarmPool(WarmPoolSpec wp) {
    warmPool = wp;
    return this;
  }

  ModelScenarios withScheduledAction(double at, Integer min, Integer max, Integer desired) {
    scheduled.add(new FleetSpec.ScheduledAction(at, min, max, desired));
    return this;
  }

  ModelScenarios withClb() {
    // CLB defaults: interval 30 s, timeout 5 s, unhealthy 2, healthy 10; a new target needs the
    // healthy threshold (the model's stated assumption for CLB)
    lbType = LoadBalancerSpec.Type.CLB;
    healthCheck = new LoadBalancerSpec.HealthCheckSpec(30, 5, 10, 2, 10, FIRST_CHECK_10S);
    return this;
  }

  ModelScenarios withHealthCheck(double interval, double timeout, int healthy, int unhealthy, int initial,
      Distribution firstCheckDelay) {
    healthCheck = new LoadBalancerSpec.HealthCheckSpec(interval, timeout, healthy, unhealthy, initial, firstCheckDelay);
    return this;
  }

  ModelScenarios withDeregistrationDelay(double s) {
    deregistrationDelay = s;
    return this;
  }

  ModelScenarios withSlowStart(double s) {
    slowStart = s;
    return this;
  }

  ModelScenarios withDns(double ttl, double staleFraction, double staleMaxAge) {
    dns = new DnsSpec(ttl, staleFraction, staleMaxAge);
    return this;
  }

  ModelScenarios withTraffic(TrafficSpec.Pattern p) {
    traffic = p;
    return this;
  }

  ModelScenarios withRoutingInterval(double seconds) {
    routingInterval = seconds;
    return this;
  }

  ModelScenarios withRps(double rps) {
    return withTraffic(new TrafficSpec.Constant(rps));
  }

  ModelScenarios withVersion(VersionSpec v) {
    versions.put(v.id(), v);
    return this;
  }

  ModelScenarios withInitialVersion(String v) {
    initialVersion = v;
    return this;
  }

  ModelScenarios withDeployment(double at, String version, String type) {
    deployAt = at;
    deployVersion = version;
    strategyType = type;
    return this;
  }

  ModelScenarios withAlarm(AlarmSpec a) {
    alarms.add(a);
    return this;
  }

  ModelScenarios withFault(FaultSpec f) {
    faults.add(f);
    return this;
  }

  ModelScenarios withSampleInterval(double s) {
    sampleInterval = s;
    return this;
  }

  ModelScenarios withScaling(dev.deploysim.scenario.ScalingPolicySpec p) {
    scaling.add(p);
    return this;
  }

  ModelScenarios withSuspended(String process) {
    suspended.add(process);
    return this;
  }

  ModelScenarios withIdleTimeout(double s) {
    idleTimeout = s;
    return this;
  }

  ModelScenarios withSlo(double latencyP99) {
    slo = new dev.deploysim.scenario.SloSpec(latencyP99);
    return this;
  }

  /** Every version gets this response time (the latency model on). */
  ModelScenarios withResponseTime(Distribution d) {
    versions.replaceAll((id, v) -> new VersionSpec(v.id(), v.install(), v.start(), v.health(), v.errorRate(),
        v.capacityFactor(), d, v.warmUp()));
    return this;
  }

  ModelScenarios withResponseTime(double seconds) {
    return withResponseTime(Distribution.constant(seconds));
  }

  /** A version with a response time and a warm-up. */
  static VersionSpec warming(String id, double responseTime, double warmUpSeconds, double factor) {
    return new VersionSpec(id, Distribution.constant(30), Distribution.constant(10), new VersionSpec.Healthy(), 0, 1,
        Distribution.constant(responseTime), new VersionSpec.WarmUp(warmUpSeconds, factor));
  }

  Scenario build() {
    int min = minSize != null ? minSize : instances;
    int max = maxSize != null ? maxSize : instances;
    FleetSpec fleet = new FleetSpec(instances, min, max, zones, capacity, launchTime, healthCheckType, gracePeriod,
        asgCheckInterval, hooks, warmPool, null, scheduled, scaling, suspended, FleetSpec.DEFAULT_COOLDOWN,
        defaultInstanceWarmup, 0, 0, null, null);
    LoadBalancerSpec lb = new LoadBalancerSpec(lbType, healthCheck, deregistrationDelay, slowStart, idleTimeout);
    DeploymentSpec dep = new DeploymentSpec(deployAt, deployVersion,
        new StrategySpec(strategyType, new StrategyParams(Map.of(), Set.of())), DeploymentSpec.RollbackSpec.none());
    return new Scenario("model-test", "", seed, horizon, fleet, lb, dns, new TrafficSpec(traffic, 5, routingInterval), versions,
        initialVersion, dep, alarms, faults, new OutputSpec(sampleInterval), slo);
  }

  /** A world for the scenario, at time 0 in its steady state. */
  World world() {
    return new World(build(), false);
  }
}
