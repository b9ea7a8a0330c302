package dev.deploysim.cli.importer;

import dev.deploysim.load.ScenarioError;
import dev.deploysim.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A CloudFormation template: the Auto Scaling group (sizes, zones, health checks, lifecycle hooks),
 * its UpdatePolicy and CreationPolicy, its target group or Classic Load Balancer, and a CodeDeploy
 * deployment group that deploys to it, with the alarms that group watches.
 * Group properties: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-autoscaling-autoscalinggroup.html
 * UpdatePolicy: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatepolicy.html
 * CreationPolicy: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-creationpolicy.html
 */
final class CloudFormationImport {
  static final String GROUP = "AWS::AutoScaling::AutoScalingGroup";
  static final String HOOK = "AWS::AutoScaling::LifecycleHook";
  static final String TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";
  static final String CLASSIC_LB = "AWS::ElasticLoadBalancing::LoadBalancer";
  static final String DEPLOYMENT_GROUP = "AWS::CodeDeploy::DeploymentGroup";
  static final String DEPLOYMENT_CONFIG = "AWS::CodeDeploy::DeploymentConfig";
  static final String ALARM = "AWS::CloudWatch::Alarm";
  static final String SUBNET = "AWS::EC2::Subnet";

  /** Resources read for the scenario; the rest are counted in one line. */
  static final Set<String> READ = Set.of(GROUP, HOOK, TARGET_GROUP, CLASSIC_LB, DEPLOYMENT_GROUP, DEPLOYMENT_CONFIG,
      ALARM, SUBNET);

  static final List<String> ROLLING_KEYS = List.of("MaxBatchSize", "MinInstancesInService",
      "MinSuccessfulInstancesPercent", "PauseTime", "SuspendProcesses", "WaitOnResourceSignals",
      "MinActiveInstancesPercent");
  static final List<String> UPDATE_POLICY_KEYS = List.of("AutoScalingRollingUpdate", "AutoScalingReplacingUpdate",
      "AutoScalingScheduledAction", "CodeDeployLambdaAliasUpdate", "EnableVersionUpgrade", "UseOnlineResharding");
  static final List<String> PROCESSES = List.of("Launch", "Terminate", "AddToLoadBalancer", "AlarmNotification",
      "AZRebalance", "HealthCheck", "InstanceRefresh", "ReplaceUnhealthy", "ScheduledActions");
  /** Group properties that change how a real group behaves but are not simulated. */
  static final List<String> NOT_SIMULATED = List.of("Cooldown", "TerminationPolicies",
      "MaxInstanceLifetime", "CapacityRebalance", "NewInstancesProtectedFromScaleIn", "MixedInstancesPolicy",
      "DesiredCapacityType", "InstanceMaintenancePolicy");

  private final ImportSession s;
  private final StrategyCatalog catalog;
  private final CfnTemplate t;
  private final SourceFile file;

  private CloudFormationImport(ImportSession s, StrategyCatalog catalog, CfnTemplate t) {
    this.s = s;
    this.catalog = catalog;
    this.t = t;
    this.file = t.file();
  }

  static void run(ImportSession s, StrategyCatalog catalog, SourceFile file) {
    CfnTemplate t = CfnTemplate.load(file, s.parameters, s.problems);
    s.problems.throwIfAny();
    new CloudFormationImport(s, catalog, t).run();
  }

