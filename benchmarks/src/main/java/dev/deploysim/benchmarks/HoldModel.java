package dev.deploysim.benchmarks;

import dev.deploysim.engine.Action;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.engine.Simulator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.tudelft.simulation.dsol.SimRuntimeException;
import nl.tudelft.simulation.dsol.experiment.SingleReplication;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.Executable;
import nl.tudelft.simulation.dsol.model.AbstractDsolModel;
import nl.tudelft.simulation.dsol.simulators.DevsSimulator;
import nl.tudelft.simulation.dsol.simulators.SimulatorInterface;
import org.djutils.event.Event;
import org.djutils.event.EventListener;
import org.djutils.event.reference.ReferenceType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classic hold model: {@code pending} events wait in the event list; firing one schedules a
 * replacement after an Exp(1) delay, so the list size never changes. One benchmark operation is one
 * event (dequeue, clock update, action, enqueue); each invocation fires {@link #BATCH} events.
 *
 * <p>All implementations draw their delays from the same seeded {@link RandomStream}, so they see
 * the same event times. Each implementation runs in its own forked JVMs (JMH forks per parameter
 * combination), so the JIT profile of one cannot pollute another.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(HoldModel.BATCH)
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class HoldModel {

  /** Events fired per benchmark invocation. */
  public static final int BATCH = 1_000_000;

  static final long SEED = 20260101L;

  @Param({"engine", "dsol", "jdkPriorityQueue"})
  public String impl;

  @Param({"1000", "10000", "100000"})
  public int pending;

  private Driver driver;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    switch (impl) {
      case "engine":
        driver = new EngineDriver(pending);
        break;
      case "dsol":
        driver = new DsolDriver(pending);
        break;
      case "jdkPriorityQueue":
        driver = new PriorityQueueDriver(pending);
        break;
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
    // leave the start-up transient behind: the initial times are all near 0
    driver.fire(Math.max(2L * pending, 1_000_000L));
    if (driver.pending() != pending) {
      throw new IllegalStateException(impl + ": " + driver.pending() + " pending, expected " + pending);
    }
  }

  @Benchmark
  public double hold() throws Exception {
    driver.fire(BATCH);
    return driver.now();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (driver.pending() != pending) {
      throw new IllegalStateException(impl + ": " + driver.pending() + " pending, expected " + pending);
    }
    driver.close();
  }

  /** One event-list implementation running the hold model. */
  interface Driver {
    /** Fires exactly {@code n} hold events. */
    void fire(long n) throws Exception;

    double now();

    int pending();

    default void close() throws Exception {}
  }

  // ---------------------------------------------------------------------------------------------
  // engine: dev.deploysim.engine.Simulator through its public API

  static final class EngineDriver implements Driver {
    final Simulator sim;
    final RandomStream rng = new RandomStream(SEED);

    /** The hold event: one reusable action that reschedules itself. */
    final Action hold = new Action() {
      @Override
      public void fire() {
        sim.after(rng.exponential(1.0), this);
      }
    };

    EngineDriver(int pending) {
      sim = new Simulator(pending);
      for (int i = 0; i < pending; i++) {
        sim.after(rng.exponential(1.0), hold);
      }
    }

    @Override
    public void fire(long n) {
      long done = sim.runEvents(n);
      if (done != n) {
        throw new IllegalStateException("fired " + done + " of " + n);
      }
    }

    @Override
    public double now() {
      return sim.now();
    }

    @Override
    public int pending() {
      return sim.pending();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // jdkPriorityQueue: a plain loop over java.util.PriorityQueue of small event objects

  static final class PriorityQueueDriver implements Driver {

    /** An immutable event record, as a straightforward simulator would allocate per event. */
    static final class Ev implements Comparable<Ev> {
      final double time;
      final long seq;

      Ev(double time, long seq) {
        this.time = time;
        this.seq = seq;
      }

      @Override
      public int compareTo(Ev o) {
        int c = Double.compare(time, o.time);
        return c != 0 ? c : Long.compare(seq, o.seq);
      }
    }

    final PriorityQueue<Ev> queue;
    final RandomStream rng = new RandomStream(SEED);
    double now;
    long nextSeq;

    PriorityQueueDriver(int pending) {
      queue = new PriorityQueue<>(pending + 1);
      for (int i = 0; i < pending; i++) {
        queue.add(new Ev(rng.exponential(1.0), nextSeq++));
      }
    }

    @Override
    public void fire(long n) {
      final PriorityQueue<Ev> q = queue;
      final RandomStream r = rng;
      for (long i = 0; i < n; i++) {
        Ev e = q.poll();
        now = e.time;
        q.add(new Ev(now + r.exponential(1.0), nextSeq++));
      }
    }

    @Override
    public double now() {
      return now;
    }

    @Override
    public int pending() {
      return queue.size();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // dsol: DSOL 4.3.2 DevsSimulator<Double>, default event list, lambda events

  static final class DsolDriver implements Driver, EventListener {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong IDS = new AtomicLong();

    final ObservableDevsSimulator sim;
    final SingleReplication<Double> replication;
    final RandomStream rng = new RandomStream(SEED);
    final int pending;

    /** Hold events still to fire in the current batch; the one that reaches 0 stops the run. */
    long remaining;

    final Object stopLock = new Object();
    boolean stoppedFlag;

    DsolDriver(int pending) throws SimRuntimeException {
      this.pending = pending;
      long id = IDS.incrementAndGet();
      String name = "hold-" + ProcessHandle.current().pid() + "-" + id + "-" + System.nanoTime();
      sim = new ObservableDevsSimulator(name);
      // runs far beyond anything a benchmark reaches (the clock advances about 1/pending per event)
      replication = new SingleReplication<>(name, 0.0, 0.0, 1.0e15);
      sim.initialize(new HoldDsolModel(sim), replication);
      sim.addListener(this, SimulatorInterface.STOP_EVENT, ReferenceType.STRONG);
    }

    final class HoldDsolModel extends AbstractDsolModel<Double, DevsSimulator<Double>> {
      private static final long serialVersionUID = 1L;

      HoldDsolModel(DevsSimulator<Double> simulator) {
        super(simulator);
      }

      @Override
      public void constructModel() throws SimRuntimeException {
        for (int i = 0; i < pending; i++) {
          simulator.scheduleEventRel(rng.exponential(1.0), hold);
        }
      }
    }

    /** The hold event: one reusable lambda that reschedules itself. */
    final Executable hold = this::holdEvent;

    private void holdEvent() {
      sim.scheduleEventRel(rng.exponential(1.0), hold);
      if (--remaining == 0) {
        sim.stop();
      }
    }

    @Override
    public void notify(Event event) {
      synchronized (stopLock) {
        stoppedFlag = true;
        stopLock.notifyAll();
      }
    }

    @Override
    public void fire(long n) throws Exception {
      if (n <= 0) {
        return;
      }
      remaining = n;
      synchronized (stopLock) {
        stoppedFlag = false;
      }
      // start() hands the run to DSOL's worker thread and returns at once
      sim.start();
      synchronized (stopLock) {
        while (!stoppedFlag) {
          stopLock.wait();
        }
      }
      // the worker fires STOP_EVENT just before it goes back to waiting for the next start()
      while (sim.isStartingOrRunning() || !sim.workerWaiting()) {
        Thread.onSpinWait();
      }
      if (remaining != 0) {
        throw new IllegalStateException("DSOL stopped with " + remaining + " events left");
      }
    }

    @Override
    public double now() {
      return sim.getSimulatorTime();
    }

    @Override
    public int pending() {
      // the end-of-replication event is also in the list
      return sim.getEventList().size() - 1;
    }

    @Override
    public void close() {
      sim.cleanUp();
      replication.removeFromContext();
    }
  }

  /** DSOL's simulator with a read-only view of its worker thread's state. */
  static final class ObservableDevsSimulator extends DevsSimulator<Double> {
    private static final long serialVersionUID = 1L;

    ObservableDevsSimulator(String id) {
      super(id);
    }

    /** True when the worker thread is parked, waiting for the next start(). */
    boolean workerWaiting() {
      return worker != null && worker.isWaiting();
    }
  }
}
