package dev.deploysim.cli.importer;

import dev.deploysim.load.ScenarioError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the importers of one {@code sim import} share: the scenario being assembled, the problems
 * found so far and the command line's choices ({@code --resource}, {@code --parameter}).
 */
final class ImportSession {
  final Draft draft = new Draft();
  final Problems problems = new Problems();
  final Map<String, String> parameters;
  final String resource;
  /** One line per file: what in it was left out because it does not matter to a deployment. */
  final List<String> ignored = new ArrayList<>();
  /** Custom CodeDeploy deployment configurations read so far, by name. */
  final Map<String, Value> deploymentConfigs = new LinkedHashMap<>();
  /** Why no strategy could be found, located, when an importer knows (a group without UpdatePolicy). */
  ScenarioError missingStrategy;
  /** Why the fleet's size is not known, when a file names the group without its size. */
  String fleetSizeSource;
  /** Why the scenario needs the latency model (an analysis checks a latency), or null. */
  String latencyNeededBy;

  ImportSession(Map<String, String> parameters, String resource) {
    this.parameters = Map.copyOf(parameters);
    this.resource = resource;
  }

  /** Reads a value of an input file into a scenario value; null after reporting a problem. */
  @FunctionalInterface
  interface Conv {
    Object apply(Value v, Problems p);
  }

  /**
   * Puts the converted value at the scenario path with its source. An absent value puts nothing;
   * one that cannot be worked out puts {@code fallback} (when not null) marked as assumed, and
   * says so in a note. Returns what was put, or null.
   */
  Object set(String path, Value v, Conv conv, Object fallback, String fallbackMeaning) {
    if (v.absent()) {
      return null;
    }
    if (v.unknown() != null) {
      unresolved(path, v, fallback, fallbackMeaning);
      return fallback;
    }
    Object value = conv.apply(v, problems);
    if (value != null) {
      draft.put(path, value, v.provenance());
    }
    return value;
  }

  Object set(String path, Value v, Conv conv) {
    return set(path, v, conv, null, null);
  }

  /** The value could not be worked out: the fallback goes in, marked, and a note says why. */
  void unresolved(String path, Value v, Object fallback, String fallbackMeaning) {
    String what = v.at() + " " + v.path() + ": " + v.unknown();
    if (fallback != null) {
      draft.put(path, fallback, Provenance.assumed(fallbackMeaning + "; " + v.where().fileAndLine() + " "
          + v.path() + " could not be worked out (" + v.unknown() + ")"));
      draft.note(what + "; " + path + " is " + DraftWriter.value(fallback) + " (" + fallbackMeaning + ")");
    } else {
      draft.note(what + "; " + path + " keeps the scenario's default");
    }
  }

  /** A platform default the files leave out, written because the scenario's own default differs. */
  void platformDefault(String path, Object value, String what) {
    draft.put(path, value, Provenance.platformDefault(what));
  }

  void assume(String path, Object value, String why) {
    draft.put(path, value, Provenance.assumed(why));
  }
}