  private void run() {
    List<String> groups = t.resourcesOfType(GROUP);
    List<String> deploymentGroups = t.resourcesOfType(DEPLOYMENT_GROUP);
    if (groups.isEmpty() && deploymentGroups.isEmpty()) {
      Value res = t.root.get("Resources");
      s.problems.add(new ScenarioError(file.name(), res.where().line(), res.where().column(), "Resources",
          "no " + GROUP + " among the " + res.keys().size() + " resources (" + typesSummary(t.resourceIds()) + ")",
          "sim import reads an Auto Scaling group with its UpdatePolicy, or a CodeDeploy deployment group"));
      s.problems.throwIfAny();
    }
    String group = pick(groups, "Auto Scaling group");
    String deploymentGroup = null;
    for (String dg : deploymentGroups) {
      if (group == null || deploysTo(dg, group)) {
        deploymentGroup = deploymentGroup == null ? dg : deploymentGroup;
      }
    }
    if (group != null) {
      group(group, deploymentGroup != null);
    }
    if (deploymentGroup != null) {
      Value props = t.resource(deploymentGroup).get("Properties");
      DeploymentGroupImport.apply(s, catalog, props, lookup());
      if (!s.draft.has("name")) {
        s.draft.put("name", deploymentGroup, new Provenance.FromFile(t.resourceWhere(deploymentGroup),
            deploymentGroup, "the deployment group's logical ID"));
      }
    }
    ignored(group, deploymentGroup);
  }

  /** The one resource of a kind, or the one --resource names; several without --resource is a problem. */
  private String pick(List<String> ids, String what) {
    if (ids.isEmpty()) {
      return null;
    }
    if (s.resource != null) {
      if (ids.contains(s.resource)) {
        return s.resource;
      }
      if (t.resourceIds().contains(s.resource) && !t.resourceType(s.resource).equals(DEPLOYMENT_GROUP)) {
        throw ImportFailure.at(file.name(), 0, 0, "--resource " + s.resource + " is a " + t.resourceType(s.resource)
            + ", not an " + what, "the " + what + "s here: " + String.join(", ", ids));
      }
      if (!t.resourceIds().contains(s.resource)) {
        throw ImportFailure.at(file.name(), 0, 0, "--resource " + s.resource + ": no resource of that name",
            "the " + what + "s here: " + String.join(", ", ids));
      }
    }
    if (ids.size() > 1) {
      Where second = t.resourceWhere(ids.get(1));
      throw new ImportFailure(List.of(new ScenarioError(file.name(), second.line(), second.column(),
          ids.get(1), "the template has " + ids.size() + " " + what + "s (" + String.join(", ", ids) + ")",
          "choose one with --resource " + ids.get(0))));
    }
    return ids.get(0);
  }

  private boolean deploysTo(String deploymentGroup, String group) {
    Value groups = t.resource(deploymentGroup).get("Properties").get("AutoScalingGroups");
    Value name = t.resource(group).get("Properties").get("AutoScalingGroupName");
    for (Value g : groups.items()) {
      if (group.equals(((CfnValue) g).resourceRef())
          || g.isScalar() && name.isScalar() && g.text().equals(name.text())) {
        return true;
      }
    }
    return false;
  }

  // ---- the group ---------------------------------------------------------------------------------

