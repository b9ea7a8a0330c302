package dev.deploysim.cli.output;

import dev.deploysim.cli.text.Numbers;
import dev.deploysim.cli.text.ParamFormat;
import dev.deploysim.engine.Distribution;
import dev.deploysim.engine.Durations;
import dev.deploysim.scenario.AlarmSpec;
import dev.deploysim.scenario.DeploymentSpec;
import dev.deploysim.scenario.FaultSpec;
import dev.deploysim.scenario.FleetSpec;
import dev.deploysim.scenario.LifecycleHookSpec;
import dev.deploysim.scenario.LoadBalancerSpec;
import dev.deploysim.scenario.Scenario;
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
    FleetSpec f = s.fleet();
    if (f != null) {
      sentences.add(fleet(f));
    }
    if (s.loadBalancer() != null && f != null) {
      sentences.add(loadBalancer(s.loadBalancer()));
    }
    if (usesDns && s.dns() != null) {
      sentences.add("DNS answers have a TTL of " + d(s.dns().ttl()) + "; "
          + pct(s.dns().staleClientFraction()) + " of clients keep a cached answer for up to "
          + d(s.dns().staleClientMaxAge()) + ".");
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
        faults.add(fault(x));
      }
      sentences.add("Injected faults: " + join(faults) + ".");
    }
    String end = s.horizonSeconds() == null
        ? "the run ends " + d(Scenario.COOL_DOWN_SECONDS) + " after the deployment"
        : "the run ends at " + d(s.horizonSeconds());
    sentences.add("Seed " + s.seed() + "; " + end + ".");
    return String.join(" ", sentences);
  }

  private static String fleet(FleetSpec f) {
    StringBuilder b = new StringBuilder("The fleet is an Auto Scaling group of ")
        .append(f.instances()).append(f.instances() == 1 ? " instance" : " instances");
    if (f.minSize() != f.instances() || f.maxSize() != f.instances()) {
      b.append(" (min ").append(f.minSize()).append(", max ").append(f.maxSize()).append(')');
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

  private static String loadBalancer(LoadBalancerSpec lb) {
    LoadBalancerSpec.HealthCheckSpec h = lb.healthCheck();
    StringBuilder b = new StringBuilder("An ").append(lb.type()).append(" checks each target every ")
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

  private static String fault(FaultSpec f) {
    if (f instanceof FaultSpec.ZoneOutage z) {
      return "zone " + z.zone() + " goes down at " + d(z.at()) + " for " + d(z.duration());
    }
    if (f instanceof FaultSpec.InstanceFailure i) {
      String which = (i.version() == null ? "" : " running " + i.version()) + (i.zone() == null ? "" : " in zone " + i.zone());
      return i.count() + (i.count() == 1 ? " instance" : " instances") + which + " fail at " + d(i.at());
    }
    if (f instanceof FaultSpec.LaunchFailures l) {
      return "launches fail with probability " + num(l.probability()) + " from " + d(l.at()) + " for " + d(l.duration());
    }
    if (f instanceof FaultSpec.AgentFailure a) {
      String which = (a.version() == null ? "" : " running " + a.version()) + (a.zone() == null ? "" : " in zone " + a.zone());
      String running = a.count() == 0 ? "" : "the agent stops on " + a.count()
          + (a.count() == 1 ? " instance" : " instances") + which + " at " + d(a.at());
      String boots = a.bootWindow() <= 0 ? "" : "agents do not start on instances booting from " + d(a.at()) + " for "
          + d(a.bootWindow());
      return running.isEmpty() ? boots : boots.isEmpty() ? running : running + "; " + boots;
    }
    if (f instanceof FaultSpec.SlowBoots sb) {
      return "boots take " + num(sb.factor()) + "x as long from " + d(sb.at()) + " for " + d(sb.duration());
    }
    return f.toString();
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
