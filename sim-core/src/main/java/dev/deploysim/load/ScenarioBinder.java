package dev.deploysim.load;

import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.BudgetsSpec;
import dev.deploysim.scenario.DeploymentSpec;
import dev.deploysim.scenario.DatabaseSpec;
import dev.deploysim.scenario.DnsRecordSpec;
import dev.deploysim.scenario.DnsSpec;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.Limits;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.OutputSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.ScalingPolicySpec;
import dev.deploysim.scenario.SloSpec;
import dev.deploysim.scenario.StrategySpec;
import dev.deploysim.scenario.Topology;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import dev.deploysim.scenario.WarmPoolSpec;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.Alarms;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.format.Wording;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the checked values of a scenario file into the {@link Scenario} records: applies the
 * defaults that depend on other keys and checks the rules that span keys (versions that exist,
 * sizes within limits, alarms that the strategy can act on ...), then the strategy type's own
 * rules. Every check skips itself when a value it needs already had a problem.
 */
final class ScenarioBinder {
  private static final Pattern NAME = Pattern.compile(ScenarioFormat.NAME_PATTERN);

  private final Diagnostics diag;
  private final StrategyCatalog catalog;

  ScenarioBinder(Diagnostics diag, StrategyCatalog catalog) {
    this.diag = diag;
    this.catalog = catalog;
  }

  /** The scenario, or null when the file has problems (all reported). */
  Scenario bind(StrategyParams root) {
    String name = root.string("name");
    if (name != null) {
      checkName(name, "name", "it names the output folder");
    }
    String description = root.string("description");
    Number seedValue = (Number) root.get("seed");
    Long seed = seedValue == null ? null : seedValue.longValue();
    Double horizon = root.duration("horizon");

    Map<String, VersionSpec> versions = versions(root);
    String initialVersion = initialVersion(root, versions);
    ResilienceBinder resilience = new ResilienceBinder(diag, this);
    List<String> regions = resilience.regions(root);
    StrategyParams fleetParams = section(root, "fleet", ScenarioFormat.FLEET, false);
    FleetSpec fleet = fleetParams == null ? null : fleet(fleetParams, "fleet");
    LoadBalancerSpec loadBalancer = loadBalancer(section(root, "loadBalancer", ScenarioFormat.LOAD_BALANCER, true),
        "loadBalancer");
    Topology topology = resilience.topology(root, regions, loadBalancer);
    List<String> zones = fleetParams == null || fleetParams.list("zones") == null ? null
        : fleetParams.list("zones").stream().filter(java.util.Objects::nonNull).map(String.class::cast).toList();
    if (topology != null && topology.isNamed()) {
      fleet = topology.fleets().get(topology.target()).spec();
      loadBalancer = ResilienceBinder.primaryLoadBalancer(topology).spec();
      zones = new ArrayList<>();
      for (Topology.NamedFleet f : topology.fleets().values()) {
        for (String z : f.spec().zones()) {
          if (!zones.contains(z)) {
            zones.add(z);
          }
        }
      }
    }
    DnsSpec dns = dns(section(root, "dns", ScenarioFormat.DNS, true), topology == null ? Topology.single() : topology);
    DatabaseSpec database = resilience.database(root.object("database"), regions, fleet);
    TrafficSpec traffic = traffic(root.object("traffic"));
    List<AlarmSpec> alarms = alarms(root.list("alarms"));
    Map<String, Object> versionIds = root.map("versions");
    DeploymentSpec deployment = deployment(root.object("deployment"), versionIds, initialVersion, alarms);
    boolean hasFleet = fleetParams != null || root.isExplicit("fleets");
    List<FaultSpec> faults = faults(root.list("faults"), versionIds, hasFleet, zones,
        topology != null && topology.isNamed() ? topology : null, regions,
        root.isExplicit("database"));
    StrategyParams out = section(root, "output", ScenarioFormat.OUTPUT, true);
    OutputSpec output = out == null || diag.failed("output") ? null : new OutputSpec(out.duration("sampleInterval"));
    SloSpec slo = slo(root.object("slo"), versions, alarms);
    if (topology != null && topology.isNamed()) {
      for (Topology.NamedFleet f : topology.fleets().values()) {
        checkPolicyAlarms(f.spec(), alarms, "fleets." + f.name());
      }
    } else if (fleet != null) {
      checkPolicyAlarms(fleet, alarms, "fleet");
    }

    if (deployment != null && deployment.bakeTime() > 0 && topology != null && !topology.deploysSeveralFleets()) {
      diag.error("deployment.bakeTime", "a bake is the wait between the fleets of a deployment of several; this one "
          + "deploys one fleet", "remove bakeTime, or deploy several fleets (docs/resilience.md#deploying-several-fleets)");
    }
    if (horizon != null && deployment != null && !(horizon > deployment.at())) {
      diag.error("horizon", "must be later than deployment.at (" + Durations.format(deployment.at()) + "), got "
          + Durations.format(horizon));
    }
    if (deployment != null && fleetParams == null && !root.isExplicit("fleet") && !root.isExplicit("fleets")) {
      StrategyType type = catalog.find(deployment.strategy().type()).orElseThrow();
      if (type.needsFleet(deployment.strategy().params())) {
        diag.error("fleet",
            "required key is missing: " + type.description().name() + " deploys to a fleet of instances",
            "add fleet: {instances: <count>}");
      }
    }
    if (deployment != null && output != null && !diag.failed("horizon")) {
      checkSamples(root, Scenario.latestEnd(horizon, deployment.at()), output.sampleInterval(),
          17 + 2 * (versions == null ? 2 : versions.size()));
    }
    BudgetsSpec budgets = budgets(root.object("budgets"), fleet, root.isExplicit("fleet") || root.isExplicit("fleets"));
    boolean complete = !diag.hasErrors();
    Scenario scenario = new Scenario(name, description, seed == null ? 1 : seed, diag.failed("horizon") ? null : horizon,
        fleet, loadBalancer, dns, traffic, versions, initialVersion, deployment, alarms, faults, output, slo,
        budgets, topology, database);
    DeploymentSpec forRules = deployment != null ? deployment : deploymentForStrategyRules(root.object("deployment"));
    if (forRules != null && strategyInputsValid()) {
      validateStrategy(forRules.strategy(), scenario.withDeployment(scenario.name(), forRules), complete);
    }
    return diag.hasErrors() ? null : scenario;
  }

