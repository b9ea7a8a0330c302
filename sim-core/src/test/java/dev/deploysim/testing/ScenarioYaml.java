package dev.deploysim.testing;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.result.RunResult;
import dev.deploysim.run.ScenarioRunner;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.strategy.StrategyCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one builder of scenario files for tests, in every module (sim-core's test-jar): a scenario
 * written as a user writes it, loaded with the real loader, so parameters are bound, defaulted and
 * checked exactly as a file's are. Each platform's tests keep only their test system (the numbers
 * their expected values are computed from) as a preset that configures this builder.
 *
 * <pre>{@code
 * ScenarioYaml.deploying("eb.rolling").with(catalog)
 *     .set("fleet.instances", 6).set("fleet.launchTime", "40s")
 *     .param("batchSize", 2).version("v2", "{install: 30s, start: 10s, health: failing}")
 *     .rollbackAlarm("high-5xx", "metric: errorRate, threshold: 0.05, period: 60s, evaluationPeriods: 1")
 *     .run();
 * }</pre>
 *
 * <p>Values: a String is written as it is (YAML: {@code "40s"}, {@code "{uniform: [20s, 40s]}"}),
 * numbers and booleans as such (a bare number is seconds where the format wants a duration;
 * infinity is {@code never}), a {@link Distribution} and a {@link CountOrPercent} in the scenario
 * syntax, lists and maps as YAML flow collections. Mutable: every method changes this builder and
 * returns it; {@link #copy} makes an independent one.
 */
public final class ScenarioYaml {
  private final Map<String, Object> root = new LinkedHashMap<>();
  private StrategyCatalog catalog;

  private ScenarioYaml() {
    for (String section : List.of("name", "description", "seed", "horizon", "fleet", "loadBalancer", "dns",
        "traffic", "versions", "alarms", "deployment", "faults", "output")) {
      root.put(section, null);
    }
  }

  /**
   * A scenario that deploys v2 over v1 with {@code type} at 5 minutes: 6 instances, 400 requests/s,
   * every other key at the format's default. Presets set what their test system needs.
   */
  public static ScenarioYaml deploying(String type) {
    return new ScenarioYaml()
        .set("name", "test")
        .set("fleet.instances", 6)
        .set("traffic.rps", 400)
        .set("versions.v1", "{}")
        .set("versions.v2", "{}")
        .set("deployment.at", "5m")
        .set("deployment.version", "v2")
        .set("deployment.strategy.type", type);
  }

  /** The catalog {@link #load}, {@link #scenario} and {@link #run} use. */
  public ScenarioYaml with(StrategyCatalog c) {
    this.catalog = c;
    return this;
  }

  /** An independent builder with the same content and catalog. */
  public ScenarioYaml copy() {
    ScenarioYaml c = new ScenarioYaml();
    c.root.putAll(deepCopy(root));
    c.catalog = catalog;
    return c;
  }

  /** Sets the key at a dotted path ({@code fleet.launchTime}), making the sections on the way. */
  public ScenarioYaml set(String path, Object value) {
    String[] keys = path.split("\\.");
    section(keys, keys.length - 1).put(keys[keys.length - 1], Objects.requireNonNull(value, path));
    return this;
  }

  /**
   * Sets several keys of one section: {@code setAll("fleet", "instances", 6, "zones", "[a, b]")}.
   */
  public ScenarioYaml setAll(String section, Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    for (int i = 0; i < keysAndValues.length; i += 2) {
      set(section + "." + keysAndValues[i], keysAndValues[i + 1]);
    }
    return this;
  }

  /** Leaves the key at a dotted path out of the file. */
  public ScenarioYaml remove(String path) {
    String[] keys = path.split("\\.");
    section(keys, keys.length - 1).remove(keys[keys.length - 1]);
    return this;
  }

  /** A key of {@code deployment.strategy}. */
  public ScenarioYaml param(String key, Object value) {
    return set("deployment.strategy." + key, value);
  }

  /** Keys of {@code deployment.strategy}, in the map's order. */
  public ScenarioYaml params(Map<String, ?> params) {
    params.forEach(this::param);
    return this;
  }

  /** A version, as a YAML mapping: {@code "{install: 30s, start: 10s, health: failing}"}. */
  public ScenarioYaml version(String id, String yamlMapping) {
    return set("versions." + id, yamlMapping);
  }

  /** The deployed version v2, as a YAML mapping. */
  public ScenarioYaml v2(String yamlMapping) {
    return version("v2", yamlMapping);
  }

  /** An alarm: its name and the rest of its fields as YAML ({@code "metric: errorRate, threshold: 0.05"}). */
  public ScenarioYaml alarm(String name, String fields) {
    return append("alarms", "{name: " + name + ", " + fields + "}");
  }

  /** An alarm that the deployment rolls back on ({@code deployment.rollback.onAlarms}). */
  public ScenarioYaml rollbackAlarm(String name, String fields) {
    alarm(name, fields);
    @SuppressWarnings("unchecked")
    List<Object> names = (List<Object>) section(new String[] {"deployment", "rollback"}, 2)
        .computeIfAbsent("onAlarms", k -> new ArrayList<>());
    names.add(name);
    return this;
  }

  /** An error-rate alarm high-5xx (over 5% in one 60 s period) that the deployment rolls back on. */
  public ScenarioYaml errorRateAlarm() {
    return rollbackAlarm("high-5xx", "metric: errorRate, threshold: 0.05, period: 60s, evaluationPeriods: 1");
  }

  /** {@code deployment.rollback.onFailure}. */
  public ScenarioYaml onFailure(boolean value) {
    return set("deployment.rollback.onFailure", value);
  }

  /** A fault, as a YAML mapping: {@code "{at: 8m, type: instanceFailure, count: 1}"}. */
  public ScenarioYaml fault(String yamlMapping) {
    return append("faults", yamlMapping);
  }

  /** A lifecycle hook of the fleet, as a YAML mapping. */
  public ScenarioYaml lifecycleHook(String yamlMapping) {
    return append("fleet.lifecycleHooks", yamlMapping);
  }

  /** A scheduled action of the fleet, as a YAML mapping. */
  public ScenarioYaml scheduledAction(String yamlMapping) {
    return append("fleet.scheduledActions", yamlMapping);
  }

  /** Adds an item to the list at a dotted path. */
  @SuppressWarnings("unchecked")
  public ScenarioYaml append(String path, Object item) {
    String[] keys = path.split("\\.");
    ((List<Object>) section(keys, keys.length - 1).computeIfAbsent(keys[keys.length - 1], k -> new ArrayList<>()))
        .add(item);
    return this;
  }

  /** The scenario file. */
  public String yaml() {
    StringBuilder y = new StringBuilder();
    root.forEach((k, v) -> {
      if (v != null) {
        block(y, k, v, 0);
      }
    });
    return y.toString();
  }

  @Override
  public String toString() {
    return yaml();
  }

  /** Loads the file with the real loader; the result may hold problems. */
  public LoadResult load() {
    return new ScenarioLoader(catalog()).parse(yaml(), "test.yaml");
  }

  /** The loaded scenario; fails the test with every problem when the file is invalid. */
  public Scenario scenario() {
    LoadResult r = load();
    if (!r.ok()) {
      throw new AssertionError("invalid test scenario:\n"
          + r.errors().stream().map(ScenarioError::format).collect(Collectors.joining("\n")) + "\n" + yaml());
    }
    return r.scenario();
  }

  /** Loads and runs the scenario. */
  public RunResult run() {
    return ScenarioRunner.run(scenario(), catalog());
  }

  private StrategyCatalog catalog() {
    if (catalog == null) {
      throw new IllegalStateException("no catalog: call with(catalog) first");
    }
    return catalog;
  }

  /** Seconds as a duration literal: {@code 40s}, {@code 0.5s}. */
  public static String seconds(double s) {
    return number(s) + "s";
  }

  // --- writing ---------------------------------------------------------------------------------

  /** Mappings are written as blocks down to the strategy's own keys; deeper ones as flow. */
  private static void block(StringBuilder y, String key, Object v, int depth) {
    String indent = "  ".repeat(depth);
    if (v instanceof Map<?, ?> m && depth < 2 && !m.isEmpty()) {
      y.append(indent).append(key).append(":\n");
      m.forEach((k, x) -> block(y, String.valueOf(k), x, depth + 1));
    } else if (v instanceof List<?> l && depth == 0 && !l.isEmpty()) {
      y.append(indent).append(key).append(":\n");
      l.forEach(x -> y.append(indent).append("  - ").append(flow(x)).append('\n'));
    } else {
      y.append(indent).append(key).append(": ").append(flow(v)).append('\n');
    }
  }

  private static String flow(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Distribution d) {
      return d.describe();
    }
    if (v instanceof CountOrPercent c) {
      return c.percent() ? "\"" + c + "\"" : c.toString();
    }
    if (v instanceof Double || v instanceof Float) {
      return number(((Number) v).doubleValue());
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ScenarioYaml::flow).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> e.getKey() + ": " + flow(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return String.valueOf(v);
  }

  private static String number(double v) {
    if (v == Double.POSITIVE_INFINITY) {
      return "never"; // the one infinite value of the format: a duration that never ends
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> section(String[] keys, int depth) {
    Map<String, Object> m = root;
    for (int i = 0; i < depth; i++) {
      Object next = m.get(keys[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        m.put(keys[i], next);
      }
      m = (Map<String, Object>) next;
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> x ? deepCopy((Map<String, Object>) x)
        : v instanceof List<?> l ? new ArrayList<>(l) : v));
    return out;
  }
}
