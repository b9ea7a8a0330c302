package dev.deploysim.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mangled scenario files never make the loader throw: each of a thousand seeded mutations of a
 * valid file (characters dropped, doubled, swapped, YAML punctuation and tags inserted, lines
 * duplicated or cut) gives a scenario or located problems.
 */
class LoaderRobustnessTest {
  private static final List<String> TOKENS = List.of(":", "- ", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ",
      "!!int ", "!x ", "\"", "'", "#", "? ", "|\n", ">\n", "\t", "~", ".nan", "-1", "0x", "%", "<<: ", "---\n",
      "\n  ", "yes", "~", "1e999", "PT", "ms");

  @Test
  void deepNestingIsAProblemNotACrash() {
    ScenarioLoader loader = new ScenarioLoader(TestCatalog.catalog());
    for (String open : List.of("[", "{a: ", "- ")) {
      String text = "name: deep\ndescription: " + open.repeat(200_000) + "\n";
      LoadResult r = loader.parse(text, "deep.yaml");
      assertThat(r.ok()).isFalse();
      assertThat(r.errors()).isNotEmpty();
    }
  }

  @Test
  void mutationsNeverThrow() {
    String base = ScenarioLoaderTest.resource("valid/full.yaml");
    ScenarioLoader loader = new ScenarioLoader(TestCatalog.catalog());
    Random random = new Random(20240611);
    int withErrors = 0;
    for (int i = 0; i < 1000; i++) {
      StringBuilder s = new StringBuilder(base);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int pos = random.nextInt(s.length());
        switch (random.nextInt(5)) {
          case 0 -> s.deleteCharAt(pos);
          case 1 -> s.insert(pos, s.charAt(pos));
          case 2 -> s.insert(pos, TOKENS.get(random.nextInt(TOKENS.size())));
          case 3 -> {
            int end = s.indexOf("\n", pos);
            int start = s.lastIndexOf("\n", pos) + 1;
            if (end > start) {
              s.insert(start, s.substring(start, end + 1));
            }
          }
          default -> {
            int end = s.indexOf("\n", pos);
            if (end > pos) {
              s.delete(pos, end);
            }
          }
        }
      }
      String text = s.toString();
      LoadResult r = loader.parse(text, "m.yaml");
      if (!r.errors().isEmpty()) {
        withErrors++;
        assertThat(r.scenario()).isNull();
        for (ScenarioError err : r.errors()) {
          assertThat(err.message()).as(text).isNotBlank().doesNotContain("null");
          assertThat(err.format()).startsWith("m.yaml");
        }
      } else {
        assertThat(r.scenario()).isNotNull();
      }
    }
    assertThat(withErrors).isGreaterThan(300); // the mutations do break files
  }
}