  /**
   * A run keeps its rows of timeseries.csv in memory until it writes them: at most {@link
   * Limits#MAX_SAMPLES}, counted over the longest the run may last (its horizon, or the deployment's
   * start plus {@link Scenario#MAX_DEPLOYMENT_SECONDS}), with the size refused in the message.
   */
  private void checkSamples(StrategyParams root, double end, double interval, int columns) {
    long rows = (long) Math.floor(end / interval) + 2; // the first row, one per interval, the last
    if (rows <= Limits.MAX_SAMPLES) {
      return;
    }
    long mb = rows * Limits.bytesPerRow(columns) / 1_000_000;
    String over = String.format(java.util.Locale.ROOT, "%,d", rows);
    String path = root.isExplicit("output") || !root.isExplicit("horizon") ? "output.sampleInterval" : "horizon";
    diag.error(path, "a sample every " + Durations.format(interval) + " over " + Durations.format(end) + " of simulated "
        + "time (the " + (root.isExplicit("horizon") ? "horizon" : "longest a deployment without a horizon may run")
        + ") makes " + over + " rows of timeseries.csv, about " + mb + " MB of memory; a run has at most "
        + String.format(java.util.Locale.ROOT, "%,d", Limits.MAX_SAMPLES) + " rows",
        "set output.sampleInterval to at least " + Durations.format(Math.ceil(end / (Limits.MAX_SAMPLES - 2) * 1000) / 1000)
            + (root.isExplicit("horizon") ? ", or a shorter horizon" : ", or a horizon"));
  }

