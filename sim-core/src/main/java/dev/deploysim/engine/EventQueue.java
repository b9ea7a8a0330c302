package dev.deploysim.engine;

import java.util.Arrays;

/**
 * The pending-event list: a calendar queue (Brown, CACM 1988) on primitive arrays.
 *
 * <p>Order is (time, then scheduling sequence), so events at the same time leave in the order they
 * were scheduled. Entries live in a slot pool; a handle packs the slot index with a generation
 * counter, so cancelling an event that already ran (or was cancelled) is a harmless no-op. Nothing is
 * allocated per event once the pool has grown to the working-set size.
 *
 * <p>Each bucket holds a list of <em>runs</em> sorted by time, one run per distinct time, and each
 * run is a FIFO list of the entries with that time. Equal times always share a bucket, so scheduling
 * order needs no sequence number, and ties cost O(1) however many there are: an insert walks past
 * distinct times only, and the usual "later than everything in the bucket" insert is O(1) through
 * the bucket's last run. The bucket of a time is {@code floor(time / width)} modulo the bucket count;
 * it is recomputed from the time rather than stored, which keeps a slot's hot data (time and links)
 * in 16 bytes. The width is re-estimated from the spacing of the earliest events whenever the bucket
 * count changes, and when operations start to scan many empty buckets or walk long lists (a
 * distribution shift), the queue recalibrates.
 */
public final class EventQueue {

  private static final int NONE = -1;
  private static final int MIN_BUCKETS = 16;
  private static final int SAMPLE = 32;
  /** Operations between two checks of the work counter. */
  private static final int CHECK_INTERVAL = 1024;
  /** Average list steps per operation above which the calendar is recalibrated. */
  private static final int WORK_LIMIT = 8;

  // Slot pool. rec[2s] holds the raw bits of the time; rec[2s + 1] packs two links:
  //   low 32 bits (A): the next slot of the same run, or, for the last slot of a run, -2 - (first
  //                    slot of the next run in the bucket), which is -1 when there is none;
  //   high 32 bits (B): for the first slot of a run, the last slot of the run (itself when alone);
  //                    for the others, the previous slot of the run.
  private long[] rec;
  private Object[] payload;
  private int[] gen;
  private int[] freeStack;
  private int freeTop;
  private int capacity;

  // calendar: ends[2b] = first slot of bucket b (its earliest entry), ends[2b + 1] = first slot of
  // its last run; NONE when the bucket is empty
  private int[] ends;
  private int mask;
  private double width = 1.0;
  private double invWidth = 1.0;
  private int growAbove;
  private int shrinkBelow;

  /** Dequeue cursor: virtual bucket number; never after the virtual bucket of the earliest entry. */
  private long curVb;

  private int size;

  // self-tuning: list steps (empty buckets scanned, entries walked past) since the last check
  private long work;
  private int ops;
  /** Work in consecutive check intervals that exceeded the limit. */
  private long excessWork;

  // scratch for rebuilding the calendar
  private int[] scratchA = new int[0];
  private int[] scratchB = new int[0];

  public EventQueue() {
    this(64);
  }

