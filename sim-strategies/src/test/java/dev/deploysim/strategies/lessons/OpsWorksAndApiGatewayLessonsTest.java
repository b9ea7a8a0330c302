package dev.deploysim.strategies.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Phase;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimelineEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lessons 42-47 (scenarios/lessons/README.md): AWS OpsWorks Stacks (docs/platforms/opsworks.md) and
 * API Gateway canaries (docs/platforms/apigateway.md). The OpsWorks files: 4 instances of 100
 * requests/s, 200 requests/s, boot 60 s, Setup 180 s, install 30 s and start 10 s, an ALB checking
 * every 10 s with 20 s of draining.
 */
class OpsWorksAndApiGatewayLessonsTest {
  static final double BOOT = 60;
  static final double SETUP = 180;
  static final double APP = 30 + 10;
  static final double DRAIN = 20;
  static final double SHUTDOWN = 10;

  static List<TimelineEvent> events(RunResult r, String text) {
    return r.timeline().stream().filter(e -> e.message().contains(text)).toList();
  }

  static double firstShift(RunResult r) {
    return r.phases().stream().filter(p -> p.kind() == Phase.Kind.SHIFT).findFirst().orElseThrow().start();
  }

  @Test
  void lesson42AnOpsWorksStackServesSetupTimeLaterThanABakedOne() {
    RunResult ow = Lessons.result("opsworks-boot.yaml", "opsworks.blue-green");
    RunResult baked = Lessons.result("opsworks-boot.yaml", "route53.weighted");
    assertThat(firstShift(ow) - firstShift(baked)).isCloseTo(SETUP, within(1e-9));
    // the clone's instances are online at 300 + 60 + 180 + 40 = 580 s (9m40s)
    assertThat(events(ow, "online in green")).extracting(TimelineEvent::time).containsOnly(300 + BOOT + SETUP + APP);
    // in all, 180 s of Setup plus the old stack's Shutdown event at its deletion (20 s draining + 10 s)
    assertThat(Lessons.duration(ow.summary()) - Lessons.duration(baked.summary()))
        .isCloseTo(SETUP + DRAIN + SHUTDOWN, within(1e-6));
  }

  @Test
  void lesson43HealingAfterFiveSilentMinutesAndConfigureOnEveryChange() {
    RunResult r = Lessons.result("opsworks-configure-healing.yaml");
    // agent stops at 120 s; checks every 60 s; healed when silent 300 s: 420 s
    assertThat(events(r, "auto healing")).extracting(TimelineEvent::time).containsExactly(120 + 300.0);
    double stopped = 420 + DRAIN + SHUTDOWN;
    assertThat(events(r, "went offline) on 3 online")).extracting(TimelineEvent::time).containsExactly(stopped);
    assertThat(events(r, "came online) on 4 online")).extracting(TimelineEvent::time)
        .containsExactly(stopped + BOOT + SETUP + APP);
    // 3 instances carry 200 requests/s meanwhile: nothing fails before the deployment at 20m
    assertThat(r.timeSeries().size()).isPositive();
    for (int i = 0; i < r.timeSeries().size(); i++) {
      if (r.timeSeries().value(i, "time") < 1200) {
        assertThat(r.timeSeries().value(i, "failedRps")).isZero();
      }
    }
  }

  @Test
  void lesson44InstancesWithoutAnAgentNeverComeOnline() {
    Summary s = Lessons.run("opsworks-agent-never-starts.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // the pipeline's 10-minute timeout from 300 s
    assertThat(s.rollback().startSeconds()).isEqualTo(300 + 600.0);
    assertThat(s.traffic().failedRequests()).isZero();
    // 4 clone instances billed from their launch at 300 s to the rollback at 900 s: 4 x 600 s
    assertThat(s.cost().extraInstanceHours()).isCloseTo(4 * 600 / 3600.0, within(0.01));
  }

  @Test
  void lesson45LoadAndTimeBasedInstances() {
    RunResult r = Lessons.result("opsworks-time-load-based.yaml");
    // 380 requests/s on 4 x 100 from 600 s: CPU 95% > 80% from the period starting at 600 s; after
    // thresholdsWaitTime 5m one instance starts (900 s); with 5, 380 / 500 = 76% < 80%: no other
    assertThat(events(r, "load-based instance(s)")).extracting(TimelineEvent::time).containsExactly(900.0);
    // time-based: hours 1-8 UTC; the schedule is applied every 2 minutes: at 3600 s
    assertThat(events(r, "time-based instance(s)")).extracting(TimelineEvent::time).containsExactly(3600.0);
    assertThat(r.summary().finalVersions()).containsEntry("v2", 4 + 1 + 2);
  }

  @Test
  void lesson47ApiGatewayPromotesABadCanaryItsCacheHalves() {
    Summary s = Lessons.run("apigateway-canary-cache.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // canary (120-720 s): 10% of 200/s, half from the cache, 20% of the rest fail: 2/s x 600 s;
    // promoted (720-900 s): 200/s, half from the cache, 20% fail: 20/s x 180 s
    long canary = Math.round(200 * 0.10 * 0.5 * 0.2 * 600);
    long promoted = Math.round(200 * 0.5 * 0.2 * 180);
    assertThat(canary).isEqualTo(1_200);
    assertThat(promoted).isEqualTo(3_600);
    assertThat(s.traffic().failedRequests()).isEqualTo(canary + promoted);
  }
}