  /**
   * Whether what a strategy's own rules look at is valid: the strategy block (type and parameters),
   * the fleet, the load balancer and the versions. Then the strategy's rules run even when other
   * parts of the file have problems (the rest of the deployment included), and their problems are
   * reported with the rest.
   */
  private boolean strategyInputsValid() {
    for (String part : List.of("deployment.strategy", "fleet", "loadBalancer", "fleets", "loadBalancers",
        "deployment.target", "versions", "initialVersion")) {
      if (diag.failed(part)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The deployment as far as it was given, for the strategy's rules when the deployment itself had
   * a problem outside its strategy block (a version that does not exist, a refused rollback
   * setting ...); null without a strategy.
   */
  private static DeploymentSpec deploymentForStrategyRules(StrategyParams d) {
    StrategySpec strategy = strategySpec(d);
    if (strategy == null) {
      return null;
    }
    StrategyParams r = d.object("rollback");
    List<String> onAlarms = new ArrayList<>();
    if (r != null && r.list("onAlarms") != null) {
      for (Object a : r.list("onAlarms")) {
        if (a != null) {
          onAlarms.add((String) a);
        }
      }
    }
    Double at = d.duration("at");
    return new DeploymentSpec(at != null ? at : 300, d.string("version"), strategy,
        new DeploymentSpec.RollbackSpec(r == null ? null : r.bool("onFailure"), onAlarms));
  }

  /** The strategy block as a type and its parameters (without the type key); null when it had a problem. */
  private static StrategySpec strategySpec(StrategyParams deployment) {
    StrategyParams s = deployment == null ? null : deployment.object("strategy");
    return s == null || s.string("type") == null ? null : new StrategySpec(s.string("type"), s.without("type"));
  }

  /**
   * Runs the strategy type's own rules. On a scenario with problems elsewhere (the parts it does not
   * read are null or defaulted), a rule that trips over a missing part is not the user's problem:
   * it is skipped, and it runs again once the rest is fixed.
   */
  private void validateStrategy(StrategySpec strategy, Scenario scenario, boolean complete) {
    StrategyType type = catalog.find(strategy.type()).orElseThrow();
    Topology topology = scenario.topology();
    if (topology.deploysSeveralFleets()) {
      String why = !type.needsFleet(strategy.params()) ? "a serverless deployment has no fleet to deploy"
          : type.whyNotPerFleet();
      if (why != null) {
        diag.error("deployment.strategy.type", strategy.type() + " cannot deploy the " + topology.targets().size()
            + " fleets (" + String.join(", ", topology.targets()) + ") one after the other: " + why,
            "name one fleet in deployment.target, or use a type that deploys inside one fleet");
        return;
      }
      validatePerFleet(type, strategy, scenario, complete);
      return;
    }
    Problems problems = strategyRules(type, strategy, scenario, complete);
    checkAutoscaler(type, strategy, scenario.fleet(), "fleet");
    for (Problems.Problem p : problems.all()) {
      if (p.dependsOn() != null && diag.failed(p.dependsOn())) {
        continue;
      }
      diag.error(strategyPath(p.path()), p.message(), p.hint());
    }
  }

  /**
   * The type's own rules on {@code scenario}; a rule that throws on a file with other problems is
   * left out (it may have read what those problems left unset), on a complete file it is a bug.
   */
  private static Problems strategyRules(StrategyType type, StrategySpec strategy, Scenario scenario, boolean complete) {
    Problems problems = new Problems();
    try {
      type.validate(strategy.params(), scenario, problems);
    } catch (RuntimeException e) {
      if (complete) {
        throw e;
      }
    }
    return problems;
  }

  /** A horizontal-pod-autoscaler in a fleet whose strategy type does not take one is refused. */
  private void checkAutoscaler(StrategyType type, StrategySpec strategy, FleetSpec fleet, String fleetPath) {
    if (type.takesHorizontalPodAutoscaler() || fleet == null) {
      return;
    }
    List<String> takers = new ArrayList<>();
    for (StrategyType t : catalog.all()) {
      if (t.takesHorizontalPodAutoscaler()) {
        takers.add(t.description().name());
      }
    }
    for (int i = 0; i < fleet.scaling().size(); i++) {
      if (fleet.scaling().get(i) instanceof ScalingPolicySpec.HorizontalPodAutoscaler) {
        diag.error(fleetPath + ".scaling[" + i + "].type", "a horizontal-pod-autoscaler sets the replicas of a "
            + "Kubernetes Deployment; " + strategy.type() + " does not take one",
            takers.isEmpty() ? "use target-tracking, step or simple policies"
                : "use it with " + String.join(" or ", takers) + ", or target-tracking with an Auto Scaling group");
      }
    }
  }

  /**
   * The strategy's rules for each deployed fleet, as its run sees the scenario ({@link Scenario#forFleet}):
   * a problem that some fleets have names them ("(fleet app-eu)"), one that all have is reported once.
   */
  private void validatePerFleet(StrategyType type, StrategySpec strategy, Scenario scenario, boolean complete) {
    List<String> targets = scenario.topology().targets();
    Map<Problems.Problem, List<String>> found = new java.util.LinkedHashMap<>();
    for (String t : targets) {
      Scenario view = scenario.forFleet(t);
      Problems problems = strategyRules(type, strategy, view, complete);
      for (Problems.Problem p : problems.all()) {
        found.computeIfAbsent(p, k -> new ArrayList<>()).add(t);
      }
      checkAutoscaler(type, strategy, view.fleet(), "fleets." + t);
    }
    for (Map.Entry<Problems.Problem, List<String>> e : found.entrySet()) {
      Problems.Problem p = e.getKey();
      if (p.dependsOn() != null && diag.failed(p.dependsOn())) {
        continue;
      }
      List<String> fleets = e.getValue();
      String which = fleets.size() == targets.size() ? "" : " (fleet" + (fleets.size() > 1 ? "s " : " ")
          + String.join(", ", fleets) + ")";
      diag.error(strategyPath(p.path()), p.message() + which, p.hint());
    }
  }

  /** A strategy's problem path; a bare parameter name is taken as one under deployment.strategy. */
  private static String strategyPath(String path) {
    if (path == null || path.isEmpty()) {
      return "deployment.strategy";
    }
    return ScenarioFormat.ROOT.field(StrategyVariants.firstKey(path)) != null ? path : "deployment.strategy." + path;
  }

  /**
   * The values of an optional section: as given, its defaults when absent, null when it had a
   * problem (or, with {@code defaultsWhenAbsent} false, when absent).
   */
  /** The budgets block: at least one limit; limits that need a fleet or a price have them. */
  private BudgetsSpec budgets(StrategyParams b, FleetSpec fleet, boolean fleetGiven) {
    if (b == null) {
      return BudgetsSpec.NONE;
    }
    Number failed = (Number) b.get("maxFailedRequests");
    Double confidence = b.number("confidence");
    BudgetsSpec spec = new BudgetsSpec(b.duration("maxDuration"), b.number("minCapacityPercent"),
        failed == null ? null : failed.longValue(), b.duration("maxDowntime"), b.duration("maxLatencyP99"),
        b.number("maxExtraInstanceHours"), b.number("maxCostUsd"),
        confidence == null ? BudgetsSpec.DEFAULT_CONFIDENCE : confidence);
    if (spec.isEmpty() && !diag.failed("budgets")) {
      diag.error("budgets", "no budget is set", "give at least one of maxDuration, minCapacityPercent, "
          + "maxFailedRequests, maxDowntime, maxLatencyP99, maxExtraInstanceHours, maxCostUsd");
    }
    if (confidence != null && confidence <= 0) {
      diag.error("budgets.confidence", "must be above 0 (the share of runs that must hold each budget), got 0",
          "e.g. 0.95");
    }
    if (fleet == null && !fleetGiven) {
      for (String key : List.of("minCapacityPercent", "maxExtraInstanceHours", "maxCostUsd")) {
        if (b.isExplicit(key)) {
          diag.error("budgets." + key, "the scenario has no fleet, so there are no instances to measure this on",
              "remove it");
        }
      }
    } else if (fleet != null && b.isExplicit("maxCostUsd") && fleet.hourlyPrice() == null) {
      diag.error("budgets.maxCostUsd", "needs a price: the run's cost is instance-hours x fleet.hourlyPrice",
          "add fleet.hourlyPrice (USD per instance-hour)");
    }
    return spec;
  }

  StrategyParams section(StrategyParams parent, String key, ParamType.ObjectType type,
      boolean defaultsWhenAbsent) {
    StrategyParams p = parent.object(key);
    if (p != null) {
      return p;
    }
    if (parent.isExplicit(key) || !defaultsWhenAbsent) {
      return null;
    }
    return defaults(type);
  }

  static StrategyParams defaults(ParamType.ObjectType type) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParamSpec f : type.fields()) {
      if (f.defaultValue() != null) {
        values.put(f.name(), Walker.defaultValue(f));
      }
    }
    return new StrategyParams(values, Set.of());
  }

  void checkName(String value, String path, String why) {
    int max = ScenarioFormat.NAME_MAX_LENGTH;
    boolean charactersOk = NAME.matcher(value).matches();
    if (value.length() > max) {
      diag.error(path, "is " + value.length() + " characters long; at most " + max + " are allowed (" + why + ")"
          + (charactersOk ? "" : ", and only letters, digits, '.', '_' or '-', starting with a letter or digit"),
          "; shorten it");
    } else if (!charactersOk) {
      String fixed = value.trim().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[._-]+", "");
      diag.error(path, "must be letters, digits, '.', '_' or '-', starting with a letter or digit (" + why
          + "), got \"" + value + "\"", fixed.isEmpty() || fixed.length() > max ? null : "e.g. " + fixed);
    }
  }


  // ---- versions -----------------------------------------------------------------------------------

  private Map<String, VersionSpec> versions(StrategyParams root) {
    Map<String, Object> given = root.map("versions");
    Map<String, VersionSpec> out = new LinkedHashMap<>();
    if (given == null) {
      return out;
    }
    if (given.size() < 2) {
      diag.error("versions", "needs at least 2 versions (the one running and the one to deploy), got "
          + given.size());
    }
    for (Map.Entry<String, Object> e : given.entrySet()) {
      String id = e.getKey();
      String path = "versions." + id;
      checkName(id, path, "version ids name columns of timeseries.csv");
      if (!(e.getValue() instanceof StrategyParams v)) {
        continue;
      }
      VersionSpec.Health health = health(v.get("health"));
      Double factor = v.number("capacityFactor");
      if (health == null || diag.failed(path)) {
        continue;
      }
      Distribution responseTime = v.distribution("responseTime");
      if (responseTime != null && !(responseTime.mean() > 0)) {
        diag.error(path + ".responseTime", "must be longer than 0s: a request takes some time, got "
            + responseTime.describe());
        continue;
      }
      StrategyParams warm = v.object("warmUp");
      VersionSpec.WarmUp warmUp = null;
      if (warm != null) {
        Double wf = warm.number("capacityFactor");
        if (wf != null && !(wf > 0)) {
          diag.error(path + ".warmUp.capacityFactor", "must be greater than 0 (a cold instance still serves), got "
              + Wording.number(wf));
          continue;
        }
        warmUp = new VersionSpec.WarmUp(warm.duration("duration"), wf);
      }
      out.put(id, new VersionSpec(id, v.distribution("install"), v.distribution("start"), health,
          v.number("errorRate"), factor, responseTime, warmUp, v.distribution("healthCheckTime")));
    }
    checkResponseTimes(given, out);
    return out;
  }

  /** responseTime is all or nothing: a version without it would have no latency to report. */
  private void checkResponseTimes(Map<String, Object> given, Map<String, VersionSpec> versions) {
    String with = null;
    for (VersionSpec v : versions.values()) {
      if (v.responseTime() != null) {
        with = v.id();
        break;
      }
    }
    if (with == null) {
      return;
    }
    for (VersionSpec v : versions.values()) {
      if (v.responseTime() == null) {
        diag.error("versions." + v.id(), "needs a responseTime: " + with + " has one, and latency is modelled "
            + "for every version or none", "add responseTime: " + versions.get(with).responseTime().describe());
      }
    }
  }

  /** A version's bound health: healthy, failing, or the {failingAfter} mapping; null after a problem. */
  private static VersionSpec.Health health(Object h) {
    if ("healthy".equals(h)) {
      return new VersionSpec.Healthy();
    }
    if ("failing".equals(h)) {
      return new VersionSpec.Failing();
    }
    if (h instanceof StrategyParams p && p.duration("failingAfter") != null) {
      return new VersionSpec.FailingAfter(p.duration("failingAfter"));
    }
    return null;
  }

  private String initialVersion(StrategyParams root, Map<String, VersionSpec> versions) {
    Map<String, Object> given = root.map("versions");
    String initial = root.string("initialVersion");
    if (initial == null) {
      return given == null || given.isEmpty() ? null : given.keySet().iterator().next();
    }
    if (given != null && !given.containsKey(initial)) {
      unknownVersion("initialVersion", initial, given);
      return null;
    }
    return initial;
  }

  private void unknownVersion(String path, String id, Map<String, Object> given) {
    String hint = DidYouMean.hint(id, given.keySet());
    diag.error(path, "no version \"" + id + "\" in versions",
        hint != null ? hint : "versions: " + String.join(", ", given.keySet()));
  }

  // ---- fleet --------------------------------------------------------------------------------------

  /** A fleet at {@code at} (fleet, or fleets.NAME). */
  FleetSpec fleet(StrategyParams f, String at) {
    Integer instances = f.integer("instances");
    boolean minGiven = f.isExplicit("minSize");
    boolean maxGiven = f.isExplicit("maxSize");
    Integer min = minGiven ? f.integer("minSize") : instances;
    Integer max = maxGiven ? f.integer("maxSize") : instances;
    if (minGiven && maxGiven && min != null && max != null && min > max) {
      diag.error(at + ".minSize", "minSize " + min + " is larger than maxSize " + max);
    } else if (instances != null && min != null && max != null && (instances < min || instances > max)) {
      // only a bound given in the file can exclude instances (the defaults equal it)
      diag.error(at + ".instances", "instances (the desired capacity) " + instances
          + " must be within minSize " + min + " and maxSize " + max);
    }
    List<Object> zones = f.list("zones");
    Double capacity = f.number("capacity");
    List<LifecycleHookSpec> hooks = hooks(f.list("lifecycleHooks"), at);
    WarmPoolSpec warmPool = warmPool(f.object("warmPool"), at);
    List<FleetSpec.ScheduledAction> actions = scheduledActions(f.list("scheduledActions"), at);
    double cooldown = f.duration("defaultCooldown") == null ? FleetSpec.DEFAULT_COOLDOWN : f.duration("defaultCooldown");
    Double defaultWarmup = f.duration("defaultInstanceWarmup");
    List<ScalingPolicySpec> scaling = scalingPolicies(f.list("scaling"), cooldown,
        defaultWarmup != null ? defaultWarmup : cooldown, at);
    Object protectedGiven = f.get("protectedFromScaleIn");
    int protectedCount = countOf(protectedGiven);
    Double protectedUntil = untilOf(protectedGiven);
    if (instances != null && protectedCount > instances) {
      diag.error(at + ".protectedFromScaleIn", "protectedFromScaleIn " + protectedCount
          + " is more than the fleet's " + instances + " instances", "at most instances: " + instances);
    }
    Object standbyGiven = f.get("standby");
    int standbyCount = countOf(standbyGiven);
    Double standbyUntil = untilOf(standbyGiven);
    if (standbyUntil != null && instances != null && max != null && instances + standbyCount > max) {
      diag.error(at + ".standby", "returning " + standbyCount + " instance(s) from Standby raises the desired "
          + "capacity to " + (instances + standbyCount) + ", above maxSize " + max,
          "raise maxSize to at least " + (instances + standbyCount));
    }
    List<String> suspended = new ArrayList<>();
    List<Object> given = f.list("suspendedProcesses");
    if (given != null) {
      for (int i = 0; i < given.size(); i++) {
        if (given.get(i) instanceof String p && !suspended.contains(p)) {
          suspended.add(p);
        } else if (given.get(i) != null) {
          diag.error(at + ".suspendedProcesses[" + i + "]", "process " + given.get(i) + " is listed twice");
        }
      }
    }
    if (diag.failed(at)) {
      return null;
    }
    List<String> zoneNames = new ArrayList<>();
    zones.forEach(z -> zoneNames.add((String) z));
    return new FleetSpec(instances, min, max, zoneNames, capacity, f.distribution("launchTime"),
        FleetSpec.HealthCheckType.valueOf(f.string("healthCheckType")), f.duration("healthCheckGracePeriod"),
        f.duration("healthCheckInterval"), hooks, warmPool, f.number("hourlyPrice"), actions, scaling, suspended,
        cooldown, defaultWarmup, protectedCount, standbyCount, protectedUntil, standbyUntil);
  }

  /** The count of fleet.protectedFromScaleIn or fleet.standby: a number, or {count, until}. */
  private static int countOf(Object given) {
    if (given instanceof Number n) {
      return n.intValue();
    }
    if (given instanceof StrategyParams p && p.integer("count") != null) {
      return p.integer("count");
    }
    return 0;
  }

  /** The until of fleet.protectedFromScaleIn or fleet.standby, or null. */
  private static Double untilOf(Object given) {
    return given instanceof StrategyParams p ? p.duration("until") : null;
  }

  /**
   * fleet.scaling: each policy's keys must belong to its type; step and simple name an alarm.
   *
   * @param cooldown DefaultCooldown, the cooldown of a simple policy that gives none
   * @param defaultWarmup the warm-up of a policy that gives none: DefaultInstanceWarmup, else DefaultCooldown
   *     (https://docs.aws.amazon.com/autoscaling/ec2/userguide/consolidated-view-of-warm-up-and-cooldown-settings.html)
   */
  private List<ScalingPolicySpec> scalingPolicies(List<Object> given, double cooldown, double defaultWarmup,
      String at) {
    List<ScalingPolicySpec> out = new ArrayList<>();
    if (given == null) {
      return out;
    }
    for (int i = 0; i < given.size(); i++) {
      if (!(given.get(i) instanceof StrategyParams p) || p.string("type") == null) {
        continue;
      }
      String path = at + ".scaling[" + i + "]";
      String type = p.string("type");
      List<String> allowed = ScenarioFormat.SCALING_KEYS.get(type);
      for (ParamSpec k : ScenarioFormat.SCALING_POLICY.fields()) {
        if (!k.name().equals("type") && p.isExplicit(k.name()) && !allowed.contains(k.name())) {
          diag.error(path + "." + k.name(), "a " + type + " policy has no " + k.name(),
              "its keys: " + String.join(", ", allowed));
        }
      }
      double warmup = p.duration("instanceWarmup") != null ? p.duration("instanceWarmup") : defaultWarmup;
      ScalingPolicySpec.AdjustmentType adj = adjustmentType(p.string("adjustmentType"));
      switch (type) {
        case "target-tracking" -> {
          requireKey(p, path, "metric", "cpu or requestCountPerTarget");
          requireKey(p, path, "target", "e.g. target: 50");
          if (diag.failed(path)) {
            continue;
          }
          out.add(new ScalingPolicySpec.TargetTracking("cpu".equals(p.string("metric"))
              ? ScalingPolicySpec.TrackedMetric.CPU : ScalingPolicySpec.TrackedMetric.REQUEST_COUNT_PER_TARGET,
              p.number("target"), warmup, p.bool("disableScaleIn"), p.integer("scaleOutDatapoints"),
              p.integer("scaleInDatapoints")));
        }
        case "step" -> {
          requireKey(p, path, "alarm", "the name of an alarm in alarms");
          requireKey(p, path, "steps", "e.g. steps: [{lower: 0, adjustment: 1}]");
          List<ScalingPolicySpec.StepAdjustment> steps = new ArrayList<>();
          List<Object> raw = p.list("steps");
          if (raw != null) {
            for (Object o : raw) {
              if (o instanceof StrategyParams st) {
                steps.add(new ScalingPolicySpec.StepAdjustment(st.number("lower"), st.number("upper"),
                    st.integer("adjustment")));
              }
            }
            checkSteps(path + ".steps", steps);
          }
          if (diag.failed(path)) {
            continue;
          }
          out.add(new ScalingPolicySpec.Step(p.string("alarm"), adj, steps, warmup, p.integer("minAdjustmentMagnitude")));
        }
        case "horizontal-pod-autoscaler" -> {
          requireKey(p, path, "targetCPUUtilizationPercentage", "e.g. targetCPUUtilizationPercentage: 60");
          requireKey(p, path, "maxReplicas", "e.g. maxReplicas: 20");
          if (p.integer("maxReplicas") != null && p.integer("minReplicas") > p.integer("maxReplicas")) {
            diag.error(path + ".minReplicas", "must be at most maxReplicas (" + p.integer("maxReplicas") + ")");
          }
          if (diag.failed(path)) {
            continue;
          }
          out.add(new ScalingPolicySpec.HorizontalPodAutoscaler(p.number("targetCPUUtilizationPercentage"),
              p.integer("minReplicas"), p.integer("maxReplicas"), p.number("tolerance"), p.duration("syncPeriod"),
              p.duration("scaleUpStabilizationWindow"), p.duration("scaleDownStabilizationWindow"),
              p.integer("scaleUpPods"), p.number("scaleUpPercent"), p.number("scaleDownPercent"),
              p.duration("policyPeriod")));
        }
        default -> {
          requireKey(p, path, "alarm", "the name of an alarm in alarms");
          requireKey(p, path, "adjustment", "e.g. adjustment: 2");
          if (diag.failed(path)) {
            continue;
          }
          out.add(new ScalingPolicySpec.Simple(p.string("alarm"), adj, p.integer("adjustment"),
              p.duration("cooldown") != null ? p.duration("cooldown") : cooldown, p.integer("minAdjustmentMagnitude")));
        }
      }
    }
    return out;
  }

  /** A step or simple policy runs on an alarm of the scenario. */
  private void checkPolicyAlarms(FleetSpec fleet, List<AlarmSpec> alarms, String at) {
    List<String> names = new ArrayList<>();
    alarms.forEach(a -> names.add(a.name()));
    for (int i = 0; i < fleet.scaling().size(); i++) {
      ScalingPolicySpec policy = fleet.scaling().get(i);
      String alarm = policy instanceof ScalingPolicySpec.Step st ? st.alarm()
          : policy instanceof ScalingPolicySpec.Simple si ? si.alarm() : null;
      if (alarm != null && !names.contains(alarm)) {
        diag.error(at + ".scaling[" + i + "].alarm", "no alarm named \"" + alarm + "\" in alarms",
            names.isEmpty() ? "define it under alarms" : "alarms: " + String.join(", ", names));
      }
    }
  }

  private void requireKey(StrategyParams p, String path, String key, String hint) {
    if (!p.isExplicit(key)) {
      diag.error(path, "a " + p.string("type") + " policy needs " + key, hint);
    }
  }

  /** Step bounds: each step's lower below its upper, no gaps or overlaps once sorted (AWS rule). */
  private void checkSteps(String path, List<ScalingPolicySpec.StepAdjustment> steps) {
    List<ScalingPolicySpec.StepAdjustment> sorted = new ArrayList<>(steps);
    sorted.sort((a, b) -> Double.compare(a.lower() == null ? Double.NEGATIVE_INFINITY : a.lower(),
        b.lower() == null ? Double.NEGATIVE_INFINITY : b.lower()));
    for (int k = 0; k < sorted.size(); k++) {
      ScalingPolicySpec.StepAdjustment s = sorted.get(k);
      if (s.lower() != null && s.upper() != null && !(s.lower() < s.upper())) {
        diag.error(path, "a step's lower bound " + Wording.number(s.lower()) + " must be below its upper bound "
            + Wording.number(s.upper()));
        return;
      }
      if (k > 0) {
        Double prevUpper = sorted.get(k - 1).upper();
        if (prevUpper == null || s.lower() == null || prevUpper.doubleValue() != s.lower().doubleValue()) {
          diag.error(path, "steps must not overlap or leave gaps: each lower bound is the previous step's upper bound",
              "e.g. [{lower: 0, upper: 20, adjustment: 1}, {lower: 20, adjustment: 3}]");
          return;
        }
      }
    }
  }

  private static ScalingPolicySpec.AdjustmentType adjustmentType(String key) {
    for (ScalingPolicySpec.AdjustmentType t : ScalingPolicySpec.AdjustmentType.values()) {
      if (t.key().equals(key)) {
        return t;
      }
    }
    return ScalingPolicySpec.AdjustmentType.CHANGE_IN_CAPACITY;
  }

  private List<LifecycleHookSpec> hooks(List<Object> given, String at) {
    List<LifecycleHookSpec> out = new ArrayList<>();
    if (given == null) {
      return out;
    }
    Map<String, Integer> perTransition = new HashMap<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < given.size(); i++) {
      if (!(given.get(i) instanceof StrategyParams h) || h.string("transition") == null) {
        continue;
      }
      String path = at + ".lifecycleHooks[" + i + "]";
      String transition = h.string("transition");
      int n = perTransition.merge(transition, 1, Integer::sum);
      String name = h.string("name") != null ? h.string("name") : transition + "-hook-" + n;
      Integer first = names.putIfAbsent(name, i);
      if (first != null) {
        diag.error(path + ".name", "hook name '" + name + "' is already used by lifecycleHooks[" + first + "]");
      }
      if (diag.failed(path)) {
        continue;
      }
      Object completes = h.get("completesAfter");
      out.add(new LifecycleHookSpec(name, LifecycleHookSpec.Transition.valueOf(transition.toUpperCase(Locale.ROOT)),
          h.duration("heartbeatTimeout"), LifecycleHookSpec.HookResult.valueOf(h.string("defaultResult")),
          completes instanceof Distribution d ? d : null, LifecycleHookSpec.HookResult.valueOf(h.string("result"))));
    }
    return out;
  }

