package dev.deploysim.cli.importer;

import dev.deploysim.load.LoadResult;
import dev.deploysim.load.ScenarioError;
import dev.deploysim.load.ScenarioFormat;
import dev.deploysim.strategy.StrategyCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code sim import}: reads the files a team already has (a CloudFormation template, Elastic
 * Beanstalk option settings, a CodeDeploy deployment group and AppSpec file, Kubernetes manifests),
 * tells each file's format from its content, and writes one scenario whose every value names its
 * source. What the files cannot say (traffic, versions, launch times) is assumed and marked. The
 * scenario is checked with the real loader before it is returned; a problem the loader finds is
 * reported at the input file and key the value came from.
 */
public final class Importer {
  /** A file as the user named it and where it is. */
  public record Input(String name, Path path) {}

  /**
   * @param resource the logical ID (CloudFormation) or name (Kubernetes) to import when a file
   *     holds several candidates; null otherwise
   * @param parameters template parameters and pseudo parameters ({@code AWS::Region}) by name
   */
  public record Options(String resource, Map<String, String> parameters) {
    public Options {
      parameters = Map.copyOf(parameters);
    }
  }

  /**
   * What the import made: the scenario text, the formats read, notes for the user, and how many
   * values came from the files and how many were assumed.
   */
  public record Result(String scenario, List<String> formats, List<String> ignored, List<String> notes,
      int imported, int assumed) {}

  /** What a file holds, told from its name and content. */
  enum Format {
    CLOUDFORMATION("CloudFormation template"),
    EB_EXTENSION("Elastic Beanstalk .ebextensions file"),
    EB_SAVED("Elastic Beanstalk saved configuration"),
    CODEDEPLOY_CONFIG("CodeDeploy deployment configuration"),
    CODEDEPLOY_GROUP("CodeDeploy deployment group"),
    APPSPEC("CodeDeploy AppSpec file"),
    KUBERNETES("Kubernetes manifests");

    final String label;

    Format(String label) {
      this.label = label;
    }
  }

  private static final Pattern NAME = Pattern.compile(ScenarioFormat.NAME_PATTERN);
  private static final int MAX_FILES = 1000;

  private final StrategyCatalog catalog;
  private final BiFunction<String, String, LoadResult> validator;

  /** @param validator the scenario loader: (text, display name) to a loaded scenario or its problems */
  public Importer(StrategyCatalog catalog, BiFunction<String, String, LoadResult> validator) {
    this.catalog = catalog;
    this.validator = validator;
  }

