package dev.deploysim.strategies.eb;

import dev.deploysim.strategy.StrategyDescription;
import dev.deploysim.model.AutoScalingGroup;
import dev.deploysim.model.Environment;
import dev.deploysim.model.Instance;
import dev.deploysim.model.LifecycleState;
import dev.deploysim.control.Task;
import dev.deploysim.strategy.Deployment;
import dev.deploysim.result.Phase;
import dev.deploysim.scenario.Scenario;
import dev.deploysim.format.CountOrPercent;
import dev.deploysim.format.Problems;
import dev.deploysim.strategy.Strategy;
import dev.deploysim.format.StrategyParams;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Elastic Beanstalk RollingWithAdditionalBatch: before touching the existing instances, one extra
 * batch of new instances is launched into the environment's group with the new version and must
 * pass the health gate; then the existing instances are deployed batch by batch as in Rolling, so
 * serving capacity never drops below the baseline; at the end the group is brought back to its size.
 *
 * <p>Choices where AWS documents nothing: the group's maximum size is raised for the extra batch
 * when it has no room (and restored at the end); at the end the desired capacity is lowered by one
 * batch from what it is then (instances a scaling policy added meanwhile stay) and the group's
 * default termination policy picks which instances go (zone balance first); when the extra batch itself fails its instances are removed
 * again, which leaves the environment as it was ("minimal" impact); a later batch failing stops
 * the deployment as in Rolling, with the extra batch kept in service.
 */
public final class EbRollingAdditionalBatch extends EbStrategyType {

  public EbRollingAdditionalBatch() {
    super(new StrategyDescription("eb.rolling-additional-batch",
        "Elastic Beanstalk RollingWithAdditionalBatch",
        "launch one extra batch with the new version first, then deploy the existing instances batch by batch; full "
            + "capacity throughout; at the end the group's termination policy removes one batch (maxSize is raised for "
            + "the extra batch if needed); a failed extra batch is removed again",
        List.of(EbParams.BATCH_SIZE, EbParams.TIMEOUT, EbParams.IGNORE_HEALTH_CHECK, EbParams.ENHANCED_HEALTH,
            EbParams.HEALTH_CHECK_SUCCESS_THRESHOLD, EbParams.LAUNCHED_DURING_DEPLOYMENT),
        stopsWhereItFailed("a failed additional batch is removed again (the environment is as before); a later failed "
            + "batch stops the deployment with finished batches and the additional batch on the new version; nothing "
            + "is rolled back (outcome FAILED; onFailure may only be false)",
            "rolling deployments with an additional batch", "finished batches on the new version")));
  }

  @Override
  public void validate(StrategyParams params, Scenario scenario, Problems problems) {
    super.validate(params, scenario, problems);
    validateBatchSize(params, scenario, problems);
  }

  @Override
  public Strategy create(StrategyParams params) {
    EbParams.Settings settings = EbParams.Settings.of(params);
    CountOrPercent size = params.countOrPercent("batchSize");
    boolean newVersion = EbParams.launchesNewVersion(params);
    return d -> new Run(d, settings, size, newVersion).start();
  }

  private static final class Run {
    final Deployment d;
    final EbParams.Settings settings;
    final CountOrPercent size;
    final Environment env;
    final AutoScalingGroup group;
    final int baseline;
    final int origMin;
    final int origMax;
    final List<Instance> existing;
    final int perBatch;
    final List<List<Instance>> batches;
    final int total;
    final LaunchesDuringDeployment launches;

    Run(Deployment d, EbParams.Settings settings, CountOrPercent size, boolean newVersion) {
      this.d = d;
      this.settings = settings;
      this.size = size;
      this.env = d.environment();
      this.group = env.group();
      this.existing = group.inService();
      this.baseline = group.desired();
      this.origMin = group.minSize();
      this.origMax = group.maxSize();
      this.perBatch = EbParams.batchSize(size, existing.size());
      this.batches = RollingBatches.split(existing, perBatch);
      this.total = batches.size() + 1;
      this.launches = new LaunchesDuringDeployment(d, group, newVersion);
    }