  private WarmPoolSpec warmPool(StrategyParams w, String at) {
    if (w == null || diag.failed(at + ".warmPool")) {
      return null;
    }
    WarmPoolSpec.PoolState state = WarmPoolSpec.PoolState.valueOf(w.string("state").toUpperCase(Locale.ROOT));
    Distribution start = w.distribution("startTime");
    if (start == null) {
      start = Distribution.constant(state == WarmPoolSpec.PoolState.RUNNING ? 0 : 15);
    }
    return new WarmPoolSpec(w.integer("minSize"), w.integer("maxGroupPreparedCapacity"), state, start,
        w.bool("reuseOnScaleIn"));
  }

  private List<FleetSpec.ScheduledAction> scheduledActions(List<Object> given, String at) {
    List<FleetSpec.ScheduledAction> out = new ArrayList<>();
    if (given == null) {
      return out;
    }
    for (int i = 0; i < given.size(); i++) {
      if (!(given.get(i) instanceof StrategyParams a)) {
        continue;
      }
      String path = at + ".scheduledActions[" + i + "]";
      if (diag.failed(path)) {
        continue;
      }
      out.add(new FleetSpec.ScheduledAction(a.duration("at"), a.integer("minSize"), a.integer("maxSize"),
          a.integer("desired")));
    }
    out.sort((x, y) -> Double.compare(x.at(), y.at()));
    return out;
  }

