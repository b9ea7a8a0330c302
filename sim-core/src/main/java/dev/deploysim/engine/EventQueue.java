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
 * <p>Each bucket is a singly linked list of slots sorted by (time, seq) with a tail pointer, so the
 * common "later than everything in the bucket" insert is O(1). The bucket width is re-estimated from
 * the spacing of the earliest events whenever the bucket count changes, and when dequeues start to
 * scan many empty buckets or long lists (a distribution shift), the queue recalibrates.
 */
public final class EventQueue {

  private static final int NONE = -1;
  private static final int MIN_BUCKETS = 16;
  private static final int SAMPLE = 32;

  // slot pool
  private double[] time;
  private long[] seq;
  private long[] vbucket;
  private Object[] payload;
  private int[] next;
  private int[] gen;
  private int[] freeStack;
  private int freeTop;
  private int capacity;

  // calendar
  private int[] head;
  private int[] tail;
  private int mask;
  private double width = 1.0;
  private double invWidth = 1.0;

  // dequeue cursor: virtual bucket number of the current position
  private long curVb;

  private int size;
  private long nextSeq;

  // self-tuning: work done by recent dequeues
  private long scanWork;
  private int scanOps;

  public EventQueue() {
    this(64);
  }

  public EventQueue(int initialCapacity) {
    capacity = Math.max(16, initialCapacity);
    time = new double[capacity];
    seq = new long[capacity];
    vbucket = new long[capacity];
    payload = new Object[capacity];
    next = new int[capacity];
    gen = new int[capacity];
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
   */
  public long add(double t, Object item) {
    if (!(t > Double.NEGATIVE_INFINITY && t < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("event time must be finite, got " + t);
    }
    if (freeTop == 0) {
      grow();
    }
    int s = freeStack[--freeTop];
    time[s] = t;
    seq[s] = nextSeq++;
    payload[s] = item;
    long vb = virtualBucket(t);
    vbucket[s] = vb;
    if (size == 0 || vb < curVb) {
      // an empty queue (or an entry before the cursor) moves the cursor
      curVb = vb;
    }
    insert(s, (int) (vb & mask));
    size++;
    if (size > 2 * (mask + 1)) {
      resize((mask + 1) * 2);
    }
    return handle(s);
  }

  /** Removes a pending entry; false when the handle no longer refers to a pending entry. */
  public boolean remove(long handle) {
    int s = (int) handle;
    if (s < 0 || s >= capacity || gen[s] != (int) (handle >>> 32) || payload[s] == null) {
      return false;
    }
    int b = (int) (vbucket[s] & mask);
    int prev = NONE;
    int e = head[b];
    while (e != s) {
      prev = e;
      e = next[e];
      if (e == NONE) {
        return false; // not reachable for a valid handle
      }
    }
    unlink(b, prev, s);
    release(s);
    size--;
    maybeShrink();
    return true;
  }

  /** True when the handle refers to an entry that is still pending. */
  public boolean isPending(long handle) {
    int s = (int) handle;
    return s >= 0 && s < capacity && gen[s] == (int) (handle >>> 32) && payload[s] != null;
  }

  /** Time of the earliest entry; NaN when empty. Does not remove it. */
  public double peekTime() {
    if (size == 0) {
      return Double.NaN;
    }
    int s = locateMin();
    return time[s];
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
    int s = locateMin();
    int b = (int) (vbucket[s] & mask);
    // the earliest entry is always the head of its bucket
    head[b] = next[s];
    if (head[b] == NONE) {
      tail[b] = NONE;
    }
    size--;
    return s;
  }

  public double timeOf(int slot) {
    return time[slot];
  }

  public Object payloadOf(int slot) {
    return payload[slot];
  }

  /** Returns a polled slot to the pool. */
  public void free(int slot) {
    release(slot);
    maybeShrink();
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
      gen[i]++;
      freeStack[i] = capacity - 1 - i;
    }
    freeTop = capacity;
    size = 0;
    allocBuckets(MIN_BUCKETS);
  }

  // ---------------------------------------------------------------------------------------------

  private long handle(int s) {
    return ((long) gen[s] << 32) | (s & 0xffffffffL);
  }

  private long virtualBucket(double t) {
    double v = t * invWidth;
    // floor for negatives; saturating casts keep far-away times in range
    long vb = (long) v;
    if (v < vb) {
      vb--;
    }
    return vb;
  }

  /** Finds the slot of the earliest entry and leaves the cursor on its bucket. */
  private int locateMin() {
    int m = mask;
    long vb = curVb;
    int steps = 0;
    int nb = m + 1;
    for (int i = 0; i < nb; i++) {
      int e = head[(int) (vb & m)];
      if (e != NONE && vbucket[e] <= vb) {
        curVb = vb;
        account(steps);
        return e;
      }
      vb++;
      steps++;
    }
    // a whole year without a due entry: direct search for the minimum over bucket heads
    int best = NONE;
    for (int b = 0; b < nb; b++) {
      int e = head[b];
      if (e != NONE && (best == NONE || before(e, best))) {
        best = e;
      }
    }
    curVb = vbucket[best];
    account(steps + nb);
    return best;
  }

  private void account(int steps) {
    scanWork += steps;
    if (++scanOps == 4096) {
      // more than ~6 empty buckets per dequeue on average: the width no longer fits the events
      boolean recalibrate = scanWork > 6L * scanOps && size > MIN_BUCKETS;
      scanWork = 0;
      scanOps = 0;
      if (recalibrate) {
        resize(mask + 1);
      }
    }
  }

  private boolean before(int a, int b) {
    return time[a] < time[b] || (time[a] == time[b] && seq[a] < seq[b]);
  }

  private void insert(int s, int b) {
    next[s] = NONE;
    int t = tail[b];
    if (t == NONE) {
      head[b] = s;
      tail[b] = s;
      return;
    }
    double ts = time[s];
    if (time[t] < ts || (time[t] == ts && seq[t] < seq[s])) {
      next[t] = s;
      tail[b] = s;
      return;
    }
    int prev = NONE;
    int e = head[b];
    while (e != NONE && !before(s, e)) {
      prev = e;
      e = next[e];
    }
    next[s] = e;
    if (prev == NONE) {
      head[b] = s;
    } else {
      next[prev] = s;
    }
    if (e == NONE) {
      tail[b] = s;
    }
  }

  private void unlink(int b, int prev, int s) {
    int n = next[s];
    if (prev == NONE) {
      head[b] = n;
    } else {
      next[prev] = n;
    }
    if (tail[b] == s) {
      tail[b] = prev;
    }
  }

  private void release(int s) {
    payload[s] = null;
    gen[s]++;
    freeStack[freeTop++] = s;
  }

  private void maybeShrink() {
    int nb = mask + 1;
    if (nb > MIN_BUCKETS && size < nb / 4) {
      resize(nb / 2);
    }
  }

  private void grow() {
    int newCap = capacity * 2;
    time = Arrays.copyOf(time, newCap);
    seq = Arrays.copyOf(seq, newCap);
    vbucket = Arrays.copyOf(vbucket, newCap);
    payload = Arrays.copyOf(payload, newCap);
    next = Arrays.copyOf(next, newCap);
    gen = Arrays.copyOf(gen, newCap);
    freeStack = Arrays.copyOf(freeStack, newCap);
    for (int i = newCap - 1; i >= capacity; i--) {
      freeStack[freeTop++] = i;
    }
    capacity = newCap;
  }

  private void allocBuckets(int nb) {
    head = new int[nb];
    tail = new int[nb];
    Arrays.fill(head, NONE);
    Arrays.fill(tail, NONE);
    mask = nb - 1;
  }

  /** Rebuilds the calendar with nb buckets and a width estimated from the earliest entries. */
  private void resize(int nb) {
    int[] live = new int[size];
    int n = 0;
    for (int b = 0; b <= mask; b++) {
      for (int e = head[b]; e != NONE; e = next[e]) {
        live[n++] = e;
      }
    }
    double w = estimateWidth(live, n);
    if (w > 0 && Double.isFinite(w)) {
      width = w;
      invWidth = 1.0 / w;
    }
    allocBuckets(nb);
    long minVb = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      int s = live[i];
      long vb = virtualBucket(time[s]);
      vbucket[s] = vb;
      minVb = Math.min(minVb, vb);
    }
    // re-insert in (time, seq) order so every bucket list is built by appends
    sortByKey(live, n);
    for (int i = 0; i < n; i++) {
      int s = live[i];
      int b = (int) (vbucket[s] & mask);
      next[s] = NONE;
      if (tail[b] == NONE) {
        head[b] = s;
      } else {
        next[tail[b]] = s;
      }
      tail[b] = s;
    }
    curVb = n == 0 ? 0 : minVb;
    scanWork = 0;
    scanOps = 0;
  }

