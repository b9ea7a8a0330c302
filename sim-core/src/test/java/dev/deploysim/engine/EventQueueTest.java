package dev.deploysim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares {@link EventQueue} with a plain reference (a TreeSet keyed by time, then insertion
 * order) on long random sequences of schedule, cancel and pop operations.
 */
class EventQueueTest {

  // ---------------------------------------------------------------------------------------------
  // reference implementation

  private static final class RefEntry implements Comparable<RefEntry> {
    final double time;
    final long seq;
    final int id;
    final long handle;

    RefEntry(double time, long seq, int id, long handle) {
      this.time = time;
      this.seq = seq;
      this.id = id;
      this.handle = handle;
    }

    @Override
    public int compareTo(RefEntry o) {
      // numeric order (-0.0 equals 0.0), then scheduling order
      if (time != o.time) {
        return time < o.time ? -1 : 1;
      }
      return Long.compare(seq, o.seq);
    }
  }

  /** The queue under test and the reference, driven in lockstep and compared after each step. */
  private static final class Harness {
    final EventQueue queue;
    final TreeSet<RefEntry> ref = new TreeSet<>();
    final Map<Long, RefEntry> live = new HashMap<>();
    final SplittableRandom rnd;
    /** Recently issued handles, live or dead, to cancel at random. */
    final long[] recent = new long[4096];
    int recentCount;
    long seq;
    int nextId;
    double lastPopped = 0;
    long pops;
    long cancels;
    long deadCancels;

    Harness(long seed, int initialCapacity) {
      rnd = new SplittableRandom(seed);
      queue = new EventQueue(initialCapacity);
    }

    void add(double t) {
      int id = nextId++;
      long h = queue.add(t, id);
      check(h != 0, "handle 0");
      check(!live.containsKey(h), "handle reused while live");
      RefEntry e = new RefEntry(t, seq++, id, h);
      ref.add(e);
      live.put(h, e);
      recent[recentCount++ & (recent.length - 1)] = h;
      check(queue.isPending(h), "new entry not pending");
    }

    void cancelRandom() {
      if (recentCount == 0) {
        return;
      }
      int n = Math.min(recentCount, recent.length);
      long h = recent[rnd.nextInt(n)];
      cancel(h);
    }

    void cancel(long h) {
      RefEntry e = live.remove(h);
      boolean expected = e != null;
      if (expected) {
        ref.remove(e);
        cancels++;
      } else {
        deadCancels++;
      }
      check(queue.isPending(h) == expected, "isPending before cancel");
      check(queue.remove(h) == expected, "remove result");
      check(!queue.isPending(h), "pending after cancel");
      // a second cancel is always a no-op
      check(!queue.remove(h), "second remove succeeded");
    }

    void pop() {
      RefEntry expected = ref.pollFirst();
      if (expected == null) {
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.pollSlot()).isEqualTo(-1);
        assertThat(queue.poll()).isNull();
        assertThat(queue.peekTime()).isNaN();
        return;
      }
      check(queue.peekTime() == expected.time, "peekTime");
      int slot = queue.pollSlot();
      check(slot >= 0, "no slot polled");
      double t = queue.timeOf(slot);
      Object item = queue.payloadOf(slot);
      queue.free(slot);
      if (t != expected.time || !Integer.valueOf(expected.id).equals(item)) {
        throw new AssertionError(
            "pop #" + pops + ": got (" + t + ", id " + item + "), expected (" + expected.time
                + ", id " + expected.id + ", seq " + expected.seq + ")");
      }
      live.remove(expected.handle);
      lastPopped = t;
      pops++;
    }

    void checkSize() {
      check(queue.size() == ref.size(), "size " + queue.size() + " != " + ref.size());
      check(queue.isEmpty() == ref.isEmpty(), "isEmpty");
    }

    /** A plain check: AssertJ's per-call cost would dominate these long loops. */
    void check(boolean ok, String what) {
      if (!ok) {
        throw new AssertionError(what + " (after " + pops + " pops)");
      }
    }

    void drain() {
      while (!ref.isEmpty()) {
        pop();
      }
      pop();
      checkSize();
    }

