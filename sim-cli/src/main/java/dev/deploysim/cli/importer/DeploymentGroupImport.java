package dev.deploysim.cli.importer;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.RollbackPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * A CodeDeploy deployment group, as {@code aws deploy get-deployment-group} prints it
 * ({@code deploymentGroupInfo}, camelCase) or as an {@code AWS::CodeDeploy::DeploymentGroup}
 * resource (PascalCase): the strategy type and its parameters, rollback, alarms and load balancer.
 * Fields: https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_DeploymentGroupInfo.html and
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codedeploy-deploymentgroup.html
 */
final class DeploymentGroupImport {
  private DeploymentGroupImport() {}

  /** What the group refers to that may be described elsewhere in the files. */
  interface Lookup {
    /** The Properties of the alarm an {@code alarms[].name} entry names, or null when not in the files. */
    Value alarm(Value name);

    /** A custom deployment configuration by name (CFN resource Properties or deploymentConfigInfo), or null. */
    Value deploymentConfig(Value name);
  }

  static final String STRATEGY = "deployment.strategy";

  static void apply(ImportSession s, StrategyCatalog catalog, Value g, Lookup lookup) {
    if (s.draft.hasUnder(STRATEGY)) {
      Imported old = s.draft.get(STRATEGY + ".type");
      s.draft.note("the deployment comes from the CodeDeploy deployment group (" + g.at() + "), not from "
          + (old == null ? "the template's UpdatePolicy" : old.value() + " (" + old.provenance().comment() + ")")
          + ": an application revision goes through CodeDeploy; an UpdatePolicy applies when the launch "
          + "template changes");
      s.draft.removeUnder(STRATEGY);
    }
    Value platformV = g.field("computePlatform");
    Value configV = g.field("deploymentConfigName");
    String platform = platformV.isScalar() ? Convert.word(platformV, List.of("Server", "Lambda", "ECS"), s.problems)
        : configV.isScalar() && configV.text().startsWith("CodeDeployDefault.Lambda") ? "Lambda"
        : configV.isScalar() && configV.text().startsWith("CodeDeployDefault.ECS") ? "ECS" : "Server";
    if (platform == null) {
      return;
    }
    Value style = g.field("deploymentStyle");
    Value typeV = style.field("deploymentType");
    Value optionV = style.field("deploymentOption");
    String type;
    Provenance typeFrom;
    if (!platform.equals("Server")) {
      type = "codedeploy.traffic-shift";
      typeFrom = platformV.isScalar() ? platformV.provenance()
          : new Provenance.FromFile(configV.where(), configV.path(), "a " + platform + " configuration");
      s.draft.put(STRATEGY + ".platform", platform.toLowerCase(java.util.Locale.ROOT), typeFrom);
    } else {
      String style0 = typeV.isScalar() ? Convert.word(typeV, List.of("IN_PLACE", "BLUE_GREEN"), s.problems) : "IN_PLACE";
      if (style0 == null) {
        return;
      }
      type = style0.equals("BLUE_GREEN") ? "codedeploy.blue-green" : "codedeploy.in-place";
      typeFrom = typeV.isScalar() ? typeV.provenance()
          : Provenance.assumed("IN_PLACE: the deployment group gives no deploymentStyle");
    }
    s.draft.put(STRATEGY + ".type", type, typeFrom);
    StrategyDescription st = catalog.find(type).orElseThrow().description();

    config(s, st, configV, lookup);
    if (type.equals("codedeploy.in-place")) {
      s.set(STRATEGY + ".trafficControl", optionV,
          (v, p) -> bool(Convert.word(v, List.of("WITH_TRAFFIC_CONTROL", "WITHOUT_TRAFFIC_CONTROL"), p),
              "WITH_TRAFFIC_CONTROL"));
      s.set(STRATEGY + ".outdatedInstances", g.field("outdatedInstancesStrategy"),
          (v, p) -> Convert.word(v, List.of("UPDATE", "IGNORE"), p));
    }
    if (type.equals("codedeploy.blue-green")) {
      blueGreen(s, g.field("blueGreenDeploymentConfiguration"));
    }
    rollback(s, st, g, lookup);
    loadBalancer(s, g.field("loadBalancerInfo"));
    Value name = g.field("deploymentGroupName");
    if (!s.draft.has("name") && name.isScalar()) {
      s.draft.put("name", name.text(), name.provenance());
    }
    Value tags = g.field("ec2TagFilters");
    if (tags.present() && !tags.items().isEmpty()) {
      s.draft.note("the deployment group also targets instances by tag (" + tags.at() + "); the scenario's fleet is one "
          + "Auto Scaling group");
    }
  }

  private static Boolean bool(String word, String trueWord) {
    return word == null ? null : word.equals(trueWord);
  }

