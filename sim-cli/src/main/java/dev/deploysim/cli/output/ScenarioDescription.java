package dev.deploysim.cli.output;

import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.ParamFormat;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.DatabaseSpec;
import dev.deploysim.scenario.DeploymentSpec;
import dev.deploysim.scenario.DnsRecordSpec;
import dev.deploysim.scenario.DnsSpec;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.scenario.Topology;
import dev.deploysim.scenario.TrafficSpec;
import dev.deploysim.scenario.VersionSpec;
import dev.deploysim.scenario.WarmPoolSpec;
import dev.deploysim.strategy.RollbackPolicy;
import dev.deploysim.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The scenario in one paragraph of prose, for report.md. */
public final class ScenarioDescription {
  private ScenarioDescription() {}

  /**
   * @param type the strategy type (for parameter types and the platform's name); may be null
   * @param usesDns whether the run touched DNS (DNS settings are only described then)
   */
  public static String paragraph(Scenario s, StrategyType type, boolean usesDns) {
    List<String> sentences = new ArrayList<>();
    Topology t = s.topology();
    if (!t.regions().isEmpty()) {
      sentences.add((t.regions().size() == 1 ? "The system runs in region " : "The system runs in regions ")
          + join(t.regions()) + ".");
    }
    FleetSpec f = s.fleet();
    if (t.isNamed()) {
      for (Topology.NamedFleet nf : t.fleets().values()) {
        sentences.add(fleet("Fleet " + nf.name() + (nf.name().equals(t.target()) ? ", the one deployed," : ""),
            nf.region(), nf.spec()));
      }
      for (Topology.NamedLoadBalancer lb : t.loadBalancers().values()) {
        sentences.add(loadBalancer("Load balancer " + lb.name() + (lb.region() == null ? "" : " in " + lb.region())
            + " sends requests to fleet " + lb.fleet() + ": " + article(lb.spec()), lb.spec()));
      }
    } else {
      if (f != null) {
        sentences.add(fleet("The fleet", t.homeRegion(), f));
      }
      if (s.loadBalancer() != null && f != null) {
        String a = article(s.loadBalancer());
        sentences.add(loadBalancer(Character.toUpperCase(a.charAt(0)) + a.substring(1), s.loadBalancer()));
      }
    }
    DnsSpec dns = s.dns();
    if (dns != null && !dns.records().isEmpty()) {
      sentences.add(records(dns.records()));
    }
    if (dns != null && (usesDns || !dns.records().isEmpty())) {
      sentences.add("DNS answers have a TTL of " + d(dns.ttl()) + "; "
          + pct(dns.staleClientFraction()) + " of clients keep a cached answer for up to "
          + d(dns.staleClientMaxAge()) + "."
          + (dns.records().isEmpty() ? "" : " A change of a record's health reaches Route 53's name servers after "
              + dist(dns.propagation()) + "."));
    }
    if (s.database() != null) {
      sentences.add(database(s.database()));
    }
    sentences.add(traffic(s.traffic()));
    sentences.add(versions(s));
    sentences.add(deployment(s, type));
    sentences.add(rollback(s.deployment().rollback(), type));
    if (!s.alarms().isEmpty()) {
      List<String> alarms = new ArrayList<>();
      for (AlarmSpec a : s.alarms()) {
        alarms.add(alarm(a));
      }
      sentences.add((alarms.size() == 1 ? "Alarm " : "Alarms ") + join(alarms) + ".");
    }
    if (!s.faults().isEmpty()) {
      List<String> faults = new ArrayList<>();
      for (FaultSpec x : s.faults()) {
        faults.add(fault(x, s.database()));
      }
      sentences.add((faults.size() == 1 ? "Injected fault: " : "Injected faults: ") + String.join("; ", faults)
          + ".");
    }
    String end = s.horizonSeconds() == null
        ? "the run ends " + d(Scenario.COOL_DOWN_SECONDS) + " after the deployment"
        : "the run ends at " + d(s.horizonSeconds());
    sentences.add("Seed " + s.seed() + "; " + end + ".");
    return String.join(" ", sentences);
  }

