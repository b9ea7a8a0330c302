package dev.deploysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  private final Simulator sim = new Simulator();
  private final List<String> log = new ArrayList<>();

  private Action record(String name) {
    return () -> log.add(name + "@" + sim.now());
  }

  @Test
  void equalTimesFireInSchedulingOrder() {
    sim.at(2.0, record("a"));
    sim.at(1.0, record("x"));
    sim.at(2.0, record("b"));
    sim.after(2.0, record("c"));
    sim.at(1.0, record("y"));
    sim.at(2.0, record("d"));
    sim.run();
    assertThat(log).containsExactly("x@1.0", "y@1.0", "a@2.0", "b@2.0", "c@2.0", "d@2.0");
    assertThat(sim.eventsFired()).isEqualTo(6);
    assertThat(sim.pending()).isZero();
  }

  @Test
  void eventsScheduledAtNowRunAfterThoseAlreadyWaitingAtNow() {
    sim.at(1.0, () -> {
      log.add("first");
      sim.after(0.0, record("scheduled-by-first"));
      sim.at(sim.now(), record("also-at-now"));
    });
    sim.at(1.0, record("second"));
    sim.at(1.5, record("later"));
    sim.run();
    assertThat(log)
        .containsExactly("first", "second@1.0", "scheduled-by-first@1.0", "also-at-now@1.0",
            "later@1.5");
  }

  @Test
  void manySimultaneousEventsKeepTheirOrder() {
    List<Integer> fired = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      int id = i;
      sim.at(i % 2 == 0 ? 5.0 : 5.0 + 1e-9, () -> fired.add(id));
    }
    sim.run();
    assertThat(fired).hasSize(50_000);
    for (int i = 0; i < 25_000; i++) {
      assertThat(fired.get(i)).isEqualTo(2 * i);
      assertThat(fired.get(25_000 + i)).isEqualTo(2 * i + 1);
    }
  }

  @Test
  void cancelPreventsFiringAndIsANoOpAfterwards() {
    long a = sim.at(1.0, record("a"));
    long b = sim.at(2.0, record("b"));
    long c = sim.at(3.0, record("c"));
    assertThat(sim.isPending(b)).isTrue();
    assertThat(sim.cancel(b)).isTrue();
    assertThat(sim.isPending(b)).isFalse();
    assertThat(sim.cancel(b)).isFalse();
    assertThat(sim.pending()).isEqualTo(2);
    assertThat(sim.step()).isTrue();
    // a has fired: cancelling it does nothing, and does not touch the event now in its slot
    long d = sim.at(4.0, record("d"));
    assertThat(sim.isPending(a)).isFalse();
    assertThat(sim.cancel(a)).isFalse();
    assertThat(sim.isPending(d)).isTrue();
    sim.run();
    assertThat(log).containsExactly("a@1.0", "c@3.0", "d@4.0");
    assertThat(sim.cancel(c)).isFalse();
    assertThat(sim.cancel(0)).isFalse();
    assertThat(sim.cancel(-1)).isFalse();
  }

  @Test
  void anEventCanCancelAnotherAtTheSameTime() {
    long[] victim = new long[1];
    sim.at(1.0, () -> {
      log.add("killer");
      assertThat(sim.cancel(victim[0])).isTrue();
    });
    victim[0] = sim.at(1.0, record("victim"));
    sim.at(1.0, record("bystander"));
    sim.run();
    assertThat(log).containsExactly("killer", "bystander@1.0");
  }

  @Test
  void runUntilFiresUpToAndIncludingTheEndAndSetsTheClock() {
    sim.at(1.0, record("a"));
    sim.at(5.0, record("b"));
    sim.at(5.0000001, record("c"));
    sim.runUntil(5.0);
    assertThat(log).containsExactly("a@1.0", "b@5.0");
    assertThat(sim.now()).isEqualTo(5.0);
    assertThat(sim.pending()).isEqualTo(1);
    assertThat(sim.nextEventTime()).isEqualTo(5.0000001);
    sim.runUntil(100.0);
    assertThat(sim.now()).isEqualTo(100.0);
    assertThat(sim.pending()).isZero();
    assertThat(sim.nextEventTime()).isNaN();
    // an empty run still moves the clock
    sim.runUntil(250.0);
    assertThat(sim.now()).isEqualTo(250.0);
    assertThatThrownBy(() -> sim.runUntil(249.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sim.runUntil(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThat(sim.now()).isEqualTo(250.0);
  }

  @Test
  void stopEndsRunAfterTheCurrentEvent() {
    sim.at(1.0, record("a"));
    sim.at(2.0, () -> {
      log.add("stopper");
      sim.stop();
    });
    sim.at(3.0, record("c"));
    sim.run();
    assertThat(log).containsExactly("a@1.0", "stopper");
    assertThat(sim.isStopped()).isTrue();
    assertThat(sim.now()).isEqualTo(2.0);
    assertThat(sim.pending()).isEqualTo(1);
    sim.run();
    assertThat(log).containsExactly("a@1.0", "stopper", "c@3.0");
  }

  @Test
  void stopInRunUntilLeavesTheClockAtTheStoppingEvent() {
    sim.at(1.0, () -> sim.stop());
    sim.at(2.0, record("b"));
    sim.runUntil(10.0);
    assertThat(sim.now()).isEqualTo(1.0);
    assertThat(log).isEmpty();
    sim.runUntil(10.0);
    assertThat(log).containsExactly("b@2.0");
    assertThat(sim.now()).isEqualTo(10.0);
  }

  @Test
  void runEventsFiresABoundedNumber() {
    int[] count = new int[1];
    Action tick = new Action() {
      @Override
      public void fire() {
        count[0]++;
        sim.after(1.0, this);
      }
    };
    sim.at(0.0, tick);
    assertThat(sim.runEvents(10)).isEqualTo(10);
    assertThat(count[0]).isEqualTo(10);
    assertThat(sim.now()).isEqualTo(9.0);
    assertThat(sim.runEvents(0)).isZero();
    assertThat(sim.pending()).isEqualTo(1);
    assertThatThrownBy(() -> sim.runEvents(-1)).isInstanceOf(IllegalArgumentException.class);

    Simulator small = new Simulator();
    small.at(1, () -> {});
    small.at(2, small::stop);
    small.at(3, () -> {});
    assertThat(small.runEvents(100)).isEqualTo(2);
    assertThat(small.runEvents(100)).isEqualTo(1);
    assertThat(small.runEvents(100)).isZero();
  }

  @Test
  void stepFiresOneEvent() {
    assertThat(sim.step()).isFalse();
    sim.at(3.0, record("a"));
    sim.at(4.0, record("b"));
    assertThat(sim.step()).isTrue();
    assertThat(sim.now()).isEqualTo(3.0);
    assertThat(log).containsExactly("a@3.0");
    assertThat(sim.nextEventTime()).isEqualTo(4.0);
  }

  @Test
  void schedulingInThePastIsRejected() {
    sim.at(5.0, () -> {});
    sim.run();
    assertThat(sim.now()).isEqualTo(5.0);
    assertThatThrownBy(() -> sim.at(4.999, () -> {})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sim.after(-0.001, () -> {})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sim.at(Double.NEGATIVE_INFINITY, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    // exactly now is fine
    sim.at(5.0, record("now"));
    sim.after(0.0, record("now-too"));
    sim.run();
    assertThat(log).containsExactly("now@5.0", "now-too@5.0");
  }

  @Test
  void nanAndInfiniteTimesAreRejected() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> sim.at(bad, () -> {})).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> sim.after(bad, () -> {})).isInstanceOf(IllegalArgumentException.class);
    }
    sim.at(Double.MAX_VALUE, () -> {});
    // a finite delay that overflows to an infinite time is rejected too
    sim.at(1e308, () -> {});
    sim.step();
    assertThatThrownBy(() -> sim.after(1e308, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sim.pending()).isEqualTo(1);
  }

  @Test
  void nullActionIsRejected() {
    assertThatThrownBy(() -> sim.at(1.0, null)).isInstanceOf(NullPointerException.class);
    assertThat(sim.pending()).isZero();
  }

  @Test
  void farFutureEventsFireAfterNearOnes() {
    sim.at(1e12, record("far"));
    for (int i = 0; i < 1000; i++) {
      sim.at(i * 1e-3, () -> {});
    }
    sim.at(1e300, record("farthest"));
    sim.run();
    assertThat(log).containsExactly("far@1.0E12", "farthest@1.0E300");
    assertThat(sim.eventsFired()).isEqualTo(1002);
  }
}