  // ---- load balancer, DNS, traffic ---------------------------------------------------------------

  /** A load balancer at {@code at} (loadBalancer, or loadBalancers.NAME). */
  LoadBalancerSpec loadBalancer(StrategyParams lb, String at) {
    if (lb == null) {
      return null;
    }
    boolean alb = !"clb".equals(lb.string("type"));
    boolean eb = "elastic-beanstalk".equals(lb.string("preset"));
    StrategyParams hc = section(lb, "healthCheck", ScenarioFormat.HEALTH_CHECK, true);
    if (hc == null) {
      return null;
    }
    // AWS defaults: ALB 30s/5s/5/2, one check for a new target; CLB 30s/5s/10/2. Elastic Beanstalk
    // gives its load balancers 15s (CLB 10s)/5s/3/5 and a 20s deregistration delay.
    double interval = orElse(hc.duration("interval"), eb ? (alb ? 15 : 10) : 30);
    double timeout = orElse(hc.duration("timeout"), 5);
    int healthy = orElse(hc.integer("healthyThreshold"), eb ? 3 : alb ? 5 : 10);
    int unhealthy = orElse(hc.integer("unhealthyThreshold"), eb ? 5 : 2);
    int initial = orElse(hc.integer("initialHealthyThreshold"), alb ? 1 : healthy);
    double dereg = orElse(lb.duration("deregistrationDelay"), eb ? 20 : 300);
    Double slowStart = lb.duration("slowStart");
    if (!diag.failed(at + ".healthCheck")) {
      if (!(timeout < interval)) {
        boolean timeoutGiven = hc.isExplicit("timeout");
        diag.error(timeoutGiven ? at + ".healthCheck.timeout" : at + ".healthCheck.interval",
            "the timeout (" + Durations.format(timeout) + ") must be shorter than the interval ("
                + Durations.format(interval) + ")");
      }
      if (!alb && timeout > 60) {
        diag.error(at + ".healthCheck.timeout", "a Classic Load Balancer's timeout must be at most 1m, got "
            + Durations.format(timeout));
      }
    }
    if (slowStart != null && slowStart > 0) {
      if (!alb) {
        diag.error(at + ".slowStart", "slow start is an Application Load Balancer feature; "
            + "a Classic Load Balancer has none", "remove slowStart or use type: alb");
      } else if (slowStart < 30) {
        diag.error(at + ".slowStart", "must be 0s (off) or between 30s and 15m, got " + Durations.format(slowStart));
      }
    }
    if (diag.failed(at)) {
      return null;
    }
    return new LoadBalancerSpec(alb ? LoadBalancerSpec.Type.ALB : LoadBalancerSpec.Type.CLB,
        new LoadBalancerSpec.HealthCheckSpec(interval, timeout, healthy, unhealthy, initial,
            hc.distribution("firstCheckDelay")),
        dereg, slowStart, lb.duration("idleTimeout"));
  }