  /**
   * A fleet: "{subject} is an Auto Scaling group of 6 instances [in region r,] spread over zones a,
   * b and c; each serves ...".
   */
  private static String fleet(String subject, String region, FleetSpec f) {
    StringBuilder b = new StringBuilder(subject).append(" is an Auto Scaling group of ")
        .append(f.instances()).append(f.instances() == 1 ? " instance" : " instances");
    if (f.minSize() != f.instances() || f.maxSize() != f.instances()) {
      b.append(" (min ").append(f.minSize()).append(", max ").append(f.maxSize()).append(')');
    }
    if (region != null) {
      b.append(" in region ").append(region).append(',');
    }
    b.append(f.zones().size() == 1 ? " in zone " : " spread over zones ").append(join(f.zones()));
    b.append("; each serves up to ").append(num(f.capacity())).append(" requests/s and takes ")
        .append(dist(f.launchTime())).append(" to launch");
    b.append(", with ").append(f.healthCheckType()).append(" health checks (grace period ")
        .append(d(f.healthCheckGracePeriod())).append(")");
    if (!f.lifecycleHooks().isEmpty()) {
      List<String> hooks = new ArrayList<>();
      for (LifecycleHookSpec h : f.lifecycleHooks()) {
        hooks.add(h.transition().name().toLowerCase(Locale.ROOT) + " hook "
            + (h.completesAfter() == null ? "that nobody completes (heartbeat timeout "
                + d(h.heartbeatTimeout()) + ", then " + h.defaultResult() + ")"
                : "completed after " + dist(h.completesAfter())));
      }
      b.append("; ").append(join(hooks));
    }
    WarmPoolSpec w = f.warmPool();
    if (w != null) {
      b.append("; a warm pool of at least ").append(w.minSize()).append(' ')
          .append(w.state().name().toLowerCase(Locale.ROOT)).append(" instances");
    }
    if (f.hourlyPrice() != null) {
      b.append("; an instance-hour costs $").append(num(f.hourlyPrice()));
    }
    return b.append('.').toString();
  }

  /** "an " for an ALB, "a " for a CLB (said letter by letter). */
  private static String article(LoadBalancerSpec lb) {
    return lb.type() == LoadBalancerSpec.Type.ALB ? "an " : "a ";
  }

  /** "{start}ALB checks each target every 30s ...": start is "An " or "Load balancer lb-us ...: an ". */
  private static String loadBalancer(String start, LoadBalancerSpec lb) {
    LoadBalancerSpec.HealthCheckSpec h = lb.healthCheck();
    StringBuilder b = new StringBuilder(start).append(lb.type()).append(" checks each target every ")
        .append(d(h.interval())).append(" (timeout ").append(d(h.timeout())).append("): a new target needs ")
        .append(h.initialHealthyThreshold()).append(h.initialHealthyThreshold() == 1 ? " passing check" : " passing checks")
        .append(", an unhealthy one ").append(h.healthyThreshold()).append(" in a row to recover, and ")
        .append(h.unhealthyThreshold()).append(" failures in a row make a target unhealthy; deregistered targets drain for ")
        .append(d(lb.deregistrationDelay()));
    if (lb.slowStart() > 0) {
      b.append(", and new targets ramp up over ").append(d(lb.slowStart())).append(" of slow start");
    }
    return b.append('.').toString();
  }

  private static String traffic(TrafficSpec t) {
    TrafficSpec.Pattern p = t.pattern();
    if (p instanceof TrafficSpec.Constant c) {
      return "Demand is a constant " + num(c.rps()) + " requests/s.";
    }
    if (p instanceof TrafficSpec.Steps st) {
      List<String> steps = new ArrayList<>();
      for (TrafficSpec.Step x : st.steps()) {
        steps.add(num(x.rps()) + " requests/s from " + d(x.at()));
      }
      return "Demand changes in steps: " + join(steps) + ".";
    }
    if (p instanceof TrafficSpec.Diurnal di) {
      return "Demand follows a daily curve: " + num(di.mean()) + " requests/s on average, plus or minus "
          + num(di.amplitude()) + ", over a period of " + d(di.period()) + " (peak at " + d(di.peakAt()) + ").";
    }
    return "Demand: " + p + ".";
  }

