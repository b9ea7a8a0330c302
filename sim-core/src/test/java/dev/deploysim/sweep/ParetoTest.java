package dev.deploysim.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.sweep.Pareto.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pareto fronts worked out by hand. */
class ParetoTest {
  static final double NaN = Double.NaN;

  @Test
  void aPointIsOptimalWhenNoOtherIsAsGoodEverywhereAndBetterSomewhere() {
    // duration (lower), capacity (higher)
    double[][] v = {
      {1080, 83.3}, // slow, keeps most capacity: optimal
      {540, 66.7}, //  optimal
      {550, 66.7}, //  dominated by the one above (slower, same capacity)
      {360, 50.0}, //  optimal
      {400, 40.0}, //  dominated by {360, 50}
      {180, 0.0}, //   fastest: optimal
    };
    boolean[] all = {true, true, true, true, true, true};
    assertThat(Pareto.front(v, List.of(Direction.LOWER, Direction.HIGHER), all))
        .containsExactly(true, true, false, true, false, true);
  }

  @Test
  void equalPointsDoNotDominateEachOther() {
    double[][] v = {{10, 1}, {10, 1}, {11, 1}};
    assertThat(Pareto.front(v, List.of(Direction.LOWER, Direction.LOWER), new boolean[] {true, true, true}))
        .containsExactly(true, true, false);
  }

  @Test
  void ineligiblePointsNeitherCountNorDominate() {
    // the second is faster on both counts but not eligible (its runs did not all succeed)
    double[][] v = {{100, 5}, {50, 1}};
    assertThat(Pareto.front(v, List.of(Direction.LOWER, Direction.LOWER), new boolean[] {true, false}))
        .containsExactly(true, false);
  }

  @Test
  void anObjectiveMissingAtAnEligiblePointIsLeftOut() {
    // cost (2nd) is unknown for one point: only duration counts, so only the fastest is optimal
    double[][] v = {{100, 1}, {90, NaN}, {120, 0.5}};
    assertThat(Pareto.front(v, List.of(Direction.LOWER, Direction.LOWER), new boolean[] {true, true, true}))
        .containsExactly(false, true, false);
  }
}
