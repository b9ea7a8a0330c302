package dev.deploysim.strategies.eb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.Summary;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.testing.ScenarioYaml;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rolling deployments while a target-tracking policy scales the group out
 * (docs/scaling.md#deployments-under-scaling). The test system (6 instances of 100 requests/s)
 * carries 250 requests/s until 6 minutes, then 400; the deployment starts at 5 minutes in batches
 * of 2 and the policy tracks 50% CPU.
 *
 * <p>From 6 minutes on, every one-minute datapoint averages the 6 InService instances: the 4
 * serving ones carry 400/4 = 100 requests/s each (100%), the detached batch 0%, so the average is
 * 400 / 600 = 66.7% (the same as when all 6 serve). Three datapoints above 50% (the default
 * scale-out count), at 7, 8 and 9 minutes, scale out at 540 s to ceil(6 x 66.7 / 50) = 8
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html). The two
 * new instances are InService at 540 + 40 (launch) + 30 (install) + 10 (start) = 620 s, while the
 * deployment still works on its third batch (it ends after 14 minutes).
 */
class EbScalingTest {
  static final double SCALE_OUT = 540;

  static ScenarioYaml underScaling(String type) {
    return EbScenarios.of(type).param("batchSize", 2)
        .remove("traffic.rps")
        .set("traffic.pattern", "{steps: [{at: 0s, rps: 250}, {at: 6m, rps: 400}]}")
        .append("fleet.scaling", "{type: target-tracking, metric: cpu, target: 50}")
        .set("horizon", "20m");
  }

  static final Pattern TO = Pattern.compile("desired \\d+ -> (\\d+)");

  static List<TimelineEvent> activities(RunResult r) {
    return r.timeline().stream().filter(e -> e.message().contains("scaling activity")).toList();
  }

  @Test
  void scaleOutsDuringARollingDeploymentKeepTheLastSuccessfulVersionAndAreNotUpdated() {
    RunResult r = underScaling("eb.rolling").run();
    Summary s = r.summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(activities(r)).singleElement().satisfies(e -> {
      assertThat(e.time()).isEqualTo(SCALE_OUT);
      assertThat(e.message()).contains("desired 6 -> 8");
    });
    assertThat(s.deployment().endSeconds()).isGreaterThan(SCALE_OUT + 40 + 30 + 10);
    // the 6 instances the deployment started with run v2; the 2 launched meanwhile keep v1
    assertThat(s.finalVersions()).isEqualTo(Map.of("v1", 2, "v2", 6));
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message())
        .startsWith("not updated: i-0007, i-0008 launched into blue-asg during the deployment with v1"));
  }

  @Test
  void withNewVersionTheScaleOutsBootWithTheVersionBeingDeployed() {
    Summary s = underScaling("eb.rolling").param("launchedDuringDeployment", "new-version").run().summary();
    assertThat(s.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.scaling().maxDesired()).isEqualTo(8);
    assertThat(s.finalVersions()).isEqualTo(Map.of("v2", 8));
  }

  @Test
  void theAdditionalBatchComesOffWhatAScalingPolicyAddedMeanwhileNotBackToTheStart() {
    // 6 + 2 (the additional batch) = 8, so 400 requests/s is 50% at most: no scale-out until
    // demand rises to 700 requests/s (87.5% of 8 serving instances). Whatever the policy adds, the
    // cleanup removes exactly one batch of 2 from the desired capacity it finds
    RunResult r = underScaling("eb.rolling-additional-batch")
        .set("traffic.pattern", "{steps: [{at: 0s, rps: 250}, {at: 6m, rps: 700}]}").run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    double end = r.summary().deployment().endSeconds();
    int before = 8;
    for (TimelineEvent e : activities(r)) {
      if (e.time() < end) {
        Matcher m = TO.matcher(e.message());
        assertThat(m.find()).isTrue();
        before = Integer.parseInt(m.group(1));
      }
    }
    assertThat(before).as("the policy scaled out during the deployment").isGreaterThan(8);
    String lowering = "lowering blue-asg desired capacity " + before + " -> " + (before - 2);
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.message()).contains(lowering));
  }
}
