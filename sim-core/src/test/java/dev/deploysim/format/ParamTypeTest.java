package dev.deploysim.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** describe(): the short name of each type in `sim strategies` help, open bounds left out. */
class ParamTypeTest {

  @Test
  void integersShowTheirBoundsAndLeaveOpenSidesOut() {
    assertThat(new ParamType.IntegerType(0, 100).describe()).isEqualTo("integer 0..100");
    assertThat(new ParamType.IntegerType(1, Long.MAX_VALUE).describe()).isEqualTo("integer >= 1");
    assertThat(new ParamType.IntegerType(Long.MIN_VALUE, 10).describe()).isEqualTo("integer <= 10");
    assertThat(new ParamType.IntegerType(Long.MIN_VALUE, Long.MAX_VALUE).describe()).isEqualTo("integer");
  }

  @Test
  void numbersShowTheirBoundsAndLeaveOpenSidesOut() {
    assertThat(new ParamType.NumberType(0, 1).describe()).isEqualTo("number 0..1");
    assertThat(new ParamType.NumberType(0, Double.POSITIVE_INFINITY).describe()).isEqualTo("number >= 0");
    assertThat(new ParamType.NumberType(Double.NEGATIVE_INFINITY, 5).describe()).isEqualTo("number <= 5");
    // an alarm threshold: any number (was "number -9223372036854775808..")
    assertThat(new ParamType.NumberType(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).describe())
        .isEqualTo("number");
    assertThat(new ParamType.NumberType(0.05, 2.5).describe()).isEqualTo("number 0.05..2.5");
    assertThat(new ParamType.NumberType(1e-7, 1).describe()).isEqualTo("number 0.0000001..1");
  }

  @Test
  void theOtherTypes() {
    assertThat(new ParamType.BooleanType().describe()).isEqualTo("true or false");
    assertThat(new ParamType.StringType().describe()).isEqualTo("text");
    assertThat(new ParamType.EnumType(List.of("alb", "clb")).describe()).isEqualTo("one of alb, clb");
    assertThat(new ParamType.DurationType(0, Double.POSITIVE_INFINITY, false).describe()).isEqualTo("duration");
    assertThat(new ParamType.DurationType(0, 3600, true).describe()).isEqualTo("duration or never");
    assertThat(new ParamType.DistributionType().describe()).isEqualTo("duration or distribution");
    assertThat(new ParamType.CountOrPercentType(1, 1, 100).describe()).isEqualTo("count or percentage");
    ParamType.ObjectType step = new ParamType.ObjectType(List.of(
        ParamSpec.required("weight", new ParamType.IntegerType(0, 100), null, "weight"),
        ParamSpec.required("hold", new ParamType.DurationType(0, 86400, false), null, "hold")));
    assertThat(step.describe()).isEqualTo("mapping");
    assertThat(new ParamType.ListType(step, 0, 10).describe()).isEqualTo("list of mapping");
    assertThat(new ParamType.ListType(new ParamType.StringType(), 1, 26).describe()).isEqualTo("list of text");
    assertThat(new ParamType.MapType(null, new ParamType.NumberType(0, 1)).describe())
        .isEqualTo("mapping to number 0..1");
    assertThat(ParamType.OneOfType.of(new ParamType.DistributionType(), step).describe())
        .isEqualTo("duration or distribution, or mapping {weight, hold}");
    assertThat(ParamType.OneOfType.of(new ParamType.BooleanType(), new ParamType.NumberType(0, 1)).describe())
        .isEqualTo("true or false, or number 0..1");
  }
}