  /** Imports the files into one scenario, or throws {@link ImportFailure} with every problem located. */
  public Result run(List<Input> inputs, Options options) {
    List<SourceFile> files = read(expand(inputs));
    ImportSession s = new ImportSession(options.parameters(), options.resource());
    Map<Format, List<SourceFile>> byFormat = new java.util.EnumMap<>(Format.class);
    List<String> formats = new ArrayList<>();
    for (SourceFile f : files) {
      Format format = detect(f, s.problems);
      if (format != null) {
        byFormat.computeIfAbsent(format, k -> new ArrayList<>()).add(f);
        formats.add(f.name() + " (" + format.label + ")");
      }
    }
    s.problems.throwIfAny();
    onlyOne(byFormat, Format.CLOUDFORMATION, "template");
    onlyOne(byFormat, Format.CODEDEPLOY_GROUP, "deployment group");
    onlyOne(byFormat, Format.APPSPEC, "AppSpec file");
    int platforms = (byFormat.containsKey(Format.CLOUDFORMATION) ? 1 : 0)
        + (byFormat.containsKey(Format.KUBERNETES) ? 1 : 0)
        + (byFormat.containsKey(Format.EB_EXTENSION) || byFormat.containsKey(Format.EB_SAVED) ? 1 : 0);
    if (platforms > 1) {
      throw ImportFailure.at(files.get(0).name(), 0, 0, "these files describe different platforms ("
          + String.join(", ", formats) + "); a scenario models one", "import them separately");
    }

    for (SourceFile f : byFormat.getOrDefault(Format.CLOUDFORMATION, List.of())) {
      CloudFormationImport.run(s, catalog, f);
    }
    if (byFormat.containsKey(Format.EB_EXTENSION) || byFormat.containsKey(Format.EB_SAVED)) {
      BeanstalkImport.run(s, catalog, byFormat.getOrDefault(Format.EB_EXTENSION, List.of()),
          byFormat.getOrDefault(Format.EB_SAVED, List.of()));
    }
    if (byFormat.containsKey(Format.KUBERNETES)) {
      KubernetesImport.run(s, catalog, byFormat.get(Format.KUBERNETES));
    }
    for (SourceFile f : byFormat.getOrDefault(Format.CODEDEPLOY_CONFIG, List.of())) {
      CodeDeployImport.config(s, f);
    }
    for (SourceFile f : byFormat.getOrDefault(Format.CODEDEPLOY_GROUP, List.of())) {
      CodeDeployImport.group(s, catalog, f);
    }
    for (SourceFile f : byFormat.getOrDefault(Format.APPSPEC, List.of())) {
      CodeDeployImport.appSpec(s, catalog, f);
    }
    s.problems.throwIfAny();
    if (!s.draft.has(DeploymentGroupImport.STRATEGY + ".type")) {
      if (s.missingStrategy != null) {
        throw new ImportFailure(List.of(s.missingStrategy));
      }
      throw ImportFailure.at(files.get(0).name(), 0, 0, "these files say nothing about how the application is "
          + "deployed", "add the template's UpdatePolicy, the CodeDeploy deployment group or the Kubernetes Deployment");
    }
    Assumptions.fill(s, catalog, files.get(0));

    List<String> names = files.stream().map(SourceFile::name).toList();
    String text = DraftWriter.write(s.draft, catalog, names);
    check(text, s.draft);
    return new Result(text, formats, s.ignored, s.draft.notes(), s.draft.count(false), s.draft.count(true));
  }

  private static void onlyOne(Map<Format, List<SourceFile>> byFormat, Format f, String what) {
    List<SourceFile> files = byFormat.getOrDefault(f, List.of());
    if (files.size() > 1) {
      throw ImportFailure.at(files.get(1).name(), 0, 0, "a second " + what + " (the first is " + files.get(0).name()
          + "); a scenario is imported from one", "import them separately");
    }
  }

  /** The inputs with each .ebextensions folder replaced by its .config files. */
  private static List<Input> expand(List<Input> inputs) {
    List<Input> out = new ArrayList<>();
    for (Input in : inputs) {
      if (Files.isDirectory(in.path())) {
        List<Path> configs;
        try (Stream<Path> list = Files.list(in.path())) {
          configs = list.filter(p -> p.getFileName().toString().endsWith(".config") && Files.isRegularFile(p))
              .sorted().toList();
        } catch (IOException e) {
          throw ImportFailure.at(in.name(), 0, 0, "cannot read the folder: " + e.getMessage(), null);
        }
        if (configs.isEmpty()) {
          throw ImportFailure.at(in.name(), 0, 0, "is a folder with no .config files",
              "give the files to import; a .ebextensions folder is read whole");
        }
        for (Path p : configs) {
          String name = in.name().endsWith("/") ? in.name() + p.getFileName() : in.name() + "/" + p.getFileName();
          out.add(new Input(name, p));
        }
      } else {
        out.add(in);
      }
    }
    if (out.size() > MAX_FILES) {
      throw ImportFailure.at(inputs.get(0).name(), 0, 0, "more than " + MAX_FILES + " files", null);
    }
    return out;
  }

