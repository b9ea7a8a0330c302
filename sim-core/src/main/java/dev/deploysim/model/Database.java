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
 * failoverTime} without losing writes. An outage of the primary's region takes every zone of it:
 * aurora-global fails over (to its secondary region, after {@code globalFailoverTime}, losing
 * {@code replicationLag} of writes), and an RDS engine with a copy in another region (a read
 * replica, or rds-single-az's backups) promotes or restores it after an operator's decision
 * ({@code decideAfter}, then the copy's {@code time}, losing its {@code lostWrites}); the others wait
 * for the region to return. The copy that took over is a standalone instance (no standby, no further
 * copy), and its promotion or restore, once started, is not undone when the old region returns
 * (docs/resilience.md#regional-outages-and-rds).
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
  // a cross-region read replica's promotion: started (it completes whatever happens), and done
  private boolean promoting;
  private boolean standalone;

  Database(World world, DatabaseSpec spec) {
    this.world = world;
    this.spec = spec;
    this.region = spec.region();
    this.random = world.random("database");
  }

  public DatabaseSpec spec() {
    return spec;
  }

  /** Whether the primary is in that zone of that region (null: the file has no regions). */
  boolean isIn(String region, String zone) {
    return java.util.Objects.equals(this.region, region) && zone.equals(spec.zone());
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
    if (standalone) {
      world.log("database", "the primary that took over in " + region + " has no standby: down until the fault ends");
    } else if (spec.engine() == Engine.RDS_SINGLE_AZ) {
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
    if (failures == 0 && !writable && !world.isRegionDown(region) && !promoting) {
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
    } else if (spec.regionalCopy() != null && !standalone) {
      takeOverIn(spec.regionalCopy());
    } else {
      world.log("database", spec.engine().key() + " has no copy outside " + failed + ": it waits for the region");
    }
  }

  /**
   * The primary's region is out: after {@code decideAfter} someone promotes the read replica (it
   * reboots) or restores the backups in the copy's region; it takes writes {@code time} later, without
   * the writes it lacked. Nothing is decided if the region is back first.
   */
  private void takeOverIn(DatabaseSpec.RegionalCopy copy) {
    boolean replica = copy.kind() == DatabaseSpec.RegionalCopy.Kind.READ_REPLICA;
    String what = replica ? "the read replica in " + copy.region() : "the backups copied to " + copy.region();
    world.log("database", what + (replica ? " is promoted" : " are restored") + " if the region is still out in "
        + Durations.format(copy.decideAfter()) + " (" + (replica ? "promoteAfter" : "restoreAfter")
        + ": the decision is an operator's)");
    pending = world.sim().after(copy.decideAfter(), () -> {
      double t = copy.time().sample(random);
      promoting = true;
      world.log("database", (replica ? "promoting " + what + ": it reboots, then takes writes ("
          : "restoring " + what + " to a new instance there (") + Durations.format(t) + ")");
      world.incidents().mark(replica ? "replica promotion" : "cross-region restore",
          dev.deploysim.result.Marker.Kind.INFO);
      pending = world.sim().after(t, () -> {
        region = copy.region();
        promoting = false;
        standalone = true;
        world.incidents().lostWrites(copy.lostWrites());
        promote((replica ? "the promoted read replica in " + region + " is a standalone primary, "
            : "the instance restored in " + region + " is the primary, ") + Durations.format(copy.lostWrites())
            + " of writes lost (" + (replica ? "its replication lag" : "backupRpo") + ")");
      });
    });
  }

  /** The region is back: a primary that waited for it takes writes again. */
  void regionRecovers(String back) {
    if (promoting && back.equals(region)) {
      world.log("database", "the primary in " + back + " is back, but the copy in " + spec.regionalCopy().region()
          + " is taking over already: the application moves to it");
      return;
    }
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
