package dev.deploysim.cli;

import dev.deploysim.cli.importer.ImportFailure;
import dev.deploysim.cli.importer.Importer;
import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.text.UserError;
import dev.deploysim.load.ScenarioError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sim import FILE...}: writes a scenario from the deployment files a team already has. */
@Command(
    name = "import",
    description = {
      "Write a scenario from the files you deploy with.",
      "",
      "Reads a CloudFormation template (YAML with its short-form tags, or JSON), Elastic Beanstalk",
      ".ebextensions/*.config files (or the .ebextensions folder) and saved configurations, CodeDeploy",
      "`aws deploy get-deployment-group` and `get-deployment-config` output and appspec.yml, or",
      "Kubernetes manifests, and tells each file's kind from its content. Every value of the scenario",
      "names its source (# from template.yaml:42 ...); what the files do not say (traffic, versions,",
      "launch times) is marked '# assumed:' for you to replace. The scenario is checked as `sim",
      "validate` would; a problem is reported at the file and key it came from. Notes go to stderr,",
      "the scenario to stdout or to -o FILE."
    },
    footer = {"%nExample: sim import template.yaml appspec.yml -o scenario.yaml && sim run scenario.yaml"})
final class ImportCommand extends Subcommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import (a .ebextensions folder reads its"
      + " .config files).")
  List<String> files;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the scenario to FILE instead of"
      + " stdout. An existing FILE is never replaced unless --force is given.")
  Path output;

  @Option(names = "--force", description = "Replace the -o FILE if it exists (never one of the input files).")
  boolean force;

  @Option(names = "--resource", paramLabel = "NAME", description = "The Auto Scaling group (logical ID) or"
      + " Kubernetes Deployment to import when the files hold several.")
  String resource;

  @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER, description = "A template parameter's value"
      + " (instead of its Default), or a pseudo parameter such as AWS::Region=eu-west-1; repeatable.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = {"-q", "--quiet"}, description = "Print no notes (problems still go to stderr).")
  boolean quiet;

  @Override
  public Integer call() {
    List<Importer.Input> inputs = new ArrayList<>();
    for (String f : files) {
      inputs.add(new Importer.Input(f, ctx.resolve(Path.of(f))));
    }
    Path target = output == null ? null : ctx.resolve(output).normalize();
    if (target != null) {
      checkTarget(target, inputs);
    }
    Importer.Result r;
    try {
      r = new Importer(ctx.catalog(), ctx.parser()::parse).run(inputs, new Importer.Options(resource, parameters));
    } catch (ImportFailure e) {
      for (ScenarioError p : e.problems()) {
        ctx.err().println(p.format());
      }
      int n = e.problems().size();
      ctx.err().println("sim import: " + n + (n == 1 ? " problem" : " problems") + "; nothing written");
      return Main.USER_ERROR;
    }
    if (target == null) {
      ctx.out().print(r.scenario());
      ctx.out().flush();
    } else {
      OutputFolder.open(target.getParent()).write(target.getFileName().toString(), r.scenario());
    }
    if (!quiet) {
      for (String f : r.formats()) {
        ctx.err().println("read " + f);
      }
      for (String i : r.ignored()) {
        ctx.err().println("ignored " + i);
      }
      for (String n : r.notes()) {
        ctx.err().println("note: " + n);
      }
      ctx.err().println((target == null ? "scenario" : "wrote " + output) + ": " + r.imported()
          + " values from your files, " + r.assumed() + " assumed (marked '# assumed:'): replace those, then run "
          + (target == null ? "it" : "sim run " + output));
    }
    ctx.err().flush();
    return Main.OK;
  }

  private void checkTarget(Path target, List<Importer.Input> inputs) {
    for (Importer.Input in : inputs) {
      if (in.path().normalize().equals(target)) {
        throw new UserError("-o " + output + " is one of the files to import; write the scenario somewhere else");
      }
    }
    if (Files.isDirectory(target)) {
      throw new UserError("-o " + output + " is a folder; name the scenario file to write, e.g. "
          + output.resolve("scenario.yaml"));
    }
    if (Files.exists(target) && !force) {
      throw new UserError(output + " exists; sim import does not replace a file unless you add --force");
    }
  }
}
