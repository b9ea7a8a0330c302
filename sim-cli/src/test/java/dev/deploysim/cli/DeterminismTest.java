package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same scenario and seed: byte-identical files, every one of them, charts included. */
class DeterminismTest {

  @Test
  void twoRunsOfTheSameScenarioWriteIdenticalBytes(@TempDir Path dir) throws IOException {
    Cli cli = new Cli(dir);
    String f = cli.file("a.yaml", "name=alpha", "bad=true");
    assertThat(cli.run("run", f, "-o", "first", "--quiet").exit()).isZero();
    assertThat(cli.run("run", f, "-o", "second", "--quiet").exit()).isZero();
    for (String name : RunCommandTest.ALL_FILES) {
      byte[] a = Files.readAllBytes(dir.resolve("first").resolve(name));
      byte[] b = Files.readAllBytes(dir.resolve("second").resolve(name));
      assertThat(a).as(name).isNotEmpty();
      assertThat(b).as(name + " is byte-identical").isEqualTo(a);
    }
    // the output folder's name appears in no file (it would make copies differ)
    for (String name : new String[] {"summary.json", "report.md", "capacity.svg", "versions.svg"}) {
      assertThat(Files.readString(dir.resolve("first").resolve(name))).as(name).doesNotContain("first");
    }
  }

  @Test
  void chartsAreTheStandardSizeAndSvgsHaveNoRandomIds(@TempDir Path dir) throws IOException {
    Cli cli = new Cli(dir);
    String f = cli.file("a.yaml", "name=alpha");
    assertThat(cli.run("run", f, "-o", "o", "--quiet").exit()).isZero();
    for (String chart : new String[] {"capacity", "versions"}) {
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("o/" + chart + ".png"))));
      assertThat(png.getWidth()).isEqualTo(1200);
      assertThat(png.getHeight()).isEqualTo(600);
      String svg = Files.readString(dir.resolve("o/" + chart + ".svg"), StandardCharsets.UTF_8);
      assertThat(svg).startsWith("<?xml").contains("width='1200'", "height='600'")
          .contains("id='" + chart + "-clip-0'");
      // JFreeSVG's default key prefix is "_" + a timestamp; ours is fixed
      assertThat(svg).doesNotContainPattern("id='_\\d");
    }
  }
}
