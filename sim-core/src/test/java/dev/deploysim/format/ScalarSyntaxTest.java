package dev.deploysim.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;

/** The duration grammar: every documented form, rejection of malformed ones, round trips with {@link Durations#format}. */
class ScalarSyntaxTest {

  private static final double MINUTE = 60;
  private static final double HOUR = 60 * MINUTE;
  private static final double DAY = 24 * HOUR;

  @Test
  void everyDocumentedFormParsesToTheRightSeconds() {
    assertThat(ScalarSyntax.parseDuration("250ms")).isCloseTo(250 / 1000.0, within(1e-12));
    assertThat(ScalarSyntax.parseDuration("30s")).isEqualTo(30);
    assertThat(ScalarSyntax.parseDuration("5m")).isEqualTo(5 * MINUTE);
    assertThat(ScalarSyntax.parseDuration("1h30m")).isEqualTo(1 * HOUR + 30 * MINUTE);
    assertThat(ScalarSyntax.parseDuration("2h")).isEqualTo(2 * HOUR);
    assertThat(ScalarSyntax.parseDuration("1d")).isEqualTo(1 * DAY);
    assertThat(ScalarSyntax.parseDuration("PT5M")).isEqualTo(5 * MINUTE);
    assertThat(ScalarSyntax.parseDuration("PT1H30M")).isEqualTo(1 * HOUR + 30 * MINUTE);
    assertThat(ScalarSyntax.parseDuration("P1DT2H")).isEqualTo(1 * DAY + 2 * HOUR);
    assertThat(ScalarSyntax.parseDuration("90")).isEqualTo(90);
    assertThat(ScalarSyntax.parseDuration("1.5")).isEqualTo(1.5);
    assertThat(ScalarSyntax.parseDuration("0.25s")).isEqualTo(0.25);
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
    assertThat(ScalarSyntax.parseDuration(text)).isCloseTo(seconds, within(1e-9));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "thirty", "5x", "m5", "", "   ", "30m1h", "PT", "-5s", "P", "P1DT", "1h1h", "5 m", "1.2.3s",
        "s", "PT5", "5M", "-5", "1e3", "30s ms", "1h30"
      })
  void malformedDurationsAreRejectedWithTheAcceptedForms(String text) {
    assertThatThrownBy(() -> ScalarSyntax.parseDuration(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("250ms")
        .hasMessageContaining("30s")
        .hasMessageContaining("5m")
        .hasMessageContaining("1h30m")
        .hasMessageContaining("PT5M")
        .hasMessageContaining("number of seconds")
        .hasMessageContaining("\"" + text + "\"");
  }

  @Test
  void formatRoundTripsThroughParse() {
    double[] values = {
      0, 0.001, 0.0005, 0.25, 0.999, 1, 1.5, 12.345, 30, 59, 60, 61, 90, 299.5, 3599, 3600, 3600.5,
      5400, 86400, 90061, 1e6, 123456.789
    };
    for (double v : values) {
      String text = Durations.format(v);
      assertThat(ScalarSyntax.parseDuration(text)).as("%s -> %s", v, text).isCloseTo(v, within(1e-9 * (1 + v)));
    }
    // Random whole milliseconds up to about 11.6 days: format keeps milliseconds exactly.
    RandomStream r = new RandomStream(17);
    for (int i = 0; i < 2000; i++) {
      double v = r.nextInt(1_000_000_000) / 1000.0;
      String text = Durations.format(v);
      assertThat(ScalarSyntax.parseDuration(text)).as("%s -> %s", v, text).isCloseTo(v, within(1e-9 * (1 + v)));
    }
  }


  /** The range expressions of percentages: every whole number and a few fractions, against arithmetic. */
  @ParameterizedTest
  @CsvSource({"0, 100", "1, 100", "0, 1000", "5, 5", "7, 93", "0, 9", "10, 10000"})
  void percentPatternsHoldExactlyTheRange(int min, int max) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(ScalarSyntax.percentPattern(min, max));
    for (int i = 0; i <= 11000; i++) {
      for (String text : new String[] {i + "%", i + ".5%", i + ".0%", "0" + i + "%"}) {
        double v = ScalarSyntax.percent(text).getAsDouble();
        assertThat(p.matcher(text).matches()).as(text + " in " + min + ".." + max).isEqualTo(v >= min && v <= max);
      }
    }
    assertThat(p.matcher(".5%").matches()).isEqualTo(min == 0);
    assertThat(p.matcher("-1%").matches()).isFalse();
  }
}