  private static List<String> allowed(StrategyDescription st, String param) {
    for (ParamSpec p : st.params()) {
      if (p.name().equals(param) && p.type() instanceof ParamType.EnumType e) {
        return e.values();
      }
    }
    return List.of();
  }

  private static void config(ImportSession s, StrategyDescription st, Value configV, Lookup lookup) {
    if (configV.unknown() != null && lookup.deploymentConfig(configV) != null) {
      custom(s, st, configV, lookup.deploymentConfig(configV), configV.path());
      return;
    }
    if (!Convert.scalar(configV, "a deployment configuration name", s.problems)) {
      if (configV.unknown() != null) {
        s.unresolved(STRATEGY + ".config", configV, null, null);
      }
      return;
    }
    List<String> predefined = allowed(st, "config");
    String name = configV.text();
    if (predefined.contains(name)) {
      s.draft.put(STRATEGY + ".config", name, configV.provenance());
      return;
    }
    if (name.startsWith("CodeDeployDefault.")) {
      s.problems.add(configV, name + " is not a predefined configuration of " + st.name(),
          dev.deploysim.load.DidYouMean.hint(name, predefined));
      return;
    }
    Value custom = lookup.deploymentConfig(configV);
    if (custom == null) {
      s.draft.note("deployment configuration " + name + " (" + configV.at() + ") is custom and not in these files; "
          + "the type's default configuration stands in (import `aws deploy get-deployment-config "
          + "--deployment-config-name " + name + "` output too)");
      return;
    }
    custom(s, st, configV, custom, name);
  }

  /** A custom configuration's minimum healthy hosts (EC2) or traffic routing (Lambda, ECS). */
  private static void custom(ImportSession s, StrategyDescription st, Value configV, Value custom, String name) {
    Value min = custom.field("minimumHealthyHosts");
    if (min.present() && !st.name().equals("codedeploy.traffic-shift")) {
      String t = (String) s.set(STRATEGY + ".minimumHealthyHosts.type", min.field("type"),
          (v, p) -> Convert.word(v, List.of("HOST_COUNT", "FLEET_PERCENT"), p));
      s.set(STRATEGY + ".minimumHealthyHosts.value", min.field("value"),
          (v, p) -> Convert.integer(v, 0, "FLEET_PERCENT".equals(t) ? 99 : 1000, p));
      s.draft.comment(STRATEGY + ".minimumHealthyHosts", new Provenance.FromFile(min.where(), min.path(),
          "custom configuration " + name));
    }
    Value routing = custom.field("trafficRoutingConfig");
    if (routing.present() && st.name().equals("codedeploy.traffic-shift")) {
      for (String kind : List.of("Canary", "Linear")) {
        Value r = routing.field("timeBased" + kind);
        if (r.present()) {
          String key = STRATEGY + "." + kind.toLowerCase(java.util.Locale.ROOT);
          s.set(key + ".percent", r.field(kind.toLowerCase(java.util.Locale.ROOT) + "Percentage"),
              (v, p) -> Convert.integer(v, 1, 99, p));
          s.set(key + ".interval", r.field(kind.toLowerCase(java.util.Locale.ROOT) + "Interval"),
              (v, p) -> Convert.minutes(v, 1, 2880, p));
        }
      }
    }
  }

  private static void blueGreen(ImportSession s, Value bg) {
    Value ready = bg.field("deploymentReadyOption");
    Value action = ready.field("actionOnTimeout");
    if (action.isScalar()) {
      String a = Convert.word(action, List.of("CONTINUE_DEPLOYMENT", "STOP_DEPLOYMENT"), s.problems);
      if ("CONTINUE_DEPLOYMENT".equals(a)) {
        s.draft.put(STRATEGY + ".rerouteAfter", "0s", new Provenance.FromFile(action.where(), action.path(),
            "traffic moves as soon as the replacements are installed"));
      } else if ("STOP_DEPLOYMENT".equals(a)) {
        Value wait = ready.field("waitTimeInMinutes");
        s.assume(STRATEGY + ".rerouteAfter", "0s", "STOP_DEPLOYMENT (" + action.where().fileAndLine()
            + ") waits for someone to reroute traffic" + (wait.isScalar() ? " within " + wait.text() + " minutes" : "")
            + "; the simulation reroutes at once, set when you would");
      }
    }
    Value green = bg.field("greenFleetProvisioningOption").field("action");
    if (green.isScalar() && green.text().equals("DISCOVER_EXISTING")) {
      s.draft.note("the deployment group uses existing instances as the replacement fleet (" + green.at()
          + "); the simulation copies the Auto Scaling group, as COPY_AUTO_SCALING_GROUP does");
    }
    Value term = bg.field("terminateBlueInstancesOnDeploymentSuccess");
    s.set(STRATEGY + ".keepOriginal", term.field("action"),
        (v, p) -> bool(Convert.word(v, List.of("TERMINATE", "KEEP_ALIVE"), p), "KEEP_ALIVE"));
    s.set(STRATEGY + ".terminateOriginalAfter", term.field("terminationWaitTimeInMinutes"),
        (v, p) -> Convert.minutes(v, 0, 2880, p));
  }