  /** Three times the mean gap between the earliest distinct times (Brown's rule), ignoring outliers. */
  private double estimateWidth(int[] live, int n) {
    if (n < 2) {
      return width;
    }
    int k = Math.min(n, SAMPLE);
    double[] smallest = smallestTimes(live, n, k);
    double sum = 0;
    int gaps = 0;
    for (int i = 1; i < k; i++) {
      double g = smallest[i] - smallest[i - 1];
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
      double g = smallest[i] - smallest[i - 1];
      if (g > 0 && g <= 2 * mean) {
        sum2 += g;
        gaps2++;
      }
    }
    double m = gaps2 > 0 ? sum2 / gaps2 : mean;
    return 3.0 * m;
  }

  private double[] smallestTimes(int[] live, int n, int k) {
    double[] all = new double[n];
    for (int i = 0; i < n; i++) {
      all[i] = time[live[i]];
    }
    Arrays.sort(all);
    return Arrays.copyOf(all, k);
  }

  private void sortByKey(int[] live, int n) {
    // pack (time order, seq) through an index sort; n is small relative to the work between resizes
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = live[i];
    }
    Arrays.sort(idx, (a, b) -> before(a, b) ? -1 : (before(b, a) ? 1 : 0));
    for (int i = 0; i < n; i++) {
      live[i] = idx[i];
    }
  }
}
