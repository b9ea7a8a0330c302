package dev.deploysim.run;

import dev.deploysim.model.Incidents;
import dev.deploysim.model.Traffic;
import dev.deploysim.model.World;
import dev.deploysim.result.Summary;

/**
 * Measures recovery from the first fault (docs/resilience.md#measuring-recovery): recovered is
 * served requests back to at least {@link #SERVED_SHARE} of demand for a whole {@link #WINDOW}
 * seconds. Rates are constant between the traffic's recomputations, so the meter looks at each
 * interval between two of them exactly.
 */
final class RecoveryMeter {
  static final double SERVED_SHARE = 0.99;
  static final double WINDOW = 60;

  private final World world;
  private final Traffic traffic;
  private boolean started;
  private boolean dropped;
  private double goodSince = Double.NaN;
  private double failedAtGoodSince;
  private double failedAtFault;
  private double recoveredAt = Double.NaN;
  private double failedAtRecovery = Double.NaN;

  RecoveryMeter(World world) {
    this.world = world;
    this.traffic = world.traffic();
  }

  /** After every recomputation: the rates from now on are the traffic's current ones. */
  void update() {
    double fault = world.incidents().firstFault();
    if (Double.isNaN(fault) || !Double.isNaN(recoveredAt)) {
      return;
    }
    double now = world.now();
    if (!started) {
      started = true;
      failedAtFault = traffic.failedTotal();
    }
    closeWindow(now);
    if (!Double.isNaN(recoveredAt)) {
      return;
    }
    boolean good = traffic.servedRps() >= SERVED_SHARE * traffic.demandRps();
    if (!good) {
      dropped = true;
      goodSince = Double.NaN;
    } else if (Double.isNaN(goodSince)) {
      goodSince = now;
      failedAtGoodSince = traffic.failedTotal();
    }
  }

  /** A good stretch that has lasted a whole window by {@code now} is the recovery. */
  private void closeWindow(double now) {
    if (!Double.isNaN(goodSince) && now - goodSince >= WINDOW) {
      recoveredAt = goodSince;
      failedAtRecovery = failedAtGoodSince;
    }
  }

  Summary.Recovery summary() {
    Incidents inc = world.incidents();
    double fault = inc.firstFault();
    if (Double.isNaN(fault)) {
      return Summary.Recovery.none();
    }
    traffic.advance();
    closeWindow(world.now());
    Double rto = !dropped ? Double.valueOf(0) : Double.isNaN(recoveredAt) ? null : recoveredAt - fault;
    double failedUntil = Double.isNaN(failedAtRecovery) ? traffic.failedTotal() : failedAtRecovery;
    return new Summary.Recovery(orNull(inc.detectedAt() - fault), rto, orNull(inc.rpoSeconds()),
        orNull(inc.failoverAt()), Math.round(failedUntil - failedAtFault));
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
