package dev.deploysim.strategies.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.deploysim.result.Outcome;
import dev.deploysim.result.RunResult;
import dev.deploysim.result.TimelineEvent;
import dev.deploysim.testing.ScenarioYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MinInstancesInService against every combination of signal settings. The documented rule
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatepolicy.html,
 * docs/platforms/cloudformation.md): MinInstancesInService is "the minimum number of instances that
 * must be in service within the Auto Scaling group while AWS CloudFormation updates old instances".
 * Signals decide when a batch's new instances count as updated; they do not lift that minimum.
 *
 * <p>The InService count is read from the timeline the run writes (events.log): an instance is
 * InService in the group from its "InService" line until its "terminating" line; the count is taken
 * at the end of each instant, from the deployment's start to UPDATE_COMPLETE.
 */
class MinInstancesInServiceTest {
  static final String TYPE = "cloudformation.rolling-update";
  static final int INSTANCES = 6;

  /** The least number of instances InService in blue-asg at the end of an instant during the update. */
  static int fewestInServiceDuringUpdate(RunResult r) {
    TreeSet<String> inService = new TreeSet<>();
    for (int k = 1; k <= INSTANCES; k++) {
      inService.add(String.format("i-%04d", k)); // the fleet at time 0
    }
    double start = Double.NaN;
    double end = Double.NaN;
    int fewest = Integer.MAX_VALUE;
    List<TimelineEvent> events = r.timeline();
    for (int k = 0; k < events.size(); k++) {
      TimelineEvent e = events.get(k);
      String m = e.message();
      if (m.startsWith("deployment started")) {
        start = e.time();
      }
      if (m.equals("stack update complete (UPDATE_COMPLETE)")) {
        end = e.time();
      }
      if (m.startsWith("blue-asg i-") && m.endsWith(" InService")) {
        inService.add(m.split(" ")[1]);
      } else if (m.startsWith("blue-asg terminating i-")) {
        inService.remove(m.split(" ")[2]);
      }
      boolean lastOfInstant = k + 1 == events.size() || events.get(k + 1).time() > e.time();
      if (lastOfInstant && !Double.isNaN(start) && (Double.isNaN(end) || e.time() <= end)) {
        fewest = Math.min(fewest, inService.size());
      }
    }
    assertThat(end).as("UPDATE_COMPLETE logged").isNotNaN();
    return fewest;
  }

  static Stream<Arguments> combinations() {
    List<Arguments> out = new ArrayList<>();
    // signal settings: none (PauseTime 0 or 1 minute), or WaitOnResourceSignals with every
    // MinSuccessfulInstancesPercent class (none needed, some, all) and both ways of signalling
    List<Object[]> signals = new ArrayList<>();
    signals.add(new Object[] {false, null, null, "PT0S"});
    signals.add(new Object[] {false, null, null, "PT1M"});
    for (int percent : new int[] {0, 50, 100}) {
      for (String mode : new String[] {"healthCheck", "appStarted"}) {
        signals.add(new Object[] {true, percent, mode, "PT5M"});
      }
    }
    // (MaxBatchSize, MinInstancesInService): the defaults; 6 - 4 = 2 may leave; 6 - 5 = 1 caps the
    // batch below MaxBatchSize; 6 = desired: the group is raised to 6 + 4 first
    int[][] sizes = {{1, 0}, {2, 4}, {2, 5}, {4, 6}};
    for (Object[] sig : signals) {
      for (int[] size : sizes) {
        // a launch hook of 60 s keeps a new instance in Pending:Wait until 100 s after its launch,
        // 20 s after its application started (and an appStarted signal was sent)
        for (boolean hook : new boolean[] {false, true}) {
          out.add(Arguments.of(sig[0], sig[1], sig[2], sig[3], size[0], size[1], hook));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "signals {0}, {1}%, {2}, PauseTime {3}, MaxBatchSize {4}, MinInstancesInService {5}, hook {6}")
  @MethodSource("combinations")
  void minInstancesInServiceHoldsWhateverTheSignals(boolean signals, Integer percent, String mode, String pause,
      int maxBatch, int min, boolean hook) {
    ScenarioYaml s = StackScenario.of(TYPE, INSTANCES).set("fleet.maxSize", 10).param("maxBatchSize", maxBatch)
        .param("minInstancesInService", min).param("pauseTime", pause);
    if (signals) {
      s.param("waitOnResourceSignals", true).param("minSuccessfulInstancesPercent", percent).param("signal", mode);
    }
    if (hook) {
      s.lifecycleHook("{transition: launching, completesAfter: 60s, result: CONTINUE}");
    }
    RunResult r = s.run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.summary().finalVersions()).isEqualTo(Map.of("v2", INSTANCES));
    assertThat(fewestInServiceDuringUpdate(r)).isGreaterThanOrEqualTo(min);
  }

  @Test
  void zeroSignalsNeededStillWaitsForMinInstancesInService() {
    // The reported case: 6 instances, MaxBatchSize 2, MinInstancesInService 4, signals with
    // PauseTime PT3M and MinSuccessfulInstancesPercent 0. New instances are InService 80 s after
    // their launch; old ones drain 20 s.
    //   60 s  batch 1: 4 others InService >= 4: terminate 2, launch 2 (InService at 140 s)
    //   80 s  batch 1's old pair gone; batch 2 would leave 2 InService: wait
    //  140 s  batch 1's pair InService: 4 others, batch 2 goes (its new pair InService at 220 s)
    //  220 s  batch 3 goes; its old pair is gone at 240 s: UPDATE_COMPLETE, 180 s after the start
    RunResult r = StackScenario.of(TYPE, INSTANCES).param("maxBatchSize", 2).param("minInstancesInService", 4)
        .param("waitOnResourceSignals", true).param("pauseTime", "PT3M").param("minSuccessfulInstancesPercent", 0)
        .run();
    assertThat(r.summary().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(r.summary().deployment().durationSeconds()).isCloseTo(80 + 80 + 20, within(1e-6));
    assertThat(fewestInServiceDuringUpdate(r)).isEqualTo(4);
    assertThat(r.timeline()).anySatisfy(e -> {
      assertThat(e.time()).isCloseTo(80, within(1e-6));
      assertThat(e.message()).startsWith("batch 2 of 3: waiting until 4 instance(s) besides");
    });
  }
}
