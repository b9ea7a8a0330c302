package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.format.ParamSpec;
import dev.deploysim.format.ParamType;
import dev.deploysim.format.StrategyParams;
import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioLoader;
import dev.deploysim.load.ScenarioSchema;
import dev.deploysim.strategies.Strategies;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A parameter's default lives in its {@link ParamSpec} only, and everything shows and applies that
 * one value: for every registered type and every parameter with a default (nested mappings
 * included), the value a run gets when the file leaves the key out (through the loader, and through
 * {@link StrategyDescription#bind} as test fixtures build parameters) is the spec's default, and
 * writing the JSON Schema's {@code default} or the default {@code sim strategies} prints back into a
 * scenario gives that same value. So changing a default in a ParamSpec changes the run, the schema
 * and the help together, or this test fails.
 *
 * <p>Each value is loaded through a one-parameter probe type (the spec under test and nothing
 * else), so the type's own cross-parameter rules (say, checkpointDelay needs checkpoints) do not
 * get in the way of reading the value back.
 */
class StrategyDefaultsTest {
  static final StrategyCatalog CATALOG = Strategies.catalog();
  static JsonNode schema;
  static Map<String, String> help = new LinkedHashMap<>();
  static String list;

  @TempDir static Path dir;

  /** One parameter with a default: its type, its path under deployment.strategy, its spec. */
  record Case(String type, String path, ParamSpec spec) {
    @Override
    public String toString() {
      return type + " " + path;
    }
  }

  @BeforeAll
  static void showEverything() throws Exception {
    schema = new ObjectMapper().readTree(ScenarioSchema.generate(CATALOG));
    list = new Cli(dir).run("strategies").out();
    for (String type : CATALOG.names()) {
      Cli.Result r = new Cli(dir).run("strategies", type);
      assertThat(r.exit()).as(r.err()).isZero();
      help.put(type, r.out());
    }
  }

  static Stream<Arguments> parametersWithDefaults() {
    List<Arguments> out = new ArrayList<>();
    for (StrategyType t : CATALOG.all()) {
      collect(t.description().name(), "", t.description().params(), out);
    }
    assertThat(out).as("parameters with a default").hasSizeGreaterThan(CATALOG.names().size());
    return out.stream();
  }

  private static void collect(String type, String prefix, List<ParamSpec> specs, List<Arguments> out) {
    for (ParamSpec p : specs) {
      if (p.defaultValue() != null) {
        out.add(Arguments.of(new Case(type, prefix + p.name(), p)));
      }
      if (p.type() instanceof ParamType.ObjectType o) {
        collect(type, prefix + p.name() + ".", o.fields(), out);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parametersWithDefaults")
  void theRunTheSchemaAndTheHelpShareTheSpecsDefault(Case c) {
    Object expected = c.spec().boundDefault();

    // the loader applies the default when the file leaves the key out
    assertThat(read(probe(c.spec(), null), c.spec())).as("loaded without the key").isEqualTo(expected);

    // so does a fixture that binds parameters through the type's description
    if (!c.path().contains(".")) {
      StrategyDescription d = CATALOG.find(c.type()).orElseThrow().description();
      assertThat(read(d.bind(requiredOnly(d)), c.spec())).as("bound without the key").isEqualTo(expected);
    }

    // the JSON Schema's default, written into a file, is the same value
    JsonNode schemaDefault = schemaProperty(c).get("default");
    assertThat(schemaDefault).as("schema default of " + c).isNotNull();
    assertThat(read(probe(c.spec(), schemaDefault.toString()), c.spec())).as("schema default " + schemaDefault)
        .isEqualTo(expected);

    // and so is the default sim strategies prints, in the type's page and in the list of all types
    String shown = helpDefault(c);
    assertThat(read(probe(c.spec(), shown), c.spec())).as("help default " + shown).isEqualTo(expected);
    if (!c.path().contains(".")) {
      assertThat(list).contains(c.spec().name() + " (" + shown + ")");
    }
  }

  /**
   * Required parameters at a value the type accepts, nothing else: the first value of an enum, or
   * for any other type the value the type's healthy scenario file ({@code scenarios/<type, dots as
   * dashes>.yaml}, which the contract test requires) gives it.
   */
  private static Map<String, Object> requiredOnly(StrategyDescription d) {
    Map<String, Object> given = new LinkedHashMap<>();
    StrategyParams healthy = null;
    for (ParamSpec p : d.params()) {
      if (p.required()) {
        if (p.type() instanceof ParamType.EnumType e) {
          given.put(p.name(), e.values().get(0));
          continue;
        }
        if (healthy == null) {
          Path file = StrategyContractTest.SCENARIOS.resolve(d.name().replace('.', '-') + ".yaml");
          LoadResult r = new ScenarioLoader(CATALOG).load(file);
          assertThat(r.errors()).as(file.toString()).isEmpty();
          healthy = r.scenario().deployment().strategy().params();
        }
        assertThat(healthy.has(p.name())).as("required " + d.name() + "." + p.name() + " in its scenario").isTrue();
        given.put(p.name(), healthy.get(p.name()));
      }
    }
    return given;
  }

  /** The spec's value, read with the typed accessor its type calls for. */
  private static Object read(StrategyParams p, ParamSpec spec) {
    String k = spec.name();
    ParamType t = spec.type();
    if (t instanceof ParamType.DurationType) {
      return p.duration(k);
    } else if (t instanceof ParamType.IntegerType) {
      return p.integer(k);
    } else if (t instanceof ParamType.NumberType) {
      return p.number(k);
    } else if (t instanceof ParamType.BooleanType) {
      return p.bool(k);
    } else if (t instanceof ParamType.EnumType || t instanceof ParamType.StringType) {
      return p.string(k);
    } else if (t instanceof ParamType.DistributionType) {
      return p.distribution(k);
    } else if (t instanceof ParamType.CountOrPercentType) {
      return p.countOrPercent(k);
    } else if (t instanceof ParamType.ObjectType) {
      return p.object(k);
    } else if (t instanceof ParamType.ListType) {
      return p.list(k);
    } else if (t instanceof ParamType.MapType) {
      return p.map(k);
    }
    return p.get(k);
  }

  /**
   * The parameters a scenario gets whose strategy is a probe type with {@code spec} as its only
   * parameter, written as {@code yamlValue} (a YAML or JSON value), or left out when null.
   */
  private static StrategyParams probe(ParamSpec spec, String yamlValue) {
    StrategyType probe = new StrategyType() {
      @Override
      public StrategyDescription description() {
        return new StrategyDescription("probe.one-parameter", "a probe", "reads one parameter", List.of(spec),
            RollbackPolicy.configurable(false));
      }

      @Override
      public Strategy create(StrategyParams params) {
        return d -> d.succeeded();
      }
    };
    String yaml = "name: probe\nfleet: {instances: 2}\ntraffic: {rps: 10}\nversions: {v1: {}, v2: {}}\n"
        + "deployment:\n  version: v2\n  strategy:\n    type: probe.one-parameter\n"
        + (yamlValue == null ? "" : "    " + spec.name() + ": " + yamlValue + "\n");
    LoadResult r = new ScenarioLoader(new StrategyCatalog(List.of(probe))).parse(yaml, "probe.yaml");
    if (!r.errors().isEmpty()) {
      fail(spec.name() + ": " + yamlValue + " does not load: " + r.errors());
    }
    return r.scenario().deployment().strategy().params();
  }

  /** The schema of the parameter at {@code c.path()} in the type's branch of deployment.strategy. */
  private static JsonNode schemaProperty(Case c) {
    JsonNode cases = schema.at("/properties/deployment/properties/strategy/allOf");
    for (JsonNode k : cases) {
      if (k.at("/if/properties/type/const").asText().equals(c.type())) {
        JsonNode node = k.get("then");
        for (String part : c.path().split("\\.")) {
          node = node.at("/properties/" + part);
        }
        assertThat(node.isMissingNode()).as("schema of " + c).isFalse();
        return node;
      }
    }
    throw new AssertionError("no schema branch for " + c.type());
  }

  /** The default {@code sim strategies TYPE} prints for the parameter, e.g. "10m". */
  private static String helpDefault(Case c) {
    List<String> lines = help.get(c.type()).lines().toList();
    for (int i = 0; i + 1 < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.equals(c.path()) || line.startsWith(c.path() + "  (AWS:")) {
        String next = lines.get(i + 1);
        int at = next.lastIndexOf("; default: ");
        assertThat(at).as("default shown for " + c).isPositive();
        return next.substring(at + "; default: ".length());
      }
    }
    throw new AssertionError("sim strategies " + c.type() + " does not show " + c.path());
  }
}