  private static double orElse(Double v, double fallback) {
    return v != null ? v : fallback;
  }

  private static int orElse(Integer v, int fallback) {
    return v != null ? v : fallback;
  }

  private DnsSpec dns(StrategyParams d, Topology topology) {
    if (d == null) {
      return null;
    }
    List<DnsRecordSpec> records = new ResilienceBinder(diag, this).records(d, topology);
    if (diag.failed("dns")) {
      return null;
    }
    double ttl = d.duration("ttl");
    double maxAge = d.duration("staleClientMaxAge");
    if (maxAge < ttl) {
      diag.error(d.isExplicit("staleClientMaxAge") ? "dns.staleClientMaxAge" : "dns.ttl",
          "staleClientMaxAge (" + Durations.format(maxAge) + ") must be at least the ttl (" + Durations.format(ttl)
              + ")");
      return null;
    }
    return new DnsSpec(ttl, d.number("staleClientFraction"), maxAge, records, d.distribution("propagation"));
  }

  private TrafficSpec traffic(StrategyParams t) {
    if (t == null) {
      return null;
    }
    boolean rpsGiven = t.isExplicit("rps");
    boolean patternGiven = t.isExplicit("pattern");
    if (rpsGiven == patternGiven) {
      return null; // exactly one of them: reported by the walk
    }
    TrafficSpec.Pattern pattern = null;
    if (rpsGiven) {
      Double rps = t.number("rps");
      pattern = rps == null ? null : new TrafficSpec.Constant(rps);
    } else {
      StrategyParams p = t.object("pattern");
      if (p != null) {
        pattern = pattern(p);
      }
    }
    if (pattern == null || diag.failed("traffic")) {
      return null;
    }
    return new TrafficSpec(pattern, t.duration("resolution"), t.duration("routingInterval"));
  }

