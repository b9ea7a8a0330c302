package dev.deploysim.strategies.alb;

import dev.deploysim.format.Problems;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.model.LoadBalancer;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategies.route53.ShiftSteps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The target groups of alb.weighted-target-groups' forward action and the rules their weights
 * follow: at most 5 target groups (old, new and up to 3 extra ones), weights 0-999 with at least one
 * above 0 in each step, names as AWS allows them.
 */
final class ListenerWeights {
  private ListenerWeights() {}

  static final String PATH = "deployment.strategy.";
  /** Target group names: up to 32 letters, digits and hyphens, not starting or ending with a hyphen. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

  /** An extra target group: its name, its group's version and size (null: the fleet's). */
  record Extra(String name, String version, Integer instances) {}

  static List<Extra> extras(StrategyParams p) {
    List<Extra> out = new ArrayList<>();
    if (p.has("extraTargetGroups")) {
      for (Object o : p.list("extraTargetGroups")) {
        StrategyParams x = (StrategyParams) o;
        out.add(new Extra(x.string("name"), x.string("version"), x.has("instances") ? x.integer("instances") : null));
      }
    }
    return out;
  }

  static void validate(StrategyParams p, Scenario scenario, Problems problems) {
    Set<String> names = new HashSet<>(List.of(ShiftSteps.OLD, ShiftSteps.NEW));
    List<Extra> extras = extras(p);
    for (int k = 0; k < extras.size(); k++) {
      Extra x = extras.get(k);
      String at = PATH + "extraTargetGroups[" + k + "].";
      if (!NAME.matcher(x.name()).matches()) {
        problems.add(at + "name", "a target group name has 1 to 32 letters, digits and hyphens, and does not start "
            + "or end with a hyphen, got '" + x.name() + "'");
      } else if (!names.add(x.name())) {
        problems.add(at + "name", "target group " + x.name() + " is named twice (old and new are the old and new "
            + "stacks' own)", "give it another name");
      }
      if (scenario.versions() != null && !scenario.versions().containsKey(x.version())) {
        problems.add(at + "version", "unknown version " + x.version() + "; versions are "
            + String.join(", ", scenario.versions().keySet()));
      }
    }
    if (!p.has("steps")) {
      return;
    }
    List<Object> steps = p.list("steps");
    for (int k = 0; k < steps.size(); k++) {
      if (!(steps.get(k) instanceof StrategyParams step)) {
        continue;
      }
      String at = PATH + "steps[" + k + "]";
      if (!ShiftSteps.gives(step, "weights")) {
        continue; // weight or weights, exactly one: a rule of the step's type
      }
      Map<String, Object> w = step.map("weights");
      int sum = 0;
      for (var e : w.entrySet()) {
        if (!names.contains(e.getKey())) {
          problems.add(at + ".weights." + e.getKey(), "no target group " + e.getKey() + " on the listener; there are "
              + String.join(", ", sorted(names)), "name one of them, or add it under extraTargetGroups");
        }
        sum += ((Number) e.getValue()).intValue();
      }
      if (w.isEmpty() || sum == 0) {
        problems.add(at + ".weights", "at least one target group needs a weight above 0 (weights 0-"
            + LoadBalancer.MAX_WEIGHT + ")");
      }
    }
  }

  private static List<String> sorted(Set<String> names) {
    List<String> out = new ArrayList<>();
    out.add(ShiftSteps.OLD);
    out.add(ShiftSteps.NEW);
    names.stream().filter(n -> !n.equals(ShiftSteps.OLD) && !n.equals(ShiftSteps.NEW)).sorted().forEach(out::add);
    return out;
  }
}
