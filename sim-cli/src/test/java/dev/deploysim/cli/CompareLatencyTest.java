package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.cli.output.OutputFiles;
import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim compare} with a latency model: the p99 and SLO columns and compare-latency
 * (docs/latency.md).
 *
 * <p>6 instances of 100 requests/s carry 400 requests/s: rho = 400 / 600 = 2/3 on each. With a
 * fixed response time S an M/G/1 processor-sharing instance answers in S / (1 - rho) = 3 S: 90 ms
 * gives 270 ms, 120 ms gives 360 ms. An immutable deployment only adds instances (rho falls), so no
 * request is slower than that and more than 1% of them see exactly it: the run's p99 is 3 S.
 */
class CompareLatencyTest {
  static final String FAST = """
      name: fast
      fleet: {instances: 6, maxSize: 12, zones: [a, b, c], capacity: 100, launchTime: 40s}
      loadBalancer: {type: alb, preset: elastic-beanstalk}
      traffic: {rps: 400}
      versions:
        v1: {install: 30s, start: 10s, responseTime: 90ms}
        v2: {install: 30s, start: 10s, responseTime: 90ms}
      slo: {latencyP99: 300ms}
      horizon: 30m
      deployment:
        at: 2m
        version: v2
        strategy: {type: eb.immutable}
      """;

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(dir).withParser(CliContext.loaderFor(Strategies.catalog()));
    Files.writeString(dir.resolve("fast.yaml"), FAST);
    Files.writeString(dir.resolve("slow.yaml"), FAST.replace("name: fast", "name: slow")
        .replace("90ms", "120ms").replace("slo: {latencyP99: 300ms}\n", ""));
    Files.writeString(dir.resolve("plain.yaml"), FAST.replace("name: fast", "name: plain")
        .replace(", responseTime: 90ms", "").replace("slo: {latencyP99: 300ms}\n", ""));
  }

  @Test
  void theTableShowsEachRunsP99AndSloViolationAndTheOverlayChartDrawsThem() throws IOException {
    Cli.Result r = cli.run("compare", "fast.yaml", "slow.yaml", "plain.yaml", "-o", "cmp");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).contains("p99", "SLO violated");
    // fast: 3 x 90 ms, never above its SLO of 300 ms; slow: 3 x 120 ms, no SLO; plain: no latency
    // model. The run's percentiles come from bins 0.1% wide (docs/latency.md): within 0.1%
    assertThat(lines.get(1)).startsWith("fast").endsWith("  0s");
    assertThat(p99Ms(lines.get(1))).isCloseTo(270.0, within(0.27));
    assertThat(lines.get(2)).startsWith("slow").endsWith("  n/a");
    assertThat(p99Ms(lines.get(2))).isCloseTo(360.0, within(0.36));
    assertThat(lines.get(3)).startsWith("plain").matches(".*no +n/a +n/a");
    assertThat(dir.resolve("cmp/" + OutputFiles.COMPARE_LATENCY_CHART + ".png")).exists();
    assertThat(dir.resolve("cmp/" + OutputFiles.COMPARE_LATENCY_CHART + ".svg")).exists();
    String svg = Files.readString(dir.resolve("cmp/" + OutputFiles.COMPARE_LATENCY_CHART + ".svg"));
    assertThat(svg).contains("SLO p99 300 ms").contains("not drawn: plain");
    assertThat(Files.readString(dir.resolve("cmp/report.md"))).contains("](compare-latency.png)")
        .contains("| p99 | SLO violated |");
  }

  static double p99Ms(String row) {
    Matcher m = Pattern.compile("  ([0-9.]+) ms  ").matcher(row);
    assertThat(m.find()).as(row).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void withoutALatencyModelThereIsNoLatencyChart() throws IOException {
    Files.writeString(dir.resolve("plain2.yaml"), Files.readString(dir.resolve("plain.yaml"))
        .replace("name: plain", "name: plain2"));
    Cli.Result r = cli.run("compare", "plain.yaml", "plain2.yaml", "-o", "cmp");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(dir.resolve("cmp/" + OutputFiles.COMPARE_LATENCY_CHART + ".png")).doesNotExist();
  }
}