  private TrafficSpec.Pattern pattern(StrategyParams p) {
    List<String> given = new ArrayList<>();
    for (String k : List.of("constant", "steps", "diurnal")) {
      if (p.isExplicit(k)) {
        given.add(k);
      }
    }
    if (given.size() != 1) {
      return null; // exactly one of them: reported by the walk
    }
    switch (given.get(0)) {
      case "constant": {
        Double rps = p.number("constant");
        return rps == null ? null : new TrafficSpec.Constant(rps);
      }
      case "steps": {
        List<Object> items = p.list("steps");
        if (items == null) {
          return null;
        }
        List<TrafficSpec.Step> steps = new ArrayList<>();
        Double last = null;
        for (int i = 0; i < items.size(); i++) {
          if (!(items.get(i) instanceof StrategyParams s) || s.duration("at") == null || s.number("rps") == null) {
            return null;
          }
          double at = s.duration("at");
          if (last != null && !(at > last)) {
            diag.error("traffic.pattern.steps[" + i + "].at", "steps must be in time order: "
                + Durations.format(at) + " is not after " + Durations.format(last));
            return null;
          }
          last = at;
          steps.add(new TrafficSpec.Step(at, s.number("rps")));
        }
        return new TrafficSpec.Steps(steps);
      }
      default: {
        StrategyParams d = p.object("diurnal");
        if (d == null || diag.failed("traffic.pattern.diurnal")) {
          return null;
        }
        if (d.number("mean") + d.number("amplitude") > Limits.MAX_RPS) {
          diag.error("traffic.pattern.diurnal.amplitude", "the peak, mean + amplitude, must be at most 1e9 requests "
              + "per second, got " + Wording.number(d.number("mean") + d.number("amplitude")));
          return null;
        }
        return new TrafficSpec.Diurnal(d.number("mean"), d.number("amplitude"), d.duration("period"),
            d.duration("peakAt"));
      }
    }
  }

  // ---- deployment and alarms -------------------------------------------------------------------

  private DeploymentSpec deployment(StrategyParams d, Map<String, Object> versions, String initialVersion,
      List<AlarmSpec> alarms) {
    if (d == null) {
      return null;
    }
    String version = d.string("version");
    if (version != null && versions != null && !versions.containsKey(version)) {
      unknownVersion("deployment.version", version, versions);
    } else if (version != null && version.equals(initialVersion)) {
      diag.error("deployment.version", version + " is already the initial version; deploy another version",
          "initialVersion is the first version listed unless you set it");
    }
    StrategySpec strategy = strategySpec(d);
    StrategyType type = strategy == null ? null : catalog.find(strategy.type()).orElse(null);
    StrategyParams r = section(d, "rollback", ScenarioFormat.ROLLBACK, true);
    DeploymentSpec.RollbackSpec rollback = null;
    if (r != null) {
      List<Object> onAlarms = r.list("onAlarms");
      Boolean onFailure = r.bool("onFailure");
      if (onAlarms != null) {
        checkAlarmNames(onAlarms, "deployment.rollback.onAlarms", alarms);
        if (type != null && !onAlarms.isEmpty() && !type.description().rollback().rollsBackOnAlarms()) {
          diag.error("deployment.rollback.onAlarms", type.description().alarmRollbackRefusal());
        }
      }
      String refusal = type != null && r.isExplicit("onFailure") && onFailure != null
          ? type.description().rollbackOnFailureRefusal(onFailure) : null;
      if (refusal != null) {
        diag.error("deployment.rollback.onFailure", refusal);
      }
      if (!diag.failed("deployment.rollback")) {
        rollback = new DeploymentSpec.RollbackSpec(onFailure, stringList(onAlarms));
      }
    }
    if (diag.failed("deployment") || strategy == null || rollback == null) {
      return null;
    }
    List<Object> bakeAlarms = d.list("bakeAlarms");
    if (bakeAlarms != null) {
      checkAlarmNames(bakeAlarms, "deployment.bakeAlarms", alarms);
    }
    return new DeploymentSpec(d.duration("at"), version, strategy, rollback, d.duration("bakeTime"),
        bakeAlarms == null ? null : stringList(bakeAlarms));
  }

