package dev.deploysim.scenario;

import dev.deploysim.engine.Distribution;
import dev.deploysim.format.Keywords;

/**
 * The database the application depends on (docs/resilience.md#the-database): while it has no
 * writable primary, the application's requests fail.
 *
 * @param engine how the database fails over
 * @param region where its primary runs (the first region without regions)
 * @param zone the Availability Zone of its primary: a zoneOutage there fails the primary
 * @param replicas Aurora replicas (aurora, aurora-global): with none, a failure recreates the writer
 * @param failoverTime time from the primary's failure until a new primary takes writes
 * @param restoreTime rds-single-az: time to restore from a backup when the primary is lost
 * @param endpointTtl seconds the application caches the database endpoint's DNS answer
 * @param secondaryRegion aurora-global: the region of the secondary cluster promoted when the
 *     primary's region fails; null otherwise
 * @param globalFailoverTime aurora-global: time to promote the secondary region
 * @param rpo seconds of writes lost by a failover of this engine (0 where replication is
 *     synchronous)
 * @param regionalCopy rds-*: a copy in another region that takes over when the primary's region
 *     fails (a cross-region read replica, promoted; rds-single-az's cross-region backups, restored);
 *     null without one
 */
public record DatabaseSpec(
    Engine engine,
    String region,
    String zone,
    int replicas,
    Distribution failoverTime,
    Distribution restoreTime,
    double endpointTtl,
    String secondaryRegion,
    Distribution globalFailoverTime,
    double rpo,
    RegionalCopy regionalCopy) {

  /** The engine's spec without a cross-region read replica. */
  public DatabaseSpec(Engine engine, String region, String zone, int replicas, Distribution failoverTime,
      Distribution restoreTime, double endpointTtl, String secondaryRegion, Distribution globalFailoverTime,
      double rpo) {
    this(engine, region, zone, replicas, failoverTime, restoreTime, endpointTtl, secondaryRegion, globalFailoverTime,
        rpo, null);
  }

  /**
   * A copy of an RDS database in another region (docs/resilience.md#regional-outages-and-rds):
   * when the primary's region fails, someone decides to use it, then it takes writes without the
   * writes it had not received. A read replica is promoted (AWS reboots it before it is available;
   * replication is asynchronous); backups copied to the region are restored.
   *
   * @param kind a read replica or backups
   * @param region the copy's region, another than the primary's
   * @param decideAfter seconds from the primary's region failing until someone starts the promotion or
   *     restore (AWS does neither by itself)
   * @param time time from that decision until the copy takes writes
   * @param lostWrites seconds of writes the copy lacks (the RPO)
   */
  public record RegionalCopy(Kind kind, String region, double decideAfter, Distribution time, double lostWrites) {
    public enum Kind {
      READ_REPLICA,
      BACKUPS
    }
  }

  public enum Engine {
    RDS_SINGLE_AZ,
    RDS_MULTI_AZ,
    RDS_MULTI_AZ_CLUSTER,
    AURORA,
    AURORA_GLOBAL;

    /** The engine as a scenario names it: rds-multi-az for RDS_MULTI_AZ. */
    public String key() {
      return Keywords.kebabCase(this);
    }

    public static Engine byKey(String key) {
      Engine e = Keywords.find(Engine.class, key, Engine::key);
      if (e == null) {
        throw new IllegalArgumentException("no database engine " + key);
      }
      return e;
    }

    /** Whether a standby or replica in another zone takes over when the primary fails. */
    public boolean hasStandby(int replicas) {
      return switch (this) {
        case RDS_SINGLE_AZ -> false;
        case RDS_MULTI_AZ, RDS_MULTI_AZ_CLUSTER -> true;
        case AURORA, AURORA_GLOBAL -> replicas > 0;
      };
    }
  }
}