  private void group(String id, boolean codeDeploy) {
    CfnValue r = t.resource(id);
    Value p = r.get("Properties");
    s.draft.put("name", id, new Provenance.FromFile(t.resourceWhere(id), id, "the group's logical ID"));
    if (Boolean.FALSE.equals(t.created(id))) {
      s.draft.note(id + " has a Condition that is false with the parameters' defaults: the stack would not create it");
    }
    Object min = s.set("fleet.minSize", p.get("MinSize"), (v, q) -> Convert.integer(v, 0, 1000, q));
    s.set("fleet.maxSize", p.get("MaxSize"), (v, q) -> Convert.integer(v, 1, 2000, q));
    Value desired = p.get("DesiredCapacity");
    if (desired.present()) {
      s.set("fleet.instances", desired, (v, q) -> Convert.integer(v, 0, 1000, q),
          min != null ? min : 2L, min != null ? "MinSize, where CloudFormation starts the group" : "two instances");
    } else if (min != null) {
      Value m = p.get("MinSize");
      s.draft.put("fleet.instances", min, new Provenance.FromFile(m.where(), m.path(),
          "no DesiredCapacity: CloudFormation creates the group at MinSize"));
    }
    zones(p);
    s.set("fleet.healthCheckType", p.get("HealthCheckType"), (v, q) -> {
      String w = Convert.word(v, List.of("EC2", "ELB", "VPC_LATTICE"), q);
      if ("VPC_LATTICE".equals(w)) {
        q.add(v, "VPC Lattice health checks are not simulated", "use EC2 or ELB");
        return null;
      }
      return w;
    });
    Value grace = p.get("HealthCheckGracePeriod");
    if (grace.present()) {
      s.set("fleet.healthCheckGracePeriod", grace, (v, q) -> Convert.seconds(v, 0, 7200, q), "0s",
          "CloudFormation's default");
    } else {
      s.platformDefault("fleet.healthCheckGracePeriod", "0s",
          "CloudFormation's HealthCheckGracePeriod when the template leaves it out (the console's is 300s)");
    }
    Value warmup = p.get("DefaultInstanceWarmup");
    if (warmup.present() && !(warmup.isScalar() && "-1".equals(warmup.text().trim()))) {
      // -1 turns the default instance warmup off, as leaving it out does
      s.set("fleet.defaultInstanceWarmup", warmup, (v, q) -> Convert.seconds(v, 0, 3600, q));
    }
    hooks(id, p);
    loadBalancer(p);
    List<String> ignoredProps = Keys.present(p, NOT_SIMULATED);
    if (!ignoredProps.isEmpty()) {
      s.draft.note(id + ": not simulated: " + String.join(", ", ignoredProps));
    }
    if (!codeDeploy) {
      updatePolicy(id, r);
    } else if (r.get("UpdatePolicy").present()) {
      Keys.check(r.get("UpdatePolicy"), "UpdatePolicy", UPDATE_POLICY_KEYS, s.problems);
    }
  }

  private void zones(Value p) {
    Value azs = p.get("AvailabilityZones");
    Value subnets = p.get("VPCZoneIdentifier");
    Value source = azs.present() ? azs : subnets;
    if (source.absent()) {
      return;
    }
    if (source.unknown() != null || source.items().stream().anyMatch(i -> !i.isScalar() && subnetZone(i) == null)) {
      List<String> fallback = List.of("a", "b");
      String why = source.unknown() != null ? source.unknown()
          : source.items().stream().filter(i -> i.unknown() != null).findFirst().map(Value::unknown).orElse("?");
      s.draft.put("fleet.zones", fallback, Provenance.assumed("two zones; " + source.where().fileAndLine() + " "
          + source.path() + " could not be worked out (" + why + ")"));
      s.draft.note(source.at() + " " + source.path() + ": " + why + "; fleet.zones is [a, b] (two zones)");
      return;
    }
    if (!source.isList()) {
      s.problems.add(source, "expected a list of " + (source == azs ? "Availability Zones" : "subnets") + ", got "
          + source.describe(), null);
      return;
    }
    List<String> names = new ArrayList<>();
    boolean fromSubnets = source == subnets;
    for (Value item : source.items()) {
      String zone = item.isScalar() ? item.text() : subnetZone(item);
      if (!names.contains(zone)) {
        names.add(zone);
      }
    }
    if (names.isEmpty()) {
      s.problems.add(source, "the list is empty; a group needs at least one zone", null);
      return;
    }
    s.draft.put("fleet.zones", names, new Provenance.FromFile(source.where(), source.path(),
        fromSubnets ? "one zone per subnet" : null));
  }

  /** The Availability Zone of a subnet the template declares, else the subnet's logical ID. */
  private String subnetZone(Value item) {
    String ref = item instanceof CfnValue c ? c.resourceRef() : null;
    if (ref == null || !SUBNET.equals(t.resourceType(ref))) {
      return null;
    }
    Value az = t.resource(ref).get("Properties").get("AvailabilityZone");
    return az.isScalar() ? az.text() : ref;
  }

