package dev.deploysim.cli.importer;

import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CodeDeploy files: a deployment group as {@code aws deploy get-deployment-group} prints it, a
 * deployment configuration as {@code aws deploy get-deployment-config} prints it, and an AppSpec
 * file (the scripts of each lifecycle event and their timeouts).
 * AppSpec hooks: https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html
 */
final class CodeDeployImport {
  private CodeDeployImport() {}

  static final String STRATEGY = DeploymentGroupImport.STRATEGY;
  /** A script's timeout when the AppSpec file gives none, and the most one lifecycle event may take. */
  static final long MAX_EVENT_SECONDS = 3600;

  static void config(ImportSession s, SourceFile f) {
    Tags.refuse(f, Set.of(), "CodeDeploy output", s.problems);
    Value info = PlainValue.of(f, f.single(), "").get("deploymentConfigInfo");
    Value name = info.field("deploymentConfigName");
    if (!name.isScalar()) {
      s.problems.add(name, "deploymentConfigInfo needs a deploymentConfigName", null);
      return;
    }
    s.deploymentConfigs.put(name.text(), info);
  }

  static void group(ImportSession s, StrategyCatalog catalog, SourceFile f) {
    Tags.refuse(f, Set.of(), "CodeDeploy output", s.problems);
    Value root = PlainValue.of(f, f.single(), "");
    Value g = root.get("deploymentGroupInfo").present() ? root.get("deploymentGroupInfo") : root;
    if (!g.isMap()) {
      s.problems.add(g, "expected the deployment group as `aws deploy get-deployment-group` prints it, got "
          + g.describe(), null);
      return;
    }
    DeploymentGroupImport.apply(s, catalog, g, new DeploymentGroupImport.Lookup() {
      @Override
      public Value alarm(Value name) {
        return null;
      }

      @Override
      public Value deploymentConfig(Value name) {
        return name.isScalar() ? s.deploymentConfigs.get(name.text()) : null;
      }
    });
    List<Value> groups = g.field("autoScalingGroups").items();
    if (!groups.isEmpty() && !s.draft.has("fleet.instances")) {
      Value n = groups.get(0).field("name");
      s.fleetSizeSource = "the deployment group deploys to Auto Scaling group "
          + (n.isScalar() ? n.text() : "?") + " (" + groups.get(0).at() + "), whose size is not in these files: "
          + "import its CloudFormation template too, or set it";
    }
  }

  /** An AppSpec file: EC2 {@code hooks} (scripts with timeouts) or Lambda/ECS {@code Hooks} (functions). */
  static void appSpec(ImportSession s, StrategyCatalog catalog, SourceFile f) {
    Tags.refuse(f, Set.of(), "an AppSpec file", s.problems);
    Value root = PlainValue.of(f, f.single(), "");
    Value ec2 = root.get("hooks");
    Value serverless = root.get("Hooks");
    Imported type = s.draft.get(STRATEGY + ".type");
    boolean codeDeploy = type != null && type.value().toString().startsWith("codedeploy.");
    if (!codeDeploy) {
      if (type != null) {
        s.draft.note("the AppSpec file " + f.name() + " means the application is deployed by CodeDeploy: the scenario "
            + "deploys with CodeDeploy, not with " + type.value() + " (" + type.provenance().comment() + ")");
        s.draft.removeUnder(STRATEGY);
      }
      if (serverless.present()) {
        boolean ecs = root.get("Resources").items().stream().anyMatch(r -> r.keys().stream()
            .anyMatch(k -> r.get(k).get("Type").isScalar() && r.get(k).get("Type").text().equals("AWS::ECS::Service")));
        s.assume(STRATEGY + ".type", "codedeploy.traffic-shift", "an AppSpec file with Hooks and no deployment group: "
            + "CodeDeploy traffic shifting with the platform's default configuration (all at once)");
        s.assume(STRATEGY + ".platform", ecs ? "ecs" : "lambda", ecs ? "the AppSpec file names an ECS service"
            : "the AppSpec file names a Lambda function");
      } else {
        s.assume(STRATEGY + ".type", "codedeploy.in-place", "an AppSpec file and no deployment group: CodeDeploy EC2 "
            + "in-place with its default configuration (OneAtATime)");
      }
      type = s.draft.get(STRATEGY + ".type");
    }
    StrategyDescription st = catalog.find(type.value().toString()).orElseThrow().description();
    List<String> events = hookEvents(st);
    if (ec2.present()) {
      scripts(s, ec2, events, st);
    } else if (serverless.present()) {
      functions(s, serverless, events, st);
    } else {
      s.draft.note(f.name() + " has no hooks: the deployment runs no scripts");
    }
  }

