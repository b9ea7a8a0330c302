package dev.deploysim.cli;

import dev.deploysim.cli.text.UserError;
import dev.deploysim.strategy.StrategyCatalog;
import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.strategy.StrategyType;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Strategy types from users' jars: {@code sim --plugins DIR} (or the {@code SIM_PLUGINS}
 * environment variable) names folders of jars, or jars; each jar lists its {@link StrategyType}
 * classes in {@code META-INF/services/dev.deploysim.strategy.StrategyType} and {@link
 * ServiceLoader} finds them. A loaded type is checked as a built-in one is (a valid description, a
 * name no other type has) and then joins the catalog: {@code sim strategies}, the schema, the loader
 * and the runs see it like any other. Anything wrong is a {@link UserError} naming the jar.
 * docs/writing-a-strategy.md says how to write one.
 */
public final class Plugins {
  /** The option, read before the command line is parsed (the catalog is needed to build the commands). */
  public static final String OPTION = "--plugins";
  /** The environment variable: folders or jars separated by the path separator (':' on Unix). */
  public static final String ENV = "SIM_PLUGINS";
  static final String SERVICE = "META-INF/services/" + StrategyType.class.getName();

  private Plugins() {}

  /** The plugin locations: every {@code --plugins} value in {@code args}, else those in {@code env}. */
  public static List<Path> locations(String[] args, String env) {
    List<Path> given = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      }
      if (a.equals(OPTION) && i + 1 < args.length) {
        given.add(Path.of(args[++i]));
      } else if (a.startsWith(OPTION + "=")) {
        given.add(Path.of(a.substring(OPTION.length() + 1)));
      }
    }
    if (given.isEmpty() && env != null && !env.isBlank()) {
      for (String part : env.split(File.pathSeparator)) {
        if (!part.isBlank()) {
          given.add(Path.of(part.trim()));
        }
      }
    }
    return given;
  }

  /** {@code builtIn} with the types of the jars at {@code locations} (relative to {@code workingDir}). */
  public static StrategyCatalog catalog(StrategyCatalog builtIn, List<Path> locations, Path workingDir) {
    if (locations.isEmpty()) {
      return builtIn;
    }
    List<Path> jars = new ArrayList<>();
    for (Path location : locations) {
      jars.addAll(jars(workingDir.resolve(location), location));
    }
    Map<String, String> origin = new LinkedHashMap<>();
    for (StrategyType t : builtIn.all()) {
      origin.put(t.description().name(), "built in");
    }
    List<StrategyType> all = new ArrayList<>(builtIn.all());
    for (StrategyType t : load(jars)) {
      String name = t.description().name();
      String jar = jarOf(t);
      String before = origin.putIfAbsent(name, jar);
      if (before != null) {
        throw new UserError("plugin " + jar + ": strategy type " + name + " is already "
            + (before.equals("built in") ? "built in" : "in " + before) + "; give the plugin's type another name");
      }
      all.add(t);
    }
    return new StrategyCatalog(all);
  }

  /** The jars a location names: itself if it is a jar, the jars in it (sorted) if a folder. */
  static List<Path> jars(Path path, Path asGiven) {
    if (Files.isRegularFile(path)) {
      if (!path.getFileName().toString().endsWith(".jar")) {
        throw new UserError(where(asGiven) + "not a .jar file or a folder of jars");
      }
      checkJar(path);
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new UserError(where(asGiven) + "no such folder or jar");
    }
    List<Path> jars;
    try (Stream<Path> s = Files.list(path)) {
      jars = s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UserError(where(asGiven) + "cannot list the folder: " + e.getMessage());
    }
    if (jars.isEmpty()) {
      throw new UserError(where(asGiven) + "no .jar file in the folder; put the plugin's jar there");
    }
    jars.forEach(Plugins::checkJar);
    return jars;
  }

  private static String where(Path asGiven) {
    return "plugins " + asGiven + ": ";
  }

  private static void checkJar(Path jar) {
    try (JarFile f = new JarFile(jar.toFile())) {
      f.size();
    } catch (IOException e) {
      throw new UserError("plugin " + jar + ": not a readable jar (" + e.getMessage() + ")");
    }
  }

  /** The strategy types the jars declare, each checked; none at all is an error. */
  private static List<StrategyType> load(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UserError("plugin " + jars.get(i) + ": " + e.getMessage());
      }
    }
    // the loader stays open for the process: the types' classes are loaded as the runs need them
    URLClassLoader loader = new URLClassLoader("sim-plugins", urls, Plugins.class.getClassLoader());
    List<StrategyType> types = new ArrayList<>();
    Iterator<StrategyType> it = ServiceLoader.load(StrategyType.class, loader).iterator();
    while (true) {
      StrategyType t;
      try {
        if (!it.hasNext()) {
          break;
        }
        t = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        throw new UserError("a plugin in " + names(jars) + " cannot be loaded: " + message(e)
            + "; a plugin is compiled against sim-core's public API and lists public StrategyType classes with "
            + "a public no-argument constructor in " + SERVICE);
      }
      check(t);
      types.add(t);
    }
    if (types.isEmpty()) {
      throw new UserError("no strategy type in " + names(jars) + ": a plugin jar lists its StrategyType classes in "
          + SERVICE + " (see docs/writing-a-strategy.md)");
    }
    return types;
  }

  /** What the catalog and the schema need of a type, asked once now so a broken one fails here. */
  private static void check(StrategyType t) {
    String jar = jarOf(t);
    StrategyDescription d;
    try {
      d = t.description();
    } catch (RuntimeException | LinkageError e) {
      throw new UserError("plugin " + jar + ": " + t.getClass().getName() + ".description() failed: " + message(e));
    }
    if (d == null) {
      throw new UserError("plugin " + jar + ": " + t.getClass().getName() + ".description() returned null");
    }
  }

  private static String jarOf(StrategyType t) {
    var source = t.getClass().getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return t.getClass().getName();
    }
    try {
      return Path.of(source.getLocation().toURI()).getFileName().toString();
    } catch (Exception e) {
      return source.getLocation().toString();
    }
  }

  private static String names(List<Path> jars) {
    return jars.size() == 1 ? jars.get(0).toString() : jars.size() + " jars (" + jars.get(0).getParent() + ")";
  }

  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e) {
      m += " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }
    return m;
  }
}
