package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars as {@code sim} meets them: a type compiled here against sim-core, put in a jar with
 * its service file, joins the catalog; every way a plugin can be wrong is one line and exit 2.
 * (examples/custom-strategy's PluginIT runs a real plugin project through the launcher jar.)
 */
class PluginsTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  static Result sim(String env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, env, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  /** A strategy type named {@code name} in class {@code pkg.Type}, compiled against the test class path. */
  static String typeSource(String pkg, String name) {
    return """
        package %s;
        import dev.deploysim.format.StrategyParams;
        import dev.deploysim.strategy.*;
        import java.util.ArrayList;
import java.util.List;
        public final class Type implements StrategyType {
          public StrategyDescription description() {
            return new StrategyDescription("%s", "a test plugin", "does nothing", List.of(),
                RollbackPolicy.configurable(true));
          }
          public Strategy create(StrategyParams params) {
            return Deployment::succeeded;
          }
        }
        """.formatted(pkg, name);
  }

  @TempDir static Path compiled;

  /** Two types compiled once (javac takes seconds): p1.Type is test.noop, p2.Type claims eb.rolling. */
  @BeforeAll
  static void compile() throws IOException {
    List<String> args = new ArrayList<>(List.of("-d", compiled.toString(), "-cp", System.getProperty("java.class.path")));
    for (String[] t : List.of(new String[] {"p1", "test.noop"}, new String[] {"p2", "eb.rolling"})) {
      Path file = compiled.resolve("src").resolve(t[0]).resolve("Type.java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, typeSource(t[0], t[1]));
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, OutputStream.nullOutputStream(), System.err, args.toArray(String[]::new));
    assertThat(rc).as("javac").isZero();
  }

  /** A jar in plugins/ holding the classes of {@code pkg} (null: none) and a service file listing {@code services}. */
  Path jar(String jarName, String pkg, String services) throws IOException {
    Path plugins = dir.resolve("plugins");
    Files.createDirectories(plugins);
    Path jar = plugins.resolve(jarName);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      if (pkg != null) {
        String entry = pkg + "/Type.class";
        out.putNextEntry(new JarEntry(entry));
        out.write(Files.readAllBytes(compiled.resolve(entry)));
        out.closeEntry();
      }
      if (services != null) {
        out.putNextEntry(new JarEntry(Plugins.SERVICE));
        out.write(services.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void locationsComeFromTheOptionElseFromTheEnvironment() {
    String sep = java.io.File.pathSeparator;
    assertThat(Plugins.locations(new String[] {"--plugins", "a", "run", "--plugins=b", "x.yaml"}, "c"))
        .containsExactly(Path.of("a"), Path.of("b"));
    assertThat(Plugins.locations(new String[] {"run", "x.yaml"}, "c" + sep + sep + "d"))
        .containsExactly(Path.of("c"), Path.of("d"));
    assertThat(Plugins.locations(new String[] {"run", "--", "--plugins", "a"}, null)).isEmpty();
  }

  @Test
  void aPluginsTypeIsListedValidatedAndRunLikeABuiltInOne() throws IOException {
    jar("ok.jar", "p1", "p1.Type\n");
    Path plugins = dir.resolve("plugins");

    Result list = sim(null, "--plugins", plugins.toString(), "strategies");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("test.noop  a test plugin").contains("eb.rolling");

    Result fromEnv = sim(plugins.toString(), "schema");
    assertThat(fromEnv.code()).as(fromEnv.err()).isZero();
    assertThat(fromEnv.out()).contains("\"const\": \"test.noop\"");

    Path scenario = dir.resolve("noop.yaml");
    Files.writeString(scenario, """
        name: noop
        fleet: {instances: 2}
        loadBalancer: {type: alb}
        traffic: {rps: 10}
        versions: {v1: {install: 1s, start: 1s}, v2: {install: 1s, start: 1s}}
        deployment: {at: 1m, version: v2, strategy: {type: test.noop}}
        horizon: 2m
        """);
    Result validate = sim(null, "--plugins", plugins.toString(), "validate", scenario.toString());
    assertThat(validate.code()).as(validate.err()).isZero();
    Result without = sim(null, "validate", scenario.toString());
    assertThat(without.code()).isEqualTo(Main.USER_ERROR);
    assertThat(without.err()).contains("unknown strategy type \"test.noop\"");
  }

  @Test
  void aTypeNamedLikeABuiltInOneIsRefused() throws IOException {
    jar("clash.jar", "p2", "p2.Type\n");
    Result r = sim(null, "--plugins", dir.resolve("plugins").toString(), "strategies");
    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err()).isEqualTo("sim: plugin clash.jar: strategy type eb.rolling is already built in; "
        + "give the plugin's type another name\n");
  }

  @Test
  void aServiceFileNamingAMissingClassIsOneLine() throws IOException {
    jar("missing.jar", null, "p3.NotThere\n");
    Result r = sim(null, "--plugins", dir.resolve("plugins").toString(), "strategies");
    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err()).startsWith("sim: a plugin in ").contains("p3.NotThere").contains("cannot be loaded")
        .doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void aJarWithoutAStrategyTypeIsOneLine() throws IOException {
    jar("empty.jar", null, null);
    Result r = sim(null, "--plugins", dir.resolve("plugins").toString(), "strategies");
    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err()).contains("no strategy type in").contains(Plugins.SERVICE);
  }

  @Test
  void aMissingFolderAnEmptyOneAndABrokenJarAreOneLineEach() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path broken = dir.resolve("broken.jar");
    Files.writeString(broken, "not a zip");
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello");
    for (var c : List.of(
        List.of(dir.resolve("nowhere").toString(), "no such folder or jar"),
        List.of(empty.toString(), "no .jar file in the folder"),
        List.of(broken.toString(), "not a readable jar"),
        List.of(text.toString(), "not a .jar file or a folder of jars"))) {
      Result r = sim(null, "--plugins", c.get(0), "strategies");
      assertThat(r.code()).as(c.get(0)).isEqualTo(Main.USER_ERROR);
      assertThat(r.err()).startsWith("sim: ").contains(c.get(1));
      assertThat(r.err().lines()).hasSize(1);
    }
  }
}
