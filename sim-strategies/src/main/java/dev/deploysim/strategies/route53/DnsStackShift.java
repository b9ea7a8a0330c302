package dev.deploysim.strategies.route53;

import dev.deploysim.control.Scope;
import dev.deploysim.control.Task;
import dev.deploysim.engine.Durations;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.DnsRecords;
import dev.deploysim.model.Endpoint;
import dev.deploysim.model.Environment;
import dev.deploysim.model.GroupSettings;
import dev.deploysim.model.LoadBalancer;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.scenario.DnsSpec;
import dev.deploysim.strategy.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of two stacks behind Route 53 weighted records (route53.weighted, and opsworks.blue-green
 * with OpsWorks stacks): blue is the scenario's environment, green a second stack with the new
 * version; weights move step by step and clients follow as their cached answers expire (see
 * {@link Route53Weighted} and docs/platforms/route53.md). Subclasses change how a stack is created
 * and deleted.
 */
public class DnsStackShift extends StackShift {
  protected final Environment blue;
  protected Environment green;
  /** Route 53 health on the records; {@link RecordHealth#any()} false: the records as before. */
  protected final RecordHealth health;
  /** The deployment's own records once the first step set them (only with health on the records). */
  protected DnsRecords records;

  public DnsStackShift(Deployment d, List<ShiftSteps.Step> steps, double timeout, double terminateOldAfter,
      RecordHealth health) {
    super(d, steps, timeout, terminateOldAfter);
    this.blue = d.environment();
    this.health = health;
  }

  @Override
  protected final void createNewStack(int n) {
    green = createGreen(n);
    d.log(recordsNote());
  }

  /** What the name gets for the two stacks (logged when the new stack is created). */
  protected String recordsNote() {
    return "the application's name gets weighted records for " + blue.loadBalancer().name() + " and "
        + green.loadBalancer().name() + healthNote();
  }

  /** " with ..." saying how Route 53 judges the records' health; empty without health on them. */
  protected String healthNote() {
    if (!health.any()) {
      return "";
    }
    String what = health.check() == null ? "" : "a Route 53 health check on each (every "
        + Durations.format(health.check().interval()) + ", failure threshold " + health.check().failureThreshold() + ")";
    if (health.evaluateTargetHealth()) {
      what += (what.isEmpty() ? "" : " and ") + "evaluate target health";
    }
    return " with " + what + ": a record that turns unhealthy leaves the answer";
  }

  /** The deployment's records, created the first time the pipeline sets them. */
  protected DnsRecords records() {
    if (records == null) {
      records = world.dns().deploymentRecords(health.check(), health.evaluateTargetHealth());
      records.onUnhealthy(lb -> {
        if (lb == green.loadBalancer() && !d.isFinished()) {
          d.detected("Route 53 (" + lb.name() + "'s record unhealthy)");
        }
      });
    }
    return records;
  }

  /** The records once only {@code stack} is left (the other stack's record and health check go). */
  protected void recordsOnly(Environment stack) {
    Map<LoadBalancer, Integer> w = new LinkedHashMap<>();
    w.put(stack.loadBalancer(), 100);
    records.weights(w);
  }

  @Override
  protected boolean pipelineWatchesTargets() {
    return !health.any();
  }

  @Override
  protected String newStackFailing() {
    if (records == null || records.isHealthy(green.loadBalancer())) {
      return null;
    }
    return "the new stack's record (" + green.loadBalancer().name() + ") is unhealthy in Route 53 at the end of the "
        + "shift: the pipeline does not remove the old stack";
  }

  /** Creates the new stack: its own load balancer, target group and group of {@code n} new instances. */
  protected Environment createGreen(int n) {
    AutoScalingGroup g = blue.group();
    GroupSettings gs = g.settings().withSizes(g.minSize(), g.maxSize(), n);
    Environment e = world.createEnvironment("green", gs, d.toVersion());
    d.log("second stack green: load balancer " + e.loadBalancer().name() + " and group " + e.group().name());
    return e;
  }

  /** Deletes a stack (its load balancer, then its group); completes when it is gone. */
  protected Task deleteStack(Scope scope, Environment stack) {
    stack.loadBalancer().delete();
    // once the routing has seen the deletion, no target is in the middle of a request: no draining
    return scope.sleep(0).then(() -> stack.group().delete(scope));
  }

  @Override
  protected AutoScalingGroup newGroup() {
    return green.group();
  }

  @Override
  protected TargetGroup newTargetGroup() {
    return green.targetGroup();
  }

  @Override
  protected AutoScalingGroup oldGroup() {
    return blue.group();
  }

  @Override
  protected void route(int percent) {
    if (health.any()) {
      Map<LoadBalancer, Integer> w = new LinkedHashMap<>();
      w.put(blue.loadBalancer(), 100 - percent);
      w.put(green.loadBalancer(), percent);
      records().weights(w);
      return;
    }
    Map<Endpoint, Integer> w = new LinkedHashMap<>();
    w.put(blue.loadBalancer(), 100 - percent);
    w.put(green.loadBalancer(), percent);
    world.dns().setWeights(w);
  }

  @Override
  protected String routingNote() {
    DnsSpec dns = d.scenario().dns();
    String note = (health.any() ? healthRouting() + "; " : "")
        + "clients follow as their cached answers expire, most within the TTL " + Durations.format(dns.ttl());
    if (dns.staleClientFraction() > 0) {
      note += ", " + percent(dns.staleClientFraction()) + " of them only after up to "
          + Durations.format(dns.lastOldAnswerAge());
    }
    return note;
  }

  /** How Route 53 picks among the records when they have health (for the log). */
  protected String healthRouting() {
    return "Route 53 answers with the healthy records only";
  }

  private double greenShare() {
    return world.dns().shares(world.now()).getOrDefault(green.loadBalancer(), 0.0);
  }

  @Override
  protected Task trafficBack(Scope scope) {
    d.log("the rollback ends when the new stack gets less than " + percent(Route53Weighted.ROLLBACK_END_SHARE)
        + " of the requests");
    return world.until(scope, () -> green == null || greenShare() < Route53Weighted.ROLLBACK_END_SHARE, null,
        Double.POSITIVE_INFINITY, "clients to leave the new stack");
  }

  @Override
  protected void oldStackNote() {
    DnsSpec dns = d.scenario().dns();
    double stale = dns.lastOldAnswerAge();
    if (dns.staleClientFraction() > 0 && terminateOldAfter < stale) {
      d.log("note: terminateOldAfter " + Durations.format(terminateOldAfter) + " is shorter than "
          + "dns.staleClientMaxAge " + Durations.format(stale) + ": clients with stale answers will fail");
    }
  }

  @Override
  protected Task removeOldStack(Scope scope) {
    d.log("deleting the old stack: load balancer " + blue.loadBalancer().name() + " and group "
        + blue.group().name());
    if (records != null) {
      recordsOnly(green);
    }
    return deleteStack(scope, blue);
  }

  @Override
  protected void removeNewStack(Scope scope) {
    if (green == null) {
      return;
    }
    // the pipeline deletes the new stack once no client can still hold an answer that names it
    world.until(scope, () -> greenShare() <= 0, null, Double.POSITIVE_INFINITY, "no client to hold the new stack")
        .whenDone(t -> {
          d.log("no client holds an answer with " + green.loadBalancer().name() + " any more: deleting the new "
              + "stack");
          if (records != null) {
            recordsOnly(blue);
          }
          deleteStack(scope, green);
        });
  }

  private static String percent(double share) {
    double p = 100 * share;
    return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
  }
}
