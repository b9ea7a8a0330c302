package dev.deploysim.model;

import dev.deploysim.engine.Durations;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.AlarmSpec.Metric;
import dev.deploysim.scenario.AlarmSpec.MissingData;
import dev.deploysim.scenario.AlarmSpec.Statistic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CloudWatch metric alarms on the model's metrics. Each alarm turns every {@code period} into one
 * datapoint, keeps the last {@code evaluationPeriods} of them and goes to ALARM when at least
 * {@code datapointsToAlarm} breach, to OK otherwise, and stays INSUFFICIENT_DATA while it has no
 * data (a period without requests has no error rate: missing data, treated per {@code
 * treatMissingData}). Datapoints are evaluated at the end of each period, periods aligned to the
 * start of the run.
 */
public final class Alarms {

  public enum State {
    OK,
    ALARM,
    INSUFFICIENT_DATA
  }

  /** Notified when an alarm changes state. */
  @FunctionalInterface
  public interface Listener {
    void changed(String alarm, State from, State to, String reason);
  }

  /** The usual statistic for a metric when the scenario does not name one. */
  public static Statistic defaultStatistic(Metric m) {
    return switch (m) {
      case ERROR_RATE, NEW_VERSION_ERROR_RATE, CPU, LATENCY_P50, LATENCY_P99 -> Statistic.AVERAGE;
      case FAILED_REQUESTS, REQUESTS, REQUEST_COUNT_PER_TARGET -> Statistic.SUM;
      case HEALTHY_HOSTS -> Statistic.MINIMUM;
      case UNHEALTHY_HOSTS -> Statistic.MAXIMUM;
    };
  }

  /** A gauge tracked over one period: time-weighted mean, minimum, maximum. */
  private static final class Gauge {
    double value;
    double since;
    double integral;
    // no value yet: the first set() defines the extremes (0 would be a fake Minimum)
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double periodStart;

    void reset(double now) {
      periodStart = now;
      since = now;
      integral = 0;
      min = value;
      max = value;
    }

    void set(double now, double v) {
      integral += value * (now - since);
      since = now;
      value = v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }

    double mean(double now) {
      double span = now - periodStart;
      double total = integral + value * (now - since);
      return span > 0 ? total / span : value;
    }
  }

  private final class Alarm {
    final AlarmSpec spec;
    State state = State.INSUFFICIENT_DATA;
    /** When and why the alarm last changed state (NaN / null before its first change). */
    double changedAt = Double.NaN;
    String reason;
    final Deque<Double> datapoints = new ArrayDeque<>(); // NaN = missing
    final Gauge gauge = new Gauge();
    double requestsAtStart;
    double failedAtStart;
    double newHandledAtStart;
    double newErrorsAtStart;
    double handledAtStart;
    CpuMeter cpu;
    LatencyMix latency;

    Alarm(AlarmSpec spec) {
      this.spec = spec;
    }
  }

  private final World world;
  private final Map<String, Alarm> alarms = new LinkedHashMap<>();
  private final List<Listener> listeners = new ArrayList<>();
  private final List<EvaluationListener> evaluationListeners = new ArrayList<>();
  private final String newVersion;

  Alarms(World world, List<AlarmSpec> specs) {
    this.world = world;
    this.newVersion = world.scenario().deployment() == null ? null : world.scenario().deployment().version();
    for (AlarmSpec s : specs) {
      Alarm a = new Alarm(s);
      alarms.put(s.name(), a);
      if (s.metric() == Metric.CPU) {
        a.cpu = new CpuMeter(world, null);
      }
      if (s.metric().isLatency()) {
        a.latency = world.traffic().openLatencyWindow();
      }
      world.sim().after(s.period(), () -> evaluate(a));
    }
    world.traffic().addUpdateListener(this::onUpdate);
  }

  /** Notified after every evaluation of an alarm (once per period), whatever its state. */
  @FunctionalInterface
  public interface EvaluationListener {
    void evaluated(AlarmSpec alarm, State state, double latestValue);
  }

  public void addEvaluationListener(EvaluationListener l) {
    evaluationListeners.add(l);
  }

  /**
   * The alarm's state in words a reader of a report understands without the scenario at hand:
   * "alarm high-5xx went to ALARM at 9m: 2 of the last 2 datapoints of errorRate (Average over 1m)
   * breach GreaterThanThreshold 0.05".
   */
  public String describe(String name) {
    Alarm a = alarm(name);
    if (a.reason == null) {
      return "alarm " + name + " in " + a.state;
    }
    return "alarm " + name + " went to " + a.state + " at " + Durations.format(a.changedAt) + ": " + a.reason;
  }