  /** Each name of a list of alarm names ({@code path}[i]) must be one of {@code alarms}. */
  private void checkAlarmNames(List<Object> names, String path, List<AlarmSpec> alarms) {
    Set<String> alarmNames = new HashSet<>();
    alarms.forEach(a -> alarmNames.add(a.name()));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String a = (String) names.get(i);
      if (a == null) {
        continue;
      }
      if (seen.add(a) && !alarmNames.contains(a) && !diag.failed("alarms")) { // (twice: reported by the walk)
        String hint = DidYouMean.hint(a, alarmNames);
        diag.error(path + "[" + i + "]", "no alarm named \"" + a + "\" in alarms",
            hint != null ? hint : alarmNames.isEmpty() ? "define it under alarms:"
                : "alarms: " + String.join(", ", alarmNames.stream().sorted().toList()));
      }
    }
  }

  private static List<String> stringList(List<Object> items) {
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      out.add((String) o);
    }
    return out;
  }

  private List<AlarmSpec> alarms(List<Object> given) {
    List<AlarmSpec> out = new ArrayList<>();
    if (given == null) {
      return out;
    }
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < given.size(); i++) {
      if (!(given.get(i) instanceof StrategyParams a)) {
        continue;
      }
      String path = "alarms[" + i + "]";
      String name = a.string("name");
      if (name != null) {
        Integer first = names.putIfAbsent(name, i);
        if (first != null) {
          diag.error(path + ".name", "duplicate alarm name \"" + name + "\" (also alarms[" + first + "])",
              "alarm names must be unique");
        }
      }
      Integer evaluation = a.integer("evaluationPeriods");
      Integer datapoints = a.integer("datapointsToAlarm");
      if (evaluation != null && datapoints != null && datapoints > evaluation) {
        diag.error(path + ".datapointsToAlarm", "must be at most evaluationPeriods (" + evaluation + "), got "
            + datapoints);
      }
      if (diag.failed(path)) {
        continue;
      }
      AlarmSpec.Metric metric = byKey(AlarmSpec.Metric.values(), a.string("metric"));
      AlarmSpec.Statistic statistic = a.string("statistic") != null
          ? byKey(AlarmSpec.Statistic.values(), a.string("statistic")) : Alarms.defaultStatistic(metric);
      out.add(new AlarmSpec(name, metric, statistic, a.number("threshold"),
          byKey(AlarmSpec.Comparison.values(), a.string("comparison")), a.duration("period"), evaluation,
          datapoints != null ? datapoints : evaluation,
          byKey(AlarmSpec.MissingData.values(), a.string("treatMissingData"))));
    }
    return out;
  }

  /**
   * The slo block, and the check that latency alarms and the slo have a latency to look at (some
   * version's responseTime).
   */
  private SloSpec slo(StrategyParams slo, Map<String, VersionSpec> versions, List<AlarmSpec> alarms) {
    boolean latency = false;
    for (VersionSpec v : versions.values()) {
      latency |= v.responseTime() != null;
    }
    if (!latency && !diag.failed("versions")) {
      String hint = "give the versions a responseTime, e.g. responseTime: 80ms";
      if (slo != null) {
        diag.error("slo", "needs a latency: no version has a responseTime", hint);
      }
      for (int i = 0; i < alarms.size(); i++) {
        if (alarms.get(i).metric().isLatency()) {
          diag.error("alarms[" + i + "].metric", alarms.get(i).metric().key() + " needs a latency: no version has "
              + "a responseTime", hint);
        }
      }
    }
    if (slo == null || diag.failed("slo")) {
      return null;
    }
    return new SloSpec(slo.duration("latencyP99"));
  }

  private static <E extends Enum<E>> E byKey(E[] values, String key) {
    for (E e : values) {
      String k;
      if (e instanceof AlarmSpec.Metric m) {
        k = m.key();
      } else if (e instanceof AlarmSpec.Statistic s) {
        k = s.key();
      } else if (e instanceof AlarmSpec.Comparison c) {
        k = c.key();
      } else {
        k = ((AlarmSpec.MissingData) e).key();
      }
      if (k.equals(key)) {
        return e;
      }
    }
    throw new IllegalArgumentException("no " + values.getClass().getComponentType().getSimpleName() + " " + key);
  }

  // ---- faults -------------------------------------------------------------------------------------

  /** The zones of the named fleets in {@code region}, each once. */
  private static List<String> zonesOf(Topology named, String region) {
    List<String> out = new ArrayList<>();
    for (Topology.NamedFleet f : named.fleets().values()) {
      if (region.equals(f.region())) {
        for (String z : f.spec().zones()) {
          if (!out.contains(z)) {
            out.add(z);
          }
        }
      }
    }
    return out;
  }

  /** @param named the named fleets and load balancers; null for the singular fleet */
  private List<FaultSpec> faults(List<Object> given, Map<String, Object> versions, boolean hasFleet, List<String> zones,
      Topology named, List<String> regions, boolean hasDatabase) {
    List<FaultSpec> out = new ArrayList<>();
    if (given == null) {
      return out;
    }
    for (int i = 0; i < given.size(); i++) {
      if (!(given.get(i) instanceof StrategyParams f)) {
        continue;
      }
      String path = "faults[" + i + "]";
      String type = f.string("type");
      String zone = f.string("zone");
      String region = f.string("region");
      if (region != null && !regions.contains(region)) {
        String hint = regions.isEmpty() ? "add regions: [" + region + ", ...]" : DidYouMean.hint(region, regions);
        diag.error(path + ".region", "region '" + region + "' is not one of regions",
            hint != null ? hint : "regions: " + String.join(", ", regions));
      }
      boolean zoneOutage = "zoneOutage".equals(type);
      if (zoneOutage && region == null && regions.size() > 1) {
        // zone names repeat in every region (us-east-1a, eu-west-1a): a zone alone does not say which
        diag.error(path, "required key is missing: region (the file has " + regions.size() + " regions, "
            + String.join(", ", regions) + ", and a zone name alone does not say which one's zone fails)",
            "region: " + regions.get(0));
      } else if (zoneOutage && region == null && regions.size() == 1) {
        region = regions.get(0);
      }
      if (zone != null && !diag.failed(path + ".region") && !diag.failed(path)) {
        List<String> known = zoneOutage && named != null && region != null ? zonesOf(named, region) : zones;
        if (!hasFleet && !diag.failed("fleet")) {
          diag.error(path + ".zone", "there is no fleet, so no zones");
        } else if (known != null && !known.contains(zone)) {
          String hint = DidYouMean.hint(zone, known);
          String where = named == null ? "fleet.zones" : known == zones ? "the zones of fleets"
              : "the zones of the fleets in " + region;
          diag.error(path + ".zone", "zone '" + zone + "' is not one of " + where,
              hint != null ? hint : where.replace("the zones of ", "zones of ") + ": " + String.join(", ", known));
        }
      }
      if ("databaseFailure".equals(type) && !hasDatabase) {
        diag.error(path + ".type", "there is no database to fail", "add database: {engine: rds-multi-az}");
      }
      String version = f.string("version");
      if (version != null && versions != null && !versions.containsKey(version)) {
        unknownVersion(path + ".version", version, versions);
      }
      if (diag.failed(path) || type == null) {
        continue;
      }
      double at = f.duration("at");
      switch (type) {
        case "zoneOutage" -> out.add(new FaultSpec.ZoneOutage(at, zone, f.duration("duration"), region));
        case "instanceFailure" -> out.add(new FaultSpec.InstanceFailure(at, f.integer("count"), version, zone));
        case "launchFailures" -> out.add(new FaultSpec.LaunchFailures(at, f.number("probability"), f.duration("duration")));
        case "regionOutage" -> out.add(new FaultSpec.RegionOutage(at, region, f.duration("duration")));
        case "databaseFailure" -> out.add(new FaultSpec.DatabaseFailure(at, f.duration("duration")));
        case "agentFailure" -> {
          Double window = f.duration("duration");
          out.add(new FaultSpec.AgentFailure(at, f.integer("count"), version, zone, window == null ? 0 : window));
        }
        default -> out.add(new FaultSpec.SlowBoots(at, f.number("factor"), f.duration("duration")));
      }
    }
    return out;
  }
}
