package dev.deploysim.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.scenario.Limits;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.testing.ScenarioYaml;
import org.junit.jupiter.api.Test;

/**
 * The bounds of the format (issue 17, items 1, 3 and 4; README "Limits"): every time at most 30
 * days, at most 1,000,000 rows of timeseries.csv a run, rates at most 1e9 requests per second.
 * Each repro of the issue is refused at its key with the bound in words, before anything runs.
 */
class LimitsTest {
  private static ScenarioYaml base() {
    return ScenarioYaml.deploying("fake.rolling").with(TestCatalog.catalog());
  }

  private static ScenarioError only(ScenarioYaml y) {
    LoadResult r = y.load();
    assertThat(r.ok()).as(y.yaml()).isFalse();
    assertThat(r.errors()).as(y.yaml()).hasSize(1);
    return r.errors().get(0);
  }

  private static final String THIRTY_DAYS = "must be at most 30 days (720h), the longest time a run simulates";

  @Test
  void theLongestTimeIsThirtyDays() {
    // 30 days = 30 x 86,400 s = 2,592,000 s
    assertThat(Limits.MAX_SECONDS).isEqualTo(30 * 86_400.0).isEqualTo(2_592_000.0);
    assertThat(base().set("horizon", "720h").set("output.sampleInterval", "10s").load().ok()).isTrue();
    assertThat(base().set("horizon", "2592000").set("output.sampleInterval", "10s").load().ok()).isTrue();
  }

  @Test
  void aHundredYearHorizonIsRefusedAtItsKey() {
    ScenarioError e = only(base().set("horizon", "876000h"));
    assertThat(e.path()).isEqualTo("horizon");
    assertThat(e.line()).isPositive();
    assertThat(e.message()).isEqualTo(THIRTY_DAYS + ", got 876000h");
  }

  @Test
  void oneSecondPastThirtyDaysIsRefused() {
    ScenarioError e = only(base().set("horizon", "2592001"));
    assertThat(e.message()).isEqualTo(THIRTY_DAYS + ", got 2592001 seconds");
  }

  @Test
  void deploymentTimesOfManyDigitsAreRefusedWithTheBound() {
    ScenarioError far = only(base().set("deployment.at", "876000h"));
    assertThat(far.path()).isEqualTo("deployment.at");
    assertThat(far.message()).isEqualTo(THIRTY_DAYS + ", got 876000h");

    ScenarioError twenty = only(base().set("deployment.at", "1" + "0".repeat(19)));
    assertThat(twenty.message()).isEqualTo(THIRTY_DAYS + ", got 10000000000000000000 seconds");

    // 300 digits: more than a double holds (1e300 < 1.8e308 here, 9...9 of 300 digits too); shortened to 60 characters
    String digits = "9".repeat(300);
    ScenarioError huge = only(base().set("deployment.at", digits));
    assertThat(huge.message()).isEqualTo(THIRTY_DAYS + ", got " + "9".repeat(57) + "... seconds");
    ScenarioError text = only(base().set("deployment.at", "\"" + digits + "s\""));
    assertThat(text.message()).startsWith(THIRTY_DAYS + ", got ");
  }

  @Test
  void faultAlarmAndDistributionTimesHaveTheSameBound() {
    ScenarioError fault = only(base().fault("{at: 31d, type: launchFailures, probability: 0.5, duration: 1m}"));
    assertThat(fault.path()).isEqualTo("faults[0].at");
    assertThat(fault.message()).isEqualTo(THIRTY_DAYS + ", got 744h");

    ScenarioError lasting = only(base().fault("{at: 10m, type: slowBoots, factor: 2, duration: 800h}"));
    assertThat(lasting.path()).isEqualTo("faults[0].duration");

    ScenarioError launch = only(base().set("fleet.launchTime", "{exponential: {mean: 1000h}}"));
    assertThat(launch.message()).isEqualTo(THIRTY_DAYS + ", got 1000h");
    assertThat(launch.path()).startsWith("fleet.launchTime");
  }

