package dev.deploysim.cli.output;

import dev.deploysim.result.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files of {@code sim compare}: compare.json (the array of summaries, in command-line order)
 * and compare.md (the side-by-side table). Overlay charts belong here too.
 */
public final class CompareOutputs {
  private CompareOutputs() {}

  public static final String JSON = "compare.json";
  public static final String MARKDOWN = "compare.md";

  /** Column headers: scenario names, made unique with the file name where two are the same. */
  public static List<String> headers(List<RunResult> results, List<String> files) {
    List<String> names = new ArrayList<>();
    for (RunResult r : results) {
      names.add(r.summary().scenario());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      boolean dup = names.indexOf(n) != names.lastIndexOf(n);
      out.add(dup ? n + " (" + files.get(i) + ")" : n);
    }
    return out;
  }

  public static List<Map<String, Object>> summaries(List<RunResult> results) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (RunResult r : results) {
      all.add(SummaryJson.toJson(r.summary()));
    }
    return all;
  }

  public static List<List<SummaryTable.Row>> rows(List<RunResult> results) {
    List<List<SummaryTable.Row>> rows = new ArrayList<>();
    for (RunResult r : results) {
      rows.add(SummaryTable.rows(r.summary()));
    }
    return rows;
  }

  public static List<Path> write(List<RunResult> results, List<String> files, OutputFolder folder) {
    List<Path> written = new ArrayList<>();
    written.add(folder.write(JSON, Json.write(summaries(results)) + "\n"));
    StringBuilder md = new StringBuilder("# Comparison\n\n");
    md.append(SummaryTable.markdown(rows(results), headers(results, files)));
    written.add(folder.write(MARKDOWN, md.toString()));
    return written;
  }
}
