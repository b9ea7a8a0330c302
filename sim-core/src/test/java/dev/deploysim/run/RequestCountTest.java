package dev.deploysim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deploysim.scenario.Limits;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 4: a count of requests is never printed saturated at 2^63-1. The format's bounds
 * keep counts below 2^53 (dev.deploysim.load.LimitsTest); a count beyond that is refused loudly.
 */
class RequestCountTest {
  @Test
  void theLargestCountTheBoundsAllowIsExact() {
    // 1e9 requests/s for 30 days: 1e9 x 2,592,000 = 2,592,000,000,000,000
    assertThat(ScenarioRunner.count(Limits.MAX_RPS * Limits.MAX_SECONDS)).isEqualTo(2_592_000_000_000_000L);
    assertThat(ScenarioRunner.count(0)).isZero();
    assertThat(ScenarioRunner.count(2.5)).isEqualTo(3);
  }

  @Test
  void aCountBeyondTwoToThe53IsAnErrorNotASaturatedNumber() {
    // 1,000 instances at 1e20 requests/s (the repro) over 1 s: 1e20 > 2^63-1 = 9.2e18
    assertThatThrownBy(() -> ScenarioRunner.count(1e20)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside 0..2^53");
    assertThatThrownBy(() -> ScenarioRunner.count(0x1p53)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ScenarioRunner.count(Double.NaN)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ScenarioRunner.count(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalStateException.class);
  }
}
