package dev.deploysim.model;

/**
 * When the infrastructure first noticed a fault and first failed over, for the summary's recovery
 * block (docs/resilience.md#measuring-recovery): the first fault's start, the first detection (a
 * Route 53 health check going unhealthy, the database failing over or being restored, an Auto
 * Scaling group replacing an impaired instance) and the first failover (DNS answering with another
 * endpoint because of health, or the database's new primary taking writes).
 */
public final class Incidents {
  private final World world;
  private double firstFault = Double.NaN;
  private double detected = Double.NaN;
  private double failover = Double.NaN;
  private double rpo = Double.NaN;
  private final java.util.List<dev.deploysim.result.Marker> markers = new java.util.ArrayList<>();

  Incidents(World world) {
    this.world = world;
  }

  void faultStarted() {
    if (Double.isNaN(firstFault)) {
      firstFault = world.now();
    }
  }

  /** The infrastructure reacted to a fault (the first reaction after the first fault counts). */
  void detected() {
    if (Double.isNaN(detected) && !Double.isNaN(firstFault)) {
      detected = world.now();
    }
  }

  void failedOver() {
    detected();
    if (Double.isNaN(failover) && !Double.isNaN(firstFault)) {
      failover = world.now();
    }
  }

  /** Writes were lost: the most seconds of them lost by one failover or restore counts. */
  void lostWrites(double seconds) {
    rpo = Double.isNaN(rpo) ? seconds : Math.max(rpo, seconds);
  }

  /** A transition worth marking on the charts (a health check, a failover, the database). */
  void mark(String label, dev.deploysim.result.Marker.Kind kind) {
    markers.add(new dev.deploysim.result.Marker(world.now(), label, kind));
  }

  /** The marks, in time order. */
  public java.util.List<dev.deploysim.result.Marker> markers() {
    return java.util.Collections.unmodifiableList(markers);
  }

  /** Start of the first fault; NaN without one. */
  public double firstFault() {
    return firstFault;
  }

  /** First detection; NaN when nothing was detected. */
  public double detectedAt() {
    return detected;
  }

  /** First failover; NaN when nothing failed over. */
  public double failoverAt() {
    return failover;
  }

  /** Seconds of writes lost; NaN when no failover could lose data. */
  public double rpoSeconds() {
    return rpo;
  }
}