  private void hooks(String id, Value p) {
    List<Value> hooks = new ArrayList<>(p.get("LifecycleHookSpecificationList").items());
    for (String h : t.resourcesOfType(HOOK)) {
      Value hp = t.resource(h).get("Properties");
      Value target = hp.get("AutoScalingGroupName");
      if (target instanceof CfnValue c && id.equals(c.resourceRef())) {
        hooks.add(hp);
      }
    }
    for (int i = 0; i < hooks.size(); i++) {
      Value h = hooks.get(i);
      String base = "fleet.lifecycleHooks[" + i + "]";
      s.set(base + ".name", h.get("LifecycleHookName"), Convert::text);
      s.set(base + ".transition", h.get("LifecycleTransition"), (v, q) -> {
        String w = Convert.word(v, List.of("autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"), q);
        return w == null ? null : w.endsWith("LAUNCHING") ? "launching" : "terminating";
      });
      s.set(base + ".heartbeatTimeout", h.get("HeartbeatTimeout"), (v, q) -> Convert.seconds(v, 30, 7200, q));
      s.set(base + ".defaultResult", h.get("DefaultResult"), (v, q) -> Convert.word(v, List.of("ABANDON", "CONTINUE"), q));
      s.assume(base + ".completesAfter", "30s", "how long whatever completes the hook (a script, a Lambda function) "
          + "takes; never: nothing does, the instance waits for the heartbeat timeout");
    }
  }

  private void loadBalancer(Value p) {
    Value tgs = p.get("TargetGroupARNs");
    Value clbs = p.get("LoadBalancerNames");
    if (!tgs.items().isEmpty()) {
      Value first = tgs.items().get(0);
      String ref = first instanceof CfnValue c ? c.resourceRef() : null;
      if (tgs.items().size() > 1) {
        s.draft.note("the group has " + tgs.items().size() + " target groups (" + tgs.at() + "); the scenario takes the "
            + "first one's health checks");
      }
      if (ref == null || !TARGET_GROUP.equals(t.resourceType(ref))) {
        s.draft.put("loadBalancer.type", "alb", new Provenance.FromFile(tgs.where(), tgs.path(),
            "a target group: an Application Load Balancer"));
        s.draft.note("the target group " + tgs.at() + " is not declared in this template; its health checks take the "
            + "load balancer's defaults");
        return;
      }
      targetGroup(ref);
    } else if (!clbs.items().isEmpty()) {
      Value first = clbs.items().get(0);
      String ref = first instanceof CfnValue c ? c.resourceRef() : null;
      s.draft.put("loadBalancer.type", "clb", new Provenance.FromFile(clbs.where(), clbs.path(),
          "a Classic Load Balancer"));
      if (ref != null && CLASSIC_LB.equals(t.resourceType(ref))) {
        classic(ref);
      }
    }
  }

