package dev.deploysim.cli;

import dev.deploysim.cli.output.OutputFolder;
import dev.deploysim.cli.sweep.SweepPlan;
import dev.deploysim.cli.sweep.SweepPoint;
import dev.deploysim.cli.text.Json;
import dev.deploysim.cli.text.UserError;
import dev.deploysim.sweep.Shard;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sim merge DIR... -o OUT}: the shards of a sweep into the files one unsharded run writes. */
@Command(
    name = "merge",
    description = {
      "Combine the shards of a sweep into the files one unsharded sweep writes.",
      "",
      "Reads every shard-K-of-N.json and .csv (written by sim sweep --shard K/N) in the folders; all N",
      "shards of the same sweep must be there, each once. The files are byte for byte those of one run,",
      "written into out/<scenario name>-sweep/ (or -o DIR)."
    })
final class MergeCommand extends Subcommand {
  private static final Pattern SHARD_FILE = Pattern.compile("shard-([0-9]{1,9})-of-([0-9]{1,9})\\.json");

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders holding shard files.")
  List<Path> dirs;

  @Mixin SharedOptions.Writing writing = new SharedOptions.Writing();

  /** A shard found on disk. */
  private record Found(Shard shard, Path json, Path csv, long from, long to, SweepPlan plan, String planText) {}

  @Override
  public Integer call() {
    TreeMap<Integer, Found> shards = new TreeMap<>();
    Found first = null;
    for (Path d : dirs) {
      Path dir = ctx.resolve(d);
      if (!Files.isDirectory(dir)) {
        throw new UserError(d + ": no such folder");
      }
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> in = Files.newDirectoryStream(dir, "shard-*-of-*.json")) {
        in.forEach(files::add);
      } catch (IOException e) {
        throw new UserError("cannot read " + d + ": " + OutputFolder.reason(e));
      }
      files.sort(null);
      for (Path f : files) {
        Matcher m = SHARD_FILE.matcher(f.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        Found s = read(f);
        if (first == null) {
          first = s;
        } else if (!s.planText().equals(first.planText())) {
          throw new UserError(f + " is a shard of another sweep than " + first.json()
              + " (a different file, seed, replications or --vary)");
        } else if (s.shard().count() != first.shard().count()) {
          throw new UserError(f + " is one of " + s.shard().count() + " shards, " + first.json() + " one of "
              + first.shard().count());
        }
        Found before = shards.putIfAbsent(s.shard().index(), s);
        if (before != null) {
          throw new UserError("shard " + s.shard() + " is there twice: " + before.json() + " and " + f);
        }
      }
    }
    if (first == null) {
      throw new UserError("no shard files (shard-K-of-N.json) in " + String.join(", ", dirs.stream().map(Path::toString)
          .toList()));
    }
    int n = first.shard().count();
    List<String> missing = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      if (!shards.containsKey(k)) {
        missing.add(k + "/" + n);
      }
    }
    if (!missing.isEmpty()) {
      throw new UserError("missing " + (missing.size() == 1 ? "shard " : "shards ") + String.join(", ", missing)
          + " of " + first.plan().scenario() + "'s sweep; run them with sim sweep ... --shard K/" + n);
    }
    SweepPlan plan = first.plan();
    OutputPlan.Target target = OutputPlan.single(ctx, writing.folder(), OutputPlan.folderName(plan.scenario()) + "-sweep");
    List<SweepPoint> results;
    // all the files appear at once, at the commit, or none (a failure, an interrupt)
    try (OutputFolder folder = OutputFolder.staged(target.path());
        Progress progress = progress("merge", plan.units(), writing.silent());
        SweepRuns.Assembly assembly = new SweepRuns.Assembly(plan, folder, progress)) {
      for (Found s : shards.values()) {
        readRows(s, assembly, progress);
      }
      results = assembly.finish(folder, writing.formats());
      folder.commit();
    }
    SweepCommand.print(ctx, plan, results, target, writing.json(), writing.quiet());
    return Main.OK;
  }

  private static Found read(Path f) {
    String text;
    try {
      text = Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("cannot read " + f + ": " + OutputFolder.reason(e));
    }
    try {
      Map<String, Object> o = SweepPlan.mapOf(SweepPlan.parseJson(text), "the file");
      if (!SweepRuns.SHARD_FORMAT.equals(o.get("format"))) {
        throw new IllegalArgumentException("not a shard of a sweep (format is not '" + SweepRuns.SHARD_FORMAT + "')");
      }
      if (!Integer.valueOf(SweepRuns.SHARD_VERSION).equals(o.get("version"))) {
        throw new IllegalArgumentException("written by another version of sim (format version " + o.get("version")
            + ", this sim reads " + SweepRuns.SHARD_VERSION + ")");
      }
      Shard shard = Shard.parse(String.valueOf(o.get("shard")));
      Matcher m = SHARD_FILE.matcher(f.getFileName().toString());
      if (!m.matches() || !(m.group(1) + "/" + m.group(2)).equals(shard.toString())) {
        throw new IllegalArgumentException("its name does not match its shard " + shard);
      }
      SweepPlan plan = SweepPlan.fromJson(o.get("sweep"));
      long from = shard.from(plan.units());
      long to = shard.to(plan.units());
      String planText = Json.write(plan.json());
      Path csv = f.resolveSibling(SweepRuns.shardName(shard) + ".csv");
      return new Found(shard, f, csv, from, to, plan, planText);
    } catch (IllegalArgumentException | ClassCastException | org.snakeyaml.engine.v2.exceptions.YamlEngineException e) {
      throw new UserError(f + ": not a readable shard file: " + e.getMessage());
    }
  }

  private static void readRows(Found s, SweepRuns.Assembly assembly, Progress progress) {
    long expected = s.to() - s.from();
    long count = 0;
    try (BufferedReader in = Files.newBufferedReader(s.csv(), StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (!(SweepRuns.shardHeader().strip()).equals(header)) {
        throw new UserError(s.csv() + ": not the CSV of a shard (its first line is not the shard header)");
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        count++;
        try {
          assembly.accept(SweepRuns.parseShardRow(line));
        } catch (IllegalArgumentException e) {
          throw new UserError(s.csv() + ":" + (count + 1) + ": " + e.getMessage());
        }
        progress.step();
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserError(s.csv() + ": missing (its shard's JSON is there)");
    } catch (IOException e) {
      throw new UserError("cannot read " + s.csv() + ": " + OutputFolder.reason(e));
    }
    if (count != expected) {
      throw new UserError(s.csv() + ": " + count + " runs, shard " + s.shard() + " has " + expected
          + "; was it interrupted?");
    }
  }
}
