package dev.deploysim.strategies.analysis;

import dev.deploysim.engine.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's metric provider: measures a metric of an analysis now, from the requests of the
 * canary's or the stable's pods ({@link Measurements}, with counter noise). A condition metric
 * queries its window once: no request in it is an Error (a query that returns no value); otherwise
 * Failed when the failure condition holds, Successful when the success condition holds (or, with
 * only a failure condition, when it does not), Failed when only a success condition was given and
 * it does not hold, else Inconclusive. A Kayenta metric cuts its window into steps, judges the
 * canary's points against the control's ({@link KayentaJudge}) and is Successful at a passing
 * score, Inconclusive at a marginal one and Failed below.
 */
public final class MetricQueries implements AnalysisRun.Measurer {
  /** The group names {@link Measurements} tracks for the canary and for the stable pods. */
  public static final String CANARY = "canary";
  public static final String STABLE = "stable";

  private final Measurements measurements;
  private final java.util.function.DoubleSupplier now;

  public MetricQueries(Measurements measurements, java.util.function.DoubleSupplier now) {
    this.measurements = measurements;
    this.now = now;
  }

  @Override
  public AnalysisRun.Measurement measure(MetricSpec m) {
    return m.kayenta() != null ? judge(m) : query(m);
  }

  private static String group(MetricSpec.Of of) {
    return of == MetricSpec.Of.CANARY ? CANARY : STABLE;
  }

  private AnalysisRun.Measurement query(MetricSpec m) {
    Observation o = measurements.observe(group(m.of()), m.window());
    if (!o.hasData()) {
      return new AnalysisRun.Measurement(AnalysisPhase.ERROR, "no request reached the " + m.of().keyword()
          + " in the last " + Durations.format(m.window()) + " (the query returns no value)");
    }
    String seen = o.failed() + " of " + o.requests() + " requests failed";
    Boolean failed = m.failure() == null ? null : test(m.failure(), o);
    Boolean succeeded = m.success() == null ? null : test(m.success(), o);
    if (failed == null && succeeded == null) {
      return new AnalysisRun.Measurement(AnalysisPhase.INCONCLUSIVE, seen + ", no condition");
    }
    if (failed == null) {
      failed = !succeeded;
    }
    if (succeeded == null) {
      succeeded = !failed;
    }
    String values = values(m, o);
    if (failed) {
      return new AnalysisRun.Measurement(AnalysisPhase.FAILED, seen + ", " + values);
    }
    return new AnalysisRun.Measurement(succeeded ? AnalysisPhase.SUCCESSFUL : AnalysisPhase.INCONCLUSIVE,
        seen + ", " + values);
  }

  private static boolean test(Condition c, Observation o) {
    Double v = c.metric().value(o);
    return v != null && c.holds(v);
  }

  private static String values(MetricSpec m, Observation o) {
    List<String> parts = new ArrayList<>();
    for (Condition c : new Condition[] {m.success(), m.failure()}) {
      if (c != null) {
        Double v = c.metric().value(o);
        String text = c.metric().keyword() + " " + (v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v));
        if (!parts.contains(text)) {
          parts.add(text);
        }
      }
    }
    return String.join(", ", parts);
  }

  private AnalysisRun.Measurement judge(MetricSpec m) {
    KayentaSpec k = m.kayenta();
    double end = now.getAsDouble();
    int points = Math.max(1, (int) Math.floor(m.window() / k.step() + 1e-9));
    double start = end - points * k.step();
    List<List<Double>> canary = new ArrayList<>();
    List<List<Double>> control = new ArrayList<>();
    for (int j = 0; j < k.metrics().size(); j++) {
      canary.add(new ArrayList<>());
      control.add(new ArrayList<>());
    }
    for (int i = 0; i < points; i++) {
      double from = start + i * k.step();
      double to = from + k.step();
      Observation c = measurements.observe(CANARY, from, to);
      Observation b = k.control() == KayentaSpec.Control.BASELINE
          ? measurements.observeAtRateOf(STABLE, c.requests(), from, to) : measurements.observe(STABLE, from, to);
      for (int j = 0; j < k.metrics().size(); j++) {
        MetricKind kind = k.metrics().get(j).metric();
        Double cv = kind.value(c);
        Double bv = kind.value(b);
        if (cv != null) {
          canary.get(j).add(cv);
        }
        if (bv != null) {
          control.get(j).add(bv);
        }
      }
    }
    KayentaJudge.Verdict v = KayentaJudge.judge(k, arrays(canary), arrays(control));
    AnalysisPhase phase = switch (v.outcome()) {
      case PASS -> AnalysisPhase.SUCCESSFUL;
      case MARGINAL -> AnalysisPhase.INCONCLUSIVE;
      case FAIL -> AnalysisPhase.FAILED;
    };
    List<String> parts = new ArrayList<>();
    for (KayentaJudge.MetricVerdict mv : v.metrics()) {
      parts.add(mv.metric().metric().keyword() + " " + mv.classification().name().toLowerCase(Locale.ROOT)
          + (Double.isNaN(mv.estimate()) ? "" : String.format(Locale.ROOT, " (shift %+.4f, %.0f%% interval [%s, %s])",
              mv.estimate(), 100 * k.confidence(), bound(mv.lower()), bound(mv.upper()))));
    }
    String detail = String.format(Locale.ROOT, "Kayenta score %.1f (%s; %d points each): %s", v.score(), v.reason(),
        points, String.join(", ", parts));
    return new AnalysisRun.Measurement(phase, detail);
  }

  private static String bound(double v) {
    return Double.isInfinite(v) ? (v > 0 ? "+inf" : "-inf") : String.format(Locale.ROOT, "%+.4f", v);
  }

  private static List<double[]> arrays(List<List<Double>> lists) {
    List<double[]> out = new ArrayList<>();
    for (List<Double> l : lists) {
      double[] a = new double[l.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = l.get(i);
      }
      out.add(a);
    }
    return out;
  }
}
