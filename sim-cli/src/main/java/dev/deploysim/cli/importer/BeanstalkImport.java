package dev.deploysim.cli.importer;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Elastic Beanstalk option settings from {@code .ebextensions/*.config} files (either notation: a
 * list of {namespace, option_name, value}, or {namespace: {option: value}}) and saved
 * configurations ({@code OptionSettings}). The files merge in Elastic Beanstalk's precedence: a
 * saved configuration over {@code .ebextensions}, and among {@code .config} files, which Elastic
 * Beanstalk processes in alphabetical order, a later file over an earlier one.
 * Option settings: https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/ebextensions-optionsettings.html
 * Precedence: https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options.html
 * Options: https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html
 */
final class BeanstalkImport {
  static final String COMMAND = "aws:elasticbeanstalk:command";
  static final String SPLITTING = "aws:elasticbeanstalk:trafficsplitting";
  static final String ASG = "aws:autoscaling:asg";
  static final String PROCESS = "aws:elasticbeanstalk:environment:process:default";
  static final String ENVIRONMENT = "aws:elasticbeanstalk:environment";
  static final String HEALTH = "aws:elasticbeanstalk:healthreporting:system";
  static final String ROLLING_UPDATE = "aws:autoscaling:updatepolicy:rollingupdate";
  static final String CLB_HEALTH = "aws:elb:healthcheck";
  static final String CLB_POLICIES = "aws:elb:policies";
  /** The namespace an option without one belongs to: environment properties, not simulated. */
  static final String DEFAULT_NAMESPACE = "aws:elasticbeanstalk:application:environment";

  static final Set<String> READ = Set.of(COMMAND, SPLITTING, ASG, PROCESS, ENVIRONMENT, HEALTH, ROLLING_UPDATE,
      CLB_HEALTH, CLB_POLICIES);

  static final Map<String, String> POLICIES = Map.of(
      "AllAtOnce", "eb.all-at-once",
      "Rolling", "eb.rolling",
      "RollingWithAdditionalBatch", "eb.rolling-additional-batch",
      "Immutable", "eb.immutable",
      "TrafficSplitting", "eb.traffic-splitting");

  private static final String STRATEGY = DeploymentGroupImport.STRATEGY;

  private final ImportSession s;
  private final StrategyCatalog catalog;
  /** namespace -> option -> value, after precedence. */
  private final Map<String, Map<String, Value>> options = new LinkedHashMap<>();
  private final Map<String, Integer> ignoredNamespaces = new TreeMap<>();
  private String type;

  private BeanstalkImport(ImportSession s, StrategyCatalog catalog) {
    this.s = s;
    this.catalog = catalog;
  }

  /** {@code extensions} in any order (sorted here by file name), then {@code saved} configurations. */
  static void run(ImportSession s, StrategyCatalog catalog, List<SourceFile> extensions, List<SourceFile> saved) {
    BeanstalkImport b = new BeanstalkImport(s, catalog);
    List<SourceFile> sorted = new ArrayList<>(extensions);
    sorted.sort((x, y) -> x.path().getFileName().toString().compareTo(y.path().getFileName().toString()));
    for (SourceFile f : sorted) {
      Tags.refuse(f, Set.copyOf(CfnTemplate.SHORT_FORMS), "an .ebextensions file", s.problems);
      b.extension(f);
    }
    for (SourceFile f : saved) {
      Tags.refuse(f, Set.of(), "a saved configuration", s.problems);
      b.saved(f);
    }
    s.problems.throwIfAny();
    b.map(extensions, saved);
  }

  /** The file's {@code key} section; null, with a note in the draft, when the file has none. */
  private Value settings(SourceFile f, String key) {
    Value settings = PlainValue.of(f, f.single(), "").get(key);
    if (settings.absent()) {
      s.draft.note(f.name() + " has no " + key);
      return null;
    }
    return settings;
  }

  private void extension(SourceFile f) {
    Value settings = settings(f, "option_settings");
    if (settings == null) {
      return;
    }
    if (settings.isList()) {
      for (Value item : settings.items()) {
        if (!Keys.check(item, "an option setting", List.of("namespace", "option_name", "value", "resource_name"),
            s.problems)) {
          continue;
        }
        Value ns = item.get("namespace");
        Value name = item.get("option_name");
        if (!name.isScalar()) {
          s.problems.add(item, "an option setting needs option_name", null);
          continue;
        }
        String namespace = ns.isScalar() ? ns.text() : DEFAULT_NAMESPACE;
        put(namespace, name.text(), item.get("value").renamed(namespace + "." + name.text()));
      }
    } else if (settings.isMap()) {
      namespaces(settings);
    } else {
      s.problems.add(settings, "option_settings is a list of {namespace, option_name, value} or a mapping of "
          + "namespaces to options, got " + settings.describe(), null);
    }
  }

  private void saved(SourceFile f) {
    Value settings = settings(f, "OptionSettings");
    if (settings == null) {
      return;
    }
    if (!settings.isMap()) {
      s.problems.add(settings, "OptionSettings is a mapping of namespaces to options, got " + settings.describe(), null);
      return;
    }
    namespaces(settings);
  }

  private void namespaces(Value settings) {
    for (String ns : settings.keys()) {
      Value opts = settings.get(ns);
      if (!opts.isMap()) {
        s.problems.add(opts, "a namespace holds a mapping of options to values, got " + opts.describe(), null);
        continue;
      }
      for (String o : opts.keys()) {
        put(ns, o, opts.get(o).renamed(ns + "." + o));
      }
    }
  }

  private void put(String namespace, String option, Value value) {
    if (!READ.contains(namespace)) {
      ignoredNamespaces.merge(namespace, 1, Integer::sum);
      return;
    }
    options.computeIfAbsent(namespace, k -> new LinkedHashMap<>()).put(option, value);
  }

  private Value option(String namespace, String option) {
    Value v = options.getOrDefault(namespace, Map.of()).get(option);
    return v == null ? PlainValue.of(null, null, namespace + "." + option) : v;
  }

  private boolean has(String namespace, String option) {
    return options.getOrDefault(namespace, Map.of()).containsKey(option);
  }

  // ---- mapping ------------------------------------------------------------------------------------

  private void map(List<SourceFile> extensions, List<SourceFile> saved) {
    name(extensions, saved);
    strategy();
    if (fleet()) {
      loadBalancer();
    }
    if (!options.getOrDefault(ROLLING_UPDATE, Map.of()).isEmpty()) {
      Value any = options.get(ROLLING_UPDATE).values().iterator().next();
      s.draft.note(ROLLING_UPDATE + " (" + any.at() + ") applies to configuration changes that replace instances, "
          + "not to application deployments: read but not simulated");
    }
    if (!ignoredNamespaces.isEmpty()) {
      int n = ignoredNamespaces.values().stream().mapToInt(Integer::intValue).sum();
      List<String> parts = new ArrayList<>();
      ignoredNamespaces.forEach((k, v) -> parts.add(k + (v > 1 ? " x" + v : "")));
      s.ignored.add(n + " option settings that do not matter to a deployment: " + String.join(", ", parts));
    }
  }

  private void name(List<SourceFile> extensions, List<SourceFile> saved) {
    if (s.draft.has("name")) {
      return;
    }
    if (!saved.isEmpty()) {
      SourceFile f = saved.get(saved.size() - 1);
      String n = f.path().getFileName().toString().replaceFirst("\\.cfg\\.yml$", "").replaceFirst("\\.ya?ml$", "");
      s.draft.put("name", n, new Provenance.FromFile(new Where(f.name(), 0, 0, ""), null, "the saved configuration's "
          + "name"));
      return;
    }
    java.nio.file.Path dir = extensions.get(0).path().toAbsolutePath().getParent();
    java.nio.file.Path app = dir == null ? null : dir.getParent();
    if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals(".ebextensions") && app != null
        && app.getFileName() != null) {
      s.draft.put("name", app.getFileName().toString(), new Provenance.FromFile(new Where(extensions.get(0).name(), 0,
          0, ""), null, "the application folder that holds .ebextensions"));
    }
  }

  private void strategy() {
    Value policy = option(COMMAND, "DeploymentPolicy");
    if (policy.present()) {
      String p = Convert.word(policy, new ArrayList<>(POLICIES.keySet()).stream().sorted().toList(), s.problems);
      if (p == null) {
        return;
      }
      type = POLICIES.get(p);
      s.draft.put(STRATEGY + ".type", type, policy.provenance());
    } else {
      type = "eb.all-at-once";
      s.assume(STRATEGY + ".type", type, "DeploymentPolicy AllAtOnce, the API's default; environments created with the "
          + "console or the EB CLI get a recommended policy instead (often Rolling): set yours");
    }
    Value batch = option(COMMAND, "BatchSize");
    Value batchType = option(COMMAND, "BatchSizeType");
    if (batch.present() || batchType.present()) {
      String kind = batchType.present() ? Convert.word(batchType, List.of("Percentage", "Fixed"), s.problems) : "Percentage";
      if (kind != null && param("batchSize", batch.present() ? batch : batchType)) {
        if (batch.present()) {
          s.set(STRATEGY + ".batchSize", batch, (v, q) -> {
            Long n = Convert.integer(v, 1, kind.equals("Fixed") ? 10000 : 100, q);
            return n == null ? null : kind.equals("Fixed") ? (Object) n : n + "%";
          });
        } else {
          s.platformDefault(STRATEGY + ".batchSize", "100%", "BatchSize 100, Elastic Beanstalk's default");
        }
      }
    }
    setParam("timeout", option(COMMAND, "Timeout"), (v, q) -> Convert.seconds(v, 1, 3600, q));
    setParam("ignoreHealthCheck", option(COMMAND, "IgnoreHealthCheck"), Convert::bool);
    setParam("newVersionPercent", option(SPLITTING, "NewVersionPercent"), (v, q) -> Convert.integer(v, 1, 100, q));
    setParam("evaluationTime", option(SPLITTING, "EvaluationTime"), (v, q) -> Convert.minutes(v, 3, 600, q));
    setParam("enhancedHealth", option(HEALTH, "SystemType"), (v, q) -> {
      String w = Convert.word(v, List.of("enhanced", "basic"), q);
      return w == null ? null : w.equals("enhanced");
    });
    setParam("healthCheckSuccessThreshold", option(HEALTH, "HealthCheckSuccessThreshold"),
        (v, q) -> Convert.word(v, List.of("Ok", "Warning", "Degraded", "Severe"), q));
  }

  /** True when the chosen strategy type has the parameter; otherwise a note says the setting is unused. */
  private boolean param(String name, Value from) {
    for (ParamSpec p : catalog.find(type).orElseThrow().description().params()) {
      if (p.name().equals(name)) {
        return true;
      }
    }
    s.draft.note(from.path() + " (" + from.at() + ") does not apply to " + type);
    return false;
  }

  private void setParam(String name, Value v, ImportSession.Conv conv) {
    if (v.present() && param(name, v)) {
      s.set(STRATEGY + "." + name, v, conv);
    }
  }

  /** The group's sizes and zones; false for a single-instance environment (no load balancer). */
  private boolean fleet() {
    Value env = option(ENVIRONMENT, "EnvironmentType");
    boolean single = env.isScalar() && "SingleInstance".equals(Convert.word(env, List.of("LoadBalanced",
        "SingleInstance"), s.problems));
    if (single) {
      s.draft.put("fleet.instances", 1L, new Provenance.FromFile(env.where(), env.path(), "one instance"));
      s.draft.note("a single-instance environment has no load balancer; the scenario has none");
      return false;
    }
    Value min = option(ASG, "MinSize");
    Value max = option(ASG, "MaxSize");
    Object minSize;
    if (min.present()) {
      minSize = s.set("fleet.minSize", min, (v, q) -> Convert.integer(v, 1, 10000, q));
      if (minSize != null) {
        s.draft.put("fleet.instances", minSize, new Provenance.FromFile(min.where(), min.path(),
            "the environment runs MinSize instances until it scales out"));
      }
    } else {
      s.platformDefault("fleet.minSize", 1L, "MinSize 1, Elastic Beanstalk's default");
      s.platformDefault("fleet.instances", 1L, "MinSize 1, Elastic Beanstalk's default: the environment runs "
          + "MinSize instances until it scales out");
    }
    if (max.present()) {
      s.set("fleet.maxSize", max, (v, q) -> Convert.integer(v, 1, 10000, q));
    } else {
      s.platformDefault("fleet.maxSize", 4L, "MaxSize 4, Elastic Beanstalk's default");
    }
    Value custom = option(ASG, "Custom Availability Zones");
    Value zones = option(ASG, "Availability Zones");
    if (custom.isScalar() && !custom.text().isBlank()) {
      List<String> names = new ArrayList<>();
      for (String z : custom.text().split(",")) {
        if (!z.isBlank() && !names.contains(z.strip())) {
          names.add(z.strip());
        }
      }
      s.draft.put("fleet.zones", names, custom.provenance());
    } else if (zones.present()) {
      String w = Convert.word(zones, List.of("Any", "Any 1", "Any 2", "Any 3"), s.problems);
      if (w != null && !w.equals("Any")) {
        int n = Integer.parseInt(w.substring(4));
        s.draft.put("fleet.zones", List.of("a", "b", "c").subList(0, n), zones.provenance());
      } else if (w != null) {
        s.assume("fleet.zones", List.of("a", "b", "c"), "Any: as many zones as the region offers; three here");
      }
    }
    return true;
  }

  private void loadBalancer() {
    Value lbType = option(ENVIRONMENT, "LoadBalancerType");
    String lb = "alb";
    if (lbType.present()) {
      String w = Convert.word(lbType, List.of("application", "classic", "network"), s.problems);
      if (w == null) {
        return;
      }
      if (w.equals("network")) {
        s.draft.note("a Network Load Balancer (" + lbType.at() + ") is simulated as an Application Load Balancer");
      }
      lb = w.equals("classic") ? "clb" : "alb";
      s.draft.put("loadBalancer.type", lb, lbType.provenance());
    } else {
      s.assume("loadBalancer.type", lb, "the console and the EB CLI create an Application Load Balancer (the API's "
          + "default is classic)");
    }
    s.platformDefault("loadBalancer.preset", "elastic-beanstalk", "the health check and draining settings Elastic "
        + "Beanstalk gives its load balancers");
    String hc = "loadBalancer.healthCheck";
    if (lb.equals("alb")) {
      s.set(hc + ".interval", option(PROCESS, "HealthCheckInterval"), (v, q) -> Convert.seconds(v, 5, 300, q));
      s.set(hc + ".timeout", option(PROCESS, "HealthCheckTimeout"), (v, q) -> Convert.seconds(v, 2, 60, q));
      s.set(hc + ".healthyThreshold", option(PROCESS, "HealthyThresholdCount"), (v, q) -> Convert.integer(v, 2, 10, q));
      s.set(hc + ".unhealthyThreshold", option(PROCESS, "UnhealthyThresholdCount"),
          (v, q) -> Convert.integer(v, 2, 10, q));
      s.set("loadBalancer.deregistrationDelay", option(PROCESS, "DeregistrationDelay"),
          (v, q) -> Convert.seconds(v, 0, 3600, q));
    } else {
      s.set(hc + ".interval", option(CLB_HEALTH, "Interval"), (v, q) -> Convert.seconds(v, 5, 300, q));
      s.set(hc + ".timeout", option(CLB_HEALTH, "Timeout"), (v, q) -> Convert.seconds(v, 2, 60, q));
      s.set(hc + ".healthyThreshold", option(CLB_HEALTH, "HealthyThreshold"), (v, q) -> Convert.integer(v, 2, 10, q));
      s.set(hc + ".unhealthyThreshold", option(CLB_HEALTH, "UnhealthyThreshold"), (v, q) -> Convert.integer(v, 2, 10, q));
      Value on = option(CLB_POLICIES, "ConnectionDrainingEnabled");
      if (on.present() && Boolean.FALSE.equals(Convert.bool(on, s.problems))) {
        s.draft.put("loadBalancer.deregistrationDelay", "0s", new Provenance.FromFile(on.where(), on.path(),
            "connection draining off"));
      } else {
        s.set("loadBalancer.deregistrationDelay", option(CLB_POLICIES, "ConnectionDrainingTimeout"),
            (v, q) -> Convert.seconds(v, 1, 3600, q));
      }
    }
    if (has(PROCESS, "DeregistrationDelay") && lb.equals("clb")) {
      s.draft.note(PROCESS + " settings apply to Application Load Balancers; a Classic one uses " + CLB_HEALTH
          + " and " + CLB_POLICIES);
    }
  }
}
