package dev.deploysim.strategies.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every lesson file is documented in scenarios/lessons/README.md, named after itself and loads. */
class LessonFilesTest {
  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(Lessons.DIR)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void isDocumentedAndLoads(Path file) throws IOException {
    String name = file.getFileName().toString();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("# yaml-language-server: $schema=../../scenario.schema.json");
    assertThat(lines).contains("name: " + name.replace(".yaml", ""));
    assertThat(lines).anyMatch(l -> l.startsWith("description: "));
    assertThat(Files.readString(Lessons.DIR.resolve("README.md"))).as("README mentions " + name)
        .contains("scenarios/lessons/" + name);
    if (!name.equals("eb-alarm-rollback.yaml")) { // the one a loader must refuse
      Scenario s = Lessons.scenario(name);
      assertThat(s.name()).isEqualTo(name.replace(".yaml", ""));
    }
  }
}
