package dev.deploysim.model;

import dev.deploysim.engine.Durations;
import dev.deploysim.engine.RandomStream;
import dev.deploysim.scenario.DatabaseSpec;
import dev.deploysim.scenario.DatabaseSpec.Engine;

/**
 * The database the application writes to (docs/resilience.md#the-database): while it has no
 * writable primary every request the application serves fails, and after a new primary takes over,
 * application instances still holding the old endpoint address fail until their DNS cache of the
 * endpoint ({@code endpointTtl}) expires (cache ages uniform, so the share that has the new address
 * grows linearly over one TTL).
 *
 * <p>What each engine does when its primary fails (a databaseFailure, an outage of its zone):
 * rds-single-az has no standby: it is back when the fault ends or when a restore from a backup
 * completes ({@code restoreTime}), whichever is first, and the restore loses the writes since the
 * latest restorable time ({@code backupRpo}); the others promote a standby or replica after {@code
 * failoverTime} without losing writes. An outage of the primary's region takes every zone of it, so
 * only aurora-global fails over (to its secondary region, after {@code globalFailoverTime}, losing
 * {@code replicationLag} of writes); the others wait for the region to return.
 */
public final class Database {
  private final World world;
  private final DatabaseSpec spec;
  private final RandomStream random;
  private String region;
  private boolean writable = true;
  private int failures;
  private long pending;
  private double switchedAt = Double.NEGATIVE_INFINITY;

  Database(World world, DatabaseSpec spec) {
    this.world = world;
    this.spec = spec;
    this.region = spec.region();
    this.random = world.random("database");
  }

  public DatabaseSpec spec() {
    return spec;
  }

  /** Whether there is a primary that takes writes. */
  public boolean isWritable() {
    return writable;
  }

  /**
   * The share of the application's requests that reach a writable primary now: 0 without one, then
   * the share of instances whose cached endpoint address is the new primary's.
   */
  public double availableShare(double now) {
    if (!writable) {
      return 0;
    }
    double since = now - switchedAt;
    double ttl = spec.endpointTtl();
    return since >= ttl ? 1 : ttl <= 0 ? 1 : Math.max(0, since / ttl);
  }

  /** True while application instances are moving to a new primary's address. */
  public boolean inTransition(double now) {
    return writable && now - switchedAt < spec.endpointTtl();
  }

  // --- faults ------------------------------------------------------------------------------------

  /** The primary fails (a databaseFailure, or its zone's outage); {@code end} brings it back. */
  void primaryFails(String cause) {
    failures++;
    if (failures > 1 || !writable) {
      return;
    }
    down(cause);
    if (spec.engine() == Engine.RDS_SINGLE_AZ) {
      double restore = spec.restoreTime().sample(random);
      world.log("database", "no standby: restoring from a backup (" + Durations.format(restore) + ")");
      pending = world.sim().after(restore, () -> {
        world.incidents().lostWrites(spec.rpo());
        promote("restored from a backup, " + Durations.format(spec.rpo()) + " of writes lost");
      });
    } else {
      failOver(spec.failoverTime().sample(random), standbyName());
    }
  }

  /** The fault that failed the primary is over: a primary that was not replaced is back. */
  void primaryRecovers() {
    failures = Math.max(0, failures - 1);
    if (failures == 0 && !writable && !world.isRegionDown(region)) {
      world.sim().cancel(pending);
      writable = true;
      world.incidents().mark("database back", dev.deploysim.result.Marker.Kind.INFO);
      world.log("database", "the primary is back (" + spec.engine().key() + ")");
      world.changed();
    }
  }

  /** The primary's region is out: every zone of it. */
  void regionFails(String failed) {
    if (!failed.equals(region) || !writable) {
      return;
    }
    down("region " + failed + " is out");
    if (spec.engine() == Engine.AURORA_GLOBAL) {
      double t = spec.globalFailoverTime().sample(random);
      world.log("database", "promoting the secondary cluster in " + spec.secondaryRegion() + " ("
          + Durations.format(t) + ")");
      pending = world.sim().after(t, () -> {
        region = spec.secondaryRegion();
        world.incidents().lostWrites(spec.rpo());
        promote("secondary region " + region + " promoted, " + Durations.format(spec.rpo()) + " of writes lost");
      });
    } else {
      world.log("database", spec.engine().key() + " has no copy outside " + failed + ": it waits for the region");
    }
  }

  /** The region is back: a primary that waited for it takes writes again. */
  void regionRecovers(String back) {
    if (back.equals(region) && !writable && failures == 0) {
      world.sim().cancel(pending);
      writable = true;
      world.incidents().mark("database back", dev.deploysim.result.Marker.Kind.INFO);
      world.log("database", "the primary in " + back + " is back");
      world.changed();
    }
  }

  private void down(String cause) {
    writable = false;
    world.log("database", "the primary fails (" + cause + "): no writes");
    world.incidents().detected();
    world.incidents().mark("database down", dev.deploysim.result.Marker.Kind.FAILURE);
    world.changed();
  }

  private void failOver(double after, String to) {
    world.log("database", "failing over to " + to + " (" + Durations.format(after) + ")");
    pending = world.sim().after(after, () -> promote(to + " is the primary"));
  }

  private String standbyName() {
    return switch (spec.engine()) {
      case RDS_MULTI_AZ -> "the standby";
      case RDS_MULTI_AZ_CLUSTER -> "a readable standby";
      default -> spec.replicas() > 0 ? "an Aurora replica" : "a new writer (no replicas)";
    };
  }

  private void promote(String what) {
    writable = true;
    failures = 0;
    switchedAt = world.now();
    world.log("database", what + "; the endpoint points at it (the application's cache: "
        + Durations.format(spec.endpointTtl()) + ")");
    world.incidents().failedOver();
    world.incidents().mark("database failed over", dev.deploysim.result.Marker.Kind.INFO);
    world.changed();
  }
}
