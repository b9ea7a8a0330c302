package dev.deploysim.strategies.eb;

import dev.deploysim.engine.Durations;
import dev.deploysim.model.Environment;
import dev.deploysim.model.Instance;
import dev.deploysim.control.Task;
import dev.deploysim.model.TargetGroup;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic Beanstalk's rolling procedure for existing instances, batch after batch: detach the
 * batch from the load balancer (draining), deploy the new version, reattach, and wait until every
 * instance of the batch is healthy, all within the command timeout. A batch that is not healthy by
 * then fails the deployment, or with IgnoreHealthCheck the next batch starts anyway.
 *
 * <p>Which instances go into which batch is not documented; we take them zone by zone in turn (a,
 * b, c, a, b, c ...) so each batch removes capacity from as many zones as it can, not from one.
 */
final class RollingBatches {
  private final Deployment d;
  private final EbParams.Settings settings;
  private final Environment env;
  private final List<List<Instance>> batches;
  private final int numberOffset;
  private final int total;
  private final Task done;
  private String detectedBy;
  private int failedBatch = -1;
  private int finished;

  private RollingBatches(Deployment d, EbParams.Settings settings, Environment env, List<List<Instance>> batches,
      int numberOffset, int total) {
    this.d = d;
    this.settings = settings;
    this.env = env;
    this.batches = batches;
    this.numberOffset = numberOffset;
    this.total = total;
    this.done = new Task(d.scope());
  }

  /**
   * Starts deploying {@code batches}; they are numbered from {@code numberOffset + 1} out of
   * {@code total} in phases and logs.
   */
  static RollingBatches start(Deployment d, EbParams.Settings settings, Environment env,
      List<List<Instance>> batches, int numberOffset, int total) {
    RollingBatches r = new RollingBatches(d, settings, env, batches, numberOffset, total);
    r.next(0);
    return r;
  }

  /** Completes when every batch is done; fails at the first batch that fails. */
  Task task() {
    return done;
  }

  /** "health checks" or "timeout" after a failure caused by the new version; null otherwise. */
  String detectedBy() {
    return detectedBy;
  }

  /** Batches that were deployed and passed (or, with IgnoreHealthCheck, timed out). */
  int finishedBatches() {
    return finished;
  }

  /** 1-based number of the batch that failed, or -1. */
  int failedBatch() {
    return failedBatch;
  }

  /** Splits instances into batches of {@code size}, taking the zones in turn. */
  static List<List<Instance>> split(List<Instance> instances, int size) {
    Map<String, List<Instance>> byZone = new LinkedHashMap<>();
    for (Instance i : instances) {
      byZone.computeIfAbsent(i.zone(), z -> new ArrayList<>()).add(i);
    }
    List<Instance> order = new ArrayList<>();
    for (int k = 0; order.size() < instances.size(); k++) {
      for (List<Instance> zone : byZone.values()) {
        if (k < zone.size()) {
          order.add(zone.get(k));
        }
      }
    }
    List<List<Instance>> out = new ArrayList<>();
    for (int from = 0; from < order.size(); from += size) {
      out.add(List.copyOf(order.subList(from, Math.min(order.size(), from + size))));
    }
    return out;
  }

  static String names(List<Instance> instances) {
    List<String> n = new ArrayList<>();
    for (Instance i : instances) {
      n.add(i.name());
    }
    return String.join(", ", n);
  }

  private void next(int k) {
    if (k == batches.size()) {
      done.succeed();
      return;
    }
    List<Instance> batch = new ArrayList<>();
    for (Instance i : batches.get(k)) {
      if (!i.isTerminated() && !i.state().isTerminating()) {
        batch.add(i);
      }
    }
    int number = numberOffset + k + 1;
    String label = "batch " + number + " of " + total;
    if (batch.isEmpty()) {
      d.log(label + ": its instances are gone, nothing to deploy");
      finished++;
      next(k + 1);
      return;
    }
    TargetGroup tg = env.targetGroup();
    double deadline = d.now() + settings.effectiveTimeout();
    d.phase(label + ": deploy", Phase.Kind.DEPLOY);
    d.log(label + ": detaching " + names(batch) + " from " + tg.name()
        + (tg.deregistrationDelay() > 0 ? " (draining up to " + Durations.format(tg.deregistrationDelay()) + ")" : ""));
    Task deployed = tg.deregister(d.scope(), batch)
        .then(() -> {
          d.log(label + ": deploying " + d.toVersion() + " to " + names(batch));
          return d.world().install(d.scope(), batch, d.toVersion());
        })
        .thenRun(() -> {
          for (Instance i : batch) {
            if (!i.isTerminated()) {
              tg.register(i);
            }
          }
          d.log(label + ": reattached to " + tg.name() + "; waiting for " + settings.health().describe());
          d.phase(label + ": wait for health", Phase.Kind.WAIT);
        });
    deployed.whenDone(t -> {
      if (t.isFailed()) {
        failedBatch = number;
        done.fail(label + ": " + t.failure());
        return;
      }
      EnhancedHealth.Gate gate = EnhancedHealth.await(d.world(), d.scope(), tg, batch, settings.health(), deadline);
      gate.task().whenDone(h -> {
        if (h.succeeded()) {
          d.log(label + ": healthy");
          finished++;
          next(k + 1);
        } else if (settings.ignoreHealthCheck()) {
          d.log(label + ": not healthy within the command timeout " + settings.describeTimeout() + " ("
              + h.failure() + "); IgnoreHealthCheck is set, so the deployment carries on");
          finished++;
          next(k + 1);
        } else {
          failedBatch = number;
          detectedBy = gate.detectedBy();
          done.fail(label + " did not pass the health gate within the command timeout "
              + settings.describeTimeout() + ": " + h.failure());
        }
      });
    });
  }
}