    /** Random mix of operations with the given probabilities (the rest are pops). */
    void run(int ops, double addProbability, double cancelProbability, DoubleSupplier time) {
      for (int i = 0; i < ops; i++) {
        double u = rnd.nextDouble();
        if (u < addProbability) {
          add(time.getAsDouble());
        } else if (u < addProbability + cancelProbability) {
          cancelRandom();
        } else {
          pop();
        }
        if ((i & 63) == 0) {
          checkSize();
        }
      }
      checkSize();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // randomized comparisons

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void holdModelWithCancellations(long seed) {
    Harness h = new Harness(seed, 16);
    SplittableRandom r = new SplittableRandom(seed * 31 + 7);
    DoubleSupplier exp = () -> h.lastPopped - Math.log(1 - r.nextDouble());
    for (int i = 0; i < 2000; i++) {
      h.add(exp.getAsDouble());
    }
    h.run(200_000, 0.45, 0.10, exp);
    h.drain();
    assertThat(h.cancels).isGreaterThan(1000);
    assertThat(h.deadCancels).isGreaterThan(1000);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void manyTiesFromASmallSetOfTimes(long seed) {
    Harness h = new Harness(seed, 16);
    SplittableRandom r = new SplittableRandom(seed);
    double[] absolute = {0.0, 1.0, 2.5, 1000.0, -3.0};
    double[] offsets = {0.0, 0.0, 0.5, 1.0, 7.0};
    DoubleSupplier tie = () -> r.nextBoolean()
        ? absolute[r.nextInt(absolute.length)]
        : h.lastPopped + offsets[r.nextInt(offsets.length)];
    h.run(100_000, 0.55, 0.10, tie);
    h.run(100_000, 0.40, 0.10, tie);
    h.drain();
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void hugeSpreadsFromMicrosecondsToGigaseconds(long seed) {
    Harness h = new Harness(seed, 16);
    SplittableRandom r = new SplittableRandom(seed);
    // log-uniform from 1e-6 to 1e9, sometimes relative to the last popped time
    DoubleSupplier spread = () -> {
      double t = Math.pow(10, -6 + 15 * r.nextDouble());
      return r.nextInt(4) == 0 ? h.lastPopped + t : t;
    };
    h.run(150_000, 0.55, 0.10, spread);
    h.run(100_000, 0.35, 0.15, spread);
    h.drain();
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33})
  void farFutureAndExtremeTimes(long seed) {
    Harness h = new Harness(seed, 16);
    SplittableRandom r = new SplittableRandom(seed);
    double[] extreme = {
      1e15, 1e18, 1e30, 1e300, Double.MAX_VALUE, -1e300, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0,
      0.0, 4.9e-324, Math.nextUp(1.0), 1.0
    };
    DoubleSupplier far = () -> {
      int k = r.nextInt(100);
      if (k < 5) {
        return extreme[r.nextInt(extreme.length)];
      }
      if (k < 10) {
        return h.lastPopped + 1e12 * r.nextDouble();
      }
      if (k < 20) {
        return h.lastPopped; // at "now"
      }
      return h.lastPopped - Math.log(1 - r.nextDouble()) * 1e-3;
    };
    h.run(150_000, 0.5, 0.1, far);
    h.drain();
  }

  @ParameterizedTest
  @ValueSource(longs = {34, 35})
  void farFutureTimesAsASimulationSchedulesThem(long seed) {
    // never before the last popped time, as the simulator does, so "now" keeps moving
    Harness h = new Harness(seed, 16);
    SplittableRandom r = new SplittableRandom(seed);
    double[] far = {1e15, 1e18, 1e30, 1e300, Double.MAX_VALUE};
    DoubleSupplier t = () -> {
      int k = r.nextInt(100);
      if (k < 3) {
        return Math.max(h.lastPopped, far[r.nextInt(far.length)]);
      }
      if (k < 6) {
        return h.lastPopped + Math.pow(10, 6 + 294 * r.nextDouble());
      }
      if (k < 15) {
        return h.lastPopped;
      }
      return h.lastPopped - Math.log(1 - r.nextDouble());
    };
    for (int i = 0; i < 5000; i++) {
      h.add(t.getAsDouble());
    }
    h.run(150_000, 0.45, 0.1, t);
    h.drain();
  }

  @ParameterizedTest
  @ValueSource(longs = {61, 62})
  void largeTieGroupsSharingBucketsWithCancellations(long seed) {
    // two big groups of equal times, close enough to share buckets, inserted alternately, with a
    // few other times in between and cancellations from the middle of the groups
    Harness h = new Harness(seed, 16);
    SplittableRandom r = new SplittableRandom(seed);
    DoubleSupplier t = () -> switch (r.nextInt(10)) {
      case 0 -> 100.0 + r.nextDouble();
      case 1, 2, 3, 4 -> 100.0;
      default -> 100.25;
    };
    for (int i = 0; i < 40_000; i++) {
      h.add(t.getAsDouble());
      if (r.nextInt(4) == 0) {
        h.cancelRandom();
      }
    }
    h.checkSize();
    h.run(60_000, 0.3, 0.2, t);
    h.drain();
  }

  @ParameterizedTest
  @ValueSource(longs = {41, 42})
  void burstsForceResizesUpAndDown(long seed) {
    Harness h = new Harness(seed, 16);
    SplittableRandom r = new SplittableRandom(seed);
    for (int phase = 0; phase < 8; phase++) {
      // each burst uses another time scale, so the bucket width must be re-estimated
      double scale = Math.pow(10, -6 + 2 * phase);
      int burst = 5_000 + r.nextInt(40_000);
      DoubleSupplier t = () -> h.lastPopped + scale * r.nextDouble() * 100;
      for (int i = 0; i < burst; i++) {
        h.add(t.getAsDouble());
        if (r.nextInt(8) == 0) {
          h.cancelRandom();
        }
      }
      h.checkSize();
      // drain to a handful, with some rescheduling on the way down
      while (h.ref.size() > 5) {
        h.pop();
        if (r.nextInt(5) == 0) {
          h.add(t.getAsDouble());
        }
      }
      h.checkSize();
    }
    h.drain();
    // the calendar shrinks back after the bursts
    for (int i = 0; i < 10; i++) {
      h.add(i);
    }
    h.drain();
  }

  @ParameterizedTest
  @ValueSource(longs = {51, 52})
  void arbitraryOrderAsAPlainPriorityQueue(long seed) {
    Harness h = new Harness(seed, 64);
    SplittableRandom r = new SplittableRandom(seed);
    // times may be before everything already popped: the cursor has to move back
    DoubleSupplier any = () -> switch (r.nextInt(3)) {
      case 0 -> r.nextDouble() * 100 - 50;
      case 1 -> Math.floor(r.nextDouble() * 10);
      default -> h.lastPopped + r.nextGaussian();
    };
    h.run(150_000, 0.5, 0.15, any);
    h.drain();
  }

  // ---------------------------------------------------------------------------------------------
  // targeted cases

  @Test
  void equalTimesLeaveInSchedulingOrder() {
    EventQueue q = new EventQueue();
    for (int i = 0; i < 10_000; i++) {
      q.add(5.0, i);
    }
    for (int i = 0; i < 10_000; i++) {
      assertThat(q.poll()).isEqualTo(i);
    }
    assertThat(q.poll()).isNull();
  }

  @Test
  void handlesAreNeverZeroAndDeadHandlesAreNoOps() {
    EventQueue q = new EventQueue(16);
    List<Long> handles = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      long h = q.add(i, i);
      assertThat(h).isNotZero();
      handles.add(h);
    }
    assertThat(q.remove(handles.get(3))).isTrue();
    assertThat(q.remove(handles.get(3))).isFalse();
    assertThat(q.poll()).isEqualTo(0);
    assertThat(q.remove(handles.get(0))).isFalse();
    // the freed slots are reused; the old handles must not reach the new entries
    long fresh1 = q.add(0.5, "a");
    long fresh2 = q.add(0.5, "b");
    assertThat(q.remove(handles.get(0))).isFalse();
    assertThat(q.remove(handles.get(3))).isFalse();
    assertThat(q.isPending(fresh1)).isTrue();
    assertThat(q.isPending(fresh2)).isTrue();
    for (long bogus : new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, 12345}) {
      assertThat(q.isPending(bogus)).isFalse();
      assertThat(q.remove(bogus)).isFalse();
    }
    assertThat(q.size()).isEqualTo(100);
    assertThat(q.poll()).isEqualTo("a");
    assertThat(q.poll()).isEqualTo("b");
  }