  private static String versions(Scenario s) {
    List<String> parts = new ArrayList<>();
    String to = s.deployment().version();
    for (VersionSpec v : s.versions().values()) {
      StringBuilder b = new StringBuilder(v.id()).append(" (install ").append(dist(v.install()))
          .append(", start ").append(dist(v.start()));
      if (v.capacityFactor() != 1) {
        b.append(", ").append(num(v.capacityFactor())).append("x capacity");
      }
      b.append(')');
      if (v.id().equals(s.initialVersion())) {
        b.append(" serves at the start");
      } else if (v.id().equals(to)) {
        b.append(" is the new version");
      }
      if (v.isBad()) {
        b.append(" and is bad: it ").append(badness(v));
      }
      parts.add(b.toString());
    }
    return "Versions: " + join(parts) + ".";
  }

  private static String badness(VersionSpec v) {
    List<String> how = new ArrayList<>();
    if (v.health() instanceof VersionSpec.Failing) {
      how.add("never passes a health check");
    } else if (v.health() instanceof VersionSpec.FailingAfter fa) {
      how.add("starts failing its health checks " + d(fa.seconds()) + " after it starts");
    }
    if (v.errorRate() > 0) {
      how.add("fails " + pct(v.errorRate()) + " of the requests it serves");
    }
    return join(how);
  }

  private static String deployment(Scenario s, StrategyType type) {
    DeploymentSpec dep = s.deployment();
    StringBuilder b = new StringBuilder("At ").append(d(dep.at())).append(", ").append(dep.version())
        .append(" is deployed with ").append(dep.strategy().type());
    if (type != null) {
      b.append(" (").append(type.description().models()).append(')');
      List<String> params = ParamFormat.phrases(type.description().params(), dep.strategy().params());
      if (!params.isEmpty()) {
        b.append(": ").append(String.join(", ", params));
      }
    } else if (!dep.strategy().params().asMap().isEmpty()) {
      b.append(' ').append(ParamFormat.untyped(dep.strategy().params()));
    }
    return b.append('.').toString();
  }

  private static String rollback(DeploymentSpec.RollbackSpec r, StrategyType type) {
    String onFailure;
    if (r.onFailure() != null) {
      onFailure = r.onFailure() ? "a failed deployment rolls back" : "a failed deployment does not roll back";
    } else {
      RollbackPolicy policy = type == null ? null : type.description().rollback();
      onFailure = policy == null || policy.handling() != RollbackPolicy.FailureHandling.CONFIGURABLE
          ? "a failure is handled by the platform's fixed behaviour"
          : policy.rollbackByDefault() ? "a failed deployment rolls back (the platform's default)"
              : "a failed deployment does not roll back (the platform's default)";
    }
    String onAlarms = r.onAlarms().isEmpty() ? "no alarm stops it"
        : r.onAlarms().size() == 1 ? "alarm " + r.onAlarms().get(0) + " stops and rolls it back"
            : "alarms " + join(r.onAlarms()) + " stop and roll it back";
    return "Rollback: " + onFailure + "; " + onAlarms + ".";
  }

  private static String alarm(AlarmSpec a) {
    String cmp = switch (a.comparison()) {
      case GREATER_THAN_THRESHOLD -> ">";
      case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> ">=";
      case LESS_THAN_THRESHOLD -> "<";
      case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> "<=";
    };
    return a.name() + " (" + a.statistic().key() + " of " + a.metric().key() + " " + cmp + " " + num(a.threshold())
        + " in " + a.datapointsToAlarm() + " of " + a.evaluationPeriods() + " periods of " + d(a.period()) + ")";
  }

