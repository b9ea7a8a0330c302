package dev.deploysim.run;

import java.util.function.LongFunction;

/**
 * Runs tasks {@code 0 .. n-1} on worker threads and hands their results to one consumer, on the
 * calling thread, in task order. The consumer therefore sees the same sequence whatever the thread
 * count, which is what makes streamed statistics (a running mean is order-dependent in floating
 * point) and streamed files byte-identical for any {@code --threads}.
 *
 * <p>Memory is bounded: a worker does not start task {@code i} before the consumer has taken task
 * {@code i - window}, so at most {@code window} results wait at any time, however large {@code n}.
 */
public final class OrderedWork {
  private OrderedWork() {}

  /** Takes each result in task order. */
  @FunctionalInterface
  public interface Consumer<T> {
    void accept(long index, T result);
  }

  /** Results that may wait for the consumer per worker thread. */
  static final int WINDOW_PER_THREAD = 32;

  /**
   * Runs every task; the first failure (of a task or of the consumer) stops the work and is thrown
   * here once the workers have stopped.
   */
  public static <T> void run(long n, int threads, LongFunction<T> task, Consumer<? super T> consumer) {
    if (n < 0) {
      throw new IllegalArgumentException("task count must not be negative: " + n);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int workers = (int) Math.min(threads, n);
    if (workers <= 1) {
      for (long i = 0; i < n; i++) {
        consumer.accept(i, task.apply(i));
      }
      return;
    }
    new Run<T>(n, workers * WINDOW_PER_THREAD, task).drive(workers, consumer);
  }

  private static final class Run<T> {
    private final long n;
    private final int window;
    private final LongFunction<T> task;
    private final Object[] slots;
    private final Object lock = new Object();
    private long next;
    private long taken;
    private Throwable failure;

    Run(long n, int window, LongFunction<T> task) {
      this.n = n;
      this.window = window;
      this.task = task;
      this.slots = new Object[window];
    }

    void drive(int workers, Consumer<? super T> consumer) {
      Thread[] threads = new Thread[workers];
      for (int w = 0; w < workers; w++) {
        threads[w] = new Thread(this::work, "replication-" + w);
        threads[w].setDaemon(true);
        threads[w].start();
      }
      try {
        for (long i = 0; i < n; i++) {
          T result = await(i);
          consumer.accept(i, result);
        }
      } catch (RuntimeException | Error e) {
        fail(e);
        throw e;
      } finally {
        synchronized (lock) {
          if (failure == null && taken < n) {
            failure = new IllegalStateException("stopped");
          }
          lock.notifyAll();
        }
        for (Thread t : threads) {
          joinQuietly(t);
        }
      }
    }

    @SuppressWarnings("unchecked")
    private T await(long i) {
      synchronized (lock) {
        int slot = (int) (i % window);
        while (slots[slot] == null && failure == null) {
          waitOn();
        }
        if (slots[slot] == null) {
          rethrow(failure);
        }
        T result = (T) slots[slot];
        slots[slot] = null;
        taken = i + 1;
        lock.notifyAll();
        return result == NULL ? null : result;
      }
    }

    private void work() {
      while (true) {
        long i;
        synchronized (lock) {
          if (failure != null || next >= n) {
            return;
          }
          i = next++;
          while (i >= taken + window && failure == null) {
            waitOn();
          }
          if (failure != null) {
            return;
          }
        }
        Object result;
        try {
          result = task.apply(i);
        } catch (Throwable t) {
          fail(t);
          return;
        }
        synchronized (lock) {
          slots[(int) (i % window)] = result == null ? NULL : result;
          lock.notifyAll();
        }
      }
    }

    private void fail(Throwable t) {
      synchronized (lock) {
        if (failure == null) {
          failure = t;
        }
        lock.notifyAll();
      }
    }

    private void waitOn() {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for simulations", e);
      }
    }

    private static void joinQuietly(Thread t) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void rethrow(Throwable t) {
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(t);
    }
  }

  @SuppressWarnings("rawtypes")
  private static final Object NULL = new Object();
}