  private Alarm alarm(String name) {
    Alarm a = alarms.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no alarm " + name);
    }
    return a;
  }

  /** The alarm's spec. */
  public AlarmSpec spec(String name) {
    Alarm a = alarm(name);
    return a.spec;
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  public void removeListener(Listener l) {
    listeners.remove(l);
  }

  public State state(String name) {
    Alarm a = alarm(name);
    return a.state;
  }

  public List<String> names() {
    return new ArrayList<>(alarms.keySet());
  }

  private double gaugeValue(Metric m) {
    Traffic t = world.traffic();
    return switch (m) {
      case HEALTHY_HOSTS -> t.healthyInstances();
      case UNHEALTHY_HOSTS -> t.unhealthyTargets();
      case REQUESTS -> t.demandRps();
      case REQUEST_COUNT_PER_TARGET -> t.inServiceInstances();
      case CPU, LATENCY_P50, LATENCY_P99 -> 0;
      case FAILED_REQUESTS -> t.failedRps();
      case ERROR_RATE -> t.demandRps() > 0 ? t.failedRps() / t.demandRps() : 0;
      case NEW_VERSION_ERROR_RATE -> {
        double h = newVersion == null ? 0 : t.handledRps(newVersion);
        yield h > 0 ? t.errorRps(newVersion) / h : 0;
      }
    };
  }

  private void onUpdate() {
    double now = world.now();
    for (Alarm a : alarms.values()) {
      a.gauge.set(now, gaugeValue(a.spec.metric()));
    }
  }

  private void evaluate(Alarm a) {
    Traffic t = world.traffic();
    t.advance();
    double now = world.now();
    double period = a.spec.period();
    double requests = t.offeredTotal() - a.requestsAtStart;
    double failedReq = t.failedTotal() - a.failedAtStart;
    double newHandled = newVersion == null ? 0 : t.handledTotal(newVersion) - a.newHandledAtStart;
    double newErrors = newVersion == null ? 0 : t.errorsTotal(newVersion) - a.newErrorsAtStart;
    double handled = handledAll(t);
    Statistic st = a.spec.statistic();
    double value;
    switch (a.spec.metric()) {
      case ERROR_RATE -> value = requests > 1e-9 ? failedReq / requests : Double.NaN;
      case NEW_VERSION_ERROR_RATE -> value = newHandled > 1e-9 ? newErrors / newHandled : Double.NaN;
      // each instance's CPUUtilization over the period, averaged over the InService instances
      case CPU -> value = a.cpu.read();
      // ALB RequestCountPerTarget: requests to targets over the period / targets (Sum is the average)
      case REQUEST_COUNT_PER_TARGET -> {
        double targets = a.gauge.mean(now);
        value = targets > 0 ? (handled - a.handledAtStart) / targets : Double.NaN;
      }
      case LATENCY_P50, LATENCY_P99 -> {
        value = a.latency.percentile(a.spec.metric() == Metric.LATENCY_P50 ? 0.5 : 0.99);
        a.latency.clear();
      }
      case REQUESTS, FAILED_REQUESTS -> {
        double total = a.spec.metric() == Metric.REQUESTS ? requests : failedReq;
        value = switch (st) {
          case SUM -> total;
          case AVERAGE -> total / period;
          case MINIMUM -> a.gauge.min;
          case MAXIMUM -> a.gauge.max;
        };
      }
      default -> value = switch (st) {
        case MINIMUM -> a.gauge.min;
        case MAXIMUM -> a.gauge.max;
        case AVERAGE, SUM -> a.gauge.mean(now);
      };
    }
    a.requestsAtStart = t.offeredTotal();
    a.handledAtStart = handled;
    a.failedAtStart = t.failedTotal();
    if (newVersion != null) {
      a.newHandledAtStart = t.handledTotal(newVersion);
      a.newErrorsAtStart = t.errorsTotal(newVersion);
    }
    a.gauge.reset(now);
    a.datapoints.addLast(value);
    while (a.datapoints.size() > a.spec.evaluationPeriods()) {
      a.datapoints.removeFirst();
    }
    decide(a, value);
    for (EvaluationListener l : List.copyOf(evaluationListeners)) {
      l.evaluated(a.spec, a.state, value);
    }
    world.sim().after(period, () -> evaluate(a));
  }

  private static double handledAll(Traffic t) {
    double sum = 0;
    for (String v : t.versions()) {
      sum += t.handledTotal(v);
    }
    return sum;
  }

  private void decide(Alarm a, double latest) {
    MissingData md = a.spec.treatMissingData();
    int breaching = 0;
    int present = 0;
    for (double v : a.datapoints) {
      if (Double.isNaN(v)) {
        if (md == MissingData.BREACHING) {
          breaching++;
          present++;
        } else if (md == MissingData.NOT_BREACHING) {
          present++;
        }
        continue;
      }
      present++;
      if (a.spec.comparison().breaches(v, a.spec.threshold())) {
        breaching++;
      }
    }
    State next;
    if (md == MissingData.IGNORE && Double.isNaN(latest)) {
      next = a.state;
    } else if (breaching >= a.spec.datapointsToAlarm()) {
      next = State.ALARM;
    } else if (present == 0) {
      next = State.INSUFFICIENT_DATA;
    } else {
      next = State.OK;
    }
    if (next != a.state) {
      State from = a.state;
      a.state = next;
      a.changedAt = world.now();
      String reason = String.format(Locale.ROOT, "%d of the last %d datapoints of %s (%s over %s) %s %s",
          breaching, a.datapoints.size(), a.spec.metric().key(), a.spec.statistic().key(),
          Durations.format(a.spec.period()), next == State.ALARM ? "breach" : "do not breach",
          a.spec.comparison().key() + " " + fmt(a.spec.threshold()));
      a.reason = reason;
      world.log("alarm", a.spec.name() + " " + from + " -> " + next + ": " + reason);
      for (Listener l : List.copyOf(listeners)) {
        l.changed(a.spec.name(), from, next, reason);
      }
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
