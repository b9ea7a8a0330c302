package dev.deploysim.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
  @Test
  void distanceCountsSwapsOfNeighboursAsOneEdit() {
    assertThat(DidYouMean.distance("instanses", "instances")).isEqualTo(1); // substitution
    assertThat(DidYouMean.distance("hihg", "high")).isEqualTo(1); // swap
    assertThat(DidYouMean.distance("rolling", "rollign")).isEqualTo(1);
    assertThat(DidYouMean.distance("abc", "")).isEqualTo(3);
    assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void suggestsCloseOrPrefixNamesOnly() {
    List<String> keys = List.of("instances", "minSize", "maxSize", "zones", "healthCheckType");
    assertThat(DidYouMean.suggest("instanses", keys)).isEqualTo("instances");
    assertThat(DidYouMean.suggest("MinSize", keys)).isEqualTo("minSize"); // case does not count
    assertThat(DidYouMean.suggest("healthCheck", keys)).isEqualTo("healthCheckType"); // prefix
    assertThat(DidYouMean.suggest("capacity", keys)).isNull();
    assertThat(DidYouMean.suggest("zz", keys)).isNull(); // 2 edits of a 2-letter word is no guess
    assertThat(DidYouMean.hint("zone", keys)).isEqualTo("did you mean 'zones'?");
    assertThat(DidYouMean.suggest("eb.rollin", List.of("eb.rolling", "eb.rolling-additional-batch")))
        .isEqualTo("eb.rolling");
  }

  @Test
  void guessesCommandAndStrategyNamesForTheCommandLine() {
    // sim-cli uses this class too: a mistyped command, a mistyped strategy type for `sim strategies`
    assertThat(DidYouMean.suggest("rnu", List.of("run", "validate", "compare", "strategies", "schema")))
        .isEqualTo("run");
    List<String> types = List.of("eb.all-at-once", "eb.rolling", "eb.immutable", "codedeploy.in-place");
    assertThat(DidYouMean.suggest("eb.all-at-onse", types)).isEqualTo("eb.all-at-once");
    assertThat(DidYouMean.suggest("codedeploy.inplace", types)).isEqualTo("codedeploy.in-place");
    assertThat(DidYouMean.suggest("nothing-like-it", types)).isNull();
  }
}
