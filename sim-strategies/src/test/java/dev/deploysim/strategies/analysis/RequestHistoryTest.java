package dev.deploysim.strategies.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Windows of a piecewise-constant request rate, recorded at each change. */
class RequestHistoryTest {
  private double requests;
  private double failures;

  private final RequestHistory.Counts counts = new RequestHistory.Counts() {
    @Override
    public double requests() {
      return requests;
    }

    @Override
    public double failures() {
      return failures;
    }
  };

  @Test
  void windowsAcrossRateChanges() {
    // 0-100 s: 10 req/s, 1 failed/s; 100-160 s: 20 req/s, none failed; the query at 160 s
    RequestHistory h = new RequestHistory(counts, 600, 0);
    requests = 1000;
    failures = 100;
    h.record(100);
    requests = 1000 + 20 * 60;
    failures = 100;
    // [40, 160]: 60 s at 10/s (600, 60 failed) + 60 s at 20/s (1200)
    assertArrayEquals(new double[] {1800, 60}, h.window(40, 160, 160), 1e-9);
    // [130, 150]: 20 s at 20/s, inside the open segment after the last change
    assertArrayEquals(new double[] {400, 0}, h.window(130, 150, 160), 1e-9);
    // a window reaching before recording started counts from the start
    assertArrayEquals(new double[] {2200, 100}, h.window(-50, 160, 160), 1e-9);
  }

  @Test
  void oldBreakpointsAreDropped() {
    RequestHistory h = new RequestHistory(counts, 60, 0);
    for (int t = 1; t <= 1000; t++) {
      requests += 5;
      h.record(t);
    }
    // 5 req/s throughout: the last minute holds 300 requests
    assertArrayEquals(new double[] {300, 0}, h.window(940, 1000, 1000), 1e-9);
  }
}
