package dev.deploysim.strategies.lessons;

import static dev.deploysim.strategies.lessons.Lessons.duration;
import static dev.deploysim.strategies.lessons.Lessons.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The notes' claims about the Elastic Beanstalk deployment policies, on the lesson files' system: 6
 * instances of 100 requests/s in 3 zones, an ALB with Elastic Beanstalk's settings (checks every
 * 15 s, one passing check for a new target, 20 s of draining), install 30 s, start 10 s, enhanced
 * health (12 OK reports 10 s apart = 120 s per health gate).
 */
class ElasticBeanstalkLessonsTest {
  static final String POLICIES = "eb-policies.yaml";

  /** "All at once - fastest, but causes downtime". */
  @Test
  void allAtOnceIsFastestAndHasDowntime() {
    Summary aao = run(POLICIES, "eb.all-at-once");
    // install 30 s + start 10 s + 120 s health gate = 160 s
    assertThat(duration(aao)).isEqualTo(160.0);
    assertThat(aao.capacity().minInServiceInstances()).isZero();
    // every instance restarts at once: 30 s install + 10 s start with nothing serving
    assertThat(aao.traffic().downtimeSeconds()).isCloseTo(40.0, within(1.0));
    assertThat(aao.traffic().failedRequests()).isGreaterThan(0);
  }

  /** "... all remaining options have zero downtime", and every one is slower than all at once. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"eb.rolling", "eb.rolling-additional-batch", "eb.immutable", "eb.traffic-splitting",
    "eb.blue-green"})
  void everyOtherPolicyIsSlowerAndHasNoDowntime(String type) {
    Summary s = run(POLICIES, type);
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(duration(s)).isGreaterThan(duration(run(POLICIES, "eb.all-at-once")));
    assertThat(s.traffic().downtimeSeconds()).isZero();
    assertThat(s.traffic().failedRequests()).isZero();
  }

  /** "Rolling - still uses batches": capacity drops by exactly one batch. */
  @Test
  void rollingLosesOneBatchOfCapacity() {
    Summary s = run(POLICIES, "eb.rolling");
    // 6 instances, batches of 2: 4 stay in service
    assertThat(s.capacity().minInServiceInstances()).isEqualTo(4);
    // 3 batches x (drain 20 s + install 30 s + start 10 s + 120 s health gate) = 540 s
    assertThat(duration(s)).isEqualTo(540.0);
    assertThat(s.capacity().peakInstances()).isEqualTo(6);
  }

  /**
   * "Rolling with additional batch - to maintain full capacity during deploy"; immutable, traffic
   * splitting and blue/green keep it too, by launching new instances first.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"eb.rolling-additional-batch", "eb.immutable", "eb.traffic-splitting", "eb.blue-green"})
  void policiesThatLaunchFirstNeverDropBelowTheBaseline(String type) {
    Summary s = run(POLICIES, type);
    assertThat(s.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(s.capacity().baselineInstances());
    assertThat(s.capacity().peakInstances()).isGreaterThan(6);
  }

  /** Running hot (550 of 600 requests/s), the batch that rolling takes out is a real outage for some. */
  @Test
  void rollingUnderLoadFailsRequestsAndAnAdditionalBatchDoesNot() {
    Summary rolling = run("eb-rolling-hot.yaml");
    assertThat(rolling.strategy()).isEqualTo("eb.rolling");
    // 4 instances x 100 = 400 requests/s for 550 of demand: 150/s fail while a batch is out, which
    // is drain 20 s + install 30 s + start 10 s + at most one 15 s check = 60..75 s, 3 times
    assertThat(rolling.traffic().failedRequests()).isBetween(150L * 60 * 3, 150L * 75 * 3);
    assertThat(rolling.traffic().downtimeSeconds()).isZero();
    Summary extra = run("eb-rolling-hot.yaml", "eb.rolling-additional-batch");
    assertThat(extra.capacity().minInServiceInstances()).isGreaterThanOrEqualTo(6);
    assertThat(extra.traffic().failedRequests()).isZero();
  }

  /** Rolling without a batch size deploys 100% in one batch (the API default): downtime after all. */
  @Test
  void rollingWithTheDefaultBatchSizeHasDowntime() {
    Summary s = run("eb-rolling-default-batch.yaml");
    assertThat(s.capacity().minInServiceInstances()).isZero();
    // one batch: drain 20 s + install 30 s + start 10 s with no instance attached = 60 s
    assertThat(s.traffic().downtimeSeconds()).isCloseTo(60.0, within(1.0));
    // drain 20 s + install 30 s + start 10 s + 120 s health gate = 180 s
    assertThat(duration(s)).isEqualTo(180.0);
  }

  /**
   * "Immutable for when new and old versions must not be mixed": the simulator shows the opposite.
   * The first new instance serves beside the old ones while Elastic Beanstalk waits for its health
   * gate, then five more join; the old ones leave at the very end.
   */
  @Test
  void immutableServesBothVersionsSideBySide() {
    Summary s = run("eb-immutable-mixed.yaml");
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // at least: first instance's health gate 120 s + the others' install 30 s + start 10 s + gate 120 s
    assertThat(s.mixedVersionSeconds()).isGreaterThanOrEqualTo(280.0);
    // the only policy here with no mixing at all is all at once (every instance switches together)
    assertThat(run(POLICIES, "eb.all-at-once").mixedVersionSeconds()).isZero();
  }
}
