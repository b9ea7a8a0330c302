package dev.deploysim.engine;

/**
 * The discrete-event engine: a simulated clock and the pending events.
 *
 * <p>Time is in seconds of simulated time, starting at 0. Events at the same time fire in the order
 * they were scheduled. {@link #at} and {@link #after} return a handle for {@link #cancel}; a handle
 * of an event that already fired or was cancelled cancels nothing.
 */
public final class Simulator {

  private final EventQueue queue;
  private double now;
  private boolean stopped;
  private long fired;

  public Simulator() {
    this(64);
  }

  public Simulator(int expectedPending) {
    this.queue = new EventQueue(expectedPending);
  }

  /** Current simulated time in seconds. */
  public double now() {
    return now;
  }

  /** Schedules an action at an absolute time, which must not be in the past. */
  public long at(double time, Action action) {
    if (time < now) {
      throw new IllegalArgumentException("cannot schedule in the past: " + time + " < now " + now);
    }
    if (action == null) {
      throw new NullPointerException("action");
    }
    return queue.add(time, action);
  }

  /** Schedules an action after a non-negative delay. */
  public long after(double delay, Action action) {
    if (!(delay >= 0)) {
      throw new IllegalArgumentException("delay must be >= 0, got " + delay);
    }
    return at(now + delay, action);
  }

  /** Cancels a pending event; returns false when it already fired or was cancelled. */
  public boolean cancel(long handle) {
    return queue.remove(handle);
  }

  public boolean isPending(long handle) {
    return queue.isPending(handle);
  }

  /** Number of events waiting. */
  public int pending() {
    return queue.size();
  }

  /** Number of events fired so far. */
  public long eventsFired() {
    return fired;
  }

  /** Time of the next event, or NaN when none is pending. */
  public double nextEventTime() {
    return queue.peekTime();
  }

  /** Makes {@link #run} and {@link #runUntil} return after the event being fired. */
  public void stop() {
    stopped = true;
  }

  public boolean isStopped() {
    return stopped;
  }

  /** Runs until no events remain or {@link #stop} is called. */
  public void run() {
    stopped = false;
    while (!stopped && step()) {
      // step fired one event
    }
  }

  /**
   * Fires at most {@code maxEvents} events; returns early when no events remain or {@link #stop} is
   * called. Returns the number of events fired by this call.
   */
  public long runEvents(long maxEvents) {
    if (maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents must be >= 0, got " + maxEvents);
    }
    stopped = false;
    long n = 0;
    while (n < maxEvents && !stopped && step()) {
      n++;
    }
    return n;
  }

  /**
   * Fires every event at or before {@code endTime}, then sets the clock to {@code endTime} (unless
   * stopped earlier, which leaves the clock at the stopping event).
   */
  public void runUntil(double endTime) {
    if (!(endTime >= now)) {
      throw new IllegalArgumentException("cannot run back in time (or to NaN): " + endTime + " < " + now);
    }
    stopped = false;
    final EventQueue q = queue;
    while (!stopped) {
      // one search for the earliest event both tests the limit and removes it
      int s = q.pollSlotNotAfter(endTime);
      if (s < 0) {
        now = endTime;
        return;
      }
      fire(s);
    }
  }

  /** Fires the next event, if any; returns false when none is pending. */
  public boolean step() {
    int s = queue.pollSlot();
    if (s < 0) {
      return false;
    }
    fire(s);
    return true;
  }

  /** Moves the clock to the event in slot {@code s}, frees the slot and fires the event. */
  private void fire(int s) {
    now = queue.timeOf(s);
    Action a = (Action) queue.payloadOf(s);
    queue.free(s);
    fired++;
    a.fire();
  }
}