  private void targetGroup(String id) {
    CfnValue r = t.resource(id);
    Value p = r.get("Properties");
    s.draft.put("loadBalancer.type", "alb", new Provenance.FromFile(t.resourceWhere(id), id, "an Application Load Balancer "
        + "target group"));
    Value protocol = p.get("Protocol");
    if (protocol.isScalar() && !List.of("HTTP", "HTTPS").contains(protocol.text())) {
      s.draft.note(id + " uses " + protocol.text() + " (" + protocol.at() + "): a Network Load Balancer; the simulation "
          + "models it as an Application Load Balancer");
    }
    Value enabled = p.get("HealthCheckEnabled");
    if (enabled.isScalar() && "false".equalsIgnoreCase(enabled.text())) {
      s.draft.note(id + " turns health checks off (" + enabled.at() + "); the simulation always checks targets");
    }
    String hc = "loadBalancer.healthCheck";
    s.set(hc + ".interval", p.get("HealthCheckIntervalSeconds"), (v, q) -> Convert.seconds(v, 5, 300, q));
    s.set(hc + ".timeout", p.get("HealthCheckTimeoutSeconds"), (v, q) -> Convert.seconds(v, 2, 120, q));
    s.set(hc + ".healthyThreshold", p.get("HealthyThresholdCount"), (v, q) -> Convert.integer(v, 2, 10, q));
    s.set(hc + ".unhealthyThreshold", p.get("UnhealthyThresholdCount"), (v, q) -> Convert.integer(v, 2, 10, q));
    for (Value a : p.get("TargetGroupAttributes").items()) {
      Value key = a.get("Key");
      Value value = a.get("Value");
      if (!key.isScalar()) {
        continue;
      }
      switch (key.text()) {
        case "deregistration_delay.timeout_seconds" -> s.set("loadBalancer.deregistrationDelay", value,
            (v, q) -> Convert.seconds(v, 0, 3600, q));
        case "slow_start.duration_seconds" -> s.set("loadBalancer.slowStart", value, (v, q) -> {
          Long n = Convert.integer(v, 0, 900, q);
          if (n != null && n > 0 && n < 30) {
            q.add(v, "slow start is 0 (off) or 30 to 900 seconds, got " + n, null);
            return null;
          }
          return n == null ? null : n + "s";
        });
        default -> {
          // stickiness, algorithm, cross-zone ...: not simulated
        }
      }
    }
  }

  private void classic(String id) {
    Value p = t.resource(id).get("Properties");
    Value h = p.get("HealthCheck");
    String hc = "loadBalancer.healthCheck";
    s.set(hc + ".interval", h.get("Interval"), (v, q) -> Convert.seconds(v, 5, 300, q));
    s.set(hc + ".timeout", h.get("Timeout"), (v, q) -> Convert.seconds(v, 2, 60, q));
    s.set(hc + ".healthyThreshold", h.get("HealthyThreshold"), (v, q) -> Convert.integer(v, 2, 10, q));
    s.set(hc + ".unhealthyThreshold", h.get("UnhealthyThreshold"), (v, q) -> Convert.integer(v, 2, 10, q));
    Value draining = p.get("ConnectionDrainingPolicy");
    Value on = draining.get("Enabled");
    if (on.isScalar()) {
      Boolean enabled = Convert.bool(on, s.problems);
      if (Boolean.FALSE.equals(enabled)) {
        s.draft.put("loadBalancer.deregistrationDelay", "0s", new Provenance.FromFile(on.where(), on.path(),
            "connection draining off"));
      } else if (Boolean.TRUE.equals(enabled)) {
        Value timeout = draining.get("Timeout");
        if (timeout.present()) {
          s.set("loadBalancer.deregistrationDelay", timeout, (v, q) -> Convert.seconds(v, 1, 3600, q));
        }
      }
    }
  }

  // ---- the update policy -------------------------------------------------------------------------

