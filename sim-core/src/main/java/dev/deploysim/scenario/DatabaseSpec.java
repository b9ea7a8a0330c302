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
    double rpo) {

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
