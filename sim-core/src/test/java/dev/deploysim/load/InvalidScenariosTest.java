package dev.deploysim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of invalid scenarios (src/test/resources/scenarios/invalid): each file starts with
 * one or more {@code # expect: <line>:<column>: <path>: <message substring>} lines (path "-" for
 * the whole document), and the loader must report exactly those problems, each at exactly that
 * place, without throwing.
 */
class InvalidScenariosTest {
  private static final Pattern EXPECT = Pattern.compile("^# expect: (\\d+):(\\d+): (\\S*): (.+)$");

  record Expect(int line, int column, String path, String text) {
    boolean matches(ScenarioError e) {
      String rest = e.format().substring(e.file().length());
      return e.line() == line && e.column() == column && e.path().equals(path) && rest.contains(text);
    }

    @Override
    public String toString() {
      return line + ":" + column + ": " + (path.isEmpty() ? "-" : path) + ": " + text;
    }
  }

  static Path dir() throws URISyntaxException {
    return Path.of(InvalidScenariosTest.class.getResource("/scenarios/invalid").toURI());
  }

  static Stream<String> files() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static List<Expect> expectations(Path file) throws IOException {
    List<Expect> out = new ArrayList<>();
    // read bytes leniently: some files are broken on purpose
    for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1)) {
      Matcher m = EXPECT.matcher(line.stripTrailing());
      if (m.matches()) {
        String path = m.group(3).equals("-") ? "" : m.group(3);
        out.add(new Expect(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), path, m.group(4)));
      }
    }
    return out;
  }

  @Test
  void corpusIsLargeEnough() throws Exception {
    assertThat(files().count()).isGreaterThanOrEqualTo(35);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void reportsExactlyTheExpectedProblems(String name) throws Exception {
    Path file = dir().resolve(name);
    List<Expect> expects = expectations(file);
    assertThat(expects).as("expect lines in " + name).isNotEmpty();
    LoadResult r = assertDoesNotThrow(() -> new ScenarioLoader(TestCatalog.catalog()).load(file));
    String all = r.errors().stream().map(ScenarioError::format).collect(Collectors.joining("\n"));
    assertThat(r.ok()).isFalse();
    assertThat(r.scenario()).isNull();
    for (Expect x : expects) {
      assertThat(r.errors()).as("expected %s among:\n%s", x, all).anyMatch(x::matches);
    }
    assertThat(r.errors()).as("exactly the expected problems:\n%s", all).hasSize(expects.size());
    for (ScenarioError e : r.errors()) {
      assertThat(e.format()).doesNotContain("Exception").doesNotContain("\n\tat ").doesNotContain("null");
      // one line each, whatever the file holds: control characters are escaped
      assertThat(e.format()).doesNotContainPattern("[\\p{Cc}\u2028\u2029]");
    }
  }
}