  private void updatePolicy(String id, CfnValue r) {
    Value policy = r.get("UpdatePolicy");
    String strategy = DeploymentGroupImport.STRATEGY;
    if (!policy.absent() && !Keys.check(policy, "UpdatePolicy", UPDATE_POLICY_KEYS, s.problems)) {
      return;
    }
    Value replacing = policy.get("AutoScalingReplacingUpdate");
    Value rolling = policy.get("AutoScalingRollingUpdate");
    Boolean willReplace = null;
    if (Keys.check(replacing, "AutoScalingReplacingUpdate", List.of("WillReplace"), s.problems)) {
      willReplace = Convert.bool(replacing.get("WillReplace"), s.problems);
    }
    if (policy.get("AutoScalingScheduledAction").present()) {
      s.draft.note(id + ": AutoScalingScheduledAction is read but not simulated (scheduled actions are not in the "
          + "template import)");
    }
    Value creation = r.get("CreationPolicy");
    if (Boolean.TRUE.equals(willReplace)) {
      Value will = replacing.get("WillReplace");
      s.draft.put(strategy + ".type", "cloudformation.replacing-update", will.provenance());
      if (rolling.present()) {
        s.draft.note(id + ": AutoScalingRollingUpdate is not used: with WillReplace true the replacing update applies");
      }
      creationPolicy(id, creation);
      return;
    }
    if (rolling.absent()) {
      Where w = t.resourceWhere(id);
      s.missingStrategy = new ScenarioError(file.name(), w.line(), w.column(), id,
          "the group has no UpdatePolicy with AutoScalingRollingUpdate or AutoScalingReplacingUpdate: CloudFormation "
              + "leaves its instances as they are when the launch template changes, so there is no deployment to "
              + "simulate",
          "add an UpdatePolicy, or import the CodeDeploy deployment group that deploys to the group");
      return;
    }
    if (!Keys.check(rolling, "AutoScalingRollingUpdate", ROLLING_KEYS, s.problems)) {
      return;
    }
    s.draft.put(strategy + ".type", "cloudformation.rolling-update", new Provenance.FromFile(rolling.where(),
        rolling.path(), null));
    s.set(strategy + ".maxBatchSize", rolling.get("MaxBatchSize"), (v, q) -> Convert.integer(v, 1, 100, q), 1L,
        "CloudFormation's default MaxBatchSize");
    s.set(strategy + ".minInstancesInService", rolling.get("MinInstancesInService"),
        (v, q) -> Convert.integer(v, 0, 1000, q), 0L, "CloudFormation's default MinInstancesInService");
    s.set(strategy + ".minSuccessfulInstancesPercent", rolling.get("MinSuccessfulInstancesPercent"),
        (v, q) -> Convert.integer(v, 0, 100, q), 100L, "CloudFormation's default MinSuccessfulInstancesPercent");
    s.set(strategy + ".pauseTime", rolling.get("PauseTime"), (v, q) -> Convert.isoDuration(v, 3600, q));
    Object signals = s.set(strategy + ".waitOnResourceSignals", rolling.get("WaitOnResourceSignals"), Convert::bool,
        false, "CloudFormation's default WaitOnResourceSignals");
    Value suspend = rolling.get("SuspendProcesses");
    if (suspend.present()) {
      if (!suspend.isList()) {
        s.problems.add(suspend, "SuspendProcesses is a list of process names, got " + suspend.describe(), null);
      } else {
        List<String> names = new ArrayList<>();
        for (Value item : suspend.items()) {
          String w = Convert.word(item, PROCESSES, s.problems);
          if (w != null) {
            names.add(w);
          }
        }
        s.draft.put(strategy + ".suspendProcesses", names, suspend.provenance());
      }
    }
    if (rolling.get("MinActiveInstancesPercent").present()) {
      s.draft.note(id + ": MinActiveInstancesPercent is read but not simulated");
    }
    if (Boolean.TRUE.equals(signals)) {
      s.assume(strategy + ".signal", "healthCheck", "your user data signals (cfn-signal) once the instance passes "
          + "its health check; appStarted if it signals as soon as the application starts");
    }
    if (creation.present()) {
      s.draft.note(id + ": the CreationPolicy applies when the stack creates the group, not to a rolling update");
    }
  }

