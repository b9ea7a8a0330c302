package dev.deploysim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deploysim.load.Overrides;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of a --vary, the points of a grid, and shards of its runs. */
class GridTest {

  @Test
  void valuesSplitOnTopLevelCommasAndRangesCountIntegers() {
    assertThat(Grid.values("1,2,3,6")).containsExactly("1", "2", "3", "6");
    assertThat(Grid.values("1..4,8")).containsExactly("1", "2", "3", "4", "8");
    assertThat(Grid.values("5s, 15s ,30s")).containsExactly("5s", "15s", "30s");
    // commas inside brackets, braces and quotes belong to the value
    assertThat(Grid.values("[a, b],[a, b, c]")).containsExactly("[a, b]", "[a, b, c]");
    assertThat(Grid.values("{uniform: [20s, 40s]},30s")).containsExactly("{uniform: [20s, 40s]}", "30s");
    assertThat(Grid.values("'a,b',c")).containsExactly("'a,b'", "c");
    assertThat(Grid.values("\"30%\",50%")).containsExactly("\"30%\"", "50%");
  }

  @Test
  void badValuesAreRefusedWithAReason() {
    assertThatThrownBy(() -> Grid.values("1,,2")).hasMessageContaining("an empty value");
    assertThatThrownBy(() -> Grid.values("6..1")).hasMessageContaining("the range 6..1 is empty");
    assertThatThrownBy(() -> Grid.values("1,2,1")).hasMessageContaining("the value 1 is given twice");
    assertThatThrownBy(() -> Grid.values("1..3,2")).hasMessageContaining("the value 2 is given twice");
    assertThatThrownBy(() -> Grid.values("0..1000000")).hasMessageContaining("more than 10000 values");
  }

  @Test
  void pointsVaryTheFirstAxisSlowest() {
    Grid g = new Grid(List.of(new Grid.Axis("a", List.of("1", "2")), new Grid.Axis("b", List.of("x", "y", "z"))));
    assertThat(g.size()).isEqualTo(6); // 2 x 3
    assertThat(g.point(0)).containsExactly(new Overrides.Setting("a", "1"), new Overrides.Setting("b", "x"));
    assertThat(g.point(1)).containsExactly(new Overrides.Setting("a", "1"), new Overrides.Setting("b", "y"));
    assertThat(g.point(3)).containsExactly(new Overrides.Setting("a", "2"), new Overrides.Setting("b", "x"));
    assertThat(g.point(5)).containsExactly(new Overrides.Setting("a", "2"), new Overrides.Setting("b", "z"));
  }

  @Test
  void aGridOverTheLimitIsRefused() {
    List<String> hundred = Grid.values("1..100");
    List<String> hundredOne = Grid.values("1..101");
    // 100 x 100 = 10,000 points: the limit itself is allowed
    assertThat(new Grid(List.of(new Grid.Axis("a", hundred), new Grid.Axis("b", hundred))).size()).isEqualTo(10_000);
    assertThatThrownBy(() -> new Grid(List.of(new Grid.Axis("a", hundred), new Grid.Axis("b", hundredOne))))
        .hasMessageContaining("more than 10000 points (100 x 101)");
  }

  @Test
  void shardsCoverEveryRunOnceAndDifferByAtMostOne() {
    for (long units : new long[] {0, 1, 7, 10, 1001}) {
      for (int n = 1; n <= 8; n++) {
        long next = 0;
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int k = 1; k <= n; k++) {
          Shard s = new Shard(k, n);
          assertThat(s.from(units)).as("shard %d/%d of %d", k, n, units).isEqualTo(next);
          next = s.to(units);
          smallest = Math.min(smallest, s.to(units) - s.from(units));
          largest = Math.max(largest, s.to(units) - s.from(units));
        }
        assertThat(next).isEqualTo(units);
        assertThat(largest - smallest).isLessThanOrEqualTo(1);
      }
    }
    // 10 runs in 3 shards: floor(10 k / 3) = 0, 3, 6, 10
    assertThat(new Shard(1, 3).to(10)).isEqualTo(3);
    assertThat(new Shard(2, 3).to(10)).isEqualTo(6);
    assertThat(new Shard(3, 3).from(10)).isEqualTo(6);
  }

  @Test
  void shardsParseAsKOfN() {
    assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
    assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(Shard.ALL);
    assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("K counts from 1 to N");
    assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("K counts from 1 to N");
    assertThatThrownBy(() -> Shard.parse("two")).hasMessageContaining("is not K/N");
  }
}
