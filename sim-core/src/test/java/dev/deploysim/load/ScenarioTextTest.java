package dev.deploysim.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are not a scenario's text are refused with a location and a count, like any other
 * problem; the count of problems is the true total when only some are shown; control characters
 * never reach a message raw.
 */
class ScenarioTextTest {
  static final String VALID = ScenarioValuesTest.scenario("", "");

  @Test
  void utf8WithOrWithoutAByteOrderMarkIsText() {
    assertThat(ScenarioText.decode(VALID.getBytes(StandardCharsets.UTF_8), "a.yaml").text()).isEqualTo(VALID);
    byte[] bom = ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_8);
    assertThat(ScenarioText.decode(bom, "a.yaml").text()).isEqualTo(VALID);
  }

  @Test
  void utf16IsRefusedAtItsByteOrderMark() {
    for (var charset : new java.nio.charset.Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
      byte[] bytes = ("\uFEFF" + VALID).getBytes(charset);
      ScenarioText.Decoded d = ScenarioText.decode(bytes, "u.yaml");
      assertThat(d.ok()).isFalse();
      assertThat(d.problem().errors()).singleElement().satisfies(e -> {
        assertThat(e.format()).startsWith("u.yaml:1:1: the file is UTF-16 text");
      });
      assertThat(d.problem().summary("u.yaml")).isEqualTo("u.yaml: 1 problem");
    }
  }

  @Test
  void theFirstByteThatIsNotUtf8IsLocatedByLineAndCharacter() {
    // line 3 is "description: ü and é": the é is written in Latin-1 (one byte 0xE9); ü before it is a
    // correct two-byte character, so the column counts characters: 13 + 1 (space) + ü, space, "and", space
    byte[] head = "name: x\n# two\ndescription: \u00fc and ".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(head, head.length + 2);
    bytes[head.length] = (byte) 0xE9;
    bytes[head.length + 1] = '\n';
    ScenarioText.Decoded d = ScenarioText.decode(bytes, "l.yaml");
    ScenarioError e = d.problem().errors().get(0);
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo("description: \u00fc and ".length() + 1);
    assertThat(e.message()).contains("not UTF-8").contains("0xE9");
  }

  @Test
  void aFileOverTheSizeLimitIsLocatedWhereItPassesTheLimit() {
    // 8 MB and one byte of "a": read in part, refused at the millionth and first character of line 1
    byte[] bytes = new byte[ScenarioText.MAX_BYTES + 1];
    Arrays.fill(bytes, (byte) 'a');
    ScenarioError e = ScenarioText.decode(bytes, "big.yaml").problem().errors().get(0);
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(YamlReader.MAX_CODE_POINTS + 1);
    assertThat(e.message()).contains("too large").contains("1000000 characters");
  }

  @Test
  void aCharacterCutByTheReadLimitIsNotABadByte() {
    // the read stops inside a three-byte character: the file is too large, not broken
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[ScenarioText.MAX_BYTES + 1];
    for (int i = 0; i + 3 <= bytes.length; i += 3) {
      System.arraycopy(euro, 0, bytes, i, 3);
    }
    ScenarioError e = ScenarioText.decode(bytes, "big.yaml").problem().errors().get(0);
    assertThat(e.message()).contains("too large");
  }

  @Test
  void theProblemCountIsTheTrueTotalWhenOnlySomeAreShown() {
    StringBuilder yaml = new StringBuilder(VALID);
    for (int i = 0; i < 3000; i++) {
      yaml.append("unknown").append(i).append(": 1\n");
    }
    LoadResult r = new ScenarioLoader(TestCatalog.catalog()).parse(yaml.toString(), "many.yaml");
    assertThat(r.problemCount()).isEqualTo(3000);
    assertThat(r.errors()).hasSize(Diagnostics.MAX_ERRORS);
    assertThat(r.errors()).allSatisfy(e -> assertThat(e.message()).isEqualTo("unknown key"));
    assertThat(r.summary("many.yaml")).isEqualTo("many.yaml: 3000 problems (the first 100 shown)");
  }

  @Test
  void controlCharactersAreEscapedInEveryPartOfAProblem() {
    ScenarioError e = new ScenarioError("a\nb.yaml", 1, 2, "versions.v\n2", "bad \u001b[31mred\r", "try\t\u2028x");
    assertThat(e.format()).isEqualTo("a\\nb.yaml:1:2: versions.v\\n2: bad \\u001b[31mred\\r (try\\t\\u2028x)");
  }
}
