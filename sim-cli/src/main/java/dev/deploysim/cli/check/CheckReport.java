package dev.deploysim.cli.check;

import dev.deploysim.cli.text.Escapes;
import dev.deploysim.cli.check.BudgetResult.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@code sim check} as text for the terminal, JUnit XML for CI systems (one test
 * case per scenario and budget; an exceeded budget is a failure, one that cannot be measured is
 * skipped) and Markdown for a CI job's summary page. Everything is a function of the runs: no
 * clock, no host name, so the same scenarios and seeds give the same bytes.
 */
public final class CheckReport {
  /** The first line of the Markdown report; an existing file that starts with it may be replaced. */
  public static final String MARKDOWN_MARKER = "<!-- sim check report -->";

  private final List<ScenarioCheck> checks;

  public CheckReport(List<ScenarioCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  public List<ScenarioCheck> checks() {
    return checks;
  }

  public long count(Verdict v) {
    return checks.stream().mapToLong(c -> c.count(v)).sum();
  }

  public long budgets() {
    return checks.stream().mapToLong(c -> c.results().size()).sum();
  }

  public boolean exceeded() {
    return count(Verdict.EXCEEDED) > 0;
  }

  /** "9 budgets in 2 scenarios: 7 hold, 1 exceeded, 1 not measurable". */
  public String totals() {
    StringBuilder b = new StringBuilder();
    b.append(budgets()).append(budgets() == 1 ? " budget" : " budgets").append(" in ").append(checks.size())
        .append(checks.size() == 1 ? " scenario: " : " scenarios: ").append(count(Verdict.HOLDS))
        .append(count(Verdict.HOLDS) == 1 ? " holds" : " hold").append(", ").append(count(Verdict.EXCEEDED))
        .append(" exceeded");
    if (count(Verdict.NOT_MEASURABLE) > 0) {
      b.append(", ").append(count(Verdict.NOT_MEASURABLE)).append(" not measurable");
    }
    return b.toString();
  }

  static final String UNCERTAIN = "uncertain: the share of runs within the budget is high enough, but its 95% "
      + "interval reaches below the required share; more replications would tell";

  private boolean uncertain() {
    return checks.stream().anyMatch(c -> c.results().stream().anyMatch(BudgetResult::uncertain));
  }

  private static String word(BudgetResult r) {
    return switch (r.verdict()) {
      case HOLDS -> r.uncertain() ? "holds (uncertain)" : "holds";
      case EXCEEDED -> "EXCEEDED";
      case NOT_MEASURABLE -> "not measurable";
    };
  }

  // ---- terminal ----------------------------------------------------------------------------------

  /** One table per scenario, then the totals; the verdicts coloured when {@code color}. */
  public String text(boolean color) {
    StringBuilder out = new StringBuilder();
    for (ScenarioCheck c : checks) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(c.heading()).append('\n');
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"budget", "limit", "measured", "result"});
      for (BudgetResult r : c.results()) {
        rows.add(new String[] {r.budget().key(), r.budget().limitText(r.limit()), r.measured(), word(r)});
      }
      int[] w = new int[4];
      for (String[] row : rows) {
        for (int i = 0; i < 4; i++) {
          w[i] = Math.max(w[i], row[i].length());
        }
      }
      for (int j = 0; j < rows.size(); j++) {
        String[] row = rows.get(j);
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < 3; i++) {
          line.append(row[i]).append(" ".repeat(w[i] - row[i].length() + 2));
        }
        String verdict = row[3];
        if (color && j > 0) {
          Verdict v = c.results().get(j - 1).verdict();
          String code = v == Verdict.HOLDS ? "32" : v == Verdict.EXCEEDED ? "31" : "33";
          verdict = "\u001b[" + code + "m" + verdict + "\u001b[0m";
        }
        out.append(line).append(verdict).append('\n');
      }
    }
    out.append('\n').append(totals()).append('\n');
    if (uncertain()) {
      out.append(UNCERTAIN).append('\n');
    }
    return out.toString();
  }

  // ---- JUnit XML ---------------------------------------------------------------------------------

  /**
   * JUnit XML as Jenkins, GitLab, GitHub test reporters and Azure read it: {@code <testsuites>}, one
   * {@code <testsuite>} per scenario file, one {@code <testcase>} per budget (classname the scenario,
   * name the budget), {@code <failure>} for an exceeded budget, {@code <skipped>} for one that cannot
   * be measured.
   */
  public String junit() {
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<testsuites name=\"sim check\" tests=\"").append(budgets()).append("\" failures=\"")
        .append(count(Verdict.EXCEEDED)).append("\" errors=\"0\">\n");
    for (ScenarioCheck c : checks) {
      x.append("  <testsuite name=\"").append(xml(c.file())).append("\" tests=\"").append(c.results().size())
          .append("\" failures=\"").append(c.count(Verdict.EXCEEDED)).append("\" errors=\"0\" skipped=\"")
          .append(c.count(Verdict.NOT_MEASURABLE)).append("\" file=\"").append(xml(c.file())).append("\">\n");
      x.append("    <properties>\n");
      property(x, "scenario", c.scenario());
      property(x, "strategy", c.strategy());
      property(x, "seed", Long.toString(c.seed()));
      property(x, "runs", Integer.toString(c.runs()));
      property(x, "outcomes", c.outcomeText());
      if (c.runs() > 1) {
        property(x, "confidence", Double.toString(c.confidence()));
      }
      x.append("    </properties>\n");
      for (BudgetResult r : c.results()) {
        x.append("    <testcase classname=\"").append(xml(c.scenario())).append("\" name=\"")
            .append(r.budget().key()).append("\"");
        switch (r.verdict()) {
          case HOLDS -> x.append(">\n      <system-out>").append(xml(r.explanation()))
              .append("</system-out>\n    </testcase>\n");
          case EXCEEDED -> x.append(">\n      <failure type=\"BudgetExceeded\" message=\"").append(xml(r.explanation()))
              .append("\">").append(xml(c.heading() + "\n" + r.measured())).append("</failure>\n    </testcase>\n");
          case NOT_MEASURABLE -> x.append(">\n      <skipped message=\"").append(xml(r.explanation()))
              .append("\"/>\n    </testcase>\n");
        }
      }
      x.append("  </testsuite>\n");
    }
    return x.append("</testsuites>\n").toString();
  }

  private static void property(StringBuilder x, String name, String value) {
    x.append("      <property name=\"").append(name).append("\" value=\"").append(xml(value)).append("\"/>\n");
  }

  /** Text for an XML attribute or element: markup escaped, characters XML 1.0 cannot hold dropped. */
  static String xml(String s) {
    StringBuilder b = new StringBuilder();
    Escapes.append(b, s, c -> switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> "&quot;";
      case '\n' -> "&#10;";
      default -> c >= 0x20 || c == '\t' ? null : "";
    });
    return b.toString();
  }

  // ---- Markdown ----------------------------------------------------------------------------------

  /** A summary for a CI job page (GitHub's $GITHUB_STEP_SUMMARY, a merge request note). */
  public String markdown() {
    StringBuilder m = new StringBuilder(MARKDOWN_MARKER).append('\n');
    m.append("## sim check: ").append(exceeded() ? count(Verdict.EXCEEDED) + " of " + budgets()
        + " budgets exceeded" : "every budget holds").append("\n\n").append(totals()).append(".\n");
    for (ScenarioCheck c : checks) {
      m.append("\n### `").append(c.file().replace("`", "'")).append("`\n\n").append(md(c.scenario())).append(" (")
          .append(md(c.strategy())).append("): ")
          .append(c.runs() == 1 ? c.outcomeText() + ", seed " + c.seed() : c.runs() + " runs, " + c.outcomeText()
              + "; each budget must hold in " + BudgetResult.share(c.confidence()) + " of them")
          .append("\n\n| budget | limit | measured | result |\n| --- | --- | --- | --- |\n");
      for (BudgetResult r : c.results()) {
        String icon = switch (r.verdict()) {
          case HOLDS -> ":white_check_mark:";
          case EXCEEDED -> ":x:";
          case NOT_MEASURABLE -> ":grey_question:";
        };
        m.append("| `").append(r.budget().key()).append("` | ").append(md(r.budget().limitText(r.limit())))
            .append(" | ").append(md(r.measured())).append(" | ").append(icon).append(' ').append(word(r))
            .append(" |\n");
      }
    }
    if (uncertain()) {
      m.append('\n').append(UNCERTAIN).append(".\n");
    }
    return m.toString();
  }

  private static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
  }
}
