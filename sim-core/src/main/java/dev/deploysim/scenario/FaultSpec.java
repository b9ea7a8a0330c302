package dev.deploysim.scenario;

/** A fault injected at a point of simulated time. */
public sealed interface FaultSpec
    permits FaultSpec.ZoneOutage, FaultSpec.InstanceFailure, FaultSpec.LaunchFailures, FaultSpec.SlowBoots,
        FaultSpec.AgentFailure, FaultSpec.RegionOutage, FaultSpec.DatabaseFailure {
  /** The fault's type as a scenario writes it: the record's name, lower camel case (zoneOutage). */
  default String type() {
    String name = getClass().getSimpleName();
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }


  /** Seconds from the start of the run. */
  double at();

  /**
   * A whole Availability Zone stops for a while: its instances fail, launches there fail. Zone names
   * are per region, so only the fleets (and the database) of {@code region} are hit.
   *
   * @param region the zone's region: given, or the only region; null in a file without regions
   */
  record ZoneOutage(double at, String zone, double duration, String region) implements FaultSpec {
    /** A zone of the only region (a file without regions). */
    public ZoneOutage(double at, String zone, double duration) {
      this(at, zone, duration, null);
    }
  }

  /**
   * Instances fail their EC2 status checks (hardware failure); chosen at random among running
   * instances, optionally only those running a version or in a zone.
   */
  record InstanceFailure(double at, int count, String version, String zone) implements FaultSpec {}

  /** Each launch attempt fails with a probability during a window. */
  record LaunchFailures(double at, double probability, double duration) implements FaultSpec {}

  /** Launch times are multiplied by a factor during a window. */
  record SlowBoots(double at, double factor, double duration) implements FaultSpec {}

  /**
   * The management agent (AWS OpsWorks Stacks) of {@code count} in-service instances stops, picked at
   * random among those matching; for {@code bootWindow} seconds (0: none) the agent of every instance
   * that boots does not start either (a wrong instance profile). The applications keep running.
   */
  record AgentFailure(double at, int count, String version, String zone, double bootWindow) implements FaultSpec {}

  /**
   * A whole region stops for a while: its instances, load balancers and database primary fail,
   * launches there fail.
   */
  record RegionOutage(double at, String region, double duration) implements FaultSpec {}

  /** The database's primary fails for a while; the engine fails over (or not). */
  record DatabaseFailure(double at, double duration) implements FaultSpec {}
}
