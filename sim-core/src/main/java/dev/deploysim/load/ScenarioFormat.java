package dev.deploysim.load;

import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyType;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.scenario.Limits;
import static dev.deploysim.format.ParamSpec.optional;
import static dev.deploysim.format.ParamSpec.required;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.ParamType.BooleanType;
import dev.deploysim.format.ParamType.DistributionType;
import dev.deploysim.format.ParamType.DurationType;
import dev.deploysim.format.ParamType.EnumType;
import dev.deploysim.format.ParamType.IntegerType;
import dev.deploysim.format.ParamType.ListType;
import dev.deploysim.format.ParamType.MapType;
import dev.deploysim.format.ParamType.NumberType;
import dev.deploysim.format.ParamType.ObjectType;
import dev.deploysim.format.ParamType.StringType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario file format, described once: every key, its type, its default and what it means.
 * The loader validates and binds files against this description, {@link ScenarioSchema} turns it
 * into the JSON Schema, and {@code sim strategies} can print it. Neither has a case for a key of
 * its own: what a key may hold is said here, with a {@link ParamType}.
 *
 * <p>Keys that take more than one shape have a {@link ParamType.OneOfType}: {@link #VERSION_HEALTH}
 * (a word or a mapping), {@link #HOOK_COMPLETES_AFTER} (a distribution or {@code never}). Mappings
 * whose keys depend on a {@code type} key are {@link ParamType.TaggedUnionType}s: the strategy
 * (its variants are the catalog's strategy types, so the whole format is {@link
 * #root(StrategyCatalog)}) and each fault ({@link #FAULT}). Keys that go together are rules of their
 * object ({@link ParamType.ObjectType#exactlyOneOf}). Defaults that depend on other keys (a load
 * balancer's health check by type and preset, {@code fleet.minSize}, an alarm's statistic ...) have
 * no static default here; their descriptions say how they are derived.
 *
 * <p>To add a top-level section: describe it as an {@link ParamType.ObjectType} constant (its keys
 * with {@code optional(...)} and {@code required(...)}), add one line for it in {@link
 * #root(ObjectType)}, and bind its values to a record in {@link ScenarioBinder}. The loader, the
 * schema ({@code ./sim schema > scenario.schema.json}) and help follow from the description.
 */
public final class ScenarioFormat {
  private ScenarioFormat() {}

  /**
   * The largest fleet a scenario may describe: 100,000 instances. AWS's own quotas are lower; the
   * bound keeps one run within a few GiB (docs/scale-out.md, "Large fleets").
   */
  public static final int MAX_INSTANCES = 100_000;

  /** The largest maxSize (and scheduled or warm-pool size): twice {@link #MAX_INSTANCES}, room for a surge. */
  public static final int MAX_GROUP_SIZE = 2 * MAX_INSTANCES;

  private static final double INF = Double.POSITIVE_INFINITY;

  /** Names of things that become file or folder names: letters, digits, '.', '_', '-'. */
  public static final String NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

  /** Characters such a name may have at most. */
  public static final int NAME_MAX_LENGTH = 100;

  /** A duration from 0 to the longest time a run simulates ({@link Limits#MAX_SECONDS}). */
  private static ParamType duration() {
    return new DurationType(0, Limits.MAX_SECONDS, false);
  }

  private static ParamType duration(double min, double max) {
    return new DurationType(min, max, false);
  }

  private static ParamType positiveNumber() {
    return new NumberType(0, INF);
  }

  private static ParamType aboveZero() {
    return NumberType.above(0);
  }

  /** Requests per second: from 0 to {@link Limits#MAX_RPS}, so that counts of requests stay exact. */
  private static ParamType rate() {
    return new NumberType(0, Limits.MAX_RPS);
  }

  private static ParamType text() {
    return new StringType();
  }

  private static ParamType distribution() {
    return new DistributionType();
  }

  private static ObjectType object(ParamSpec... fields) {
    return new ObjectType(List.of(fields));
  }

  /** The fields of {@code base} followed by {@code more}. */
  private static ObjectType extend(ObjectType base, ParamSpec... more) {
    List<ParamSpec> fields = new ArrayList<>(base.fields());
    fields.addAll(List.of(more));
    return new ObjectType(fields);
  }

  private static EnumType oneOf(String... values) {
    return new EnumType(List.of(values));
  }

  // ---- fleet ----------------------------------------------------------------------------------

  /** How long until a lifecycle hook's owner completes it: a distribution, or {@code never}. */
  public static final ParamSpec HOOK_COMPLETES_AFTER = optional("completesAfter",
      ParamType.OneOfType.of(distribution(), oneOf("never")), "never", null,
      "time from the hook firing until its owner completes it (a duration or distribution), or never: "
          + "the instance then waits for the heartbeat timeout; default never");

  public static final ObjectType LIFECYCLE_HOOK = object(
      optional("name", text(), null, "LifecycleHookName",
          "hook name; default launching-hook-1, launching-hook-2 ... (terminating-hook-N for terminate hooks)"),
      required("transition", oneOf("launching", "terminating"), "LifecycleTransition",
          "launching (EC2_INSTANCE_LAUNCHING: holds a new instance in Pending:Wait) or terminating "
              + "(EC2_INSTANCE_TERMINATING: holds a leaving instance in Terminating:Wait)"),
      optional("heartbeatTimeout", duration(30, 7200), 3600.0, "HeartbeatTimeout",
          "how long an instance waits in the hook when nobody completes it (AWS default 1h, range 30s..2h)"),
      optional("defaultResult", oneOf("ABANDON", "CONTINUE"), "ABANDON", "DefaultResult",
          "what happens at the heartbeat timeout: ABANDON (a launching instance is terminated) or CONTINUE"),
      HOOK_COMPLETES_AFTER,
      optional("result", oneOf("CONTINUE", "ABANDON"), "CONTINUE", "LifecycleActionResult",
          "the result the owner sends when it completes the hook"));

  public static final ObjectType WARM_POOL = object(
      optional("minSize", new IntegerType(0, MAX_INSTANCES), 0, "MinSize",
          "instances kept in the pool at least (AWS sets no minimum by default)"),
      optional("maxGroupPreparedCapacity", new IntegerType(0, MAX_GROUP_SIZE), null, "MaxGroupPreparedCapacity",
          "cap on group plus pool; when absent the pool holds maxSize - desired instances"),
      optional("state", oneOf("Stopped", "Running", "Hibernated"), "Stopped", "PoolState",
          "state of pooled instances"),
      optional("startTime", distribution(), null, null,
          "time for a pooled instance to run again; default 15s for Stopped and Hibernated, 0s for Running "
              + "(an assumption: AWS publishes no figure)"),
      optional("reuseOnScaleIn", new BooleanType(), false, "InstanceReusePolicy.ReuseOnScaleIn",
          "return instances to the pool on scale-in instead of terminating them"));

  public static final ObjectType SCHEDULED_ACTION = object(
      required("at", duration(), "StartTime", "when the action runs, from the start of the run"),
      optional("minSize", new IntegerType(0, MAX_GROUP_SIZE), null, "MinSize", "new minimum size; unchanged when absent"),
      optional("maxSize", new IntegerType(0, MAX_GROUP_SIZE), null, "MaxSize", "new maximum size; unchanged when absent"),
      optional("desired", new IntegerType(0, MAX_GROUP_SIZE), null, "DesiredCapacity",
          "new desired capacity; unchanged when absent (give at least one of the three)"))
      .atLeastOneOf("minSize", "maxSize", "desired");

  public static final ObjectType SCALING_STEP = object(
      optional("lower", new NumberType(Double.NEGATIVE_INFINITY, INF), null, "MetricIntervalLowerBound",
          "lower bound of the metric minus the alarm threshold (inclusive above the threshold); open when absent"),
      optional("upper", new NumberType(Double.NEGATIVE_INFINITY, INF), null, "MetricIntervalUpperBound",
          "upper bound of the metric minus the alarm threshold (exclusive above the threshold); open when absent"),
      required("adjustment", new IntegerType(-10000, 10000), "ScalingAdjustment",
          "capacity change for this step (negative to scale in)"));

  /** Policy types of fleet.scaling and the keys each takes besides type. */
  public static final Map<String, List<String>> SCALING_KEYS = Map.of(
      "target-tracking", List.of("metric", "target", "instanceWarmup", "disableScaleIn", "scaleOutDatapoints",
          "scaleInDatapoints"),
      "step", List.of("alarm", "adjustmentType", "steps", "instanceWarmup", "minAdjustmentMagnitude"),
      "simple", List.of("alarm", "adjustmentType", "adjustment", "cooldown", "minAdjustmentMagnitude"),
      "horizontal-pod-autoscaler", List.of("targetCPUUtilizationPercentage", "minReplicas", "maxReplicas",
          "tolerance", "syncPeriod", "scaleUpStabilizationWindow", "scaleDownStabilizationWindow", "scaleUpPods",
          "scaleUpPercent", "scaleDownPercent", "policyPeriod"));

  public static final ObjectType SCALING_POLICY = object(
      required("type", oneOf("target-tracking", "step", "simple", "horizontal-pod-autoscaler"), "PolicyType",
          "target-tracking (TargetTrackingScaling), step (StepScaling) or simple (SimpleScaling); "
              + "horizontal-pod-autoscaler for a Kubernetes Deployment (k8s.* types); the other keys depend on it"),
      optional("metric", oneOf("cpu", "requestCountPerTarget"), null, "PredefinedMetricType",
          "target-tracking: cpu (ASGAverageCPUUtilization, %) or requestCountPerTarget (ALBRequestCountPerTarget, "
              + "requests per target per minute)"),
      optional("target", positiveNumber(), null, "TargetValue", "target-tracking: the value to hold the metric at"),
      optional("instanceWarmup", duration(0, 3600), null, "EstimatedInstanceWarmup",
          "target-tracking and step: how long a new instance warms up (its metrics not counted, it counts toward "
              + "desired capacity, scale-in waits); default fleet.defaultInstanceWarmup, else fleet.defaultCooldown"),
      optional("disableScaleIn", new BooleanType(), false, "DisableScaleIn", "target-tracking: never scale in"),
      optional("scaleOutDatapoints", new IntegerType(1, 60), 3, null,
          "target-tracking: consecutive one-minute datapoints above the target before scaling out (AWS does not "
              + "publish its alarms' settings; 3 is what users observe)"),
      optional("scaleInDatapoints", new IntegerType(1, 60), 15, null,
          "target-tracking: consecutive one-minute datapoints below the target before scaling in (AWS does not "
              + "publish it; 15 is what users observe)"),
      optional("alarm", text(), null, "AlarmName", "step and simple: the name of an alarm in alarms that runs the policy"),
      optional("adjustmentType", oneOf("ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity"),
          "ChangeInCapacity", "AdjustmentType", "step and simple: how adjustments apply"),
      optional("steps", new ListType(SCALING_STEP, 1, 20), null, "StepAdjustments",
          "step: the step adjustments, bounds relative to the alarm's threshold"),
      optional("adjustment", new IntegerType(-10000, 10000), null, "ScalingAdjustment", "simple: the capacity change"),
      optional("cooldown", duration(0, 86400), null, "Cooldown", "simple: wait after an activity; default fleet.defaultCooldown"),
      optional("minAdjustmentMagnitude", new IntegerType(1, 10000), null, "MinAdjustmentMagnitude",
          "step and simple with PercentChangeInCapacity: the smallest change"),
      optional("targetCPUUtilizationPercentage", new NumberType(0, 10000, true), null,
          "targetCPUUtilizationPercentage",
          "horizontal-pod-autoscaler (required): the average CPU utilisation of the ready pods to hold, percent of "
              + "their CPU request (a pod at fleet.capacity requests/s is at 100%)"),
      optional("minReplicas", new IntegerType(1, MAX_INSTANCES), 1, "minReplicas",
          "horizontal-pod-autoscaler: the fewest replicas it sets (Kubernetes default 1)"),
      optional("maxReplicas", new IntegerType(1, MAX_INSTANCES), null, "maxReplicas",
          "horizontal-pod-autoscaler (required): the most replicas it sets"),
      optional("tolerance", new NumberType(0, 1, false), 0.1, "tolerance",
          "horizontal-pod-autoscaler: no change while utilisation / target is within 1 +- tolerance (Kubernetes "
              + "default 0.1)"),
      optional("syncPeriod", duration(1, 3600), 15.0, "--horizontal-pod-autoscaler-sync-period",
          "horizontal-pod-autoscaler: how often it looks at the metrics and sets the replicas (Kubernetes default "
              + "15s)"),
      optional("scaleUpStabilizationWindow", duration(0, 3600), 0.0,
          "behavior.scaleUp.stabilizationWindowSeconds",
          "horizontal-pod-autoscaler: scale up only to the lowest recommendation of this window (default 0s)"),
      optional("scaleDownStabilizationWindow", duration(0, 3600), 300.0,
          "behavior.scaleDown.stabilizationWindowSeconds",
          "horizontal-pod-autoscaler: scale down only to the highest recommendation of this window (default 300s)"),
      optional("scaleUpPods", new IntegerType(0, MAX_INSTANCES), 4, "behavior.scaleUp.policies[type=Pods]",
          "horizontal-pod-autoscaler: a scale-up adds at most this many pods per policyPeriod, or scaleUpPercent, "
              + "whichever allows more (default 4 pods)"),
      optional("scaleUpPercent", new NumberType(0, 10000, false), 100.0, "behavior.scaleUp.policies[type=Percent]",
          "horizontal-pod-autoscaler: a scale-up adds at most this percentage of the replicas per policyPeriod "
              + "(default 100%)"),
      optional("scaleDownPercent", new NumberType(0, 100, false), 100.0,
          "behavior.scaleDown.policies[type=Percent]",
          "horizontal-pod-autoscaler: a scale-down removes at most this percentage per policyPeriod (default 100%)"),
      optional("policyPeriod", duration(1, 1800), 15.0, "behavior.*.policies[].periodSeconds",
          "horizontal-pod-autoscaler: the period of the scale-up and scale-down policies (default 15s)"));

  public static final ObjectType PROTECTED = object(
      required("count", new IntegerType(0, MAX_INSTANCES), null, "instances of the fleet protected from scale in"),
      optional("until", duration(), null, "SetInstanceProtection",
          "when their protection is removed (from the start of the run); never when absent"));

  public static final ObjectType STANDBY = object(
      required("count", new IntegerType(0, MAX_INSTANCES), null, "instances in Standby at the start"),
      optional("until", duration(), null, "ExitStandby",
          "when they return to service (from the start of the run); never when absent"));

  public static final ObjectType FLEET = object(
      required("instances", new IntegerType(1, MAX_INSTANCES), "DesiredCapacity",
          "desired capacity of the Auto Scaling group: the baseline the deployment starts from"),
      optional("minSize", new IntegerType(0, MAX_INSTANCES), null, "MinSize", "minimum size; default: instances"),
      optional("maxSize", new IntegerType(1, MAX_GROUP_SIZE), null, "MaxSize", "maximum size; default: instances"),
      optional("zones", new ListType(text(), 1, 26, true), List.of("a"), "AvailabilityZones",
          "Availability Zones, each named once; instances are spread evenly over them"),
      optional("capacity", new NumberType(0, Limits.MAX_RPS, true), 100.0, null,
          "requests per second one instance serves (times the version's capacityFactor); must be > 0, at most 1e9"),
      optional("launchTime", distribution(), new Distribution.LogNormal(40, 90), null,
          "time from a launch request until the instance's OS has booted (an assumption: AWS publishes no "
              + "launch time)"),
      optional("healthCheckType", oneOf("EC2", "ELB"), "EC2", "HealthCheckType",
          "EC2: the group replaces instances that fail EC2 status checks; ELB: also those the load balancer "
              + "finds unhealthy"),
      optional("healthCheckGracePeriod", duration(), 300.0, "HealthCheckGracePeriod",
          "time after an instance comes into service before ELB health counts (the console default; "
              + "the API default is 0s)"),
      optional("healthCheckInterval", duration(1, 3600), 10.0, null,
          "how often the group looks at instance health (an assumption: AWS does not document the period)"),
      optional("lifecycleHooks", new ListType(LIFECYCLE_HOOK, 0, 50), List.of(), "LifecycleHookSpecificationList",
          "lifecycle hooks, in the order they run"),
      optional("warmPool", WARM_POOL, null, "WarmPool", "a warm pool of pre-initialized instances; none when absent"),
      optional("hourlyPrice", new NumberType(0, Limits.MAX_HOURLY_PRICE), null, null,
          "price of one instance-hour in USD, for the cost summary (at most 100000); no cost in USD when absent"),
      optional("scheduledActions", new ListType(SCHEDULED_ACTION, 0, 1000), List.of(), "ScheduledActions",
          "scheduled changes of minSize, maxSize and desired capacity"),
      optional("scaling", new ListType(SCALING_POLICY, 0, 50), List.of(), "ScalingPolicies",
          "dynamic scaling policies of the group (at most 50)"),
      optional("suspendedProcesses", new ListType(oneOf("Launch", "Terminate", "HealthCheck", "ReplaceUnhealthy",
          "AZRebalance", "AlarmNotification", "ScheduledActions", "AddToLoadBalancer", "InstanceRefresh"), 0, 9),
          List.of(), "SuspendedProcesses", "Auto Scaling processes suspended for the whole run"),
      optional("defaultCooldown", duration(0, 86400), 300.0, "DefaultCooldown",
          "cooldown of simple scaling policies, and the warm-up of policies that give none when "
              + "defaultInstanceWarmup is not set (AWS default 300s)"),
      optional("defaultInstanceWarmup", duration(0, 3600), null, "DefaultInstanceWarmup",
          "time after a new instance enters InService before it counts as warmed up (0s..1h): its metrics are "
              + "left out of the group's aggregated metrics (cpu), it is the warm-up of scaling policies and the "
              + "InstanceWarmup of an instance refresh that give none, and unhealthy-instance replacement waits for "
              + "it; not enabled when absent (AWS's default), and then those fall back to defaultCooldown and "
              + "healthCheckGracePeriod"),
      optional("protectedFromScaleIn", ParamType.OneOfType.of(new IntegerType(0, MAX_INSTANCES), PROTECTED), 0,
          "ProtectedFromScaleIn",
          "instances of the fleet (the first ones) protected from scale in at the start (SetInstanceProtection): "
              + "a count, or {count, until} to remove the protection at a time; scale-in skips them; an instance "
              + "refresh treats them as its scaleInProtectedInstances says"),
      optional("standby", ParamType.OneOfType.of(new IntegerType(0, MAX_INSTANCES), STANDBY), 0, "EnterStandby",
          "instances in Standby at the start, besides the desired capacity (put there with EnterStandby, which "
              + "decrements the desired capacity): a count, or {count, until} to return them to service at a time "
              + "(ExitStandby, which increments it: instances + count must fit maxSize); billed, not registered "
              + "with the load balancer, not health checked; an instance refresh treats them as its "
              + "standbyInstances says"));

  // ---- load balancer --------------------------------------------------------------------------

  public static final ObjectType HEALTH_CHECK = object(
      optional("interval", duration(5, 300), null, "HealthCheckIntervalSeconds",
          "time between checks of one target; default 30s (elastic-beanstalk preset: 15s for alb, 10s for clb)"),
      optional("timeout", duration(2, 120), null, "HealthCheckTimeoutSeconds",
          "time before an unanswered check fails; must be shorter than interval (clb: at most 60s); default 5s"),
      optional("healthyThreshold", new IntegerType(2, 10), null, "HealthyThresholdCount",
          "consecutive passes that make an unhealthy target healthy; default 5 for alb, 10 for clb "
              + "(elastic-beanstalk preset: 3)"),
      optional("unhealthyThreshold", new IntegerType(2, 10), null, "UnhealthyThresholdCount",
          "consecutive failures that make a healthy target unhealthy; default 2 (elastic-beanstalk preset: 5)"),
      optional("initialHealthyThreshold", new IntegerType(1, 10), null, null,
          "passes a newly registered target needs: 1 for alb (AWS: one check after registration); for clb "
              + "the healthyThreshold (an assumption)"),
      optional("firstCheckDelay", distribution(), null, null,
          "time from registration to a target's first check; default: uniformly random within one interval"));

  public static final ObjectType LOAD_BALANCER = object(
      optional("type", oneOf("alb", "clb"), "alb", "Type",
          "alb (Application Load Balancer) or clb (Classic Load Balancer); picks the defaults AWS uses"),
      optional("preset", oneOf("aws", "elastic-beanstalk"), "aws", null,
          "aws: the load balancer's own defaults; elastic-beanstalk: the settings Elastic Beanstalk gives the "
              + "load balancers it creates (alb: interval 15s, timeout 5s, thresholds 3/5, deregistration 20s; "
              + "clb: interval 10s, timeout 5s, thresholds 3/5, draining 20s)"),
      optional("healthCheck", HEALTH_CHECK, null, null, "target health checks; defaults by type and preset"),
      optional("deregistrationDelay", duration(0, 3600), null, "deregistration_delay.timeout_seconds",
          "time a deregistered target keeps draining (clb: connection draining timeout); default 300s "
              + "(elastic-beanstalk preset: 20s)"),
      optional("slowStart", duration(0, 900), 0.0, "slow_start.duration_seconds",
          "linear ramp of a newly healthy target's share of requests: 0s (off) or 30s..15m; alb only"),
      optional("idleTimeout", duration(1, 4000), 60.0, "idle_timeout.timeout_seconds",
          "time a request may wait for the target's answer before the load balancer answers 504 (AWS default "
              + "60s, range 1s..4000s); only matters with versions' responseTime"));

  public static final ObjectType ROUTE53_HEALTH_CHECK = dev.deploysim.scenario.DnsRecordSpec.HealthCheckSpec.FORMAT;

  public static final ObjectType DNS_RECORD = object(
      required("type", oneOf("failover", "weighted"), "routing policy",
          "failover (PRIMARY while healthy, else SECONDARY) or weighted (weight / sum of weights, unhealthy "
              + "records leave the rotation)"),
      optional("role", oneOf("PRIMARY", "SECONDARY"), null, "Failover",
          "failover records: PRIMARY or SECONDARY (one of each)"),
      optional("weight", new IntegerType(0, 255), null, "Weight", "weighted records: 0..255"),
      required("target", text(), "AliasTarget", "the load balancer (a key of loadBalancers) this record is an alias of"),
      optional("healthCheck", ROUTE53_HEALTH_CHECK, null, "HealthCheckId",
          "a Route 53 health check of the target; without one (and without evaluateTargetHealth) the record "
              + "is always healthy"),
      optional("evaluateTargetHealth", new BooleanType(), false, "EvaluateTargetHealth",
          "the alias record is unhealthy while its load balancer has a target group with targets and none "
              + "healthy, or a target group without targets"));

  public static final ObjectType DNS = object(
      optional("ttl", duration(0, 172800), 60.0, "TTL",
          "time clients cache an answer (60s: the TTL of load balancer alias records)"),
      optional("staleClientFraction", new NumberType(0, 1), 0.05, null,
          "share of clients that keep a cached answer past its TTL (an assumption)"),
      optional("staleClientMaxAge", duration(), 900.0, null,
          "how long those clients keep an answer at most; at least ttl"),
      optional("records", new ListType(DNS_RECORD, 1, 10), null, "ResourceRecordSets",
          "Route 53 records of the name: failover (one PRIMARY, one SECONDARY) or weighted, aliases of "
              + "loadBalancers, with health checks; without records the name is an alias of the deployed "
              + "environment's load balancer"),
      optional("propagation", distribution(), new Distribution.Uniform(0, 60), null,
          "time from a health check's change of status until Route 53's name servers answer accordingly "
              + "(AWS: generally within 60s; the spread below that is an assumption)"));

  // ---- regions, named fleets and load balancers, database ------------------------------------------

  public static final ObjectType NAMED_FLEET = extend(FLEET,
      optional("region", text(), null, null, "the region of the fleet, one of regions; default: the first"));

  public static final ObjectType NAMED_LOAD_BALANCER = extend(LOAD_BALANCER,
      optional("region", text(), null, null, "the region of the load balancer; default: its fleet's"),
      optional("fleet", text(), null, null, "the fleet behind it, a key of fleets; may be left out with one fleet"));

  /** database.crossRegionReadReplica (docs/resilience.md#regional-outages-and-rds). */
  public static final ObjectType READ_REPLICA = object(
      required("region", text(), null, "the replica's region, one of regions, another than the primary's"),
      optional("promoteAfter", duration(), 300.0, null,
          "time from the primary's region failing until the replica's promotion is started: a person's or a "
              + "runbook's decision, AWS does not promote a read replica by itself (default 5m, an assumption: an "
              + "alarm, a page and a decision)"),
      optional("promotionTime", distribution(), new Distribution.Uniform(300, 600), null,
          "time from the promotion's start until the replica takes writes; AWS reboots the instance before it is "
              + "available and publishes no duration (default {uniform: [5m, 10m]}, an assumption)"),
      optional("replicationLag", duration(), 10.0, null,
          "how far the replica is behind the primary, the writes a promotion loses (the RPO); replication is "
              + "asynchronous and AWS gives no typical lag for a cross-region replica (default 10s, an "
              + "assumption: set what your replica's lag is)"));

  /** database.crossRegionBackups (docs/resilience.md#regional-outages-and-rds). */
  public static final ObjectType CROSS_REGION_BACKUPS = object(
      required("region", text(), null, "the region the backups are copied to, one of regions, another than the "
          + "primary's"),
      optional("restoreAfter", duration(), 300.0, null,
          "time from the primary's region failing until the restore there is started: a person's or a runbook's "
              + "decision (default 5m, an assumption, as crossRegionReadReplica.promoteAfter); the restore then takes "
              + "restoreTime and loses backupRpo"));

  public static final ObjectType DATABASE = object(
      required("engine", oneOf("rds-single-az", "rds-multi-az", "rds-multi-az-cluster", "aurora", "aurora-global"),
          null, "rds-single-az (no standby: restored from a backup), rds-multi-az (one standby, failover "
              + "60s..120s), rds-multi-az-cluster (two readable standbys, failover under 35s), aurora "
              + "(replicas: under 60s; none: the writer is recreated, under 10m), aurora-global (aurora plus a "
              + "secondary region promoted when the primary's region fails)"),
      optional("region", text(), null, null, "the region of the primary, one of regions; default: the first"),
      optional("zone", text(), null, null,
          "the Availability Zone of the primary: a zoneOutage there fails it; default: the first zone of the "
              + "deployed fleet"),
      optional("replicas", new IntegerType(0, 15), 1, null,
          "Aurora replicas (aurora, aurora-global): with at least one a replica is promoted, with none the "
              + "writer is recreated"),
      optional("failoverTime", distribution(), null, null,
          "time from the primary's failure until a new primary takes writes; default by engine: "
              + "rds-multi-az {uniform: [60s, 120s]} (AWS: typically 60-120 s), rds-multi-az-cluster "
              + "{uniform: [20s, 35s]} (AWS: typically under 35 s; the lower bound is an assumption), aurora "
              + "{uniform: [10s, 60s]} (AWS: under 60 s, often under 30 s; the lower bound is an assumption), "
              + "aurora without replicas {uniform: [5m, 10m]} (AWS: under 10 minutes; the lower bound is an "
              + "assumption); not for rds-single-az"),
      optional("restoreTime", distribution(), 7200.0, null,
          "rds-single-az: time to restore from a backup when the primary fails (default 2h, an assumption: "
              + "AWS publishes no restore time)"),
      optional("endpointTtl", duration(), 5.0, null,
          "seconds the application caches the database endpoint's DNS answer (Aurora: 5s, documented; RDS: "
              + "5s, not documented by AWS)"),
      optional("secondaryRegion", text(), null, null,
          "aurora-global: the region of the secondary cluster, one of regions (required for aurora-global)"),
      optional("globalFailoverTime", distribution(), new Distribution.Uniform(60, 300), null,
          "aurora-global: time to detach and promote the secondary region after the primary's region fails "
              + "(AWS: RTO in the order of minutes; 1m..5m is an assumption)"),
      optional("replicationLag", duration(), 1.0, null,
          "aurora-global: age of the last write the secondary region has, the RPO of an unplanned failover "
              + "(AWS: typically under a second)"),
      optional("backupRpo", duration(), 300.0, null,
          "rds-single-az: writes lost by a restore to the latest restorable time (default 5m, an assumption)"),
      optional("crossRegionReadReplica", READ_REPLICA, null, null,
          "rds-single-az, rds-multi-az, rds-multi-az-cluster: a read replica in another region, promoted when the "
              + "primary's region fails: {region, promoteAfter: 5m, promotionTime: {uniform: [5m, 10m]}, "
              + "replicationLag: 10s} (defaults are assumptions: AWS documents no promotion time)"),
      optional("crossRegionBackups", CROSS_REGION_BACKUPS, null, null,
          "rds-single-az: backups copied to another region, restored there when the primary's region fails: "
              + "{region, restoreAfter: 5m}, then restoreTime, losing backupRpo (assumptions, as restoreTime)"));

  // ---- traffic --------------------------------------------------------------------------------

  public static final ObjectType TRAFFIC_STEP = object(
      required("at", duration(), null, "when this demand starts; steps are in time order"),
      required("rps", rate(), null, "requests per second from then on (at most 1e9)"));

  public static final ObjectType DIURNAL = object(
      required("mean", rate(), null, "average demand in requests per second"),
      required("amplitude", rate(), null, "peak minus mean, in requests per second; mean + amplitude at most 1e9"),
      optional("period", duration(1, Limits.MAX_SECONDS), 86400.0, null, "length of one cycle"),
      optional("peakAt", duration(), 50400.0, null, "time of the peak within the cycle (default 14h)"));

  public static final ObjectType TRAFFIC_PATTERN = object(
      optional("constant", rate(), null, null, "constant demand in requests per second (at most 1e9)"),
      optional("steps", new ListType(TRAFFIC_STEP, 1, 100_000), null, null,
          "piecewise-constant demand: each step holds until the next; before the first step's time the "
              + "first step's rps applies"),
      optional("diurnal", DIURNAL, null, null,
          "daily wave: mean + amplitude * cos(2 pi (t - peakAt) / period), never below 0"))
      .exactlyOneOf("constant", "steps", "diurnal");

  public static final ObjectType TRAFFIC = object(
      optional("rps", rate(), null, null,
          "constant demand in requests per second, at most 1e9 (or give a pattern)"),
      optional("pattern", TRAFFIC_PATTERN, null, null, "demand over time: exactly one of constant, steps, diurnal"),
      optional("resolution", duration(0.1, 3600), 5.0, null,
          "time between demand updates for patterns that vary continuously"),
      optional("routingInterval", duration(0, 60), 0.0, null,
          "0s: requests are re-routed at every change (exact); a positive interval re-routes at most once "
              + "per interval, at its multiples, so a change reaches the traffic up to that much later. Routing "
              + "costs time linear in the fleet, so very large fleets (tens of thousands) run much faster with "
              + "1s-5s"))
      .exactlyOneOf("rps", "pattern");

  // ---- versions -------------------------------------------------------------------------------

  /** The mapping form of {@link #VERSION_HEALTH}. */
  public static final ObjectType FAILING_AFTER = object(
      required("failingAfter", duration(), null, "time after the application starts when health checks begin to fail"));

  /** healthy, failing, or {failingAfter: duration}. */
  public static final ParamSpec VERSION_HEALTH = optional("health",
      ParamType.OneOfType.of(oneOf("healthy", "failing"), FAILING_AFTER), "healthy", null,
      "healthy; failing (never passes a health check); or {failingAfter: 10m} (passes, then fails that long "
          + "after it started)");

  public static final ObjectType WARM_UP = object(
      required("duration", duration(), null, "how long after the application starts the caches are cold"),
      required("capacityFactor", new NumberType(0, 1), null,
          "share of the instance's capacity while cold, above 0 and at most 1"));

  public static final ObjectType VERSION = object(
      optional("install", distribution(), Distribution.constant(30), null, "time to install on an instance"),
      optional("start", distribution(), Distribution.constant(10), null,
          "time from installed until the application accepts requests"),
      VERSION_HEALTH,
      optional("errorRate", new NumberType(0, 1), 0.0, null,
          "share of the requests it serves that fail, even while it passes health checks"),
      optional("capacityFactor", new NumberType(0, Limits.MAX_CAPACITY_FACTOR, true), 1.0, null,
          "multiplies fleet.capacity for instances running this version; must be > 0, at most 1000"),
      optional("responseTime", distribution(), null, null,
          "time to answer one request on an idle instance (a duration, or a distribution over requests); "
              + "turns on the latency model: requests queue on a busy instance instead of failing above its "
              + "capacity, and those that would wait longer than loadBalancer.idleTimeout fail (504). Once one "
              + "version has it, every version needs it"),
      optional("warmUp", WARM_UP, null, null,
          "cold start: for duration after the application starts, each request needs 1/capacityFactor times "
              + "the work (capacity x capacityFactor, response time / capacityFactor); none when absent"),
      optional("healthCheckTime", distribution(), null, null,
          "how long its health endpoint takes to answer a load balancer health check (a duration, or a "
              + "distribution over checks): a check answered later than loadBalancer.healthCheck.timeout fails, "
              + "and a check's result counts when its answer arrives; at once when absent"));

  public static final ParamSpec VERSIONS = required("versions", new MapType(null, VERSION), null,
      "application versions by id (letters, digits, '.', '_', '-'), at least two, in the order listed");

  // ---- deployment -----------------------------------------------------------------------------

  private static final ParamSpec STRATEGY_TYPE = required("type", text(), null,
      "strategy type, e.g. eb.rolling (`sim strategies` lists them)");

  /** The strategy key, its variants the given strategy types: {@code type} plus that type's parameters. */
  public static ParamSpec strategy(List<ParamType.TaggedUnionType.Variant> types) {
    return required("strategy", new ParamType.TaggedUnionType("strategy", "parameter", STRATEGY_TYPE, List.of(),
        types, "{type: eb.rolling, batchSize: 2}"), null, "the strategy: type plus that type's parameters beside it");
  }

  /** The types of a catalog as variants of the strategy key. */
  public static List<ParamType.TaggedUnionType.Variant> strategyTypes(StrategyCatalog catalog) {
    List<ParamType.TaggedUnionType.Variant> types = new ArrayList<>();
    for (StrategyType t : catalog.all()) {
      StrategyDescription d = t.description();
      types.add(new ParamType.TaggedUnionType.Variant(d.name(), d.models() + ": " + d.summary(), d.params(),
          d.rules(), d.cases()));
    }
    return types;
  }

  /** The strategy key without strategy types (for help about the format itself; see {@link #root(StrategyCatalog)}). */
  public static final ParamSpec STRATEGY = strategy(List.of());

  public static final ObjectType ROLLBACK = object(
      optional("onFailure", new BooleanType(), null, "AutoRollbackConfiguration",
          "roll back automatically when the deployment fails; default: the strategy's default. Where the platform "
              + "always rolls back (eb.immutable) only true is accepted, where it never does (eb.rolling) only "
              + "false; `sim strategies TYPE` says which"),
      optional("onAlarms", new ListType(text(), 0, 10, true), List.of(), "AlarmConfiguration",
          "names of alarms that stop and roll back the deployment when they go to ALARM (at most 10, as "
              + "CodeDeploy allows; only for strategies that can act on alarms)"));

  private static ObjectType deployment(ParamSpec strategy) {
    return object(
        optional("at", duration(), 300.0, null, "when the deployment starts, from the start of the run"),
        required("version", text(), null, "the version to deploy; not the initial version"),
        strategy,
        optional("rollback", ROLLBACK, null, null, "automatic rollback settings"),
        optional("target", ParamType.OneOfType.of(text(), new ListType(text(), 1, 100, true)), null, null,
            "with fleets: the fleet to deploy (a key of fleets), or a list of fleets deployed one after the other in "
                + "that order, each by its own run of the strategy; default: every fleet, in the order of regions "
                + "(file order within a region), the next one starting when the previous one succeeded; a failure or "
                + "rollback stops there and the fleets after it keep the old version"),
        optional("bakeTime", duration(), 0.0, null,
            "with several fleets: how long to wait after a fleet succeeded before the next one starts (a "
                + "pipeline's wait between regions); an alarm of bakeAlarms going to ALARM meanwhile stops the "
                + "sequence there, the baked fleet keeping the new version"),
        optional("bakeAlarms", new ListType(text(), 0, 1000, true), null, null,
            "the alarms a bake watches (names in alarms); default: every alarm"));
  }

  public static final ObjectType DEPLOYMENT = deployment(STRATEGY);

  // ---- alarms ---------------------------------------------------------------------------------

  public static final ObjectType ALARM = object(
      required("name", text(), "AlarmName", "alarm name, unique; deployment.rollback.onAlarms refers to it"),
      required("metric", new EnumType(metricKeys()), "MetricName",
          "errorRate (failed / offered requests), failedRequests, requests, healthyHosts, unhealthyHosts, "
              + "newVersionErrorRate (failed / handled requests of the deployed version's instances), cpu "
              + "(CPUUtilization %: served requests over capacity, averaged over the InService instances), "
              + "requestCountPerTarget (requests per target, Sum per period), latencyP50, latencyP99 (seconds, "
              + "needs versions' responseTime)"),
      optional("statistic", oneOf("Average", "Sum", "Minimum", "Maximum"), null, "Statistic",
          "aggregation over a period; default Average for rates, Sum for request counts, Minimum for "
              + "healthyHosts, Maximum for unhealthyHosts"),
      required("threshold", new NumberType(Double.NEGATIVE_INFINITY, INF), "Threshold",
          "the value compared with each datapoint"),
      optional("comparison", oneOf("GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold",
          "LessThanOrEqualToThreshold"), "GreaterThanThreshold", "ComparisonOperator", "comparison operator"),
      optional("period", duration(10, 86400), 60.0, "Period", "time per datapoint (at least 10s)"),
      optional("evaluationPeriods", new IntegerType(1, 1000), 1, "EvaluationPeriods", "N: datapoints considered"),
      optional("datapointsToAlarm", new IntegerType(1, 1000), null, "DatapointsToAlarm",
          "M of N datapoints that must breach; 1..evaluationPeriods; default evaluationPeriods"),
      optional("treatMissingData", oneOf("missing", "breaching", "notBreaching", "ignore"), "missing",
          "TreatMissingData", "what a period without data counts as"));

  private static List<String> metricKeys() {
    List<String> keys = new ArrayList<>();
    for (AlarmSpec.Metric m : AlarmSpec.Metric.values()) {
      keys.add(m.key());
    }
    return keys;
  }

  // ---- faults ---------------------------------------------------------------------------------

  private static final ParamSpec FAULT_AT = required("at", duration(), null, "when the fault starts, from the start of the run");
  private static final ParamSpec FAULT_ZONE_REQUIRED = required("zone", text(), null, "the zone that fails; one of fleet.zones");
  private static final ParamSpec FAULT_DURATION = required("duration", duration(), null, "how long the fault lasts");

  /** Fault types and their keys (besides at and type), in the order help lists them. */
  public static final ParamType.TaggedUnionType FAULT = new ParamType.TaggedUnionType("fault", "key",
      required("type", text(), null, "zoneOutage, instanceFailure, launchFailures, slowBoots, agentFailure, regionOutage or "
          + "databaseFailure; the other keys depend on it"),
      List.of(FAULT_AT), List.of(
          new ParamType.TaggedUnionType.Variant("zoneOutage",
              "an Availability Zone stops: its instances fail and launches there fail until it returns",
              List.of(FAULT_ZONE_REQUIRED, FAULT_DURATION, optional("region", text(), null, null,
                  "the zone's region (zone names repeat in every region): required when the file has several regions, "
                  + "the only one by default"))),
          new ParamType.TaggedUnionType.Variant("instanceFailure",
              "instances fail their EC2 status checks (picked at random among running instances)", List.of(
                  optional("count", new IntegerType(1, MAX_INSTANCES), 1, null, "how many instances fail"),
                  optional("version", text(), null, null, "only instances running this version; any when absent"),
                  optional("zone", text(), null, null, "only instances in this zone; any when absent"))),
          new ParamType.TaggedUnionType.Variant("launchFailures",
              "each launch attempt fails with a probability for a while", List.of(
                  required("probability", new NumberType(0, 1), null, "chance that each launch attempt fails"),
                  FAULT_DURATION)),
          new ParamType.TaggedUnionType.Variant("slowBoots", "launch times are multiplied by a factor for a while",
              List.of(required("factor", new NumberType(1, 1000, true), null, "multiplies launch times; must be > 1, at most 1000"),
                  FAULT_DURATION)),
          new ParamType.TaggedUnionType.Variant("agentFailure",
              "the management agent (AWS OpsWorks Stacks) stops on instances, or does not start on booting ones "
                  + "for a while; the applications keep running", List.of(
                  optional("count", new IntegerType(0, 1000), 1, null,
                      "how many in-service instances' agents stop (0 with duration: only booting instances are hit)"),
                  optional("version", text(), null, null, "only instances running this version; any when absent"),
                  optional("zone", text(), null, null, "only instances in this zone; any when absent"),
                  optional("duration", duration(), null, null,
                      "for this long the agent of every instance that boots does not start either (a wrong "
                          + "instance profile role); none when absent"))),
          new ParamType.TaggedUnionType.Variant("regionOutage",
              "a region stops: its instances, load balancers and database primary fail, launches there fail until "
                  + "it returns",
              List.of(required("region", text(), null, "the region that fails; one of regions"), FAULT_DURATION)),
          new ParamType.TaggedUnionType.Variant("databaseFailure",
              "the database's primary fails; the engine fails over (or restores from a backup)",
              List.of(FAULT_DURATION))),
      "{at: 10m, type: zoneOutage, zone: a, duration: 5m}");

  public static final ParamSpec FAULTS = optional("faults", new ListType(FAULT, 0, 1000), List.of(), null,
      "faults injected during the run, each {at, type, ...}");

  // ---- output and root ------------------------------------------------------------------------

  public static final ObjectType OUTPUT = object(
      optional("sampleInterval", duration(1, Limits.MAX_SECONDS), 5.0, null,
          "simulated time between rows of timeseries.csv; a run has at most 1,000,000 rows (horizon / sampleInterval)"));

  public static final ObjectType SLO = object(
      required("latencyP99", duration(0.001, Limits.MAX_SECONDS), null,
          "the 99th percentile of request latency each sample interval should stay at or below"));

  // ---- budgets ------------------------------------------------------------------------------------

  public static final ObjectType BUDGETS = object(
      optional("maxDuration", duration(), null, null,
          "the deployment, rollback included, must finish within this (summary deployment.durationSeconds); one "
              + "still running at the horizon exceeds it"),
      optional("minCapacityPercent", new NumberType(0, 100), null, null,
          "serving capacity must stay at or above this % of the baseline while the deployment runs (summary "
              + "capacity.minCapacityPercent); needs a fleet"),
      optional("maxFailedRequests", new IntegerType(0, Long.MAX_VALUE), null, null,
          "failed requests over the run at most (summary traffic.failedRequests)"),
      optional("maxDowntime", duration(), null, null,
          "time with demand and not one successful request at most (summary traffic.downtimeSeconds)"),
      optional("maxLatencyP99", duration(), null, null,
          "99th percentile latency of the run's requests at most (summary latency.p99Seconds); without a latency "
              + "model (no version has a responseTime) sim check reports it as not measurable, neither passed nor "
              + "failed"),
      optional("maxExtraInstanceHours", positiveNumber(), null, null,
          "instance-hours above the baseline at most (summary cost.extraInstanceHours); needs a fleet"),
      optional("maxCostUsd", positiveNumber(), null, null,
          "cost of the run in USD at most (summary cost.usd); needs fleet.hourlyPrice"),
      optional("confidence", new NumberType(0, 1), 1.0, null,
          "with sim check --replications: the share of runs in which each budget must hold, above 0 and at most "
              + "1 (default 1: every run)"));

  public static final ParamSpec NAME = required("name", text(), null,
      "names the output folder: letters, digits, '.', '_', '-', starting with a letter or digit");

  /** The whole format, the strategy types those of the catalog. */
  public static ObjectType root(StrategyCatalog catalog) {
    return root(deployment(strategy(strategyTypes(catalog))));
  }

  /** The whole format without strategy types: the keys and their help, for tools that do not run scenarios. */
  public static final ObjectType ROOT = root(DEPLOYMENT);

  /** The top-level sections, in the order help and the schema list them. */
  private static ObjectType root(ObjectType deployment) {
    return object(
        NAME,
        optional("description", text(), "", null, "one line shown in reports"),
        optional("seed", new IntegerType(0, Long.MAX_VALUE), 1L, null,
            "random seed; the same file and seed give byte-identical outputs"),
        optional("horizon", duration(), null, null,
            "end of the simulation; must be later than deployment.at and at most 30 days (720h), like every time "
                + "of the format; default: the deployment's end plus 10m (the deployment may run 7 days at most)"),
        optional("regions", new ListType(text(), 1, 10), null, null,
            "region names, e.g. [us-east-1, eu-west-1]; without it one region"),
        optional("fleet", FLEET, null, null,
            "the Auto Scaling group behind the load balancer; required unless the strategy is serverless or "
                + "fleets is given"),
        optional("fleets", new MapType(null, NAMED_FLEET), null, null,
            "several named Auto Scaling groups, each in a region (instead of fleet)"),
        optional("loadBalancer", LOAD_BALANCER, null, null, "the load balancer in front of the fleet"),
        optional("loadBalancers", new MapType(null, NAMED_LOAD_BALANCER), null, null,
            "several named load balancers, each in front of one of fleets (instead of loadBalancer)"),
        optional("dns", DNS, null, null, "DNS for the application's name (strategies that swap DNS use it)"),
        required("traffic", TRAFFIC, null, "client demand: rps or a pattern"),
        VERSIONS,
        optional("initialVersion", text(), null, null,
            "the version serving when the run starts; default: the first listed"),
        required("deployment", deployment, null, "the deployment to simulate"),
        optional("alarms", new ListType(ALARM, 0, 1000), List.of(), null, "CloudWatch metric alarms"),
        optional("database", DATABASE, null, null,
            "a database the application depends on: while it has no writable primary, requests fail"),
        FAULTS,
        optional("output", OUTPUT, null, null, "measurement settings"),
        optional("slo", SLO, null, null,
            "service level objective counted in the summary (latency.sloViolationSeconds); needs versions' "
                + "responseTime"),
        optional("budgets", BUDGETS, null, null,
            "limits sim check tests the run against (exit code 3 when one is exceeded); sim run ignores them"));
  }
}