  private static List<String> hookEvents(StrategyDescription st) {
    for (ParamSpec p : st.params()) {
      if (p.name().equals("hooks") && p.type() instanceof ParamType.MapType m && m.keys() != null) {
        return m.keys().values();
      }
    }
    return List.of();
  }

  private static void scripts(ImportSession s, Value hooks, List<String> events, StrategyDescription st) {
    if (!hooks.isMap()) {
      s.problems.add(hooks, "hooks is a mapping of lifecycle events to lists of scripts, got " + hooks.describe(), null);
      return;
    }
    for (String event : hooks.keys()) {
      Value scripts = hooks.get(event);
      if (!event(s, scripts, event, events, st)) {
        continue;
      }
      if (!scripts.isList() || scripts.items().isEmpty()) {
        s.problems.add(scripts, "an event holds a list of scripts, each {location, timeout, runas}, got "
            + scripts.describe(), null);
        continue;
      }
      long total = 0;
      Value firstTimeout = null;
      boolean ok = true;
      for (Value script : scripts.items()) {
        if (!Keys.check(script, "a hook script", List.of("location", "timeout", "runas"), s.problems)) {
          ok = false;
          continue;
        }
        if (!script.get("location").isScalar()) {
          s.problems.add(script, "a hook script needs a location (the script's path in the bundle)", null);
          ok = false;
        }
        Value timeout = script.get("timeout");
        Long t = timeout.present() ? Convert.integer(timeout, 1, MAX_EVENT_SECONDS, s.problems) : MAX_EVENT_SECONDS;
        if (t == null) {
          ok = false;
          continue;
        }
        firstTimeout = firstTimeout == null && timeout.present() ? timeout : firstTimeout;
        total += t;
      }
      if (!ok) {
        continue;
      }
      String base = STRATEGY + ".hooks." + event;
      int n = scripts.items().size();
      long limit = Math.min(total, MAX_EVENT_SECONDS);
      if (firstTimeout == null) {
        s.platformDefault(base + ".timeout", limit + "s", "a script's timeout when the AppSpec file gives none (3600s)");
      } else {
        s.draft.put(base + ".timeout", limit + "s", new Provenance.FromFile(firstTimeout.where(), firstTimeout.path(),
            n > 1 ? "the " + n + " scripts' timeouts added up" + (total > limit ? ", at most 3600s per event" : "") : null));
      }
      s.assume(base + ".duration", "10s", "how long " + (n > 1 ? "the " + n + " scripts run" : "the script runs")
          + "; the AppSpec file gives only the timeout");
    }
  }

  private static void functions(ImportSession s, Value hooks, List<String> events, StrategyDescription st) {
    if (!hooks.isList()) {
      s.problems.add(hooks, "Hooks is a list of {Event: FunctionName}, got " + hooks.describe(), null);
      return;
    }
    for (Value h : hooks.items()) {
      if (!h.isMap() || h.keys().size() != 1) {
        s.problems.add(h, "each hook is one {Event: FunctionName}, got " + h.describe(), null);
        continue;
      }
      String event = h.keys().get(0);
      Value fn = h.get(event);
      if (!event(s, fn, event, events, st)) {
        continue;
      }
      String base = STRATEGY + ".hooks." + event;
      s.assume(base + ".duration", "10s", "how long the validation function " + (fn.isScalar() ? fn.text() + " " : "")
          + "(" + fn.where().fileAndLine() + ") runs before it reports back");
    }
  }

  private static boolean event(ImportSession s, Value at, String event, List<String> events, StrategyDescription st) {
    if (events.contains(event)) {
      return true;
    }
    String hint = dev.deploysim.load.DidYouMean.hint(event, events);
    List<String> all = new ArrayList<>(events);
    s.problems.add(at, event + " is not a lifecycle event scripts can hook into for " + st.name(),
        hint != null ? hint : "events: " + String.join(", ", all));
    return false;
  }
}