  private void creationPolicy(String id, Value creation) {
    String strategy = DeploymentGroupImport.STRATEGY;
    if (creation.absent()) {
      s.draft.note(id + " has no CreationPolicy: a replacing update then waits for no signals; the simulation "
          + "uses CloudFormation's CreationPolicy defaults (1 signal within PT5M)");
      return;
    }
    if (!Keys.check(creation, "CreationPolicy", List.of("ResourceSignal", "AutoScalingCreationPolicy"), s.problems)) {
      return;
    }
    Value signal = creation.get("ResourceSignal");
    if (Keys.check(signal, "ResourceSignal", List.of("Count", "Timeout"), s.problems)) {
      s.set(strategy + ".count", signal.get("Count"), (v, q) -> Convert.integer(v, 1, 1000, q), 1L,
          "CloudFormation's default Count");
      s.set(strategy + ".timeout", signal.get("Timeout"), (v, q) -> Convert.isoDuration(v, 12 * 3600, q), "PT5M",
          "CloudFormation's default Timeout");
    }
    Value asg = creation.get("AutoScalingCreationPolicy");
    if (Keys.check(asg, "AutoScalingCreationPolicy", List.of("MinSuccessfulInstancesPercent"), s.problems)) {
      s.set(strategy + ".minSuccessfulInstancesPercent", asg.get("MinSuccessfulInstancesPercent"),
          (v, q) -> Convert.integer(v, 0, 100, q), 100L, "CloudFormation's default MinSuccessfulInstancesPercent");
    }
    s.assume(strategy + ".signal", "healthCheck", "your user data signals (cfn-signal) once the instance passes its "
        + "health check; appStarted if it signals as soon as the application starts");
  }

  // ---- references for the deployment group -----------------------------------------------------

  private DeploymentGroupImport.Lookup lookup() {
    return new DeploymentGroupImport.Lookup() {
      @Override
      public Value alarm(Value name) {
        String ref = name instanceof CfnValue c ? c.resourceRef() : null;
        if (ref != null && ALARM.equals(t.resourceType(ref))) {
          return t.resource(ref).get("Properties");
        }
        for (String a : t.resourcesOfType(ALARM)) {
          Value an = t.resource(a).get("Properties").get("AlarmName");
          if (name.isScalar() && an.isScalar() && an.text().equals(name.text())) {
            return t.resource(a).get("Properties");
          }
        }
        return null;
      }

      @Override
      public Value deploymentConfig(Value name) {
        String ref = name instanceof CfnValue c ? c.resourceRef() : null;
        for (String dc : t.resourcesOfType(DEPLOYMENT_CONFIG)) {
          Value n = t.resource(dc).get("Properties").get("DeploymentConfigName");
          if (dc.equals(ref) || name.isScalar() && n.isScalar() && n.text().equals(name.text())) {
            return t.resource(dc).get("Properties");
          }
        }
        return null;
      }
    };
  }

  // ---- what was left out --------------------------------------------------------------------------

  private void ignored(String group, String deploymentGroup) {
    Map<String, Integer> byType = new TreeMap<>();
    int n = 0;
    for (String id : t.resourceIds()) {
      String type = t.resourceType(id);
      if (!READ.contains(type)) {
        byType.merge(type, 1, Integer::sum);
        n++;
      }
    }
    List<String> unused = new ArrayList<>();
    for (String id : t.resourcesOfType(GROUP)) {
      if (!id.equals(group)) {
        unused.add(id);
      }
    }
    for (String id : t.resourcesOfType(DEPLOYMENT_GROUP)) {
      if (!id.equals(deploymentGroup)) {
        unused.add(id);
      }
    }
    if (n > 0) {
      s.ignored.add(file.name() + ": " + n + (n == 1 ? " resource that does" : " resources that do") + " not matter to a "
          + "deployment: " + typesSummary(byType));
    }
    if (!unused.isEmpty()) {
      s.draft.note("not imported: " + String.join(", ", unused));
    }
  }

  private String typesSummary(Iterable<String> ids) {
    Map<String, Integer> byType = new TreeMap<>();
    for (String id : ids) {
      byType.merge(String.valueOf(t.resourceType(id)), 1, Integer::sum);
    }
    return typesSummary(byType);
  }

  private static String typesSummary(Map<String, Integer> byType) {
    List<String> parts = new ArrayList<>();
    for (var e : new LinkedHashMap<>(byType).entrySet()) {
      parts.add(e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""));
    }
    return String.join(", ", parts);
  }
}