    void start() {
      d.log("rolling deployment with an additional batch: " + perBatch + " new instance(s) first, then "
          + existing.size() + " existing instances in " + batches.size() + " batches of " + perBatch
          + " (" + EbParams.describeBatchSize(size) + "), command timeout " + settings.describeTimeout());
      String label = "batch 1 of " + total + " (additional)";
      d.phase(label + ": launch " + perBatch + " instance(s)", Phase.Kind.DEPLOY);
      double deadline = d.now() + settings.effectiveTimeout();
      int want = baseline + perBatch;
      int max = Math.max(origMax, want);
      if (max > origMax) {
        d.log("raising " + group.name() + " maximum size " + origMax + " -> " + max
            + " for the additional batch (restored at the end)");
      }
      Set<Instance> before = new HashSet<>(group.members());
      before.removeIf(i -> i.state().isWarmPool()); // a warm start of a pool instance is part of the extra batch
      // the extra batch boots with the version being deployed; any other launch keeps the last
      // successful version, so the group's launch version is switched only for this one launch
      d.log("the additional batch boots with " + d.toVersion() + "; any other instance the group launches during "
          + "the deployment gets " + launches.duringVersion());
      group.setLaunchVersion(d.toVersion());
      group.updateSizes(origMin, max, want);
      d.sleep(0).thenRun(() -> group.setLaunchVersion(launches.duringVersion()));
      Task launched = d.world().until(d.scope(), () -> extra(before).size() >= perBatch
              && extra(before).stream().allMatch(i -> i.state() == LifecycleState.IN_SERVICE),
          null, Math.max(0, deadline - d.now()), perBatch + " additional instances InService");
      launched.whenDone(t -> {
        if (t.isFailed()) {
          failExtra(label, before, "timeout", "the additional batch did not launch within the command timeout: " + t.failure());
          return;
        }
        List<Instance> extra = extra(before);
        d.phase(label + ": wait for health", Phase.Kind.WAIT);
        d.log(label + ": " + RollingBatches.names(extra) + " InService with " + d.toVersion()
            + "; waiting for " + settings.health().describe());
        EnhancedHealth.Gate gate = EnhancedHealth.await(d.world(), d.scope(), env.targetGroup(), extra,
            settings.health(), deadline);
        gate.task().whenDone(h -> {
          if (h.succeeded()) {
            d.log(label + ": healthy");
            deployExisting();
          } else if (settings.ignoreHealthCheck()) {
            d.log(label + ": not healthy within the command timeout (" + h.failure()
                + "); IgnoreHealthCheck is set, so the deployment carries on");
            deployExisting();
          } else {
            failExtra(label, before, gate.detectedBy(), label + " did not pass the health gate within the command "
                + "timeout "
                + settings.describeTimeout() + ": " + h.failure());
          }
        });
      });
    }

    /** Instances of the group that were not there when the deployment started. */
    List<Instance> extra(Set<Instance> before) {
      List<Instance> out = new ArrayList<>();
      for (Instance i : group.members()) {
        // launches of a scaling policy meanwhile boot with another version: not part of the batch
        if (!before.contains(i) && !i.state().isTerminating() && !i.state().isWarmPool()
            && d.toVersion().equals(i.effectiveVersion())) {
          out.add(i);
        }
      }
      return out;
    }

    void failExtra(String label, Set<Instance> before, String detectedBy, String why) {
      d.detected(detectedBy);
      d.phase(label + ": remove the additional batch", Phase.Kind.CLEANUP);
      List<Instance> extra = extra(before);
      d.log("the additional batch failed before any existing instance was touched; terminating "
          + RollingBatches.names(extra) + " (" + group.name() + " down by " + extra.size() + " instances)");
      List<Task> gone = new ArrayList<>();
      for (Instance i : extra) {
        gone.add(group.terminate(d.scope(), i, true));
      }
      // terminate(.., true) lowers the desired capacity by one per instance; launches still pending
      // for the batch (desired capacity no instance stands for yet) are taken back as well
      int standing = 0;
      for (Instance i : group.members()) {
        if (i.state().countsTowardDesired() && !extra.contains(i)) {
          standing++;
        }
      }
      int target = Math.max(origMin, Math.min(group.desired(), standing));
      if (group.desired() != target) {
        group.updateSizes(Math.min(origMin, target), Math.max(origMax, target), target);
      }
      Task.all(d.scope(), gone).then(() -> awaitSize(target)).whenDone(t -> {
        restoreMax();
        d.failed(why);
      });
    }

    void deployExisting() {
      RollingBatches rolling = RollingBatches.start(d, settings, env, batches, 1, total);
      rolling.task().whenDone(t -> {
        if (t.isFailed()) {
          if (rolling.detectedBy() != null) {
            d.detected(rolling.detectedBy());
          }
          d.log("deployment stopped with no rollback: the additional batch, " + rolling.finishedBatches()
              + " finished batch(es) and the failed batch run " + d.toVersion() + ", the rest keep "
              + d.fromVersion() + "; the additional batch stays in service");
          launches.failed();
          d.failed(t.failure());
          return;
        }
        group.setLaunchVersion(d.toVersion());
        d.phase("remove the additional batch", Phase.Kind.CLEANUP);
        // one batch comes off whatever the desired capacity is now: instances a scaling policy added
        // during the deployment stay (the group started at the baseline)
        int target = Math.max(origMin, group.desired() - perBatch);
        d.log("every instance the deployment started with runs " + d.toVersion() + "; lowering " + group.name()
            + " desired capacity " + group.desired() + " -> " + target + " (the group's termination policy picks the "
            + (group.desired() - target) + " instance(s) to remove)");
        group.updateSizes(origMin, Math.max(origMax, group.desired()), target);
        awaitSize(target).whenDone(x -> {
          restoreMax();
          launches.succeeded();
          d.succeeded();
        });
      });
    }

    /** Completes when the group has at most {@code target} instances and nothing is terminating. */
    Task awaitSize(int target) {
      return d.world().until(d.scope(), () -> {
        int n = 0;
        for (Instance i : group.members()) {
          if (i.state().isTerminating()) {
            return false;
          }
          if (!i.state().isWarmPool()) {
            n++;
          }
        }
        return n <= target;
      }, null, Double.POSITIVE_INFINITY, group.name() + " down to " + target + " instances");
    }

    void restoreMax() {
      if ((group.maxSize() != origMax || group.minSize() != origMin) && group.desired() <= origMax
          && group.desired() >= origMin) {
        group.updateSizes(origMin, origMax, group.desired());
        d.log(group.name() + " maximum size restored to " + origMax);
      }
    }
  }
}
