package dev.deploysim.strategies.analysis;

/**
 * The measurements of one metric so far and the phase they put it in, by Argo Rollouts' rules
 * (analysis/analysis.go assessMetricStatus): Failed when failed measurements exceed failureLimit
 * (unless it is -1), Inconclusive when inconclusive ones exceed inconclusiveLimit, Error when
 * errors in a row exceed consecutiveErrorLimit, Successful once the count is reached; a metric that
 * is terminated is Successful unless one of the limits was already exceeded.
 */
public final class MetricResult {
  private final MetricSpec spec;
  private int count;
  private int successful;
  private int failed;
  private int inconclusive;
  private int errors;
  private int consecutiveErrors;

  public MetricResult(MetricSpec spec) {
    this.spec = spec;
  }

  public MetricSpec spec() {
    return spec;
  }

  /** Adds a measurement's phase (Successful, Failed, Inconclusive or Error). */
  public void record(AnalysisPhase measurement) {
    count++;
    switch (measurement) {
      case SUCCESSFUL -> {
        successful++;
        consecutiveErrors = 0;
      }
      case FAILED -> {
        failed++;
        consecutiveErrors = 0;
      }
      case INCONCLUSIVE -> {
        inconclusive++;
        consecutiveErrors = 0;
      }
      case ERROR -> {
        errors++;
        consecutiveErrors++;
      }
      default -> throw new IllegalArgumentException("a measurement is not " + measurement);
    }
  }

  /** The metric's phase; {@code terminating} when the run is being ended. */
  public AnalysisPhase assess(boolean terminating) {
    if (count == 0) {
      return terminating ? AnalysisPhase.SUCCESSFUL : AnalysisPhase.PENDING;
    }
    if (spec.failureLimit() >= 0 && failed > spec.failureLimit()) {
      return AnalysisPhase.FAILED;
    }
    if (inconclusive > spec.inconclusiveLimit()) {
      return AnalysisPhase.INCONCLUSIVE;
    }
    if (consecutiveErrors > spec.consecutiveErrorLimit()) {
      return AnalysisPhase.ERROR;
    }
    Integer c = spec.effectiveCount();
    if (c != null && count >= c) {
      return AnalysisPhase.SUCCESSFUL;
    }
    return terminating ? AnalysisPhase.SUCCESSFUL : AnalysisPhase.RUNNING;
  }

  public int count() {
    return count;
  }

  public int successful() {
    return successful;
  }

  public int failed() {
    return failed;
  }

  public int inconclusive() {
    return inconclusive;
  }

  public int errors() {
    return errors;
  }

  /** "3 measurements: 1 successful, 2 failed". */
  public String tally() {
    StringBuilder b = new StringBuilder(count + " measurement" + (count == 1 ? "" : "s") + ": " + successful
        + " successful, " + failed + " failed");
    if (inconclusive > 0) {
      b.append(", ").append(inconclusive).append(" inconclusive");
    }
    if (errors > 0) {
      b.append(", ").append(errors).append(" errors");
    }
    return b.toString();
  }
}
