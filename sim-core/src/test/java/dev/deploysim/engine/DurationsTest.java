package dev.deploysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Durations: every documented form, rejection of malformed ones, format/parse round trips, clock. */
class DurationsTest {

  private static final double MINUTE = 60;
  private static final double HOUR = 60 * MINUTE;
  private static final double DAY = 24 * HOUR;

  @Test
  void everyDocumentedFormParsesToTheRightSeconds() {
    assertThat(Durations.parse("250ms")).isCloseTo(250 / 1000.0, within(1e-12));
    assertThat(Durations.parse("30s")).isEqualTo(30);
    assertThat(Durations.parse("5m")).isEqualTo(5 * MINUTE);
    assertThat(Durations.parse("1h30m")).isEqualTo(1 * HOUR + 30 * MINUTE);
    assertThat(Durations.parse("2h")).isEqualTo(2 * HOUR);
    assertThat(Durations.parse("1d")).isEqualTo(1 * DAY);
    assertThat(Durations.parse("PT5M")).isEqualTo(5 * MINUTE);
    assertThat(Durations.parse("PT1H30M")).isEqualTo(1 * HOUR + 30 * MINUTE);
    assertThat(Durations.parse("P1DT2H")).isEqualTo(1 * DAY + 2 * HOUR);
    assertThat(Durations.parse("90")).isEqualTo(90);
    assertThat(Durations.parse("1.5")).isEqualTo(1.5);
    assertThat(Durations.parse("0.25s")).isEqualTo(0.25);
  }

  @ParameterizedTest
  @CsvSource({
    // text, seconds (the arithmetic in the comment)
    "1h30m15s, 5415", //      3600 + 1800 + 15
    "1m30s, 90", //           60 + 30
    "2d12h, 216000", //       2 * 86400 + 12 * 3600
    "1s500ms, 1.5", //        1 + 500 / 1000
    "1.5h, 5400", //          1.5 * 3600
    ".5s, 0.5",
    "0s, 0",
    "0, 0",
    "PT30S, 30",
    "PT1.5S, 1.5",
    "PT2H, 7200",
    "P1D, 86400",
    "P2DT3H4M5S, 183845", //  2 * 86400 + 3 * 3600 + 4 * 60 + 5
    "pt5m, 300", //           ISO designators in either case
    "' 30s ', 30", //         surrounding blanks are ignored
  })
  void moreValidForms(String text, double seconds) {
    assertThat(Durations.parse(text)).isCloseTo(seconds, within(1e-9));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "thirty", "5x", "m5", "", "   ", "30m1h", "PT", "-5s", "P", "P1DT", "1h1h", "5 m", "1.2.3s",
        "s", "PT5", "5M", "-5", "1e3", "30s ms", "1h30"
      })
  void malformedDurationsAreRejectedWithTheAcceptedForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("250ms")
        .hasMessageContaining("30s")
        .hasMessageContaining("5m")
        .hasMessageContaining("1h30m")
        .hasMessageContaining("PT5M")
        .hasMessageContaining("number of seconds")
        .hasMessageContaining("\"" + text + "\"");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "0.25, 250ms",
    "0.001, 1ms",
    "1, 1s",
    "1.5, 1.5s",
    "30, 30s",
    "60, 1m",
    "90, 1m30s",
    "300, 5m",
    "3600, 1h",
    "5400, 1h30m",
    "5415, 1h30m15s",
    "7200, 2h",
    "90000, 25h",
  })
  void formatWritesTheScenarioSpelling(double seconds, String text) {
    assertThat(Durations.format(seconds)).isEqualTo(text);
  }

  @Test
  void formatRoundTripsThroughParse() {
    double[] values = {
      0, 0.001, 0.0005, 0.25, 0.999, 1, 1.5, 12.345, 30, 59, 60, 61, 90, 299.5, 3599, 3600, 3600.5,
      5400, 86400, 90061, 1e6, 123456.789
    };
    for (double v : values) {
      String text = Durations.format(v);
      assertThat(Durations.parse(text)).as("%s -> %s", v, text).isCloseTo(v, within(1e-9 * (1 + v)));
    }
    // Random whole milliseconds up to about 11.6 days: format keeps milliseconds exactly.
    RandomStream r = new RandomStream(17);
    for (int i = 0; i < 2000; i++) {
      double v = r.nextInt(1_000_000_000) / 1000.0;
      String text = Durations.format(v);
      assertThat(Durations.parse(text)).as("%s -> %s", v, text).isCloseTo(v, within(1e-9 * (1 + v)));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0, 00:00:00.000",
    "0.25, 00:00:00.250",
    "59.9996, 00:01:00.000", // rounds to the millisecond, carrying into the minutes
    "61.5, 00:01:01.500",
    "3725.5, 01:02:05.500", //  1 h + 2 min + 5.5 s
    "86399.999, 23:59:59.999",
    "90061.001, 25:01:01.001", // hours keep counting past a day
  })
  void clockGivesHoursMinutesSecondsMillis(double seconds, String text) {
    assertThat(Durations.clock(seconds)).isEqualTo(text);
  }
}