  private static void rollback(ImportSession s, StrategyDescription st, Value g, Lookup lookup) {
    Value auto = g.field("autoRollbackConfiguration");
    Value enabled = auto.field("enabled");
    List<String> events = new ArrayList<>();
    for (Value e : auto.field("events").items()) {
      String w = Convert.word(e, List.of("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST"),
          s.problems);
      if (w != null) {
        events.add(w);
      }
    }
    Boolean on = enabled.isScalar() ? Convert.bool(enabled, s.problems) : null;
    if (st.rollback().handling() == RollbackPolicy.FailureHandling.CONFIGURABLE) {
      if (on != null) {
        boolean onFailure = on && events.contains("DEPLOYMENT_FAILURE");
        s.draft.put("deployment.rollback.onFailure", onFailure, new Provenance.FromFile(enabled.where(), enabled.path(),
            onFailure ? "events include DEPLOYMENT_FAILURE" : on ? "DEPLOYMENT_FAILURE is not among the events"
                : "automatic rollback is off"));
      } else if (auto.absent()) {
        s.assume("deployment.rollback.onFailure", false, "the deployment group has no autoRollbackConfiguration, "
            + "so a failed deployment is not rolled back");
      }
    }
    Value alarmConf = g.field("alarmConfiguration");
    List<Value> alarms = alarmConf.field("alarms").items();
    Value alarmsOn = alarmConf.field("enabled");
    if (alarms.isEmpty() || alarmsOn.isScalar() && Boolean.FALSE.equals(Convert.bool(alarmsOn, s.problems))) {
      return;
    }
    if (!st.rollback().rollsBackOnAlarms()) {
      s.draft.note("the deployment group's alarms (" + alarmConf.at() + ") are not used: " + st.alarmRollbackRefusal());
      return;
    }
    if (on == null || !on || !events.contains("DEPLOYMENT_STOP_ON_ALARM")) {
      s.draft.note("an alarm stops the deployment without rolling it back, as DEPLOYMENT_STOP_ON_ALARM is not among "
          + "the rollback events (" + alarmConf.at() + "); the simulation stops and rolls back");
    }
    int first = 0;
    while (s.draft.hasUnder("alarms[" + first + "]")) {
      first++;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < alarms.size(); i++) {
      Value nameV = alarms.get(i).field("name");
      Value props = lookup.alarm(nameV);
      String name;
      Provenance from;
      if (nameV.isScalar()) {
        name = nameV.text();
        from = nameV.provenance();
      } else if (nameV.unknown() != null && props != null && props.get("AlarmName").isScalar()) {
        name = props.get("AlarmName").text();
        from = props.get("AlarmName").provenance();
      } else if (nameV instanceof CfnValue c && c.resourceRef() != null && props != null) {
        name = c.resourceRef();
        from = new Provenance.FromFile(nameV.where(), nameV.path(), "the alarm's logical ID; it has no AlarmName");
      } else if (nameV.unknown() != null) {
        name = "alarm-" + (i + 1);
        from = Provenance.assumed("the name at " + nameV.at() + " could not be worked out (" + nameV.unknown() + ")");
      } else {
        name = Convert.text(nameV, s.problems);
        from = nameV.provenance();
      }
      if (name == null) {
        continue;
      }
      int index = first + names.size();
      names.add(name);
      if (props != null) {
        AlarmImport.fromResource(s, index, from, name, props);
      } else {
        AlarmImport.assumed(s, index, from, name, null);
      }
    }
    s.draft.put("deployment.rollback.onAlarms", names, new Provenance.FromFile(alarmConf.where(), alarmConf.path(),
        "alarms that stop the deployment"));
  }

  private static void loadBalancer(ImportSession s, Value lb) {
    if (lb.absent() || s.draft.hasUnder("loadBalancer")) {
      return;
    }
    Value tgs = lb.field("targetGroupInfoList");
    Value pairs = lb.field("targetGroupPairInfoList");
    Value elbs = lb.field("elbInfoList");
    if (!tgs.items().isEmpty() || !pairs.items().isEmpty()) {
      Value at = !tgs.items().isEmpty() ? tgs : pairs;
      s.draft.put("loadBalancer.type", "alb", new Provenance.FromFile(at.where(), at.path(),
          "target groups: an Application Load Balancer"));
    } else if (!elbs.items().isEmpty()) {
      s.draft.put("loadBalancer.type", "clb", new Provenance.FromFile(elbs.where(), elbs.path(),
          "a Classic Load Balancer"));
    }
  }
}
