package dev.deploysim.cli.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Phase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chart helpers: thinning long series without losing what shows, laying out phase labels. */
class ChartsTest {

  @Test
  void constantStretchesShrinkToTheirEdges() {
    // a day every 5 s: 17,281 samples; the count steps from 6 to 12 at 12h and back at 13h
    int n = 17281;
    double[] t = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = 5.0 * i;
      y[i] = t[i] >= 12 * 3600 && t[i] < 13 * 3600 ? 12 : 6;
    }
    int[] rows = Decimate.rows(t, y);
    // first, last, and the two samples around each of the two changes
    assertThat(rows).containsExactly(0, 8639, 8640, 9359, 9360, n - 1);
  }

  @Test
  void aBriefSpikeSurvivesBucketing() {
    // a continuously varying series forces bucketing; a one-sample spike must stay
    int n = 100_000;
    double[] t = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
      y[i] = 100 + Math.sin(i / 1000.0);
    }
    y[54_321] = 500;
    int[] rows = Decimate.rows(t, y);
    assertThat(rows.length).isLessThanOrEqualTo(4 * Decimate.BUCKETS);
    assertThat(rows).contains(0, 54_321, n - 1);
    for (int i = 1; i < rows.length; i++) {
      assertThat(rows[i]).isGreaterThan(rows[i - 1]);
    }
  }

  @Test
  void shortSeriesAreKeptWhole() {
    assertThat(Decimate.rows(new double[] {0, 5}, new double[] {1, 1})).containsExactly(0, 1);
    assertThat(Decimate.rows(new double[] {0, 5, 10}, new double[] {1, 2, 3})).containsExactly(0, 1, 2);
  }

  @Test
  void phaseLabelsGetTheirOwnRowsWhileTheyFitThenGroupByKind() {
    double horizon = 3600;
    List<Phase> few = List.of(new Phase("batch 1 of 2: deploy", Phase.Kind.DEPLOY, 300, 600),
        new Phase("batch 1 of 2: wait for health", Phase.Kind.WAIT, 600, 900),
        new Phase("batch 2 of 2: deploy", Phase.Kind.DEPLOY, 900, 1200));
    List<PhaseBands.PhaseLabel> labels = PhaseBands.phaseLabels(few, horizon);
    assertThat(labels).extracting(PhaseBands.PhaseLabel::text)
        .containsExactly("batch 1 of 2: deploy", "batch 1 of 2: wait for health", "batch 2 of 2: deploy");
    assertThat(labels).allMatch(l -> l.row() < PhaseBands.MAX_LABEL_ROWS);

    // twelve 5-second phases cannot each have a label: same-kind neighbours share one
    List<Phase> many = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      many.add(new Phase("deploy to i-" + i, Phase.Kind.DEPLOY, 300 + 5 * i, 305 + 5 * i));
    }
    for (int i = 0; i < 4; i++) {
      many.add(new Phase("undo i-" + i, Phase.Kind.ROLLBACK, 340 + 5 * i, 345 + 5 * i));
    }
    assertThat(PhaseBands.phaseLabels(many, horizon)).extracting(PhaseBands.PhaseLabel::text)
        .containsExactly("deploy (8 steps)", "roll back (4 steps)");
  }
}
