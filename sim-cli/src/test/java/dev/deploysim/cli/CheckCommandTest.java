package dev.deploysim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.strategies.Strategies;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim check}: every budget holding and exceeded, with one run and with replications, on
 * small Elastic Beanstalk deployments whose numbers follow from the documented policies: a rolling
 * deployment with batches of 1 takes 1 of 4 instances out of service at a time (75% capacity), no
 * request fails and no instance is added; all at once takes every instance out (0% capacity,
 * downtime, failed requests); immutable launches a second set of instances (extra instance-hours).
 */
class CheckCommandTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir).withParser(CliContext.loaderFor(Strategies.catalog()));
  }

  private String scenario(String name, String strategy, String budgets) throws IOException {
    Files.writeString(dir.resolve(name + ".yaml"), "name: " + name + "\n"
        + "fleet: {instances: 4, maxSize: 8, zones: [a, b], hourlyPrice: 0.5}\n"
        + "loadBalancer: {type: alb, preset: elastic-beanstalk}\n"
        + "traffic: {rps: 200}\n"
        + "versions: {v1: {install: 20s, start: 5s}, v2: {install: 20s, start: 5s}}\n"
        + "deployment: {at: 2m, version: v2, strategy: " + strategy + "}\n"
        + "budgets: " + budgets + "\n");
    return name + ".yaml";
  }

  private static final String ROLLING = "{type: eb.rolling, batchSize: 1}";

  @Test
  void everyBudgetHolds() throws IOException {
    String f = scenario("rolling", ROLLING, "{maxDuration: 1h, minCapacityPercent: 75, maxFailedRequests: 0, "
        + "maxDowntime: 0s, maxExtraInstanceHours: 0, maxCostUsd: 100}");
    Cli.Result r = cli.run("check", f);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("rolling.yaml: rolling (eb.rolling), SUCCEEDED, seed 1")
        .containsPattern("minCapacityPercent +>= 75% +75% +holds")
        .containsPattern("maxFailedRequests +<= 0 +0 +holds")
        .containsPattern("maxDowntime +<= 0s +0s +holds")
        .containsPattern("maxExtraInstanceHours +<= 0 h +0 h +holds")
        .contains("6 budgets in 1 scenario: 6 hold, 0 exceeded");
  }

  @Test
  void eachBudgetCanBeExceeded() throws IOException {
    String allAtOnce = scenario("all-at-once", "{type: eb.all-at-once}",
        "{minCapacityPercent: 1, maxFailedRequests: 0, maxDowntime: 0s}");
    // four batches of one instance, each installing for 20s and starting for 5s: far more than a minute
    String slow = scenario("slow", ROLLING, "{maxDuration: 1m}");
    String immutable = scenario("immutable", "{type: eb.immutable}", "{maxExtraInstanceHours: 0, maxCostUsd: 0.01}");
    Cli.Result r = cli.run("check", allAtOnce, slow, immutable, "--junit", "check.xml");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Main.BUDGET_EXCEEDED);
    assertThat(r.out()).containsPattern("minCapacityPercent +>= 1% +0% +EXCEEDED")
        .containsPattern("maxFailedRequests +<= 0 +[1-9][0-9,]* +EXCEEDED")
        .containsPattern("maxDowntime +<= 0s +[1-9][0-9.ms]* +EXCEEDED")
        .containsPattern("maxDuration +<= 1m +[0-9ms.]+ +EXCEEDED")
        .containsPattern("maxExtraInstanceHours +<= 0 h +0\\.[0-9]+ h +EXCEEDED")
        .containsPattern("maxCostUsd +<= \\$0\\.01 +\\$[0-9.]+ +EXCEEDED")
        .contains("6 budgets in 3 scenarios: 0 hold, 6 exceeded");
    String xml = Files.readString(dir.resolve("check.xml"));
    assertThat(xml).contains("<testsuites name=\"sim check\" tests=\"6\" failures=\"6\" errors=\"0\">")
        .contains("<testcase classname=\"slow\" name=\"maxDuration\">")
        .contains("<failure type=\"BudgetExceeded\" message=\"maxDuration: ");
    validJUnit(xml);
  }

  @Test
  void latencyIsNotMeasurableRatherThanPassed() throws IOException {
    String f = scenario("latency", ROLLING, "{maxLatencyP99: 800ms, maxFailedRequests: 0}");
    Cli.Result r = cli.run("check", f, "--junit", "check.xml", "--markdown", "check.md");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).containsPattern("maxLatencyP99 +<= 800ms +not measurable: the run has no latency model "
        + "\\(give the versions a responseTime\\) +not measurable").contains("1 holds, 0 exceeded, 1 not measurable");
    assertThat(r.err()).contains("budgets.maxLatencyP99 is not measurable");
    String xml = Files.readString(dir.resolve("check.xml"));
    assertThat(xml).contains("skipped=\"1\"").contains("<skipped message=\"maxLatencyP99 is not measurable: ");
    validJUnit(xml);
    assertThat(Files.readString(dir.resolve("check.md"))).contains(":grey_question: not measurable");
  }

  @Test
  void latencyIsMeasuredWhenTheVersionsHaveAResponseTime() throws IOException {
    String f = scenario("latency", ROLLING, "{maxLatencyP99: 1s}").replace(".yaml", "");
    Path file = dir.resolve(f + ".yaml");
    Files.writeString(file, Files.readString(file).replace("start: 5s}", "start: 5s, responseTime: 80ms}"));
    Cli.Result r = cli.run("check", f + ".yaml");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("maxLatencyP99 +<= 1s +[0-9.]+m?s +holds");
    // a request takes at least the version's response time, so its 99th percentile is at least 80ms
    Files.writeString(file, Files.readString(file).replace("maxLatencyP99: 1s", "maxLatencyP99: 79ms"));
    Cli.Result tight = cli.run("check", f + ".yaml");
    assertThat(tight.exit()).isEqualTo(Main.BUDGET_EXCEEDED);
    assertThat(tight.out()).containsPattern("maxLatencyP99 +<= 79ms +[0-9.]+m?s +EXCEEDED");
  }

  @Test
  void replicationsGiveTheShareWithinAndItsInterval() throws IOException {
    String f = scenario("rolling", ROLLING, "{maxDuration: 1h, maxFailedRequests: 0, confidence: 0.75}");
    Cli.Result r = cli.run("check", f, "--replications", "4", "--markdown", "check.md", "--junit", "check.xml");
    assertThat(r.exit()).as(r.err()).isZero();
    // 4 of 4 within: Wilson 95% interval from 4 / (4 + 1.96^2) = 4 / 7.8415 = 51% to 100%
    assertThat(r.out()).contains("4 runs: 4 SUCCEEDED; each budget must hold in 75% of them")
        .containsPattern("maxDuration +<= 1h +4 of 4 runs within \\(100%, 95% CI 51%-100%\\), worst [0-9ms.]+ "
            + "+holds \\(uncertain\\)")
        .contains("more replications would tell");
    String md = Files.readString(dir.resolve("check.md"));
    assertThat(md).startsWith("<!-- sim check report -->\n## sim check: every budget holds\n")
        .contains("| `maxDuration` | &lt;= 1h | 4 of 4 runs within (100%, 95% CI 51%-100%)");
    validJUnit(Files.readString(dir.resolve("check.xml")));

    String tight = scenario("tight", ROLLING, "{minCapacityPercent: 80}");
    Cli.Result t = cli.run("check", tight, "--replications", "4");
    assertThat(t.exit()).isEqualTo(Main.BUDGET_EXCEEDED);
    // 0 of 4: the interval reaches from 0 to 1.96^2 / (4 + 1.96^2) = 49%
    assertThat(t.out()).containsPattern("minCapacityPercent +>= 80% +0 of 4 runs within \\(0%, 95% CI 0%-49%\\), "
        + "worst 75% +EXCEEDED");
  }

  @Test
  void reportsAreTheSameBytesWhateverTheThreadCount() throws IOException {
    String f = scenario("rolling", ROLLING, "{maxDuration: 12m}");
    assertThat(cli.run("check", f, "--replications", "3", "--threads", "1", "--junit", "a.xml", "-q").exit())
        .isIn(0, 3);
    assertThat(cli.run("check", f, "--replications", "3", "--threads", "3", "--junit", "b.xml", "-q").exit())
        .isIn(0, 3);
    assertThat(Files.readString(dir.resolve("a.xml"))).isEqualTo(Files.readString(dir.resolve("b.xml")));
  }

  @Test
  void badInputIsExitTwo() throws IOException {
    Files.writeString(dir.resolve("plain.yaml"), "name: plain\nfleet: {instances: 2}\ntraffic: {rps: 10}\n"
        + "versions: {v1: {}, v2: {}}\ndeployment: {version: v2, strategy: {type: eb.all-at-once}}\n");
    Cli.Result none = cli.run("check", "plain.yaml");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("plain.yaml: no budgets: block");
    String f = scenario("rolling", ROLLING, "{maxDuration: soon}");
    Cli.Result invalid = cli.run("check", f);
    assertThat(invalid.exit()).isEqualTo(2);
    assertThat(invalid.err()).contains("rolling.yaml:7:11: budgets.maxDuration: expected a duration");
  }

  @Test
  void aReportNeverReplacesAFileTheUserWrote() throws IOException {
    String f = scenario("rolling", ROLLING, "{maxFailedRequests: 0}");
    Files.writeString(dir.resolve("notes.md"), "my notes\n");
    Cli.Result r = cli.run("check", f, "--markdown", "notes.md");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--markdown notes.md exists and is not a report sim check wrote");
    assertThat(Files.readString(dir.resolve("notes.md"))).isEqualTo("my notes\n");
    assertThat(cli.run("check", f, "--junit", f).err()).contains("is one of the scenario files");
    assertThat(cli.run("check", f, "--markdown", "check.md").exit()).isZero();
    assertThat(cli.run("check", f, "--markdown", "check.md").exit()).as("its own report is replaced").isZero();
  }

  @Test
  void everyCommandDocumentsExitCodeThree() {
    for (String command : new String[] {"run", "compare", "validate", "strategies", "schema", "import", "check",
        "sweep", "merge"}) {
      assertThat(cli.run(command, "--help").out()).as(command).contains("Exit codes:").containsPattern("\\n  3 +");
    }
    assertThat(cli.run("--help").out()).contains("3   only from sim check: a budget is exceeded");
  }

  private static void validJUnit(String xml) {
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      Validator v = f.newSchema(CheckCommandTest.class.getResource("/junit/junit.xsd")).newValidator();
      v.validate(new StreamSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new AssertionError("not valid JUnit XML: " + e.getMessage() + "\n" + xml, e);
    }
  }
}
