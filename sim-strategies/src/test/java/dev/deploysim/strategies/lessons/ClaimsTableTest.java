package dev.deploysim.strategies.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The table that opens scenarios/lessons/README.md: every claim has a verdict from the fixed list,
 * says where it is in the notes, and links lessons that exist; every lesson is in the table.
 */
class ClaimsTableTest {
  private static final Pattern LINK = Pattern.compile("\\[(\\d+)\\]\\(#lesson-(\\d+)\\)");
  private static final Pattern ANCHOR = Pattern.compile("<a id=\"lesson-(\\d+)\"></a>");
  private static final Pattern WHERE = Pattern.compile("((choices|professional):\\d+(-\\d+)?(, \\d+(-\\d+)?)*(, )?)+");
  private static final List<String> VERDICTS = List.of("holds with a caveat", "holds", "does not hold",
      "not yet simulated");

  record Row(String claim, String where, String verdict, String lessons) {}

  static String readme() throws IOException {
    return Files.readString(Lessons.DIR.resolve("README.md"));
  }

  static List<Row> rows() throws IOException {
    String text = readme();
    int start = text.indexOf("| claim | where in the notes | verdict | lesson |");
    assertThat(start).as("the claims table").isPositive();
    List<Row> rows = new ArrayList<>();
    for (String line : text.substring(start).split("\n")) {
      if (!line.startsWith("|")) {
        break;
      }
      if (line.startsWith("| claim |") || line.startsWith("| ---")) {
        continue;
      }
      String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
      assertThat(cells).as(line).hasSize(4);
      rows.add(new Row(cells[0].trim(), cells[1].trim(), cells[2].trim(), cells[3].trim()));
    }
    return rows;
  }

  @Test
  void everyClaimHasAVerdictAPlaceAndALesson() throws IOException {
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThan(40);
    for (Row r : rows) {
      boolean fromTheIssue = r.claim().contains("not in the notes");
      if (!fromTheIssue) {
        assertThat(WHERE.matcher(r.where()).matches()).as("where of %s: %s", r.claim(), r.where()).isTrue();
        assertThat(VERDICTS).as(r.claim()).anyMatch(v -> r.verdict().startsWith(v));
      }
      if (r.verdict().startsWith("not yet simulated")) {
        assertThat(r.verdict()).as(r.claim()).containsPattern("issue \\d+");
        assertThat(r.lessons()).as(r.claim()).isEmpty();
      } else {
        assertThat(LINK.matcher(r.lessons()).find()).as("a lesson for %s", r.claim()).isTrue();
      }
      if (r.verdict().startsWith("does not hold") || r.verdict().startsWith("holds with a caveat")) {
        assertThat(r.verdict()).as("%s says why", r.claim()).contains(": ");
      }
    }
  }

  @Test
  void linksAndLessonsMatch() throws IOException {
    String text = readme();
    Set<String> anchors = new LinkedHashSet<>();
    Matcher a = ANCHOR.matcher(text);
    while (a.find()) {
      anchors.add(a.group(1));
    }
    Set<String> linked = new LinkedHashSet<>();
    for (Row r : rows()) {
      Matcher m = LINK.matcher(r.lessons());
      while (m.find()) {
        assertThat(m.group(1)).isEqualTo(m.group(2));
        linked.add(m.group(2));
      }
    }
    assertThat(anchors).as("every link points to a lesson").containsAll(linked);
    assertThat(linked).as("every lesson is in the table").containsAll(anchors);
    // each lesson heading follows its anchor
    for (String n : anchors) {
      assertThat(text).contains("<a id=\"lesson-" + n + "\"></a>\n### " + n + ". ");
    }
  }
}