  /** Route 53 records in words: their kind, each target with its weight or role and health check. */
  private static String records(List<DnsRecordSpec> records) {
    boolean failover = records.get(0).type() == DnsRecordSpec.Type.FAILOVER;
    List<String> each = new ArrayList<>();
    for (DnsRecordSpec r : records) {
      StringBuilder b = new StringBuilder();
      if (failover) {
        b.append(r.role()).append(' ').append(r.target());
      } else {
        b.append(r.target()).append(" (weight ").append(r.weight()).append(')');
      }
      if (r.healthCheck() != null) {
        b.append(" with a Route 53 health check every ").append(d(r.healthCheck().interval()))
            .append(" (failure threshold ").append(r.healthCheck().failureThreshold()).append(')');
      }
      if (r.evaluateTargetHealth()) {
        b.append(r.healthCheck() != null ? "," : "").append(" following its load balancer's health (evaluateTargetHealth)");
      }
      if (r.healthCheck() == null && !r.evaluateTargetHealth()) {
        b.append(" without a health check");
      }
      each.add(b.toString());
    }
    String rule = failover
        ? "Route 53 answers the PRIMARY while it is healthy, else the SECONDARY (the PRIMARY when both are unhealthy)"
        : "Route 53 answers each record in proportion to its weight among the healthy ones (all of them when none is)";
    return "The application's name has " + (failover ? "failover" : "weighted") + " records: " + join(each) + "; "
        + rule + ".";
  }

  /** The database: its engine, where its primary is, how it fails over and what that costs this run. */
  private static String database(DatabaseSpec db) {
    String where = (db.region() == null ? "" : " in region " + db.region() + ",")
        + (db.zone() == null ? "" : " in zone " + db.zone());
    StringBuilder b = new StringBuilder("The application writes to ").append(engine(db.engine())).append(" (")
        .append(db.engine().key()).append("), its primary").append(where)
        .append(": while it has no writable primary, every request fails. ");
    switch (db.engine()) {
      case RDS_SINGLE_AZ -> b.append("It has no standby: when the primary fails, it is down until the fault ends or a ")
          .append("restore from a backup completes after ").append(dist(db.restoreTime())).append(", which loses the last ")
          .append(d(db.rpo())).append(" of writes");
      case RDS_MULTI_AZ, RDS_MULTI_AZ_CLUSTER -> b.append("When the primary fails, ")
          .append(db.engine() == DatabaseSpec.Engine.RDS_MULTI_AZ ? "its standby in another zone"
              : "one of its two readable standbys")
          .append(" takes over after ").append(dist(db.failoverTime())).append(", losing no writes");
      case AURORA, AURORA_GLOBAL -> {
        if (db.replicas() > 0) {
          b.append("When the writer fails, ").append(db.replicas() == 1 ? "its Aurora replica is" : "one of its "
              + db.replicas() + " Aurora replicas is").append(" promoted after ").append(dist(db.failoverTime()))
              .append(", losing no writes");
        } else {
          b.append("It has no Aurora replica: when the writer fails, a new one is created after ")
              .append(dist(db.failoverTime()));
        }
      }
    }
    if (db.engine() == DatabaseSpec.Engine.AURORA_GLOBAL) {
      b.append("; when ").append(db.region() == null ? "its region" : db.region())
          .append(" goes down, the secondary cluster in ").append(db.secondaryRegion()).append(" is promoted after ")
          .append(dist(db.globalFailoverTime())).append(", losing the last ").append(d(db.rpo())).append(" of writes");
    } else if (db.regionalCopy() != null) {
      DatabaseSpec.RegionalCopy c = db.regionalCopy();
      boolean replica = c.kind() == DatabaseSpec.RegionalCopy.Kind.READ_REPLICA;
      b.append("; when ").append(db.region()).append(" goes down, ")
          .append(replica ? "its read replica in " + c.region() + " is promoted" : "its backups copied to "
              + c.region() + " are restored there")
          .append(" if the region is still out ").append(d(c.decideAfter())).append(" later (an operator's decision), ")
          .append("taking writes ").append(dist(c.time())).append(" after that and losing the last ")
          .append(d(c.lostWrites())).append(" of writes");
    } else if (db.region() != null) {
      b.append("; an outage of ").append(db.region()).append(" leaves it down until the region returns");
    }
    b.append(". The application caches the endpoint's address for ").append(d(db.endpointTtl()))
        .append(", so after a new primary takes over, requests reach it over that time.");
    return b.toString();
  }

  private static String engine(DatabaseSpec.Engine e) {
    return switch (e) {
      case RDS_SINGLE_AZ -> "an RDS Single-AZ DB instance";
      case RDS_MULTI_AZ -> "an RDS Multi-AZ DB instance";
      case RDS_MULTI_AZ_CLUSTER -> "an RDS Multi-AZ DB cluster";
      case AURORA -> "an Aurora DB cluster";
      case AURORA_GLOBAL -> "an Aurora Global Database";
    };
  }