  public EventQueue(int initialCapacity) {
    capacity = Math.max(16, initialCapacity);
    rec = new long[2 * capacity];
    payload = new Object[capacity];
    gen = new int[capacity];
    Arrays.fill(gen, 1);
    freeStack = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      freeStack[i] = capacity - 1 - i;
    }
    freeTop = capacity;
    allocBuckets(MIN_BUCKETS);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Adds an entry and returns its handle (never 0).
   *
   * @throws IllegalArgumentException for a NaN or infinite time
   * @throws NullPointerException for a null item (a null payload marks a free slot)
   */
  public long add(double t, Object item) {
    if (!(t > Double.NEGATIVE_INFINITY && t < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("event time must be finite, got " + t);
    }
    if (item == null) {
      throw new NullPointerException("item");
    }
    if (freeTop == 0) {
      grow();
    }
    int s = freeStack[--freeTop];
    rec[2 * s] = Double.doubleToRawLongBits(t);
    payload[s] = item;
    long vb = virtualBucket(t);
    if (size == 0 || vb < curVb) {
      // an empty queue (or an entry before the cursor) moves the cursor
      curVb = vb;
    }
    size++;
    insert(s, t, (int) vb & mask);
    if (size > growAbove) {
      resize((mask + 1) * 2);
    }
    return ((long) gen[s] << 32) | s;
  }

  /** Removes a pending entry; false when the handle no longer refers to a pending entry. */
  public boolean remove(long handle) {
    if (!isPending(handle)) {
      return false;
    }
    int s = (int) handle;
    double t = timeAt(s);
    int b = (int) virtualBucket(t) & mask;
    // find the run of s and the run before it
    int prevRun = NONE;
    int r = ends[2 * b];
    while (r != NONE && timeAt(r) < t) {
      prevRun = r;
      r = nextRun(r);
    }
    if (r == NONE || timeAt(r) != t) {
      throw new IllegalStateException("event queue corrupted: pending slot not in its bucket");
    }
    long v = rec[2 * s + 1];
    int a = (int) v;
    int bLink = (int) (v >>> 32);
    if (r == s) {
      // first of its run: the next slot takes over the run, or the run goes
      int replacement;
      if (bLink == s) {
        replacement = -2 - a;
      } else {
        replacement = a;
        setB(a, bLink);
      }
      if (prevRun == NONE) {
        ends[2 * b] = replacement;
      } else {
        setA(bOf(prevRun), -2 - replacement);
      }
      if (ends[2 * b + 1] == s) {
        ends[2 * b + 1] = bLink == s ? prevRun : replacement;
      }
    } else {
      // inside the run: bLink is the previous slot
      setA(bLink, a);
      if (a >= 0) {
        setB(a, bLink);
      } else {
        setB(r, bLink); // s was the last of the run
      }
    }
    size--;
    release(s);
    return true;
  }

  /** True when the handle refers to an entry that is still pending. */
  public boolean isPending(long handle) {
    int s = (int) handle;
    return s >= 0
        && s < capacity
        && gen[s] == (int) (handle >>> 32)
        && payload[s] != null
        && rec[2 * s + 1] != POLLED;
  }

  /** Time of the earliest entry; NaN when empty. Does not remove it. */
  public double peekTime() {
    if (size == 0) {
      return Double.NaN;
    }
    return timeAt(locateMin());
  }

  /**
   * Removes the earliest entry and returns its slot; read it with {@link #timeOf(int)} and
   * {@link #payloadOf(int)} before the next call that modifies the queue, then call {@link
   * #free(int)}. Returns -1 when empty.
   */
  public int pollSlot() {
    if (size == 0) {
      return NONE;
    }
    return unlinkHead(locateMin());
  }

  /**
   * Like {@link #pollSlot()}, but only removes the earliest entry when its time is at or before
   * {@code limit}; returns -1 when the queue is empty or the earliest entry is later.
   */
  public int pollSlotNotAfter(double limit) {
    if (size == 0) {
      return NONE;
    }
    int s = locateMin();
    if (timeAt(s) > limit) {
      return NONE;
    }
    return unlinkHead(s);
  }

  public double timeOf(int slot) {
    return timeAt(slot);
  }

  public Object payloadOf(int slot) {
    return payload[slot];
  }

  /** Returns a polled slot to the pool. */
  public void free(int slot) {
    release(slot);
  }

  /** Removes and returns the earliest item; null when empty. Convenience for tests. */
  public Object poll() {
    int s = pollSlot();
    if (s == NONE) {
      return null;
    }
    Object item = payload[s];
    free(s);
    return item;
  }

  public void clear() {
    Arrays.fill(payload, null);
    for (int i = 0; i < capacity; i++) {
      bumpGen(i);
      freeStack[i] = capacity - 1 - i;
    }
    freeTop = capacity;
    size = 0;
    curVb = 0;
    allocBuckets(MIN_BUCKETS);
  }

  // ---------------------------------------------------------------------------------------------

  /** Links of a slot that was polled but not yet freed (no pending slot has B = -1). */
  private static final long POLLED = -1L;

  private static final double LINEAR_LIMIT = 0x1p52;
  private static final long LIMIT_BITS = Double.doubleToRawLongBits(LINEAR_LIMIT);

  private double timeAt(int s) {
    return Double.longBitsToDouble(rec[2 * s]);
  }

  private long virtualBucket(double t) {
    double x = t * invWidth;
    if (Math.abs(x) < LINEAR_LIMIT) {
      return (long) Math.floor(x); // floor, so negative times work
    }
    return farBucket(x);
  }

  /**
   * Virtual bucket of a scaled time beyond 2^52 buckets away from 0. There every double is an
   * integer, and the bit patterns of positive doubles are ordered like their values: counting
   * representable values continues {@code floor} without saturating, so distinct far times still
   * spread over the buckets instead of piling up in one.
   */
  private static long farBucket(double x) {
    long v = Double.doubleToRawLongBits(Math.abs(x)) - LIMIT_BITS + (1L << 52);
    return x > 0 ? v : -v;
  }

  /** Removes the earliest entry, which is the first slot of the cursor's bucket. */
  private int unlinkHead(int s) {
    int b = (int) curVb & mask;
    long v = rec[2 * s + 1];
    int a = (int) v;
    int last = (int) (v >>> 32);
    if (last == s) {
      // alone in its run: the bucket continues with the next run
      int nr = -2 - a;
      ends[2 * b] = nr;
      if (nr == NONE) {
        ends[2 * b + 1] = NONE;
      }
    } else {
      // the next slot of the run (same time, scheduled later) takes over the run
      setB(a, last);
      ends[2 * b] = a;
      if (ends[2 * b + 1] == s) {
        ends[2 * b + 1] = a;
      }
    }
    rec[2 * s + 1] = POLLED;
    size--;
    return s;
  }

  private int bOf(int s) {
    return (int) (rec[2 * s + 1] >>> 32);
  }

  private void setA(int s, int a) {
    int i = 2 * s + 1;
    rec[i] = (rec[i] & 0xffffffff00000000L) | (a & 0xffffffffL);
  }

  private void setB(int s, int b) {
    int i = 2 * s + 1;
    rec[i] = (rec[i] & 0xffffffffL) | ((long) b << 32);
  }

  private static long links(int a, int b) {
    return (a & 0xffffffffL) | ((long) b << 32);
  }

  /** First slot of the run after the run starting at slot r, or NONE. */
  private int nextRun(int r) {
    return -2 - (int) rec[2 * bOf(r) + 1];
  }

  /** Finds the slot of the earliest entry and leaves the cursor on its bucket. */
  private int locateMin() {
    final int m = mask;
    final int[] ends = this.ends;
    long vb = curVb;
    int nb = m + 1;
    for (int i = 0; i < nb; i++) {
      int e = ends[2 * ((int) vb & m)];
      if (e != NONE && virtualBucket(timeAt(e)) <= vb) {
        curVb = vb;
        countWork(i);
        return e;
      }
      vb++;
    }
    // a whole year without a due entry: direct search for the minimum over bucket heads
    int best = NONE;
    double bestTime = 0;
    for (int b = 0; b < nb; b++) {
      int e = ends[2 * b];
      if (e != NONE) {
        double t = timeAt(e);
        if (best == NONE || t < bestTime) {
          best = e;
          bestTime = t;
        }
      }
    }
    curVb = virtualBucket(bestTime);
    countWork(2 * nb);
    return best;
  }

  private void countWork(int steps) {
    work += steps;
    if (++ops >= CHECK_INTERVAL) {
      checkWork();
    }
  }

  private void checkWork() {
    // many empty buckets per dequeue, or long walks per insert: the width no longer fits the events.
    // Rebuilding costs O(n log n), so it waits until the excess work has paid for it.
    if (work > (long) WORK_LIMIT * ops) {
      excessWork += work;
      if (excessWork > 2L * size && size > MIN_BUCKETS) {
        resize(mask + 1);
      }
    } else {
      excessWork = 0;
    }
    work = 0;
    ops = 0;
  }

  /** Inserts slot s with time t into bucket b, after every entry at or before t. */
  private void insert(int s, double t, int b) {
    final long[] r = rec;
    final int[] ends = this.ends;
    int lastRun = ends[2 * b + 1];
    if (lastRun == NONE) {
      r[2 * s + 1] = links(NONE, s);
      ends[2 * b] = s;
      ends[2 * b + 1] = s;
      return;
    }
    double tl = Double.longBitsToDouble(r[2 * lastRun]);
    if (tl < t) {
      // a new last run
      setA(bOf(lastRun), -2 - s);
      r[2 * s + 1] = links(NONE, s);
      ends[2 * b + 1] = s;
      return;
    }
    if (tl == t) {
      appendToRun(lastRun, s);
      return;
    }
    // the last run is later: walk the runs from the first to the first one at or after t
    int prevRun = NONE;
    int run = ends[2 * b];
    int steps = 0;
    double tr;
    while ((tr = Double.longBitsToDouble(r[2 * run])) < t) {
      prevRun = run;
      run = nextRun(run);
      steps++;
    }
    if (tr == t) {
      appendToRun(run, s);
    } else {
      r[2 * s + 1] = links(-2 - run, s);
      if (prevRun == NONE) {
        ends[2 * b] = s;
      } else {
        setA(bOf(prevRun), -2 - s);
      }
    }
    if (steps > 2) {
      countWork(steps);
    }
  }

  /** Appends slot s to the run starting at slot run (same time). */
  private void appendToRun(int run, int s) {
    int last = bOf(run);
    // s inherits the link to the next run; the old last slot becomes its predecessor
    rec[2 * s + 1] = links((int) rec[2 * last + 1], last);
    setA(last, s);
    setB(run, s);
  }

  private void release(int s) {
    payload[s] = null;
    bumpGen(s);
    freeStack[freeTop++] = s;
    if (size < shrinkBelow) {
      resize((mask + 1) / 2);
    }
  }

  private void bumpGen(int s) {
    int g = gen[s] + 1;
    // generation 0 never occurs, so no handle is 0
    gen[s] = g == 0 ? 1 : g;
  }

  private void grow() {
    int newCap = capacity * 2;
    rec = Arrays.copyOf(rec, 2 * newCap);
    payload = Arrays.copyOf(payload, newCap);
    gen = Arrays.copyOf(gen, newCap);
    Arrays.fill(gen, capacity, newCap, 1);
    freeStack = Arrays.copyOf(freeStack, newCap);
    for (int i = newCap - 1; i >= capacity; i--) {
      freeStack[freeTop++] = i;
    }
    capacity = newCap;
  }

  private void allocBuckets(int nb) {
    ends = new int[2 * nb];
    Arrays.fill(ends, NONE);
    mask = nb - 1;
    growAbove = 2 * nb;
    shrinkBelow = nb > MIN_BUCKETS ? nb / 4 : 0;
    work = 0;
    ops = 0;
    excessWork = 0;
  }

  /** Rebuilds the calendar with nb buckets and a width estimated from the earliest entries. */
  private void resize(int nb) {
    int n = size;
    if (scratchA.length < n) {
      int len = Math.max(n, scratchA.length + (scratchA.length >> 1));
      scratchA = new int[len];
      scratchB = new int[len];
    }
    int[] live = scratchA;
    int k = 0;
    // bucket by bucket, so entries with equal times (always in one run) stay in FIFO order
    for (int b = 0; b <= mask; b++) {
      for (int run = ends[2 * b]; run != NONE; run = nextRun(run)) {
        int e = run;
        while (true) {
          live[k++] = e;
          int a = (int) rec[2 * e + 1];
          if (a < 0) {
            break;
          }
          e = a;
        }
      }
    }
    live = sortByTime(live, scratchB, k);
    double w = estimateWidth(live, k);
    if (w > 0 && w < Double.POSITIVE_INFINITY && 1.0 / w < Double.POSITIVE_INFINITY) {
      width = w;
      invWidth = 1.0 / w;
    }
    allocBuckets(nb);
    // insert in time order: every insert lands at the end of its bucket, equal times stay FIFO
    for (int i = 0; i < k; i++) {
      int s = live[i];
      double t = timeAt(s);
      insert(s, t, (int) virtualBucket(t) & mask);
    }
    curVb = k == 0 ? 0 : virtualBucket(timeAt(live[0]));
  }

  /** Three times the mean gap between the earliest distinct times (Brown's rule), ignoring outliers. */
  private double estimateWidth(int[] sorted, int n) {
    if (n < 2) {
      return width;
    }
    int k = Math.min(n, SAMPLE);
    double sum = 0;
    int gaps = 0;
    for (int i = 1; i < k; i++) {
      double g = timeAt(sorted[i]) - timeAt(sorted[i - 1]);
      if (g > 0) {
        sum += g;
        gaps++;
      }
    }
    if (gaps == 0) {
      return width;
    }
    double mean = sum / gaps;
    double sum2 = 0;
    int gaps2 = 0;
    for (int i = 1; i < k; i++) {
      double g = timeAt(sorted[i]) - timeAt(sorted[i - 1]);
      if (g > 0 && g <= 2 * mean) {
        sum2 += g;
        gaps2++;
      }
    }
    double m = gaps2 > 0 ? sum2 / gaps2 : mean;
    return 3.0 * m;
  }

  /**
   * Stable bottom-up merge sort of slots by time; returns whichever of the two arrays holds the
   * result.
   */
  private int[] sortByTime(int[] a, int[] b, int n) {
    // insertion-sort runs of 16, then merge runs pairwise
    final int run = 16;
    for (int lo = 0; lo < n; lo += run) {
      int hi = Math.min(lo + run, n);
      for (int i = lo + 1; i < hi; i++) {
        int x = a[i];
        double t = timeAt(x);
        int j = i - 1;
        while (j >= lo && timeAt(a[j]) > t) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
    }
    int[] src = a;
    int[] dst = b;
    for (int len = run; len < n; len *= 2) {
      for (int lo = 0; lo < n; lo += 2 * len) {
        int mid = Math.min(lo + len, n);
        int hi = Math.min(lo + 2 * len, n);
        int i = lo;
        int j = mid;
        int o = lo;
        while (i < mid && j < hi) {
          // take from the right run only when strictly earlier: stable
          if (timeAt(src[j]) < timeAt(src[i])) {
            dst[o++] = src[j++];
          } else {
            dst[o++] = src[i++];
          }
        }
        while (i < mid) {
          dst[o++] = src[i++];
        }
        while (j < hi) {
          dst[o++] = src[j++];
        }
      }
      int[] tmp = src;
      src = dst;
      dst = tmp;
    }
    return src;
  }
}
