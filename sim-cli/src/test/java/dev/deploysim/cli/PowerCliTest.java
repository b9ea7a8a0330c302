package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deploysim.engine.Binomial;
import dev.deploysim.run.Replications;
import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sim power} with the real loader and strategies (docs/outputs.md#sim-power). */
class PowerCliTest {
  /**
   * An Argo canary behind an ALB: one canary pod at 10% of 600 requests/s (60/s), available at
   * 325 s, measured once over the minute after it: exactly 3600 requests. "errorRate < 0.012"
   * fails at K >= 44 (43.2 rounded up), K ~ B(3600, p). The old version fails 1%.
   */
  static final String CANARY = """
      name: canary
      seed: 9
      fleet: {instances: 10, zones: [a, b, c], capacity: 100}
      loadBalancer: {type: alb, healthCheck: {firstCheckDelay: 5s}}
      traffic: {rps: 600}
      versions:
        v1: {install: 0s, start: 15s, errorRate: 0.01}
        v2: {install: 0s, start: 15s, errorRate: 0.01}
      deployment:
        at: 5m
        version: v2
        strategy:
          type: argo.canary
          podStartTime: 5s
          trafficRouting: alb
          steps:
            - setWeight: 10
            - analysis:
                metrics:
                  - {name: errors, initialDelay: 1m, successCondition: "errorRate < 0.012"}
      """;

  static final int N = 150;

  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(dir).withParser(CliContext.loaderFor(Strategies.catalog()));
    Files.writeString(dir.resolve("canary.yaml"), CANARY);
  }

  @Test
  void aCurveOfRollbackRatesAgainstTheBinomialTails() throws IOException {
    Cli.Result r = cli.run("power", "canary.yaml", "--error-rates", "0.012,0.02", "--replications",
        Integer.toString(N), "-o", "p", "--format", "png", "--threads", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("good (false rollback)").contains("output:");
    Path out = dir.resolve("p");
    assertThat(out.resolve("power.png")).exists();
    assertThat(out.resolve("report.md")).exists();
    List<String> csv = Files.readAllLines(out.resolve("power.csv"));
    assertThat(csv).hasSize(4);
    assertThat(csv.get(0)).startsWith("errorRate,version,seed,replications,rollbacks,rollbackProbability");
    JsonNode json = new ObjectMapper().readTree(out.resolve("power.json").toFile());
    JsonNode points = json.get("points");
    assertThat(points).hasSize(3);
    assertThat(points.get(0).get("version").asText()).isEqualTo("good");
    assertThat(json.get("baselineErrorRate").asDouble()).isEqualTo(0.01);
    double[] rates = {0.01, 0.012, 0.02};
    for (int i = 0; i < 3; i++) {
      JsonNode p = points.get(i);
      assertThat(p.get("errorRate").asDouble()).isEqualTo(rates[i]);
      int rollbacks = p.get("rollbacks").asInt();
      assertThat(p.get("replications").asInt()).isEqualTo(N);
      assertThat(p.get("rollbackProbability").asDouble()).isCloseTo((double) rollbacks / N,
          org.assertj.core.data.Offset.offset(5e-5));
      double[] wilson = Replications.wilson95(rollbacks, N);
      assertThat(p.get("rollbackLow95").asDouble()).isCloseTo(wilson[0], org.assertj.core.data.Offset.offset(5e-5));
      // the exact probability of K >= 44 lies within three standard errors of the simulated share
      double exact = Binomial.upperTail(3600, rates[i], 44);
      assertThat((double) rollbacks / N).as("rate " + rates[i]).isCloseTo(exact,
          org.assertj.core.data.Offset.offset(3 * Math.sqrt(exact * (1 - exact) / N) + 1e-9));
    }
    // the same files whatever the thread count
    Cli.Result one = cli.run("power", "canary.yaml", "--error-rates", "0.012,0.02", "--replications",
        Integer.toString(N), "-o", "q", "--format", "png", "--threads", "1", "-q");
    assertThat(one.exit()).isZero();
    for (String f : List.of("power.csv", "power.json", "report.md", "power.png")) {
      assertThat(Files.readAllBytes(dir.resolve("q").resolve(f))).as(f).isEqualTo(Files.readAllBytes(out.resolve(f)));
    }
  }

  @Test
  void refusesRatesThatAreNotShares() {
    Cli.Result r = cli.run("power", "canary.yaml", "--error-rates", "2");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--error-rates: 2.0 is not a share of requests from 0 to 1");
    assertThat(dir.resolve("out")).doesNotExist();
    Cli.Result missing = cli.run("power", "canary.yaml");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--error-rates");
  }
}
