package com.example.deploysim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a user runs it: the packaged jar in a folder, the real {@code sim} launcher jar
 * started with {@code --plugins} (or {@code SIM_PLUGINS}) in its own JVM, so nothing of this
 * project's class path helps it.
 */
class PluginIT {
  static final String TYPE = "example.one-zone-at-a-time";
  static Path simJar;
  static Path pluginJar;
  static Path project = Path.of("").toAbsolutePath();

  @TempDir static Path plugins;

  @BeforeAll
  static void jars() throws IOException {
    simJar = Path.of(System.getProperty("sim.jar", "../../sim-cli/target/sim.jar")).toAbsolutePath();
    pluginJar = Path.of(System.getProperty("plugin.jar")).toAbsolutePath();
    assertThat(simJar).as("the sim launcher jar (build deploysim first, or set -Dsim.jar)").exists();
    assertThat(pluginJar).as("this project's jar (mvn package)").exists();
    Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()));
  }

  record Result(int code, String out, String err) {}

  static Result sim(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
        "-jar", simJar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
    pb.environment().remove("SIM_PLUGINS");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(plugins.getParent(), "sim-out", ".txt");
    Path err = Files.createTempFile(plugins.getParent(), "sim-err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int code = p.waitFor();
    return new Result(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  static Result sim(String... args) throws Exception {
    return sim(Map.of(), args);
  }

  @Test
  void simStrategiesListsThePluginsTypeWithItsParameters() throws Exception {
    Result list = sim("--plugins", plugins.toString(), "strategies");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains(TYPE).contains("eb.rolling");

    Result help = sim("--plugins", pluginJar.toString(), "strategies", TYPE);
    assertThat(help.code()).as(help.err()).isZero();
    assertThat(help.out()).contains("bakeTime").contains("healthTimeout").contains("5m");

    Result without = sim("strategies");
    assertThat(without.out()).doesNotContain(TYPE);
  }

  @Test
  void theSchemaKnowsThePluginsParameters() throws Exception {
    Result schema = sim("--plugins", plugins.toString(), "schema");
    assertThat(schema.code()).as(schema.err()).isZero();
    assertThat(schema.out()).contains("\"const\": \"" + TYPE + "\"").contains("\"bakeTime\"");
    Files.createDirectories(project.resolve("target"));
    Files.writeString(project.resolve("target/scenario.schema.json"), schema.out(), StandardCharsets.UTF_8);
  }

  /** Both scenarios in one sim run, the plugin found through SIM_PLUGINS. */
  @Test
  void aHealthyVersionGoesZoneByZoneAndABadOneIsRolledBackAfterTheFirstZone(@TempDir Path out) throws Exception {
    Result run = sim(Map.of("SIM_PLUGINS", plugins.toString()), "run", "scenarios/one-zone-at-a-time.yaml",
        "scenarios/one-zone-at-a-time-bad.yaml", "--format", "svg", "-o", out.toString());
    assertThat(run.code()).as(run.err()).isZero();

    Path healthy = out.resolve("one-zone-at-a-time");
    assertThat(Files.readString(healthy.resolve("summary.json"))).contains("\"outcome\": \"SUCCEEDED\"");
    String events = Files.readString(healthy.resolve("events.log"));
    // zone a, a 2m bake, zone b, a 2m bake, zone c: in zone-name order
    assertThat(events.indexOf("zone a")).isPositive().isLessThan(events.indexOf("zone b"));
    assertThat(events.indexOf("zone b")).isLessThan(events.indexOf("zone c"));

    Path bad = out.resolve("one-zone-at-a-time-bad");
    assertThat(Files.readString(bad.resolve("summary.json"))).contains("\"outcome\": \"ROLLED_BACK\"");
    assertThat(Files.readString(bad.resolve("events.log"))).contains("zone a").doesNotContain("zone b");
  }

  @Test
  void aScenarioWithThePluginsTypeIsRefusedWithoutThePlugin() throws Exception {
    Result run = sim("validate", "scenarios/one-zone-at-a-time.yaml");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("unknown strategy type \"" + TYPE + "\"");
  }

  @Test
  void aFolderWithoutAPluginIsAClearError(@TempDir Path empty) throws Exception {
    Result none = sim("--plugins", empty.toString(), "strategies");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("no .jar file").doesNotContain("Exception");
  }
}
