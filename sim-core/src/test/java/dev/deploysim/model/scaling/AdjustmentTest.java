package dev.deploysim.model.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.scenario.ScalingPolicySpec.AdjustmentType;
import org.junit.jupiter.api.Test;

/**
 * Adjustment types and percent rounding, with the worked example of
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html.
 */
class AdjustmentTest {
  @Test
  void theDocumentationsWorkedExample() {
    // 10 instances, steps +10% / +30% / -10% / -30%
    int n = AlarmPolicy.apply(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, 10, 10, null);
    assertThat(n).isEqualTo(11); // 10% of 10 = 1
    n = AlarmPolicy.apply(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, n, 30, null);
    assertThat(n).isEqualTo(14); // 30% of 11 = 3.3 -> 3
    n = AlarmPolicy.apply(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, n, -10, null);
    assertThat(n).isEqualTo(13); // -10% of 14 = -1.4 -> -1
    n = AlarmPolicy.apply(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, n, -30, null);
    assertThat(n).isEqualTo(10); // -30% of 13 = -3.9 -> -3
  }

  @Test
  void smallPercentagesRoundAwayFromZeroAndMinAdjustmentMagnitude() {
    // 5% of 4 = 0.2 -> 1; -5% of 4 = -0.2 -> -1; 25% of 4 = 1 with MinAdjustmentMagnitude 2 -> 2
    assertThat(AlarmPolicy.apply(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, 4, 5, null)).isEqualTo(5);
    assertThat(AlarmPolicy.apply(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, 4, -5, null)).isEqualTo(3);
    assertThat(AlarmPolicy.apply(AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, 4, 25, 2)).isEqualTo(6);
    assertThat(AlarmPolicy.apply(AdjustmentType.CHANGE_IN_CAPACITY, 4, 3, null)).isEqualTo(7);
    assertThat(AlarmPolicy.apply(AdjustmentType.EXACT_CAPACITY, 4, 9, null)).isEqualTo(9);
  }
}