  /** A fault in words, its time first: "at 20m, region us-east-1 goes down for 1h". */
  static String fault(FaultSpec f, DatabaseSpec db) {
    String at = "at " + d(f.at()) + ", ";
    if (f instanceof FaultSpec.ZoneOutage z) {
      boolean primary = db != null && z.zone().equals(db.zone())
          && (z.region() == null || db.region() == null || z.region().equals(db.region()));
      return at + "zone " + z.zone() + (z.region() == null ? "" : " of " + z.region()) + " goes down for " + d(z.duration()) + " (its instances fail and launches there fail"
          + (primary ? "; the database's primary is there" : "") + ")";
    }
    if (f instanceof FaultSpec.InstanceFailure i) {
      return at + i.count() + (i.count() == 1 ? " instance" : " instances") + which(i.version(), i.zone())
          + (i.count() == 1 ? " fails its" : " fail their") + " EC2 status checks";
    }
    if (f instanceof FaultSpec.LaunchFailures l) {
      return at + pct(l.probability()) + " of launch attempts fail for " + d(l.duration());
    }
    if (f instanceof FaultSpec.AgentFailure a) {
      String running = a.count() == 0 ? "" : "the OpsWorks agent stops on " + a.count()
          + (a.count() == 1 ? " instance" : " instances") + which(a.version(), a.zone())
          + " (the application keeps running)";
      String boots = a.bootWindow() <= 0 ? "" : "for " + d(a.bootWindow())
          + " the agent of every instance that boots does not start";
      return at + (running.isEmpty() ? boots : boots.isEmpty() ? running : running + ", and " + boots);
    }
    if (f instanceof FaultSpec.SlowBoots sb) {
      return at + "launches take " + num(sb.factor()) + "x as long for " + d(sb.duration());
    }
    if (f instanceof FaultSpec.RegionOutage r) {
      boolean primary = db != null && r.region().equals(db.region());
      return at + "region " + r.region() + " goes down for " + d(r.duration()) + " (its instances"
          + (primary ? ", load balancers and the database's primary" : " and load balancers") + " stop, launches there fail)";
    }
    if (f instanceof FaultSpec.DatabaseFailure df) {
      return at + "the database's primary fails for " + d(df.duration());
    }
    throw new IllegalArgumentException("no wording for fault type " + f.type());
  }

  /** " running v2 in zone a", or less. */
  private static String which(String version, String zone) {
    return (version == null ? "" : " running " + version) + (zone == null ? "" : " in zone " + zone);
  }

  // --- small helpers ---------------------------------------------------------------------------

  static String d(double seconds) {
    return seconds == Double.POSITIVE_INFINITY ? "never" : Durations.format(Math.round(seconds * 1000) / 1000.0);
  }

  /** A duration that may vary, in words: "40s", "between 20s and 40s", "45s typically, 1m30s at p95". */
  static String dist(Distribution x) {
    if (x instanceof Distribution.Constant c) {
      return d(c.value());
    }
    if (x instanceof Distribution.Uniform u) {
      return "between " + d(u.low()) + " and " + d(u.high());
    }
    if (x instanceof Distribution.Exponential e) {
      return d(e.meanValue()) + " on average (exponential)";
    }
    if (x instanceof Distribution.Normal n) {
      return d(n.mu()) + " on average (sd " + d(n.sigma()) + ")";
    }
    if (x instanceof Distribution.LogNormal l) {
      return d(l.median()) + " typically (" + d(l.p95()) + " at the 95th percentile)";
    }
    if (x instanceof Distribution.Triangular t) {
      return d(t.low()) + " to " + d(t.high()) + ", most often " + d(t.mode());
    }
    return x.describe();
  }

  static String num(double v) {
    return Numbers.upTo(v, 4);
  }

  static String pct(double fraction) {
    return Numbers.upTo(fraction * 100, 2) + "%";
  }

  /** "a", "a and b", "a, b and c" */
  static String join(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