  @Test
  void theRowsOfARunAreBoundedWithTheSizeInTheMessage() {
    // a 30-day horizon sampled every second: floor(2,592,000 / 1) + 2 rows (the first, one per
    // interval, the last) = 2,592,002 > 1,000,000; 2 versions: 17 + 2 x 2 = 21 columns of 8 bytes
    // and 24 bytes around them = 192 bytes a row, 2,592,002 x 192 = 497,664,384 bytes = 497 MB
    ScenarioError e = only(base().set("horizon", "30d").set("output.sampleInterval", "1s"));
    assertThat(e.path()).isEqualTo("output.sampleInterval");
    assertThat(e.message()).isEqualTo("a sample every 1s over 720h of simulated time (the horizon) makes 2,592,002 "
        + "rows of timeseries.csv, about 497 MB of memory; a run has at most 1,000,000 rows");
    // the smallest interval that fits: 2,592,000 / 999,998 = 2.592005... s, rounded up to the millisecond
    assertThat(e.hint()).isEqualTo("set output.sampleInterval to at least 2.593s, or a shorter horizon");
    assertThat(base().set("horizon", "30d").set("output.sampleInterval", "2.593s").load().ok()).isTrue();
  }

  @Test
  void withoutAHorizonTheRowsCountTheLongestADeploymentMayRun() {
    // no horizon: the run may last until deployment.at + 7 days = 300 s + 604,800 s = 605,100 s;
    // every second: 605,102 rows, within the bound
    assertThat(base().set("output.sampleInterval", "1s").load().ok()).isTrue();
    assertThat(Scenario.latestEnd(null, 300)).isEqualTo(300 + 7 * 86_400.0);
    // deployed at 25 days: at most 30 days (2,592,000 s), not 32: 2,592,002 rows at 1s
    ScenarioError e = only(base().set("deployment.at", "25d").set("output.sampleInterval", "1s"));
    assertThat(Scenario.latestEnd(null, 25 * 86_400.0)).isEqualTo(Limits.MAX_SECONDS);
    assertThat(e.message()).contains("makes 2,592,002 rows", "(the longest a deployment without a horizon may run)");
    assertThat(e.hint()).endsWith(", or a horizon");
  }

  @Test
  void ratesAreBoundedSoCountsStayExact() {
    // issue 17 item 3: rps 1.7e308 crashed chart drawing; item 4: 1,000 instances at 1e20 saturated counts
    ScenarioError huge = only(base().set("traffic.rps", "1.7e308"));
    assertThat(huge.path()).isEqualTo("traffic.rps");
    assertThat(huge.message()).isEqualTo(
        "must be at most 1e9 requests per second, so that counts of requests stay exact, got 1.7e308");
    ScenarioError saturating = only(base().set("fleet.instances", 1000).set("fleet.maxSize", 2000)
        .set("traffic.rps", "1e20"));
    assertThat(saturating.message()).endsWith("got 1e20");
    assertThat(only(base().set("traffic.rps", "1e400")).message()).endsWith("got 1e400");
    assertThat(base().set("traffic.rps", "1e9").load().ok()).isTrue();
    // the longest run at the highest rate: 1e9 x 2,592,000 s = 2.592e15 requests < 2^53 = 9.007e15
    assertThat(Limits.MAX_RPS * Limits.MAX_SECONDS).isLessThan(0x1p53);

    ScenarioError step = only(base().set("traffic.pattern", "{steps: [{at: 0s, rps: 10}, {at: 10m, rps: 2e9}]}")
        .remove("traffic.rps"));
    assertThat(step.path()).isEqualTo("traffic.pattern.steps[1].rps");
    ScenarioError peak = only(base().set("traffic.pattern", "{diurnal: {mean: 6e8, amplitude: 5e8}}")
        .remove("traffic.rps"));
    assertThat(peak.path()).isEqualTo("traffic.pattern.diurnal.amplitude");
    assertThat(peak.message()).isEqualTo(
        "the peak, mean + amplitude, must be at most 1e9 requests per second, got 1100000000");
    assertThat(only(base().set("fleet.capacity", "1e10")).path()).isEqualTo("fleet.capacity");
  }

  @Test
  void theSchemaStatesTheBounds() {
    String schema = ScenarioSchema.generate(TestCatalog.catalog());
    assertThat(schema).contains("at most 30 days (720h), the longest time a run simulates");
    assertThat(schema).containsPattern("\"maximum\"\\s*:\\s*2592000(\\.0)?[,\\s}]");
    assertThat(schema).containsPattern("\"maximum\"\\s*:\\s*1\\.0E9|\"maximum\"\\s*:\\s*1000000000");
  }
}
