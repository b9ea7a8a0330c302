package dev.deploysim.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Wilson score interval against the formula worked by hand (Wilson 1927). */
class WilsonTest {
  static final double Z = 1.959963984540054;

  @Test
  void eightOfTen() {
    // p = 0.8, n = 10, z^2 = 3.841459; denominator 1 + z^2/n = 1.3841459
    // centre = (0.8 + z^2/20) / 1.3841459 = 0.9920729 / 1.3841459 = 0.716739
    // half = z / 1.3841459 * sqrt(0.8 * 0.2 / 10 + z^2 / 400) = 1.416009 * sqrt(0.016 + 0.0096036) = 0.226575
    Wilson w = Wilson.interval95(8, 10);
    assertThat(w.low()).isCloseTo(0.716739 - 0.226575, within(1e-5));
    assertThat(w.high()).isCloseTo(0.716739 + 0.226575, within(1e-5));
  }

  @Test
  void allRunsWithinStillLeavesRoomBelow() {
    // k = n: p = 1, the half width equals the distance to 1, so low = 1 / (1 + z^2/n) = n / (n + z^2)
    assertThat(Wilson.interval95(20, 20).low()).isCloseTo(20 / (20 + Z * Z), within(1e-12));
    assertThat(Wilson.interval95(20, 20).high()).isEqualTo(1.0);
    // k = 0: high = z^2 / (n + z^2)
    assertThat(Wilson.interval95(0, 20).high()).isCloseTo(Z * Z / (20 + Z * Z), within(1e-12));
    assertThat(Wilson.interval95(0, 20).low()).isEqualTo(0.0);
  }
}
