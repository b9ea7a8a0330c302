package dev.deploysim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Tasks on several threads, results taken in task order with a bounded number waiting. */
class OrderedWorkTest {

  @Test
  void resultsArriveInTaskOrderWhateverTheThreadCount() {
    for (int threads = 1; threads <= 4; threads++) {
      List<Long> seen = new ArrayList<>();
      OrderedWork.run(1000, threads, i -> {
        // later tasks finish first now and then
        if (i % 7 == 0) {
          Thread.onSpinWait();
        }
        return i * i;
      }, (i, r) -> {
        assertThat(r).isEqualTo(i * i);
        seen.add(i);
      });
      assertThat(seen).hasSize(1000);
      for (int i = 0; i < 1000; i++) {
        assertThat(seen.get(i)).isEqualTo(i);
      }
    }
  }

  @Test
  void noMoreThanTheWindowRunsAheadOfTheConsumer() {
    int threads = 3;
    long window = (long) threads * OrderedWork.WINDOW_PER_THREAD;
    AtomicLong taken = new AtomicLong();
    AtomicLong worstLead = new AtomicLong();
    OrderedWork.run(2000, threads, i -> {
      worstLead.accumulateAndGet(i - taken.get(), Math::max);
      return i;
    }, (i, r) -> {
      if (i < 5) {
        Thread.yield(); // a slow consumer at first
      }
      taken.set(i + 1);
    });
    // the consumer counts a result as taken only once it has dealt with it: one more may have started
    assertThat(worstLead.get()).isLessThanOrEqualTo(window);
  }

  @Test
  void aFailingTaskStopsTheWorkAndIsThrown() {
    List<Long> seen = new ArrayList<>();
    assertThatThrownBy(() -> OrderedWork.run(500, 2, i -> {
      if (i == 100) {
        throw new IllegalStateException("task 100 broke");
      }
      return i;
    }, (i, r) -> seen.add(i))).isInstanceOf(IllegalStateException.class).hasMessage("task 100 broke");
    assertThat(seen).hasSizeLessThanOrEqualTo(100);
  }

  @Test
  void aFailingConsumerStopsTheWorkers() {
    assertThatThrownBy(() -> OrderedWork.run(100_000, 2, i -> i, (i, r) -> {
      if (i == 10) {
        throw new IllegalArgumentException("full disk");
      }
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("full disk");
  }
}
