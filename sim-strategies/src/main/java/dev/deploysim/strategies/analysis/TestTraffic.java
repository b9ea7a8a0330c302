package dev.deploysim.strategies.analysis;

import java.util.function.BooleanSupplier;

/**
 * Requests that reach pods outside the scenario's traffic: a load tester or smoke tests calling a
 * preview or canary Service at {@code rps} while {@code flowing} holds (some pod ready, the rollout
 * in the phase the tests run in), failing at the version's error rate. They count in the pods'
 * measurements; the scenario's own requests and outputs do not include them.
 */
public final class TestTraffic implements RequestHistory.Counts {
  private final double rps;
  private final double errorRate;
  private final BooleanSupplier flowing;
  private double last = Double.NaN;
  private boolean on;
  private double requests;
  private double failures;

  public TestTraffic(double rps, double errorRate, BooleanSupplier flowing) {
    this.rps = rps;
    this.errorRate = errorRate;
    this.flowing = flowing;
  }

  @Override
  public void advanceTo(double now) {
    if (!Double.isNaN(last) && on && now > last) {
      double n = rps * (now - last);
      requests += n;
      failures += n * errorRate;
    }
    if (Double.isNaN(last) || now >= last) {
      last = now;
      on = flowing.getAsBoolean();
    }
  }

  @Override
  public double requests() {
    return requests;
  }

  @Override
  public double failures() {
    return failures;
  }
}