  /** Reads every file, collecting every file's problem before failing. */
  private static List<SourceFile> read(List<Input> inputs) {
    List<SourceFile> files = new ArrayList<>();
    List<ScenarioError> problems = new ArrayList<>();
    for (Input in : inputs) {
      try {
        files.add(SourceFile.read(in.name(), in.path()));
      } catch (ImportFailure e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ImportFailure(problems);
    }
    return files;
  }

  static Format detect(SourceFile f, Problems p) {
    String name = f.path().getFileName().toString();
    if (f.documents().isEmpty()) {
      p.add(new ScenarioError(f.name(), 1, 1, "", "the file is empty", null));
      return null;
    }
    boolean kubernetes = !f.documents().isEmpty();
    for (var d : f.documents()) {
      Value v = PlainValue.of(f, d, "");
      kubernetes &= v.get("apiVersion").isScalar() && v.get("kind").isScalar();
    }
    if (kubernetes) {
      return Format.KUBERNETES;
    }
    if (f.documents().size() > 1) {
      p.add(new ScenarioError(f.name(), 1, 1, "", "several YAML documents that are not all Kubernetes objects "
          + "(apiVersion, kind)", null));
      return null;
    }
    Value root = PlainValue.of(f, f.documents().get(0), "");
    if (!root.isMap()) {
      p.add(root, "expected a mapping at the top of the file, got " + root.describe(), null);
      return null;
    }
    if (name.endsWith(".config") || root.get("option_settings").present()) {
      return Format.EB_EXTENSION;
    }
    if (name.endsWith(".cfg.yml") || root.get("OptionSettings").present()
        || root.get("EnvironmentConfigurationMetadata").present()) {
      return Format.EB_SAVED;
    }
    if (root.get("AWSTemplateFormatVersion").present() || root.get("Resources").isMap()) {
      return Format.CLOUDFORMATION;
    }
    if (root.get("deploymentGroupInfo").present() || root.get("deploymentGroupName").present()) {
      return Format.CODEDEPLOY_GROUP;
    }
    if (root.get("deploymentConfigInfo").present()) {
      return Format.CODEDEPLOY_CONFIG;
    }
    if (root.get("version").present() && (root.get("hooks").present() || root.get("Hooks").present()
        || root.get("os").present() || root.get("files").present() || root.get("Resources").isList())) {
      return Format.APPSPEC;
    }
    p.add(new ScenarioError(f.name(), 1, 1, "", "cannot tell what this file is",
        "sim import reads CloudFormation templates (Resources), .ebextensions files (option_settings), saved "
            + "configurations (OptionSettings), `aws deploy get-deployment-group` output (deploymentGroupInfo), "
            + "appspec.yml (version, hooks) and Kubernetes manifests (apiVersion, kind)"));
    return null;
  }

  /**
   * Loads the written scenario with the real loader. A problem is reported where the value came
   * from; one that comes from an assumption (a bug of the import) names the scenario's key.
   */
  private void check(String text, Draft draft) {
    LoadResult r = validator.apply(text, "imported scenario");
    if (r.ok()) {
      return;
    }
    List<ScenarioError> mapped = new ArrayList<>();
    for (ScenarioError e : r.errors()) {
      Provenance p = draft.provenanceOf(e.path());
      if (p instanceof Provenance.FromFile f && !f.where().file().equals("--parameter")) {
        Where w = f.where();
        String path = f.via() != null && !f.via().equals(w.path()) ? w.path() + " (via " + f.via() + ")" : w.path();
        mapped.add(new ScenarioError(w.file(), w.line(), w.column(), path,
            e.message() + " (as " + e.path() + " in the scenario)", e.hint()));
      } else {
        mapped.add(new ScenarioError("imported scenario", e.line(), e.column(), e.path(), e.message()
            + (p == null ? "" : " (" + p.comment() + ")"), e.hint()));
      }
    }
    throw new ImportFailure(mapped);
  }

  /** A valid scenario name made from a text: letters, digits, '.', '_', '-'. */
  static String scenarioName(String raw) {
    String n = raw.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
    if (n.length() > 100) {
      n = n.substring(0, 100);
    }
    return n.isEmpty() || !NAME.matcher(n).matches() ? "imported" : n;
  }
}
