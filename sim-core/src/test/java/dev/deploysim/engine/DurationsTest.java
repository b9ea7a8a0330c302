package dev.deploysim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations as a scenario writes them (format) and as a timeline shows them (clock). */
class DurationsTest {

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