  @Test
  void clearInvalidatesHandles() {
    EventQueue q = new EventQueue();
    long h = q.add(1, "x");
    q.clear();
    assertThat(q.isEmpty()).isTrue();
    assertThat(q.isPending(h)).isFalse();
    assertThat(q.remove(h)).isFalse();
    long h2 = q.add(2, "y");
    assertThat(h2).isNotEqualTo(h);
    assertThat(q.peekTime()).isEqualTo(2.0);
    assertThat(q.poll()).isEqualTo("y");
  }

  @Test
  void rejectsNonFiniteTimesAndNullItems() {
    EventQueue q = new EventQueue();
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> q.add(bad, "x")).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> q.add(1.0, null)).isInstanceOf(NullPointerException.class);
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void singleFarEventAfterDenseOnes() {
    EventQueue q = new EventQueue();
    for (int i = 0; i < 1000; i++) {
      q.add(i * 1e-6, i);
    }
    q.add(1e9, "far");
    q.add(1e300, "farther");
    for (int i = 0; i < 1000; i++) {
      assertThat(q.poll()).isEqualTo(i);
    }
    assertThat(q.peekTime()).isEqualTo(1e9);
    assertThat(q.poll()).isEqualTo("far");
    assertThat(q.poll()).isEqualTo("farther");
    assertThat(q.isEmpty()).isTrue();
  }
}
