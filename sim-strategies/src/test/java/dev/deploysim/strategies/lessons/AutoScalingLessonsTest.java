package dev.deploysim.strategies.lessons;

import static dev.deploysim.strategies.lessons.Lessons.duration;
import static dev.deploysim.strategies.lessons.Lessons.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimeSeries;
import org.junit.jupiter.api.Test;

/** Auto Scaling lessons: warm pools, lifecycle hooks, a group of one. */
class AutoScalingLessonsTest {

  /**
   * "A warm pool gives you the ability to decrease latency for your applications that have
   * exceptionally long boot times": the additional batch starts from the pool.
   */
  @Test
  void aWarmPoolSavesTheBootTime() {
    Summary with = run("asg-warm-pool-with.yaml");
    Summary without = run("asg-warm-pool-without.yaml");
    assertThat(with.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(without.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // the 8-minute boot is replaced by a 15 s start of a stopped instance: 465 s saved
    assertThat(duration(without) - duration(with)).isCloseTo(480.0 - 15.0, within(1.0));
  }

  /** "asg lifecycle hook (1hr only)": a launch hook nobody completes holds the instance for an hour. */
  @Test
  void aLaunchHookNobodyCompletesHoldsNewInstancesPastTheDeploymentsTimeout() {
    Summary never = run("asg-launch-hook-never.yaml");
    assertThat(never.outcome()).isEqualTo(Outcome.FAILED);
    // Elastic Beanstalk's command timeout: 600 s + 240 s
    assertThat(duration(never)).isEqualTo(840.0);
    assertThat(never.traffic().requestsServedByNewVersion()).isZero();
    assertThat(Lessons.result("asg-launch-hook-never.yaml").timeline())
        .anyMatch(e -> e.message().contains("Pending:Wait") && e.message().contains("heartbeat timeout 1h"));
    Summary completed = run("asg-launch-hook-completed.yaml");
    assertThat(completed.outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  /** "AutoScaling with a min & max of 1 ... makes the instance auto-redeploy if it dies". */
  @Test
  void aGroupOfOneReplacesItsInstance() {
    RunResult r = Lessons.result("asg-single-instance.yaml");
    TimeSeries ts = r.timeSeries();
    double[] time = ts.series("time");
    double[] inService = ts.series("inServiceInstances");
    boolean down = false;
    boolean back = false;
    for (int i = 0; i < time.length && time[i] < 15 * 60; i++) {
      if (time[i] > 120 && inService[i] == 0) {
        down = true;
      }
      if (down && inService[i] == 1) {
        back = true;
      }
    }
    assertThat(down).as("the instance fails at 2m").isTrue();
    assertThat(back).as("a replacement serves before the deployment at 15m").isTrue();
    Summary s = r.summary();
    // the replacement: a launch (median 45 s) + install 30 s + start 10 s, with nothing serving
    assertThat(s.traffic().downtimeSeconds()).isBetween(40.0, 300.0);
    // 50 requests/s fail while nothing serves
    assertThat(s.traffic().failedRequests()).isCloseTo(Math.round(50 * s.traffic().downtimeSeconds()), within(50L));
  }

  /**
   * Instance refresh with its defaults: MinHealthyPercentage 90 of 6 rounds up to 6, so one instance
   * at a time, each counted ready only after the warm-up (the grace period, 300 s).
   */
  @Test
  void anInstanceRefreshWithItsDefaultsReplacesOneInstanceAtATimeAndWaitsTheGracePeriod() {
    Summary s = run("instance-refresh-defaults.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(6 - 1);
    // 6 sets x (install 30 s + start 10 s + warm-up 300 s), plus each launch (median 45 s, p95 90 s)
    assertThat(duration(s)).isBetween(6 * (30.0 + 10 + 300), 6 * (30.0 + 10 + 300 + 120));
  }

  /**
   * "Terminating:Wait lifecycle hook to collect instance data (e.g. logs) before final
   * termination": a scale-in from 6 to 4 at 2 minutes; the leaving instances drain (20 s), then wait
   * for the hook (completed after 3 minutes) while still running.
   */
  @Test
  void aTerminateHookKeepsLeavingInstancesRunningButNotServing() {
    RunResult r = Lessons.result("asg-terminate-hook.yaml");
    // from 120 s + 20 s of draining to 140 s + 180 s = 320 s: 4 serve, 6 run
    for (double t = 145; t < 315; t += 5) {
      assertThat(Lessons.valueAt(r, "inServiceInstances", t)).as("in service at %s s", t).isEqualTo(4.0);
      assertThat(Lessons.valueAt(r, "runningInstances", t)).as("running at %s s", t).isEqualTo(6.0);
    }
    assertThat(Lessons.valueAt(r, "runningInstances", 325)).isEqualTo(4.0);
    assertThat(r.timeline()).anyMatch(e -> e.message().contains("Terminating:Wait"));
  }
}
